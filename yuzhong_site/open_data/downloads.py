"""The Data page (数据开放 / Open data) and its downloads: CSV and JSON files of every metric
(one at a time or all, with their figures), all projects and all heritage sites.

The language is the URL's: ``/data/…`` gives Chinese texts and Chinese CSV headers,
``/en/data/…`` English texts and English headers — which are the JSON/API field names, so a
developer can move between the two. CSV files are UTF-8 with a byte-order mark (Excel opens them
correctly); text cells that a spreadsheet would run as a formula (starting ``=``, ``+``, ``-``,
``@``, tab or carriage return) are prefixed with ``'``. Numbers are exactly as stored.
"""

import csv
import io
from dataclasses import dataclass

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from yuzhong_site.core.csv_cells import guard_cell

from . import plan_records as plan_data
from . import records as place_data
from .http import NOT_FOUND, ApiError, json_response, open_data_view

LICENCE = {
    "name": "CC BY 4.0",
    "url": "https://creativecommons.org/licenses/by/4.0/",
}


@dataclass(frozen=True)
class Column:
    key: str  # the English header, and the JSON/API field name
    label: object  # gettext_lazy: the Chinese header
    numeric: bool = False


METRIC_COLUMNS = [
    Column("metric_slug", _("Metric code")),
    Column("metric_name", _("Metric")),
    Column("pillar", _("Pillar")),
    Column("figure_type", _("Figure type")),
    Column("year", _("Year"), numeric=True),
    Column("period", _("Period covered")),
    Column("date", _("Date")),
    Column("value", _("Value"), numeric=True),
    Column("qualifier", _("Value qualifier")),
    Column("target_qualifier", _("Target qualifier")),
    Column("approximate", _("Approximate")),
    Column("unit", _("Unit code")),
    Column("unit_label", _("Unit")),
    Column("status", _("Metric status")),
    Column("source_name", _("Source")),
    Column("source_url", _("Source link")),
    Column("source_date", _("Source date")),
    Column("note", _("Note")),
    Column("page_url", _("Web page")),
]
PROJECT_COLUMNS = [
    Column("slug", _("Project code")),
    Column("name", _("Project")),
    Column("pillar", _("Pillar")),
    Column("status", _("Status code")),
    Column("status_label", _("Status")),
    Column("status_date", _("Status as of")),
    Column("status_reports", _("Status reports")),
    Column("progress_percent", _("Progress (%)"), numeric=True),
    Column("start_date", _("Start date")),
    Column("planned_completion", _("Planned completion")),
    Column("planned_completion_year", _("Planned completion year"), numeric=True),
    Column("actual_completion", _("Actual completion")),
    Column("districts", _("District codes")),
    Column("district_names", _("Districts")),
    Column("milestones_count", _("Milestones"), numeric=True),
    Column("milestones_done", _("Milestones done"), numeric=True),
    Column("summary", _("Summary")),
    Column("source_name", _("Source")),
    Column("url_zh_hans", _("Chinese page")),
    Column("url_en", _("English page")),
]
HERITAGE_SITE_COLUMNS = [
    Column("slug", _("Site code")),
    Column("name", _("Name")),
    Column("category", _("Category code")),
    Column("category_label", _("Category")),
    Column("district", _("District code")),
    Column("district_name", _("District")),
    Column("address", _("Address")),
    Column("latitude", _("Latitude"), numeric=True),
    Column("longitude", _("Longitude"), numeric=True),
    Column("coordinates_approximate", _("Coordinates approximate")),
    Column("url_zh_hans", _("Chinese page")),
    Column("url_en", _("English page")),
]


# --- rows --------------------------------------------------------------------------------------


def metric_rows(record):
    """A metric as CSV rows, like the figures table on its page: the baseline, each
    measurement, the target (and one ``no_data`` row when it has none of them)."""
    common = {
        "metric_slug": record["slug"],
        "metric_name": record["name"],
        "pillar": record["pillar"],
        "unit": record["unit"],
        "unit_label": record["unit_label"],
        "status": record["status"],
        "page_url": record["urls"].get(translation.get_language()),
    }
    source = {"source_name": record["source_name"], "source_url": record["source_url"]}
    rows = []
    if record["baseline_value"] is not None:
        rows.append(
            {**common, **source, "figure_type": "baseline", "year": record["baseline_year"],
             "period": record["baseline_label"], "value": record["baseline_value"]}
        )
    for measurement in record["measurements"]:
        rows.append(
            {
                **common,
                "figure_type": "measurement",
                "year": measurement["year"],
                "period": measurement["period"],
                "date": measurement["date"],
                "value": measurement["value"],
                "approximate": measurement["approximate"],
                "qualifier": measurement["qualifier_label"] if measurement["qualifier"] else "",
                "source_name": measurement["source_name"] or record["source_name"],
                "source_url": measurement["source_url"] or record["source_url"],
                "source_date": measurement["source_date"],
                "note": measurement["note"],
            }
        )
    if record["target_value"] is not None:
        rows.append(
            {**common, **source, "figure_type": "target", "year": record["target_year"],
             "value": record["target_value"], "target_qualifier": record["target_qualifier"]}
        )
    if not rows:
        rows.append({**common, **source, "figure_type": "no_data"})
    return rows


def _status_report_text(report):
    source = report["source_name"] + (f" <{report['source_url']}>" if report["source_url"] else "")
    return f"{report['date']} {report['status_label']} ({source})"


def project_row(record):
    return {
        **record,
        # the status history, oldest first: "date status (source <link>)"; one cell
        "status_reports": "; ".join(map(_status_report_text, record["status_reports"])),
        "districts": "; ".join(d["slug"] for d in record["districts"]),
        "district_names": "; ".join(d["name"] for d in record["districts"]),
        "url_zh_hans": record["urls"].get("zh-hans"),
        "url_en": record["urls"].get("en"),
    }


def heritage_site_row(record):
    return {
        **record,
        "url_zh_hans": record["urls"].get("zh-hans"),
        "url_en": record["urls"].get("en"),
    }


# --- CSV ---------------------------------------------------------------------------------------


def csv_text(columns, rows, language):
    buffer = io.StringIO()
    buffer.write("\ufeff")  # byte-order mark: Excel reads the file as UTF-8
    writer = csv.writer(buffer, lineterminator="\r\n")
    with translation.override(language):
        english = language.startswith("en")
        writer.writerow([column.key if english else str(column.label) for column in columns])
    for row in rows:
        writer.writerow([guard_cell(row.get(column.key)) for column in columns])
    return buffer.getvalue()


def _filename(name, language, extension):
    return f"yuzhong-{name}-{language}.{extension}"


def csv_response(name, columns, rows, language):
    response = HttpResponse(csv_text(columns, rows, language), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(name, language, "csv")}"'
    return response


def json_download(request, name, items, language, title):
    updated = plan_data.last_updated()
    response = json_response(
        {
            "dataset": name,
            "title": str(title),
            "language": language,
            "licence": LICENCE,
            "attribution": str(ATTRIBUTION),
            "last_updated": updated.isoformat() if updated else None,
            "generated_at": timezone.now().replace(microsecond=0).isoformat(),
            "documentation": request.build_absolute_uri(reverse("open_data")),
            "count": len(items),
            "items": items,
        }
    )
    response["Content-Disposition"] = f'inline; filename="{_filename(name, language, "json")}"'
    return response


ATTRIBUTION = _(
    "Yuzhong Five-Year Plan open data (CC BY 4.0). Figures are facts from the source named "
    "with each one."
)


# --- views -------------------------------------------------------------------------------------


def _language():
    return translation.get_language()


def _metric_records(request, slug=None):
    queryset = plan_data.metrics()
    if slug is not None:
        queryset = queryset.filter(slug=slug)
    records = plan_data.metric_records(queryset, request)
    if slug is not None and not records:
        raise ApiError(404, "not_found", NOT_FOUND)
    return records


def _metric_download(request, slug, extension):
    records = _metric_records(request, slug)
    name = f"metric-{slug}" if slug else "metrics"
    if extension == "csv":
        rows = [row for record in records for row in metric_rows(record)]
        return csv_response(name, METRIC_COLUMNS, rows, _language())
    title = records[0]["name"] if slug else _("All metrics with their figures")
    return json_download(request, name, records, _language(), title)


@open_data_view
def metrics_download(request, extension):
    return _metric_download(request, None, extension)


@open_data_view
def metric_download(request, slug, extension):
    return _metric_download(request, slug, extension)


@open_data_view
def projects_download(request, extension):
    records = plan_data.project_records(plan_data.projects(), request)
    if extension == "csv":
        return csv_response("projects", PROJECT_COLUMNS, map(project_row, records), _language())
    return json_download(request, "projects", records, _language(), _("All projects"))


@open_data_view
def heritage_sites_download(request, extension):
    records = place_data.heritage_site_records(place_data.heritage_sites(), request)
    if extension == "csv":
        return csv_response(
            "heritage-sites", HERITAGE_SITE_COLUMNS, map(heritage_site_row, records), _language()
        )
    return json_download(request, "heritage-sites", records, _language(), _("All heritage sites"))


DATASETS = [
    ("metrics", _("All metrics with their figures"), _(
        "One row per figure: baseline, each measurement and target, with units and sources."
    ), "open_data_metrics"),
    ("projects", _("All projects"), _(
        "Pillar, status, progress, dates, districts and the number of milestones."
    ), "open_data_projects"),
    ("heritage-sites", _("All heritage sites"), _(
        "Name, category, district, address, coordinates and the web pages in both languages."
    ), "open_data_heritage_sites"),
]


def open_data_page(request):
    """数据开放 / Open data: the downloads, the licence, the API's documentation."""
    datasets = [
        {
            "name": name,
            "title": title,
            "description": description,
            "csv": reverse(url_name, kwargs={"extension": "csv"}),
            "json": reverse(url_name, kwargs={"extension": "json"}),
        }
        for name, title, description, url_name in DATASETS
    ]
    metric_links = [
        {
            "name": metric.name,
            "csv": reverse("open_data_metric", kwargs={"slug": metric.slug, "extension": "csv"}),
            "json": reverse("open_data_metric", kwargs={"slug": metric.slug, "extension": "json"}),
        }
        for metric in plan_data.metrics().select_related(None).prefetch_related(None)
    ]
    api_base = request.build_absolute_uri("/api/v1/")
    return render(
        request,
        "yuzhong_site/open_data.html",
        {
            "column_name": translation.gettext("Open data"),
            "meta_description": translation.gettext(
                "Download the plan's figures, projects and heritage sites as CSV or JSON, "
                "or use the read-only JSON API."
            ),
            "datasets": datasets,
            "metric_links": metric_links,
            "last_updated": plan_data.last_updated(),
            "licence": LICENCE,
            "api_base": api_base,
            "api_endpoints": [
                "plans", "pillars", "metrics", "projects", "heritage-sites", "districts"
            ],
            "openapi_url": reverse("api_v1:api_openapi"),
        },
    )
