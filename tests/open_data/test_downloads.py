"""The Data page (数据开放) and its downloads: what a journalist sees and gets."""

import csv
import datetime
import io
import json
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.utils import timezone

from districts.models import HeritageSitePage
from tests.helpers import tags, text_of
from tests.plans.factories import make_metric
from yuzhong_site.core.dates import long_date

pytestmark = pytest.mark.django_db


def read_csv(response):
    raw = response.content.decode("utf-8")
    assert raw.startswith("\ufeff"), "CSV files start with a byte-order mark for Excel"
    return list(csv.DictReader(io.StringIO(raw[1:])))


def last_published(model):
    from django.db.models import Max

    return model.objects.live().aggregate(at=Max("last_published_at"))["at"]


def test_data_page_lists_every_download_with_licence_and_last_updated(client, open_data):
    response = client.get("/data/")
    assert response.status_code == 200
    html = text_of(response)
    hrefs = {tag["href"] for tag in tags(html, "a") if "href" in tag}
    for name in ("metrics", "projects", "heritage-sites"):
        assert f"/data/{name}.csv" in hrefs and f"/data/{name}.json" in hrefs
    assert "/data/metrics/spring-festival-sales.csv" in hrefs
    assert "/api/v1/openapi.json" in hrefs
    assert "数据开放" in html and "CC BY 4.0" in html
    published = last_published(HeritageSitePage)  # the newest published record
    shown = timezone.localtime(published)
    assert f'<time datetime="{shown.strftime("%Y-%m-%dT%H:%M")}' in html, "last updated is shown"
    assert f"{long_date(shown, 'zh-hans')} {shown:%H:%M}" in html  # the site's one date format

    english = text_of(client.get("/en/data/"))
    assert "Open data" in english and "CC BY 4.0" in english
    assert "/en/data/metrics.csv" in {tag.get("href") for tag in tags(english, "a")}


def test_every_page_footer_leads_to_the_data_page(client, open_data):
    for home, data in (("/", "/data/"), ("/en/", "/en/data/")):
        assert tags(text_of(client.get(home)), "a", href=data)


def test_chinese_csv_has_chinese_headers_and_english_csv_has_the_api_field_names(client, open_data):
    chinese = read_csv(client.get("/data/metrics.csv"))
    english = read_csv(client.get("/en/data/metrics.csv"))
    assert "指标" in chinese[0] and "数值" in chinese[0] and "单位" in chinese[0]
    assert list(english[0])[:3] == ["metric_slug", "metric_name", "pillar"]
    assert {row["指标"] for row in chinese} >= {"春节期间商场销售额"}
    assert {row["metric_name"] for row in english} >= {"Spring Festival mall sales"}
    assert len(chinese) == len(english)


def test_csv_numbers_are_exactly_as_stored_with_units_in_their_own_columns(client, plan_and_pillars):
    _plan, pillars = plan_and_pillars
    make_metric(pillars["services"], slug="precise", unit="wan_yuan",
                measurements=[(2021, "1234567.8912"), (2022, "-5.5")])
    rows = read_csv(client.get("/en/data/metrics/precise.csv"))
    assert [row["value"] for row in rows] == ["1234567.8912", "-5.5"]
    assert {row["unit"] for row in rows} == {"wan_yuan"}
    assert {row["unit_label"] for row in rows} == {"10,000 yuan (万元)"}


def test_csv_defuses_text_that_a_spreadsheet_would_run_as_a_formula(client, plan_and_pillars):
    _plan, pillars = plan_and_pillars
    make_metric(pillars["services"], slug="evil", name_en='=HYPERLINK("http://x","y")',
                name_zh_hans="@SUM(A1)", measurements=[(2021, "-3")])
    english = read_csv(client.get("/en/data/metrics/evil.csv"))[0]
    assert english["metric_name"] == "'=HYPERLINK(\"http://x\",\"y\")"
    assert english["value"] == "-3", "numbers are never altered"
    assert read_csv(client.get("/data/metrics/evil.csv"))[0]["指标"] == "'@SUM(A1)"


def test_projects_csv_has_districts_dates_status_progress_and_milestones(client, open_data):
    row = read_csv(client.get("/en/data/projects.csv"))[0]
    assert row["slug"] == "shibati" and row["name"] == "Shibati upgrade"
    assert row["status"] == "under_way" and row["status_label"] == "Under way"
    assert row["progress_percent"] == "60" and row["planned_completion_year"] == "2021"
    assert row["districts"] == "jiaochangkou" and row["milestones_count"] == "3"
    assert row["url_zh_hans"].endswith("/plan/projects/shibati/")
    assert row["url_en"].endswith("/en/plan/projects/shibati/")
    chinese = read_csv(client.get("/data/projects.csv"))[0]
    assert chinese["项目"] == "十八梯传统风貌区提升" and chinese["状态"] == "建设中"


def test_heritage_sites_csv_has_place_coordinates_and_both_pages(client, open_data):
    row = read_csv(client.get("/en/data/heritage-sites.csv"))[0]
    assert row["name"] == "Shibati Traditional Area"
    assert row["address"] == "Below the Jiaochangkou roundabout"
    assert (row["latitude"], row["longitude"]) == ("29.5532", "106.5746")
    assert row["district"] == "jiaochangkou" and row["category"] == "traditional_quarter"
    assert row["url_zh_hans"].endswith("/visit/shibati/") and row["url_en"].endswith("/en/visit/shibati/")
    chinese = read_csv(client.get("/data/heritage-sites.csv"))[0]
    assert chinese["名称"] == "十八梯传统风貌区" and chinese["地址"] == "较场口转盘下方"


def test_json_downloads_carry_licence_language_and_items(client, open_data):
    for path, count in (("/data/metrics.json", 2), ("/en/data/projects.json", 1),
                        ("/en/data/heritage-sites.json", 1)):
        response = client.get(path)
        assert response["Content-Type"] == "application/json"
        data = json.loads(response.content)
        assert data["licence"]["name"] == "CC BY 4.0"
        assert data["count"] == count == len(data["items"])
        assert data["language"] == ("en" if path.startswith("/en/") else "zh-hans")
        assert data["last_updated"] == last_published(HeritageSitePage).isoformat()


def test_downloads_are_cacheable_and_open_to_other_sites(client, open_data):
    for path in ("/data/metrics.csv", "/en/data/metrics/cbd-floor-area.json"):
        response = client.get(path)
        assert response.status_code == 200
        assert response["Access-Control-Allow-Origin"] == "*"
        cache_control = response["Cache-Control"]
        assert "public" in cache_control and "max-age=" in cache_control
    assert client.get("/data/metrics.csv")["Content-Disposition"].startswith("attachment;")


def test_draft_records_are_not_published_as_data(client, plan_and_pillars):
    _plan, pillars = plan_and_pillars
    make_metric(pillars["services"], slug="draft", live=False, measurements=[(2021, 1)])
    assert not [row for row in read_csv(client.get("/en/data/metrics.csv")) if row["metric_slug"] == "draft"]
    response = client.get("/data/metrics/draft.csv")
    assert response.status_code == 404 and response["Content-Type"] == "application/json"


def test_a_metric_without_figures_says_no_data_rather_than_nothing(client, plan_and_pillars):
    _plan, pillars = plan_and_pillars
    make_metric(pillars["services"], slug="empty")
    rows = read_csv(client.get("/en/data/metrics/empty.csv"))
    assert [(row["figure_type"], row["value"], row["status"]) for row in rows] == [("no_data", "", "no_data")]


# --- the figures agree: page, CSV, JSON ----------------------------------------------------------


class _FiguresTable(HTMLParser):
    """The rows (kind, year-or-period, figure) of a metric page's figures table."""

    def __init__(self):
        super().__init__()
        self.rows, self._row, self._cell = [], None, None

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        if tag == "tr" and any(c.startswith("yz-chart__row--") for c in classes):
            kind = next(c for c in classes if c.startswith("yz-chart__row--")).split("--")[1]
            self._row = {"kind": kind, "cells": []}
        elif tag in ("th", "td") and self._row is not None:
            self._cell = []

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)

    def handle_endtag(self, tag):
        if tag in ("th", "td") and self._row is not None and self._cell is not None:
            self._row["cells"].append("".join(self._cell).strip())
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.rows.append(self._row)
            self._row = None


def _number(text):
    return Decimal(text.replace(",", "").strip())


def page_figure(text, unit):
    """The exact number a figure on the page stands for (Chinese: 23,421.18 万元, 600万平方米;
    English: "234.2 million yuan (23,421.18 万元)" — the Chinese figure in brackets is exact)."""
    if "(" in text:
        text = text[text.index("(") + 1 : text.rindex(")")]
    if unit == "wan_yuan":
        return _number(text.replace("万元", ""))
    if unit == "square_metres":
        if "million m²" in text:
            return _number(text.replace("million m²", "")) * 1_000_000
        if "m²" in text:
            return _number(text.replace("m²", ""))
        if "万平方米" in text:
            return _number(text.replace("万平方米", "")) * 10_000
        return _number(text.replace("平方米", ""))
    return _number(text)


def page_figures(client, path, unit):
    parser = _FiguresTable()
    parser.feed(text_of(client.get(path)))
    return [(row["kind"], page_figure(row["cells"][2], unit)) for row in parser.rows]


@pytest.mark.parametrize("language_prefix", ["", "/en"])
def test_metric_page_csv_and_api_agree_figure_for_figure(client, open_data, language_prefix):
    for metric in open_data["metrics"]:
        page = page_figures(client, f"{language_prefix}/plan/metrics/{metric.slug}/", metric.unit)
        rows = read_csv(client.get(f"/en/data/metrics/{metric.slug}.csv"))
        from_csv = [(row["figure_type"], Decimal(row["value"])) for row in rows]
        api = json.loads(client.get(f"/api/v1/metrics/{metric.slug}/").content)
        from_api = (
            ([("baseline", Decimal(api["baseline_value"]))] if api["baseline_value"] else [])
            + [("measurement", Decimal(m["value"])) for m in api["measurements"]]
            + ([("target", Decimal(api["target_value"]))] if api["target_value"] else [])
        )
        download = json.loads(client.get(f"/data/metrics/{metric.slug}.json").content)["items"][0]
        assert download["measurements"] == api["measurements"]
        assert page and page == from_csv == from_api, metric.slug
    # The figures from FACTS.md, exactly.
    assert page_figures(client, "/plan/metrics/spring-festival-sales/", "wan_yuan") == [
        ("baseline", Decimal("8526.95")), ("measurement", Decimal("23421.18"))
    ]
    assert page_figures(client, "/plan/metrics/cbd-floor-area/", "square_metres") == [
        ("measurement", Decimal("6000000"))
    ]


# --- queries do not grow with content --------------------------------------------------------------


DOWNLOADS = ["/data/", "/en/data/", "/data/metrics.csv", "/en/data/metrics.json",
             "/data/projects.csv", "/en/data/heritage-sites.csv"]
DOWNLOAD_BOUND = 16


def _many(plan_and_pillars, visit_index, district, count):
    from tests.districts.builders import make_site
    from tests.plans.factories import make_project

    _plan, pillars = plan_and_pillars
    for number in range(count):
        make_metric(pillars["services"], measurements=[(2021, number), (2022, number + 1)])
        make_project(pillars["heritage"], districts=[district], milestones=2)
        make_site(visit_index, f"site-{number}", district=district)


@pytest.mark.parametrize("count", [2, 40])
def test_downloads_use_the_same_queries_for_few_and_many_records(
    client, plan_and_pillars, visit_index, district, count, django_assert_max_num_queries, settings
):
    settings.PAGE_CACHE_ENABLED = False
    _many(plan_and_pillars, visit_index, district, count)
    client.get("/")
    for path in DOWNLOADS:
        with django_assert_max_num_queries(DOWNLOAD_BOUND) as captured:
            assert client.get(path).status_code == 200
        print(f"{path}: {len(captured)} queries with {count} of each")  # noqa: T201


def test_csv_keeps_each_figure_qualifier_source_date_and_the_status_history(client, plan_and_pillars):
    from plans.models import Measurement
    from tests.plans.factories import make_project

    _plan, pillars = plan_and_pillars
    metric = make_metric(pillars["services"], slug="sales")
    metric.measurements = [
        Measurement(year=2021, value=Decimal("100"), qualifier="close_to",
                    source_name="区政府", source_url="https://example.org/2021",
                    source_date="2022-01-20"),
        Measurement(year=2022, value=Decimal("120")),
    ]
    metric.save()
    rows = read_csv(client.get("/en/data/metrics/sales.csv"))
    assert [(row["year"], row["qualifier"], row["source_date"]) for row in rows] == [
        ("2021", "close to (近)", "2022-01-20"), ("2022", "", ""),
    ]
    assert read_csv(client.get("/data/metrics/sales.csv"))[0]["数值限定词"] == "近"

    make_project(pillars["services"], slug="walkway", status="completed",
                 reports=[(datetime.date(2021, 1, 25), "under_way"),
                          (datetime.date(2022, 6, 30), "completed")])
    row = next(r for r in read_csv(client.get("/en/data/projects.csv")) if r["slug"] == "walkway")
    assert row["status_date"] == "2022-06-30"
    assert row["status_reports"].startswith("2021-01-25 Under way (")
    assert "; 2022-06-30 Completed (" in row["status_reports"]
