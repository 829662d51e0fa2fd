"""Plan figures in and out of spreadsheets: CSV export and import of measurements and projects.

The same format goes out and comes in, so export → edit in Excel → import round-trips:

- UTF-8, with or without the byte-order mark Excel writes ("CSV UTF-8"); exports carry the mark.
  A file that is not UTF-8 is read as GB18030 (a superset of GBK: what Excel and WPS on a Chinese
  Windows write as "CSV (逗号分隔)").
- Headers in English or Chinese (``metric`` or ``指标``…), in any order; optional columns may be
  left out, unknown columns are refused. Exports speak the language they are made in: a Chinese
  admin gets Chinese headers, qualifier, status and yes/no words; the import reads either
  language and the codes.
- A figure given only in words (no value published, the note says what was) goes out and
  comes back as such: a row without a value is accepted when its note is not empty.
- Cells that a spreadsheet would run as a formula (starting with ``= + - @`` or a tab/return)
  are exported with a leading ``'``; the import removes that guard again.
- The import is planned first (what will be added, what will change, every error with its row
  number) and applied only if the whole file is valid, in one transaction, with bulk queries.
"""

import csv
import datetime
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from yuzhong_site.core.csv_cells import guard_cell, unguard_cell
from yuzhong_site.core.text import strip_control_characters
from yuzhong_site.core.validators import web_url_validator

from .editorial import editable_pillar_ids
from .models import Measurement, Metric, PillarPage, Project, ProjectStatusReport
from .models.data import _not_in_future as check
from .status import ProjectStatus, ValueQualifier

MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 50_000
TRUE_WORDS = {"1", "yes", "y", "true", "是", "对", "x", "✓"}
FALSE_WORDS = {"", "0", "no", "n", "false", "否"}


class CsvFileError(Exception):
    """The file as a whole cannot be read (encoding, size, header)."""


# ------------------------------------------------------------------------------ columns


@dataclass(frozen=True)
class Column:
    name: str
    aliases: tuple = ()
    required: bool = False

    def names(self):
        return (self.name, *self.aliases)

    def header(self, language):
        """The column's heading in an export made in ``language``: the first Chinese alias for
        Chinese, the code for English."""
        return self.aliases[0] if language.startswith("zh") and self.aliases else self.name


MEASUREMENT_COLUMNS = (
    Column("metric", ("指标", "指标标识", "metric slug"), required=True),
    Column("year", ("年份", "年度")),
    Column("period", ("时期", "统计时期")),
    Column("date", ("日期",)),
    Column("value", ("数值", "数据"), required=True),
    Column("approximate", ("约数", "近似")),
    Column("qualifier", ("限定词", "数值限定")),
    Column("source", ("来源",)),
    Column("source_url", ("来源链接",)),
    Column("note", ("备注",)),
)

PROJECT_COLUMNS = (
    Column("slug", ("项目", "项目标识", "project"), required=True),
    Column("pillar", ("定位", "支柱")),
    Column("name_zh_hans", ("名称", "中文名称", "name")),
    Column("name_en", ("英文名称",)),
    Column("status", ("状态",)),
    Column("progress", ("进度", "进度(%)")),
    Column("start_date", ("开工日期", "开始日期")),
    Column("planned_completion", ("计划完成日期",)),
    Column("planned_completion_year", ("计划完成年份",)),
    Column("actual_completion", ("实际完成日期",)),
    Column("summary_zh_hans", ("摘要", "中文摘要")),
    Column("summary_en", ("英文摘要",)),
    # A status with a date, a source and its link becomes a new dated status report.
    Column("status_date", ("状态日期",)),
    Column("status_source", ("状态来源",)),
    Column("status_source_url", ("状态来源链接",)),
    Column("status_note", ("状态备注",)),
)

COLUMNS = {"measurements": MEASUREMENT_COLUMNS, "projects": PROJECT_COLUMNS}


def _normal(header):
    return re.sub(r"\s+", " ", (header or "").strip().lstrip("\ufeff")).lower()


# ------------------------------------------------------------------------- cell helpers


def format_decimal(value):
    if value is None:
        return ""
    text = format(value.normalize(), "f")
    return text


def parse_decimal(text, max_digits=20, decimal_places=4):
    cleaned = text.replace(",", "").replace("，", "").replace(" ", "")
    try:
        number = Decimal(cleaned)
    except InvalidOperation:
        return None
    if not number.is_finite():
        return None
    exponent = number.as_tuple().exponent
    if isinstance(exponent, int) and -exponent > decimal_places:
        return None
    if abs(number) >= Decimal(10) ** (max_digits - decimal_places):
        return None
    return number


DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日")


def parse_date(text):
    for pattern in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def parse_year(text):
    if not re.fullmatch(r"\d{4}", text):
        return None
    year = int(text)
    return year if 1949 <= year <= 2100 else None


# The messages for a cell that does not parse (the same wherever the column comes).


def _not_a_date(text):
    return _("“%(value)s” is not a date; write it as 2021-01-25.") % {"value": text}


def _not_a_year(text):
    return _("“%(value)s” is not a year between 1949 and 2100.") % {"value": text}


def _not_a_web_address(text):
    return _("“%(value)s” is not a web address starting with http:// or https://.") % {"value": text}


# ------------------------------------------------------------------------------- reading


def decode(data):
    """The text of an uploaded file: UTF-8 with or without a BOM, at most ``MAX_BYTES``."""
    if len(data) > MAX_BYTES:
        raise CsvFileError(
            _("The file is too large (%(size)s MB). The limit is %(limit)s MB: split it into smaller files.")
            % {"size": round(len(data) / 1024 / 1024, 1), "limit": MAX_BYTES // 1024 // 1024}
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        try:
            return data.decode("gb18030")
        except UnicodeDecodeError:
            pass
        raise CsvFileError(
            _(
                "The file is neither UTF-8 nor GBK text. In Excel choose “Save as” → “CSV UTF-8 (comma "
                "delimited)”; in WPS choose UTF-8 encoding. (First unreadable byte at position %(position)s.)"
            )
            % {"position": error.start}
        ) from error


def read_table(text, columns):
    """``(header_map, rows)``: which column index holds which field, and the data rows as
    ``(line_number, cells)``. Raises ``CsvFileError`` for a bad header or too many rows."""
    if "\x00" in text:
        raise CsvFileError(_("The file contains binary data; it is not a CSV file."))
    reader = csv.reader(io.StringIO(text, newline=""))
    header_map = _header_map(_header(reader), columns)
    return header_map, _data_rows(reader)


def _header(reader):
    """The first line's cells."""
    try:
        return next(reader)
    except StopIteration:
        raise CsvFileError(_("The file is empty.")) from None
    except csv.Error as error:
        raise CsvFileError(_("The file could not be read as CSV: %(error)s") % {"error": error}) from None


def _header_map(header, columns):
    """``{column index: field name}``; every unknown, repeated or missing column is named in
    one ``CsvFileError``, so the editor can fix the header in one go."""
    lookup = {}
    for column in columns:
        for name in column.names():
            lookup[_normal(name)] = column.name
    header_map = {}
    problems = []
    for position, title in enumerate(header):
        if not _normal(title):
            continue
        name = lookup.get(_normal(title))
        if name is None:
            problems.append(
                _("Column “%(column)s” is not one we know. Remove it or rename it to one of: %(known)s.")
                % {"column": title, "known": ", ".join(c.name for c in columns)}
            )
        elif name in header_map.values():
            problems.append(_("Column “%(column)s” appears twice.") % {"column": title})
        else:
            header_map[position] = name
    for column in columns:
        if column.required and column.name not in header_map.values():
            problems.append(
                _("The column “%(column)s” (or “%(alias)s”) is missing.")
                % {"column": column.name, "alias": column.aliases[0] if column.aliases else column.name}
            )
    if problems:
        raise CsvFileError(" ".join(problems))
    return header_map


def _data_rows(reader):
    """The remaining non-blank lines as ``(line_number, cells)``, at most ``MAX_ROWS``."""
    rows = []
    try:
        for cells in reader:
            if not any(cell.strip() for cell in cells):
                continue
            if len(rows) >= MAX_ROWS:
                raise CsvFileError(
                    _("The file has more than %(limit)s rows. Split it into smaller files.")
                    % {"limit": f"{MAX_ROWS:,}"}
                )
            rows.append((reader.line_num, cells))
    except csv.Error as error:
        raise CsvFileError(
            _("Line %(line)s could not be read as CSV: %(error)s") % {"line": reader.line_num, "error": error}
        ) from None
    return rows


def _record(header_map, cells):
    record = {
        name: strip_control_characters(unguard_cell(cells[i])) if i < len(cells) else ""
        for i, name in header_map.items()
    }
    extra = [cell for i, cell in enumerate(cells) if i not in header_map and cell.strip()]
    return record, extra


# ------------------------------------------------------------------------------ planning


@dataclass
class RowError:
    line: int
    message: str


@dataclass
class Change:
    """One row's effect: ``kind`` is "add" or "change"; ``fields`` {name: (old, new)}."""

    kind: str
    line: int
    label: str
    fields: dict
    obj: object = None


@dataclass
class ImportPlan:
    kind: str
    file_error: str = ""
    errors: list = field(default_factory=list)
    changes: list = field(default_factory=list)
    unchanged: int = 0
    rows: int = 0

    @property
    def is_valid(self):
        return not self.file_error and not self.errors

    @property
    def adds(self):
        return [c for c in self.changes if c.kind == "add"]

    @property
    def updates(self):
        return [c for c in self.changes if c.kind == "change"]

    def summary(self):
        if self.file_error:
            return self.file_error
        if self.errors:
            return _("%(count)s rows have errors; nothing was saved.") % {"count": len({e.line for e in self.errors})}
        return _("%(rows)s rows: %(added)s to add, %(changed)s to change, %(same)s unchanged.") % {
            "rows": self.rows,
            "added": len(self.adds),
            "changed": len(self.updates),
            "same": self.unchanged,
        }


def pending_draft_message(obj):
    """Why a row for a record with a pending draft is refused (the draft, published later,
    would bring back the figures it was started from)."""
    return _(
        "“%(record)s” has unpublished changes (a draft). Importing now would be undone when that "
        "draft is published: publish or discard the draft in the admin first, then import again."
    ) % {"record": obj.slug}


def _can_edit(user, pillar_id):
    if user is None or user.is_superuser:
        return True
    return pillar_id in editable_pillar_ids(user)


def plan_import(kind, data, user=None):
    """Read ``data`` (bytes) and work out what importing it would do, without saving."""
    plan = ImportPlan(kind=kind)
    try:
        text = decode(data) if isinstance(data, bytes) else data
        header_map, rows = read_table(text, COLUMNS[kind])
    except CsvFileError as error:
        plan.file_error = str(error)
        return plan
    plan.rows = len(rows)
    planner = _plan_measurements if kind == "measurements" else _plan_projects
    planner(plan, header_map, rows, user)
    return plan


def _extra_cells_error(plan, line, extra):
    if extra:
        plan.errors.append(
            RowError(line, _("This row has more cells than there are columns (%(extra)s).") % {"extra": ", ".join(extra[:3])})
        )
        return True
    return False


def _records(plan, header_map, rows):
    """The rows as ``(line, {field: cell})``; a row with more cells than columns is an error."""
    records = []
    for line, cells in rows:
        record, extra = _record(header_map, cells)
        if not _extra_cells_error(plan, line, extra):
            records.append((line, record))
    return records


MEASUREMENT_LIMITS = (("period", 100), ("source", 255), ("note", 255), ("source_url", 200))


def _plan_measurements(plan, header_map, rows, user):
    records = _records(plan, header_map, rows)
    metrics = _metrics_named({record.get("metric", "") for _line, record in records})
    existing = {
        (m.metric_id, m.year, m.period_zh_hans or ""): m
        for m in Measurement.objects.filter(metric__in={m.pk for m in metrics.values()})
    }
    present = set(header_map.values())
    seen = {}
    for line, record in records:
        problems = []
        metric = metrics.get(record.get("metric", ""))
        _check_metric(record, metric, user, problems)
        date, year = _date_and_year(record, problems)
        value = parse_decimal(record.get("value", "")) if record.get("value") else None
        qualifier = _qualifier(record.get("qualifier", ""), problems)
        problems.extend(_future_problems(date, year))
        if record.get("source_url") and not _is_web_url(record["source_url"]):
            problems.append(_not_a_web_address(record["source_url"]))
        _check_value(record, value, qualifier, problems)
        qualifier = _approximate(record, qualifier, problems)
        problems.extend(_too_long(record, MEASUREMENT_LIMITS))
        period = record.get("period", "")
        if metric is not None and year is not None:
            _check_repeated_measurement(seen, (metric.pk, year, period), line, problems)
        if problems:
            plan.errors.extend(RowError(line, message) for message in problems)
            continue
        new = _measurement_fields(record, present, value, date, qualifier)
        current = existing.get((metric.pk, year, period))
        _plan_measurement_change(plan, line, metric, year, period, new, current)


def _metrics_named(names):
    """``{name: metric}`` for the metrics a file names, by slug or by Chinese name."""
    metrics = {m.slug: m for m in Metric.objects.filter(slug__in=names)}
    # Chinese names are accepted as well as slugs.
    missing = names - set(metrics)
    if missing:
        for metric in Metric.objects.filter(name_zh_hans__in=missing):
            metrics.setdefault(metric.name_zh_hans, metric)
    return metrics


def _check_metric(record, metric, user, problems):
    """The row names a known metric that ``user`` may change and that has no pending draft."""
    if not record.get("metric"):
        problems.append(_("The metric is empty."))
    elif metric is None:
        problems.append(
            _("Unknown metric “%(metric)s”: use the metric's slug (web address) as in the export.")
            % {"metric": record["metric"]}
        )
    elif not _can_edit(user, metric.pillar_id):
        problems.append(
            _("You may not change the figures of “%(metric)s” (another pillar).") % {"metric": metric.slug}
        )
    elif metric.has_unpublished_changes:
        problems.append(pending_draft_message(metric))


def _date_and_year(record, problems):
    """The row's day (optional) and year (from the year column, else from the day)."""
    date = None
    if record.get("date"):
        date = parse_date(record["date"])
        if date is None:
            problems.append(_not_a_date(record["date"]))
    year = None
    if record.get("year"):
        year = parse_year(record["year"])
        if year is None:
            problems.append(_not_a_year(record["year"]))
    elif date is not None:
        year = date.year
    elif not record.get("date"):
        problems.append(_("Give a year or a date."))
    if year and date and date.year != year:
        problems.append(_("The date %(date)s is not in the year %(year)s.") % {"date": date, "year": year})
    return date, year


def _future_problems(date, year):
    """A figure reports what has happened: a day in the future, or else a year in the future."""
    future = {}
    _not_in_future(future, "date", day=date)
    if not future:
        _not_in_future(future, "year", year=year)
    return [str(message) for message in future.values()]


def _check_value(record, value, qualifier, problems):
    """The figure is a number, or else the note says what was published (a figure given only
    in words, or none at all); a qualifier alone says nothing."""
    if not record.get("value") and qualifier:
        problems.append(_("A qualifier needs a value: enter the figure or clear the qualifier."))
    elif not record.get("value") and not record.get("note"):
        problems.append(
            _("The value is empty. Enter the figure, or, when none was published as a number, say in the note what was published.")
        )
    elif record.get("value") and value is None:
        problems.append(
            _("“%(value)s” is not a number (use digits and a decimal point, at most 4 decimals, e.g. 23421.18).")
            % {"value": record["value"]}
        )


def _approximate(record, qualifier, problems):
    """``qualifier``, as the older "approximate" column (yes/no) may complete it."""
    approximate_text = record.get("approximate", "").lower()
    if approximate_text in TRUE_WORDS:
        # The older column: "approximate" means "close to", unless a qualifier says more.
        return qualifier or ValueQualifier.CLOSE_TO
    if approximate_text not in FALSE_WORDS:
        problems.append(
            _("“%(value)s” in “approximate” should be yes or no (是/否).") % {"value": record["approximate"]}
        )
    return qualifier


def _too_long(record, limits):
    """A message for each ``(column, limit)`` whose cell is longer than its limit."""
    return [
        _("“%(column)s” is longer than %(limit)s characters.") % {"column": name, "limit": limit}
        for name, limit in limits
        if len(record.get(name, "")) > limit
    ]


def _check_repeated_measurement(seen, key, line, problems):
    """``key`` (metric, year, period) comes once in a file; ``seen`` holds its first line."""
    if key in seen:
        problems.append(
            _("Duplicate row: the same metric, year and period as line %(line)s.") % {"line": seen[key]}
        )
    else:
        seen[key] = line


def _measurement_fields(record, present, value, date, qualifier):
    """The figure's new field values, for the columns the file has."""
    new = {
        "value": value,
        "date": date,
        "qualifier": qualifier,
        "source_name_zh_hans": record.get("source", ""),
        "source_url": record.get("source_url", ""),
        "note_zh_hans": record.get("note", ""),
    }
    # Columns left out of the file leave the stored values alone.
    column_of = {"value": "value", "date": "date",
                 "source_name_zh_hans": "source", "source_url": "source_url", "note_zh_hans": "note"}
    return {
        name: v
        for name, v in new.items()
        if (name == "qualifier" and ({"qualifier", "approximate"} & present))
        or column_of.get(name) in present
    }


def _plan_measurement_change(plan, line, metric, year, period, new, current):
    """Plan a new figure, or the change of ``current`` (the stored one), or count it unchanged."""
    label = f"{metric.slug} · {year}{' · ' + period if period else ''}"
    if current is None:
        _add_valid_change(
            plan,
            Change("add", line, label, {n: (None, v) for n, v in new.items()},
                   Measurement(metric=metric, year=year, period_zh_hans=period, **new)),
            exclude=["metric"],
        )
        return
    diff = {}
    for name, v in new.items():
        old = getattr(current, name)
        if (old or None) != (v or None) and not (name == "value" and old == v):
            diff[name] = (old, v)
    if diff:
        for name, (_old, v) in diff.items():
            setattr(current, name, v)
        _add_valid_change(plan, Change("change", line, label, diff, current), exclude=["metric"])
    else:
        plan.unchanged += 1


def _qualifier(text, problems):
    """The qualifier of a CSV cell: its code or its label in either language ("" = exact)."""
    from django.utils import translation

    text = (text or "").strip().lower()
    if not text:
        return ValueQualifier.EXACT
    for value, label in ValueQualifier.choices:
        names = {value.lower()}
        for language in ("zh-hans", "en"):
            with translation.override(language):
                names.add(str(label).lower())
                names.add(str(label).split(" (")[0].split("（")[0].lower())
        if text in names:
            return value
    problems.append(
        _("Unknown qualifier “%(value)s”: use one of %(known)s.")
        % {"value": text, "known": ", ".join(v for v, _l in ValueQualifier.choices if v)}
    )
    return ValueQualifier.EXACT


def _not_in_future(errors, field, day=None, year=None):
    check(errors, field, day=day, year=year)


def _is_web_url(text):
    from django.core.exceptions import ValidationError

    try:
        web_url_validator(text)
    except ValidationError:
        return False
    return True


def _status_report(record, present, status, problems, project=None):
    """A new status report from the status columns (None when the row gives no status date, or
    repeats the project's latest report as the export writes it: same status, same date)."""
    text = record.get("status_date", "") if "status_date" in present else ""
    if not text:
        return None
    date = parse_date(text)
    if date is None:
        problems.append(_not_a_date(text))
        return None
    unchanged = project is not None and project.status_date == date and project.status == (status or project.status)
    if unchanged and _repeats_latest_report(record, project):
        return None
    if (
        project is not None
        and not unchanged
        and project.status_date == date
        and _repeats_latest_report(record, project)
    ):
        problems.append(
            _("A new status needs its own report: give its date and its source (the date, source and link in this row are those of the previous report).")
        )
        return None
    future = {}
    _not_in_future(future, "status_date", day=date)
    problems.extend(str(message) for message in future.values())
    if status is None:
        problems.append(_("A status date needs a status."))
    source, url = record.get("status_source", ""), record.get("status_source_url", "")
    if not source:
        problems.append(_("A status report needs its source."))
    if url and not _is_web_url(url):
        problems.append(_not_a_web_address(url))
    return {"date": date, "status": status, "source_name_zh_hans": source, "source_name": source,
            "source_url": url, "note_zh_hans": record.get("status_note", ""),
            "note": record.get("status_note", "")}


def _repeats_latest_report(record, project):
    """The status columns say nothing new about the latest report: empty (older exports), or
    its source, link and note as the export writes them."""
    given = (record.get("status_source", ""), record.get("status_source_url", ""), record.get("status_note", ""))
    if not any(given):
        return True
    report = latest_report(project)
    return report is not None and given == tuple(_latest_report_cells(project))


def _add_status_report(project):
    """The dated status report a row asked for, added to ``project``'s history (saved with its
    next save or revision), and the project's status and status date set from it."""
    report = getattr(project, "_csv_report", None)
    if report is None:
        return
    project.status_reports.add(ProjectStatusReport(sort_order=1000, **report))
    project.status, project.status_date, project.status_precision = (
        report["status"], report["date"], "day",
    )


PROJECT_DATE_FIELDS = ("start_date", "planned_completion", "actual_completion")
PROJECT_RELATIONS = ["goals", "districts"]
WEB_SCHEMES = ("http", "https")


def model_errors(obj, exclude=()):
    """The admin's own validation of ``obj`` (``full_clean``: field types, lengths, choices, URL
    validators, ``clean()`` rules such as date order), as readable messages; plus: links must be
    web addresses (http or https), never ``javascript:`` or ``data:``."""
    from django.core.exceptions import ValidationError
    from django.db import models

    messages = []
    flagged = set()
    try:
        obj.full_clean(exclude=list(exclude), validate_unique=True)
    except ValidationError as error:
        flagged = set(error.message_dict)
        for name, problems in error.message_dict.items():
            try:
                label = str(obj._meta.get_field(name).verbose_name)
            except Exception:  # noqa: BLE001 - NON_FIELD_ERRORS and the like
                label = ""
            for problem in problems:
                messages.append(f"{label}: {problem}" if label else problem)
    for model_field in obj._meta.concrete_fields:
        if isinstance(model_field, models.URLField) and model_field.name not in flagged:
            value = getattr(obj, model_field.attname) or ""
            if value and value.split(":", 1)[0].lower() not in WEB_SCHEMES:
                messages.append(
                    _("“%(value)s” is not a web address: links must start with http:// or https://.")
                    % {"value": value[:80]}
                )
    return messages


def _add_valid_change(plan, change, exclude=()):
    """Record ``change`` if its object passes the model's validation, else its errors."""
    problems = model_errors(change.obj, exclude)
    if problems:
        plan.errors.extend(RowError(change.line, message) for message in problems)
    else:
        plan.changes.append(change)


def _status_lookup():
    from django.utils import translation

    lookup = {}
    for value, label in ProjectStatus.choices:
        lookup[value.lower()] = value
        for language in ("zh-hans", "en"):
            with translation.override(language):
                lookup[str(label).lower()] = value
    return lookup


PROJECT_SLUG = re.compile(r"^[-a-zA-Z0-9_]+$")
PROJECT_TEXT_LIMITS = (
    ("name_zh_hans", 255), ("name_en", 255), ("summary_zh_hans", 300), ("summary_en", 300),
)


def _plan_projects(plan, header_map, rows, user):
    from django.conf import settings

    present = set(header_map.values())
    records = _records(plan, header_map, rows)
    projects = {
        p.slug: p
        for p in Project.objects.filter(slug__in={r.get("slug") for _l, r in records}).prefetch_related(
            "status_reports"
        )
    }
    pillars = {
        p.key: p
        for p in PillarPage.objects.filter(locale__language_code=settings.LANGUAGE_CODE).order_by("-path")
    }
    statuses = _status_lookup()
    seen = {}
    for line, record in records:
        problems = []
        slug = record.get("slug", "")
        project = projects.get(slug)
        _check_project_slug(slug, seen, line, problems)
        new, report = _project_fields(record, present, pillars, statuses, project, problems)
        if project is None and not problems and ("pillar" not in new or not new.get("name_zh_hans")):
            problems.append(_("A new project needs a pillar and a Chinese name."))
        _check_project_access(new, project, user, problems)
        if problems:
            plan.errors.extend(RowError(line, message) for message in problems)
            continue
        _plan_project_change(plan, line, slug, new, report, project)


def _check_project_slug(slug, seen, line, problems):
    """A valid slug, once in the file (``seen`` holds each slug's first line)."""
    if not slug or not PROJECT_SLUG.match(slug) or len(slug) > 100:
        problems.append(
            _("“%(value)s” is not a valid project slug (letters, digits and hyphens).") % {"value": slug}
        )
    elif slug in seen:
        problems.append(_("Duplicate row: the same project as line %(line)s.") % {"line": seen[slug]})
    else:
        seen[slug] = line


def _project_fields(record, present, pillars, statuses, project, problems):
    """The project's new field values, for the columns the file has (the others keep their
    stored values), and the status report the row asks for."""
    new = {}
    if "pillar" in present:
        _project_pillar(record["pillar"], pillars, new, problems)
    problems.extend(_too_long(record, PROJECT_TEXT_LIMITS))
    new.update((name, record[name]) for name, _limit in PROJECT_TEXT_LIMITS if name in present)
    if "status" in present:
        _project_status(record["status"], statuses, new, problems)
    report = _status_report(record, present, new.get("status"), problems, project)
    if "progress" in present:
        _project_progress(record["progress"], new, problems)
    # An empty date or year clears the stored one.
    for name in PROJECT_DATE_FIELDS:
        if name in present:
            new[name] = _optional(record[name], parse_date, _not_a_date, problems)
    if "planned_completion_year" in present:
        new["planned_completion_year"] = _optional(
            record["planned_completion_year"], parse_year, _not_a_year, problems
        )
    return new, report


def _project_pillar(text, pillars, new, problems):
    pillar = pillars.get(text.lower())
    if pillar is None:
        problems.append(
            _("Unknown pillar “%(value)s”: use one of %(known)s.")
            % {"value": text, "known": ", ".join(sorted(pillars))}
        )
    else:
        new["pillar"] = pillar


def _project_status(text, statuses, new, problems):
    status = statuses.get(text.lower())
    if status is None:
        problems.append(
            _("Unknown status “%(value)s”: use one of %(known)s.")
            % {"value": text, "known": ", ".join(sorted({v for v in statuses.values()}))}
        )
    else:
        new["status"] = status


def _project_progress(text, new, problems):
    """Per cent, a whole number (“50%” is read as 50); an empty cell clears it."""
    digits = text.rstrip("%")
    if not digits:
        new["progress"] = None
    elif digits.isdigit() and 0 <= int(digits) <= 100:
        new["progress"] = int(digits)
    else:
        problems.append(_("Progress “%(value)s” should be a whole number from 0 to 100.") % {"value": text})


def _optional(text, parse, message, problems):
    """``parse(text)``, None for an empty cell; a cell that does not parse is a problem (and None)."""
    if not text:
        return None
    value = parse(text)
    if value is None:
        problems.append(message(text))
    return value


def _check_project_access(new, project, user, problems):
    """``user`` may change projects of the row's pillar and of the project's current one, and
    the project has no pending draft."""
    target_pillar = new.get("pillar") or (project.pillar if project else None)
    if target_pillar is not None and not _can_edit(user, target_pillar.pk):
        problems.append(_("You may not change the projects of this pillar."))
    if project is not None and not _can_edit(user, project.pillar_id):
        problems.append(_("You may not change the projects of this pillar."))
    elif project is not None and project.has_unpublished_changes:
        problems.append(pending_draft_message(project))


def _plan_project_change(plan, line, slug, new, report, project):
    """Plan a new project, or the change of ``project``, or count it unchanged."""
    if project is None:
        # New projects arrive as drafts, to be reviewed and published in the admin.
        obj = Project(slug=slug, live=False, has_unpublished_changes=True, **new)
        obj._csv_report = report
        _add_valid_change(
            plan, Change("add", line, slug, {n: (None, v) for n, v in new.items()}, obj),
            exclude=PROJECT_RELATIONS,
        )
        return
    diff = {}
    for name, value in new.items():
        old = getattr(project, name)
        if (old or None) != (value or None):
            diff[name] = (old, value)
    if report is not None:
        diff["status_report"] = (None, f"{report['date']} {report['status']}")
    if diff:
        for name, (_old, value) in diff.items():
            if name != "status_report":
                setattr(project, name, value)
        project._csv_report = report
        _add_valid_change(plan, Change("change", line, slug, diff, project), exclude=PROJECT_RELATIONS)
    else:
        plan.unchanged += 1


# ------------------------------------------------------------------------------ applying


def apply_import(plan, user=None):
    """Apply a valid plan in one transaction, through revisions: every changed metric (with its
    measurements) or project is saved as a new revision and published, logged with ``user``;
    a new project is saved as a draft revision. Returns ``(added, changed)`` rows."""
    if not plan.is_valid:
        raise ValueError("An import with errors cannot be applied.")
    with transaction.atomic():
        if plan.kind == "measurements":
            _apply_measurements(plan, user)
        else:
            _apply_projects(plan, user)
    return len(plan.adds), len(plan.updates)


def _refuse_if_pending(obj):
    if obj.has_unpublished_changes:
        raise ValueError(pending_draft_message(obj))


def _publish(obj, user):
    revision = obj.save_revision(user=user, log_action=True)
    revision.publish(user=user, skip_permission_checks=True)


def _apply_measurements(plan, user):
    from collections import defaultdict

    by_metric = defaultdict(list)
    for change in plan.changes:
        by_metric[change.obj.metric_id].append(change)
    metrics = Metric.objects.select_for_update().in_bulk(list(by_metric))
    children = defaultdict(list)
    for measurement in Measurement.objects.filter(metric__in=list(by_metric)).order_by("sort_order", "pk"):
        children[measurement.metric_id].append(measurement)
    for metric_id, changes in by_metric.items():
        metric = metrics[metric_id]
        _refuse_if_pending(metric)
        rows = {m.pk: m for m in children[metric_id]}
        for change in changes:
            if change.kind == "change":
                rows[change.obj.pk] = change.obj
        added = [c.obj for c in changes if c.kind == "add"]
        for measurement in added:
            measurement.metric = metric
        metric.measurements = [*rows.values(), *added]
        _publish(metric, user)


def _apply_projects(plan, user):
    for change in plan.changes:
        project = change.obj
        if change.kind == "add":
            # New projects arrive as drafts, to be reviewed and published in the admin.
            project.live = False
            project.has_unpublished_changes = True
            _add_status_report(project)
            project.save()
            project.save_revision(user=user, log_action=True)
            continue
        current = Project.objects.select_for_update().get(pk=project.pk)
        _refuse_if_pending(current)
        for name in change.fields:
            if name != "status_report":
                setattr(current, name, getattr(project, name))
        current._csv_report = getattr(project, "_csv_report", None)
        _add_status_report(current)
        _publish(current, user)


# ------------------------------------------------------------------------------ exporting


def export_rows(kind, queryset=None):
    """Header and rows (already guarded against formulas) for ``kind``, in the active language:
    Chinese headers, qualifier, status and yes/no words in Chinese, codes in English."""
    language = translation.get_language() or "zh-hans"
    qualifiers = {value: str(label) for value, label in ValueQualifier.choices if value}
    yes, no = ("是", "否") if language.startswith("zh") else ("yes", "no")
    if kind == "measurements":
        header = [c.header(language) for c in MEASUREMENT_COLUMNS]
        measurements = (queryset if queryset is not None else Measurement.objects.all()).select_related(
            "metric"
        ).order_by("metric__sort_order", "metric__pk", "year", "sort_order", "pk")
        rows = (
            [
                m.metric.slug,
                m.year,
                m.period_zh_hans or "",
                m.date.isoformat() if m.date else "",
                format_decimal(m.value),
                yes if m.approximate else no,
                qualifiers.get(m.qualifier, ""),
                m.source_name_zh_hans or "",
                m.source_url,
                m.note_zh_hans or "",
            ]
            for m in measurements.iterator(chunk_size=2000)
        )
    else:
        header = [c.header(language) for c in PROJECT_COLUMNS]
        statuses = {value: str(label) for value, label in ProjectStatus.choices}
        projects = (queryset if queryset is not None else Project.objects.all()).select_related("pillar")
        projects = projects.prefetch_related("status_reports").order_by("sort_order", "pk")
        rows = (
            [
                p.slug,
                p.pillar.key,
                p.name_zh_hans or "",
                p.name_en or "",
                statuses.get(p.status, p.status),
                "" if p.progress is None else p.progress,
                p.start_date.isoformat() if p.start_date else "",
                p.planned_completion.isoformat() if p.planned_completion else "",
                p.planned_completion_year or "",
                p.actual_completion.isoformat() if p.actual_completion else "",
                p.summary_zh_hans or "",
                p.summary_en or "",
                p.status_date.isoformat() if p.status_date else "",
                *_latest_report_cells(p),
            ]
            for p in projects.iterator(chunk_size=2000)
        )
    return header, ([guard_cell(cell) for cell in row] for row in rows)


def latest_report(project):
    """The report the project's status and status date come from (None without one)."""
    reports = [
        r for r in project.status_reports.all() if r.date == project.status_date and r.status == project.status
    ]
    return max(reports, key=lambda r: (r.sort_order, r.pk or 0)) if reports else None


def _latest_report_cells(project):
    """Source, link and note of the latest status report: who said so, in the file too."""
    report = latest_report(project)
    if report is None:
        return ["", "", ""]
    return [report.source_name_zh_hans or "", report.source_url or "", report.note_zh_hans or ""]


def write_csv(kind, stream, queryset=None):
    """Write the export to a text ``stream`` (the caller writes the BOM if it wants one)."""
    header, rows = export_rows(kind, queryset)
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(row)


def export_bytes(kind, queryset=None):
    """The export as UTF-8 with a BOM, as Excel expects."""
    stream = io.StringIO()
    write_csv(kind, stream, queryset)
    return ("\ufeff" + stream.getvalue()).encode("utf-8")
