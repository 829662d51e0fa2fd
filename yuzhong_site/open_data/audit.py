"""The site's self-audit (``python manage.py site_audit``): government-site norms and our own.

Checks, each reported with counts and URLs:

* **footer** — the footer identifiers a government site must show (operator 主办单位, site
  identification code 网站标识码, ICP filing number) are set and well-formed;
* **meta** — every HTML page carries a description, Open Graph tags, a canonical link and the
  government-site tags (SiteName, SiteDomain, SiteIDCode, ColumnName, ColumnType; on content
  pages also ArticleTitle, PubDate, ContentSource);
* **sections** — index pages (page types that declare child page types) with no live children;
* **freshness** — the newest update is not older than a threshold (only when an ``UpdatePage``
  model exists: it is found at run time, so this check starts working when updates arrive);
* **links** — every internal link on every page (crawled through the test client, bounded)
  answers, and none gives a 404 or a server error;
* **translations** — English pages that are still untranslated aliases or older than their
  Chinese source, and data records without English (``yuzhong_site.core.translation_status``);
* **images** — ``<img>`` without an ``alt`` attribute;
* **plan** — the plan's figures and statuses know their time and source: a figure without a
  source link (unless its metric's source is marked as printed) fails, as does a project with
  no dated status report, or a "final outturn" claimed for a measurement outside the plan's last
  year; a project under way whose latest report is more than 12 months old is a warning.

Failures vs warnings: a **failure** is something broken or missing that a visitor or an
inspector would see as an error — a missing footer identifier or meta tag, a broken link, an
empty section, an image without alt. A **warning** is content work to schedule: untranslated or
outdated English pages, stale updates, empty alt text (fine for decorative images), and
footer identifiers that are the documented demo placeholders. Failures make the command exit
non-zero; ``--strict`` makes warnings fail too (use it before going live).
"""

import re
from collections import defaultdict
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit, urlunsplit

from django.apps import apps
from django.conf import settings
from django.test import Client
from django.test.utils import override_settings
from django.utils import timezone

from districts.models import HeritageSitePage
from districts.models.notices import FACT_AGE_YEARS, is_old
from plans.models import Metric, PlanPage, Project
from plans.status import ProjectStatus, assess_metric
from yuzhong_site.core import public_urls
from yuzhong_site.core.demo import DEMO_ICP_NUMBER, DEMO_SITE_ID_CODE
from yuzhong_site.core.models import FooterSettings
from yuzhong_site.core.translation_status import (
    outdated_translations,
    records_missing_english,
    untranslated_aliases,
)

FAILURE, WARNING = "failure", "warning"
# The identifiers the demo content uses: well-formed, obviously not real (see yuzhong_site/core/demo.py).
DEMO_MARKERS = ("示例", "demo", "example")
SITE_ID_CODE_PATTERN = re.compile(r"^\d{10}$")
ICP_PATTERN = re.compile(r"ICP备\d{6,}号")

REQUIRED_META = ("description", "og:title", "og:description", "og:url", "og:type",
                 "og:site_name", "SiteName", "SiteDomain", "SiteIDCode", "ColumnName",
                 "ColumnType")
ARTICLE_META = ("ArticleTitle", "PubDate", "ContentSource")
SKIPPED_PREFIXES = ("/admin/", "/django-admin/", "/documents/", "/static/", "/media/")
# Wagtail's utility views (password-protected page login): not pages of the site.
SKIPPED_SEGMENTS = ("/_util/",)
MAX_URLS = 2000
MAX_QUERY_VARIANTS = 8  # per path: filters and pagination are sampled, not exhausted
FRESHNESS_DAYS = 90

CHECKS = [
    ("footer", "Footer identifiers (operator, site identification code, ICP number)"),
    ("meta", "Meta tags on every page (description, Open Graph, canonical, government tags)"),
    ("sections", "Sections with published pages"),
    ("freshness", "Updates newer than the freshness threshold"),
    ("links", "Internal links"),
    ("translations", "English translations"),
    ("images", "Images with alternative text"),
    ("plan", "Plan figures and project statuses: dated and sourced"),
    ("places", "Places whose every visiting fact is more than two years old"),
]
STALE_REPORT_DAYS = 365
FINAL_WORDS = ("final outturn", "最终结果")


@dataclass
class Finding:
    check: str
    severity: str
    message: str
    url: str = ""


@dataclass
class Report:
    findings: list = field(default_factory=list)
    checked: dict = field(default_factory=lambda: defaultdict(int))
    notes: dict = field(default_factory=dict)
    base_url: str = ""

    def add(self, check, severity, message, url=""):
        self.findings.append(Finding(check, severity, message, url))

    def of(self, check, severity=None):
        return [f for f in self.findings if f.check == check and (severity is None or f.severity == severity)]

    @property
    def failures(self):
        return [f for f in self.findings if f.severity == FAILURE]

    @property
    def warnings(self):
        return [f for f in self.findings if f.severity == WARNING]

    def passed(self, strict=False):
        return not self.failures and not (strict and self.warnings)


# --- footer ------------------------------------------------------------------------------------


def is_demo_identifier(value):
    value = (value or "").strip()
    return value in (DEMO_SITE_ID_CODE, DEMO_ICP_NUMBER) or any(
        marker in value.lower() for marker in DEMO_MARKERS
    )


def check_footer(report, site):
    from django.utils import translation

    footer = FooterSettings.for_site(site)
    with translation.override(settings.LANGUAGE_CODE):
        values = {
            "operator": (footer.operator_zh_hans or "").strip(),
            "site_id_code": (footer.site_id_code or "").strip(),
            "icp_number": (footer.icp_number or "").strip(),
        }
    labels = {"operator": "operator (主办单位)", "site_id_code": "site identification code (网站标识码)",
              "icp_number": "ICP filing number (ICP备案号)"}
    for name, value in values.items():
        report.checked["footer"] += 1
        if not value:
            report.add("footer", FAILURE, f"{labels[name]} is not set (Settings → Footer)")
            continue
        if name == "site_id_code" and not SITE_ID_CODE_PATTERN.match(value):
            report.add("footer", FAILURE, f"{labels[name]} “{value}” is not 10 digits")
        elif name == "icp_number" and not ICP_PATTERN.search(value):
            report.add("footer", FAILURE, f"{labels[name]} “{value}” is not of the form 渝ICP备12345678号")
        elif is_demo_identifier(value):
            report.add("footer", WARNING, f"{labels[name]} “{value}” is a demo placeholder: replace it before going live")


# --- sections ----------------------------------------------------------------------------------


def is_index_page_type(model):
    """A page type that exists to hold other pages: it names the child page types it allows."""
    return bool(getattr(model, "subpage_types", None))


def check_sections(report, pages):
    from wagtail.models import Page

    for page in pages:
        if page.depth <= 2 or not is_index_page_type(type(page)):
            continue
        report.checked["sections"] += 1
        children = Page.objects.child_of(page).live().public()
        if not children.exists():
            report.add("sections", FAILURE, f"“{page.title}” has no published pages", page.url)


# --- freshness ---------------------------------------------------------------------------------


def update_page_model():
    """The ``UpdatePage`` model if the project has one (plans.UpdatePage, or any app's)."""
    from wagtail.models import Page

    try:
        return apps.get_model("plans", "UpdatePage")
    except LookupError:
        pass
    for model in apps.get_models():
        if model.__name__ == "UpdatePage" and issubclass(model, Page):
            return model
    return None


def _update_date(page):
    for name in ("date", "published_date", "publication_date", "date_published"):
        value = getattr(page, name, None)
        if value is not None:
            return value
    return page.first_published_at or page.last_published_at


def check_freshness(report, days):
    model = update_page_model()
    if model is None:
        report.notes["freshness"] = "skipped: this site has no update pages yet"
        return
    updates = list(model.objects.live().public())
    report.checked["freshness"] = len(updates)
    if not updates:
        # a site without an updates section has nothing to keep fresh; one with an empty
        # section is reported by the empty-sections check
        report.notes["freshness"] = "skipped: no update has been published"
        return
    newest = max(updates, key=lambda page: _as_date(_update_date(page)))
    newest_date = _as_date(_update_date(newest))
    age = (timezone.localdate() - newest_date).days
    report.notes["freshness"] = f"newest update {newest_date.isoformat()} ({age} days old; threshold {days})"
    if age > days:
        report.add(
            "freshness", WARNING,
            f"the newest update, “{newest.title}”, is {age} days old (more than {days})", newest.url,
        )


def _as_date(value):
    if hasattr(value, "date") and callable(value.date):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


# --- translations ------------------------------------------------------------------------------


def check_translations(report):
    aliases = untranslated_aliases()
    outdated = outdated_translations()
    records = records_missing_english(None)
    from wagtail.models import Page

    report.checked["translations"] = Page.objects.exclude(locale__language_code=settings.LANGUAGE_CODE).filter(depth__gt=1).count()
    for row in aliases.rows:
        report.add("translations", WARNING, f"not yet translated: “{row['page'].title}”", row["page"].url)
    for row in outdated.rows:
        report.add("translations", WARNING, f"older than its Chinese source: “{row['page'].title}”", row["page"].url)
    for row in records.rows:
        missing = ", ".join(str(name) for name in row["missing"])
        report.add("translations", WARNING, f"{row['model_name']} “{row['record']}” has no English {missing}")
    hidden = (aliases.more + outdated.more + records.more)
    if hidden:
        report.notes["translations"] = f"{hidden} more not listed"


# --- crawling: meta tags, links, images --------------------------------------------------------


class _PageParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.meta, self.links, self.images, self.canonical = {}, [], [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta":
            key = attrs.get("name") or attrs.get("property")
            if key:
                self.meta[key] = (attrs.get("content") or "").strip()
        elif tag == "link" and "canonical" in (attrs.get("rel") or "").split():
            self.canonical = attrs.get("href")
        elif tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag == "img":
            self.images.append(attrs)


class Crawler:
    """Fetches the site's own URLs through Django's test client (no server, no network)."""

    def __init__(self, site, max_urls=MAX_URLS):
        self.host = site.hostname
        self.internal_hosts = {site.hostname, f"{site.hostname}:{site.port}", "testserver"}
        self.max_urls = max_urls
        self.secure = bool(getattr(settings, "SECURE_SSL_REDIRECT", False))
        self.client = Client(HTTP_HOST=self.host)
        self.status = {}
        self.linked_from = defaultdict(list)
        self.parsed = {}
        self.truncated = False
        self._variants = defaultdict(int)

    def internal_path(self, href, base):
        href = href.strip()
        if not href or href.startswith(("#", "mailto:", "tel:", "javascript:", "data:")):
            return None
        parts = urlsplit(urljoin(base, href))
        if parts.scheme not in ("http", "https", "") or (parts.netloc and parts.netloc not in self.internal_hosts):
            return None
        path = parts.path or "/"
        if path.startswith(SKIPPED_PREFIXES) or any(seg in path for seg in SKIPPED_SEGMENTS):
            return None
        return urlunsplit(("", "", path, parts.query, ""))

    def crawl(self, start):
        queue = list(dict.fromkeys(start))
        seen = set(queue)
        position = 0
        while position < len(queue):
            url = queue[position]
            position += 1
            for target in self.fetch(url):
                if target in seen:
                    self.linked_from[target].append(url)
                    continue
                path, _sep, query = target.partition("?")
                if query:
                    self._variants[path] += 1
                    if self._variants[path] > MAX_QUERY_VARIANTS:
                        continue
                if len(seen) >= self.max_urls:
                    self.truncated = True
                    continue
                seen.add(target)
                self.linked_from[target].append(url)
                queue.append(target)

    def fetch(self, url):
        response = self.client.get(url, secure=self.secure)
        self.status[url] = response.status_code
        if response.status_code in (301, 302, 303, 307, 308):
            location = self.internal_path(response.get("Location", ""), url)
            return [location] if location else []
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            return []
        parser = _PageParser()
        parser.feed(response.content.decode(response.charset or "utf-8", "replace"))
        self.parsed[url] = parser
        targets = (self.internal_path(href, url) for href in parser.links)
        return [target for target in dict.fromkeys(targets) if target]


def check_crawled(report, crawler, content_page_urls, page_urls=()):
    for url, parser in crawler.parsed.items():
        report.checked["meta"] += 1
        missing = [name for name in REQUIRED_META if not parser.meta.get(name)]
        if not parser.canonical:
            missing.append("canonical link")
        if url.split("?")[0] in content_page_urls:
            missing += [name for name in ARTICLE_META if not parser.meta.get(name)]
        if missing:
            report.add("meta", FAILURE, "missing " + ", ".join(missing), url)
        for image in parser.images:
            report.checked["images"] += 1
            src = image.get("src", "?")
            if "alt" not in image:
                report.add("images", FAILURE, f"image without alt attribute: {src}", url)
            elif not image["alt"].strip():
                report.add("images", WARNING, f"image with empty alt text (fine only if decorative): {src}", url)
    for url, status in crawler.status.items():
        if not crawler.linked_from.get(url) and url not in page_urls:
            continue  # a named route nobody links to (security.txt without a contact): not a link
        report.checked["links"] += 1
        if status == 404 or status >= 500:
            sources = ", ".join(dict.fromkeys(crawler.linked_from.get(url, [])[:3])) or "(start page)"
            report.add("links", FAILURE, f"{url} answers {status}; linked from {sources}", url)
    if crawler.truncated:
        report.add("links", WARNING, f"stopped after {crawler.max_urls} URLs (raise --max-urls)")


# --- the plan: time and sources ----------------------------------------------------------------


def _plans_by_path():
    return {plan.path: plan for plan in PlanPage.objects.all()}


def _plan_of(plans, pillar_path):
    return plans.get(pillar_path[: -PlanPage.steplen])


def check_plan(report, today=None):
    today = today or timezone.localdate()
    plans = _plans_by_path()
    metrics = Metric.objects.filter(live=True).select_related("pillar").prefetch_related("measurements")
    for metric in metrics:
        plan = _plan_of(plans, metric.pillar.path)
        measurements = list(metric.measurements.all())
        for measurement in measurements:
            report.checked["plan"] += 1
            where = f"{metric.slug} {measurement.year}"
            url = measurement.source_url or ("" if measurement.source_name else metric.source_url)
            if measurement.value is not None and not url and not metric.source_in_print:
                report.add("plan", FAILURE, f"figure without a source link: {where}", metric.get_url() or "")
            words = " ".join(
                str(getattr(measurement, name, "") or "")
                for name in ("period_zh_hans", "period_en", "note_zh_hans", "note_en")
            ).lower()
            if plan is not None and measurement.year != plan.end_year and any(w in words for w in FINAL_WORDS):
                report.add(
                    "plan", FAILURE,
                    f"“final outturn” claimed for {where}, outside the plan's last year ({plan.end_year})",
                    metric.get_url() or "",
                )
        if plan is not None:
            assessment = assess_metric(metric, measurements, plan_end_year=plan.end_year, today=today)
            if assessment.final and assessment.latest.year != plan.end_year:
                report.add(
                    "plan", FAILURE,
                    f"“final outturn” shown for {metric.slug} {assessment.latest.year}, outside the plan's last year",
                    metric.get_url() or "",
                )
    projects = Project.objects.filter(live=True).prefetch_related("status_reports")
    for project in projects:
        report.checked["plan"] += 1
        latest = project.latest_report
        if latest is None:
            report.add("plan", FAILURE, f"project without a dated status: {project.slug}", project.get_url() or "")
            continue
        age = (today - latest.date).days
        if latest.status == ProjectStatus.UNDER_WAY and age > STALE_REPORT_DAYS:
            report.add(
                "plan", WARNING,
                f"project under way with no status report for {age} days: {project.slug} "
                f"(latest {latest.date.isoformat()})",
                project.get_url() or "",
            )


# --- places -------------------------------------------------------------------------------------


def check_places(report, today=None):
    """A place (its Chinese page) whose visiting facts are all dated more than two years ago:
    a warning, so that an editor looks for newer sources. Undated facts are not counted as new;
    a place with no dated fact at all is not listed (nothing says how old its facts are)."""
    pages = HeritageSitePage.objects.live().filter(locale__language_code="zh-hans").order_by(
        "path").prefetch_related("visiting_facts")
    old_places = []
    for page in pages:
        report.checked["places"] += 1
        dates = [fact.source_date for fact in page.visiting_facts.all() if fact.source_date]
        if dates and all(is_old(date, today) for date in dates):
            old_places.append(page.title)
            report.add(
                "places", WARNING,
                f"every dated visiting fact of “{page.title}” is more than {FACT_AGE_YEARS} years "
                f"old (newest {max(dates)})",
                page.url or "",
            )
    report.notes["places"] = (
        f"{len(old_places)} of {report.checked['places']} places: " + ", ".join(old_places)
        if old_places else "every place has a visiting fact dated within two years, or none dated"
    )


# --- running it --------------------------------------------------------------------------------


def run_audit(max_urls=MAX_URLS, freshness_days=FRESHNESS_DAYS):
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
    report = Report(base_url=site.root_url if site else "")
    if site is None:
        report.add("footer", FAILURE, "no Wagtail site is configured")
        return report
    pages = public_urls.live_pages()
    check_footer(report, site)
    check_sections(report, pages)
    check_freshness(report, freshness_days)
    check_translations(report)
    check_plan(report)
    check_places(report)

    start = [item.url for item in public_urls.page_urls()]
    start += [item.url for item in public_urls.route_urls() if item.kind == "route"]
    start = [url for url in start if not any(seg in url for seg in SKIPPED_SEGMENTS)]
    content_pages = {page.url for page in pages if page.depth > 2 and page.url}
    hosts = list(settings.ALLOWED_HOSTS) + [site.hostname, "testserver"]
    with override_settings(ALLOWED_HOSTS=hosts, PAGE_CACHE_ENABLED=False):
        crawler = Crawler(site, max_urls=max_urls)
        crawler.crawl(start)
    report.notes["links"] = (
        f"{len(crawler.status)} URLs fetched, {len(crawler.parsed)} HTML pages, "
        f"{sum(len(p.links) for p in crawler.parsed.values())} links followed"
    )
    check_crawled(report, crawler, content_pages, {page.url for page in pages})
    return report


def format_report(report, strict=False, limit=50):
    """The report as text: one block per check, failures before warnings, with URLs."""
    lines = [f"Site audit of {report.base_url} — {timezone.localtime().strftime('%Y-%m-%d %H:%M')}", ""]
    for key, title in CHECKS:
        failures, warnings = report.of(key, FAILURE), report.of(key, WARNING)
        state = "FAIL" if failures else ("WARN" if warnings else "PASS")
        counts = f"{report.checked.get(key, 0)} checked"
        if failures:
            counts += f", {len(failures)} failed"
        if warnings:
            counts += f", {len(warnings)} warnings"
        lines.append(f"[{state}] {title}: {counts}")
        if key in report.notes:
            lines.append(f"       {report.notes[key]}")
        groups = {}
        for finding in failures + warnings:  # the same problem on many pages: one line, its URLs
            groups.setdefault((finding.severity, finding.message), []).append(finding.url)
        for shown, ((severity, message), urls) in enumerate(groups.items()):
            if shown >= limit:
                lines.append(f"   … and {len(groups) - limit} more")
                break
            marker = "x" if severity == FAILURE else "!"
            urls = [url for url in dict.fromkeys(urls) if url and url not in message]
            where = ""
            if urls:
                where = " — " + (f"{len(urls)} pages: " if len(urls) > 1 else "") + ", ".join(urls[:5])
                where += ", …" if len(urls) > 5 else ""
            lines.append(f"   {marker} {message}{where}")
    lines.append("")
    verdict = "PASSED" if report.passed(strict) else "FAILED"
    lines.append(
        f"{verdict}: {len(report.failures)} failures, {len(report.warnings)} warnings"
        + (" (strict: warnings count as failures)" if strict else "")
    )
    return "\n".join(lines)
