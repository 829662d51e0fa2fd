"""Every figure and status says when and who; two kinds of figures; the summary
table; charts from three points; bad input refused in both languages; a second plan."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from plans.models import Measurement, Metric, ProjectStatusReport
from plans.status import MetricStatus, assess_metric, indicator_sentence
from tests.helpers import tags
from tests.helpers import unmarked_text_of as text_of  # figures whole

from .factories import make_metric, make_plan, make_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def ended_plan(home):
    plan, pillars = make_plan(home)
    services = pillars["services"]
    gdp = make_metric(
        services, slug="gdp", name_zh_hans="地区生产总值", name_en="District GDP", unit="yi_yuan",
        district_result=True,
        measurements=[(2020, "1358"), (2022, "1560.9"), (2025, "1781.8")],
    )
    gdp.measurements.filter(year=2020).update(
        qualifier="close_to", source_url="https://example.org/2020", source_name="二〇二〇年的来源"
    )
    friends = make_metric(
        services, slug="friends", name_zh_hans="友好城市", name_en="Friendship cities",
        unit="friendship_cities", target_value=5, target_year=2022,
    )
    old = make_project(
        services, slug="old", name_zh_hans="老项目", name_en="Old project", status="planned",
        reports=[(datetime.date(2021, 1, 15), "planned")],
    )
    done = make_project(
        services, slug="done", name_zh_hans="已开放项目", name_en="Opened project",
        reports=[(datetime.date(2021, 1, 15), "under_way"), (datetime.date(2021, 9, 30), "opened")],
    )
    return {"plan": plan, "pillars": pillars, "gdp": gdp, "friends": friends, "old": old, "done": done}


# ----------------------------------------------------------------------------- as of when


def test_a_project_shows_its_latest_report_as_of_its_date_in_both_languages(client, ended_plan):
    english = text_of(client.get("/en/plan/projects/old/"))
    assert "Last reported (15 January 2021):" in english
    assert "No report since 15 January 2021" in english
    chinese = text_of(client.get("/plan/projects/old/"))
    assert "截至2021年1月15日" in chinese or "最近一次报告（2021年1月15日）" in chinese
    assert "2021年1月15日以来没有新的报告" in chinese


def test_the_status_history_lists_each_report_with_its_source(client, ended_plan):
    html = text_of(client.get("/en/plan/projects/done/"))
    assert "Last reported (30 September 2021):" in html
    assert "No report since" not in html  # opened: nothing left to report
    assert len(tags(html, "a", href="https://example.org/report")) == 2
    assert html.index("30 September 2021") < html.index("15 January 2021")  # newest first


def test_the_latest_report_sets_the_project_status(ended_plan):
    done = ended_plan["done"]
    assert done.status == "opened" and done.status_date == datetime.date(2021, 9, 30)


def test_a_measurement_shows_its_qualifier_and_its_own_source(client, ended_plan):
    html = text_of(client.get("/en/plan/metrics/gdp/"))
    assert "close to 135.8 billion yuan (1,358亿元)" in html
    chinese = text_of(client.get("/plan/metrics/gdp/"))
    assert "近1,358亿元" in chinese
    assert tags(client.get("/plan/").content.decode(), "a", href="https://example.org/2020")


# ----------------------------------------------------------------------- two kinds of figures


def test_final_outturn_only_for_an_indicator_measured_in_the_plans_last_year(ended_plan):
    friends = ended_plan["friends"]
    in_2022 = [Measurement(year=2022, value=Decimal(6))]
    assessment = assess_metric(friends, in_2022, plan_end_year=2025)
    assert assessment.status == MetricStatus.MET and not assessment.final
    with translation.override("en"):
        assert str(assessment.label) == "Target met"
    in_2025 = [Measurement(year=2025, value=Decimal(4))]
    assessment = assess_metric(friends, in_2025, plan_end_year=2025)
    assert assessment.final
    with translation.override("en"):
        assert str(assessment.label) == "Final outturn: target missed"
    reported = assess_metric(ended_plan["gdp"], list(ended_plan["gdp"].measurements.all()), plan_end_year=2025)
    assert reported.status == MetricStatus.NO_TARGET and not reported.final


def test_status_counts_cover_only_indicators_and_say_it_in_words(client, ended_plan):
    with translation.override("en"):
        sentence = indicator_sentence([assess_metric(ended_plan["friends"], [], 2025)], [2022])
    assert sentence == "1 indicator had a target, due in 2022; no result has been published."
    html = text_of(client.get("/en/plan/"))
    assert "1 indicator had a target, due in 2022; no result has been published." in html
    assert "Final outturn" not in html and "final outturn" not in html
    assert "yz-progress" not in html  # no bar over a mostly unknown denominator
    chinese = text_of(client.get("/plan/"))
    assert "最终结果" not in chinese


def test_a_reported_figure_cannot_have_a_target_and_an_indicator_needs_one(ended_plan):
    gdp = ended_plan["gdp"]
    gdp.target_value, gdp.target_year = Decimal(2000), 2025
    with pytest.raises(ValidationError) as error:
        gdp.clean()
    assert "figure_type" in error.value.message_dict
    friends = ended_plan["friends"]
    friends.target_value = None
    with pytest.raises(ValidationError) as error:
        friends.clean()
    assert "target_value" in error.value.message_dict


# ------------------------------------------------------------------------------ the dashboard


def test_the_summary_table_has_a_row_per_pillar_with_indicators_figures_and_projects(client, ended_plan):
    html = text_of(client.get("/en/plan/"))
    table = html[html.index('class="yz-summary"'):html.index("</table>", html.index('class="yz-summary"'))]
    assert "Pillar services" in table and "Pillar heritage" in table
    assert "1 indicator" in table and "No data 1" in table
    assert "1 figure" in table
    assert "Opened to the public 1" in table and "latest report 30 September 2021" in table
    assert "Planned 1" in table and "latest report 15 January 2021" in table
    assert "yz-metric" not in html  # no cards or tiles per pillar on the dashboard


def test_the_results_panel_says_which_years_have_no_published_figure(client, ended_plan):
    html = text_of(client.get("/en/plan/"))
    assert "District results, 2020–2025" in html
    panel = html[html.index("yz-results__table"):]
    assert panel.count("no published figure found") >= 3  # 2021, 2023, 2024
    home = text_of(client.get("/en/"))
    assert "178.18 billion yuan (1,781.8亿元)" in home  # the latest figure, on the home page


# ------------------------------------------------------------------------------------ charts


@pytest.mark.parametrize("points,drawn", [(1, False), (2, False), (3, True)])
def test_no_chart_for_fewer_than_three_points(client, ended_plan, points, drawn):
    make_metric(
        ended_plan["pillars"]["heritage"], slug="few", name_en="Few",
        measurements=[(2021 + i, 10 + i) for i in range(points)], unit="sites",
    )
    html = text_of(client.get("/en/plan/metrics/few/"))
    assert bool(tags(html, "svg", role="img")) is drawn
    assert tags(html, "table", **{"class": "yz-chart__table"})  # the figures are stated anyway
    if drawn:
        assert 'class="yz-chart__unit"' in html and "Unit: sites</p>" in html  # once, not per tick
        assert 'font-size' not in html.split("<svg", 1)[1].split("</svg>", 1)[0]
        assert "viewBox" not in html  # text scales with the page, not with the drawing
    else:
        assert "Fewer than three figures" in html


# --------------------------------------------------------------------------------- bad input


@pytest.mark.parametrize("language,future,web,qualifier", [
    ("en", "This date is in the future", "Enter a web address starting with http:// or https://.",
     "A qualifier needs a value"),
    ("zh-hans", "日期在未来", "请输入以 http:// 或 https:// 开头的网址。", "限定词需要数值"),
])
def test_bad_figures_and_reports_are_refused_in_both_languages(ended_plan, language, future, web, qualifier):
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    with translation.override(language):
        measurement = Measurement(
            metric=ended_plan["gdp"], year=2021, date=tomorrow, qualifier="about", value=None,
            source_url="ftp://example.org/x",
        )
        with pytest.raises(ValidationError) as error:
            measurement.full_clean()
        messages = error.value.message_dict
        assert future in " ".join(messages["date"])
        assert web in messages["source_url"]
        assert qualifier in " ".join(messages["qualifier"])
        report = ProjectStatusReport(
            project=ended_plan["old"], date=tomorrow, status="opened", source_name="x",
            source_url="javascript:alert(1)",
        )
        with pytest.raises(ValidationError) as error:
            report.full_clean()
        assert future in " ".join(error.value.message_dict["date"])
        assert web in error.value.message_dict["source_url"]


def test_the_csv_import_refuses_the_same_bad_input_and_saves_nothing(ended_plan):
    from plans import csv_io

    next_year = datetime.date.today().year + 1
    data = (
        "metric,year,value,qualifier,source_url\n"
        f"gdp,{next_year},1,,https://example.org/\n"
        "gdp,2021,2,,ftp://example.org/\n"
        "gdp,2023,,more than,https://example.org/\n"
    ).encode()
    with translation.override("en"):
        plan = csv_io.plan_import("measurements", data)
    messages = " ".join(str(error.message) for error in plan.errors)
    assert "This year is in the future" in messages
    assert "is not a web address starting with http:// or https://" in messages
    assert "A qualifier needs a value" in messages
    assert not plan.is_valid
    assert Measurement.objects.filter(metric=ended_plan["gdp"]).count() == 3


def test_the_csv_import_adds_a_dated_status_report(ended_plan):
    from plans import csv_io

    data = (
        "slug,status,status_date,status_source,status_source_url\n"
        "old,opened,2022-05-01,区政府,https://example.org/opened\n"
    ).encode()
    plan = csv_io.plan_import("projects", data)
    assert plan.is_valid, plan.errors
    csv_io.apply_import(plan)
    old = ended_plan["old"].__class__.objects.get(slug="old")
    assert old.status == "opened" and old.status_date == datetime.date(2022, 5, 1)
    assert [r.status for r in old.status_reports.order_by("date")] == ["planned", "opened"]


# ------------------------------------------------------------------------- a second plan


@pytest.mark.indexes  # found by search too
def test_a_second_plan_works_end_to_end_beside_the_first(client, ended_plan, home):
    thirteenth, pillars = make_plan(
        home, start_year=2016, end_year=2020, slug="plan-13", title="十三五规划",
        title_en="The 13th plan", keys=("services",),
    )
    make_metric(pillars["services"], slug="old-gdp", name_zh_hans="十三五生产总值",
                name_en="GDP in the 13th plan", measurements=[(2016, 1), (2018, 2), (2020, 3)])
    make_project(pillars["services"], slug="old-plan-project", name_zh_hans="十三五项目",
                 name_en="A 13th-plan project")
    for prefix in ("", "/en"):
        assert client.get(f"{prefix}/plan-13/").status_code == 200
        assert client.get(f"{prefix}/plan-13/services/").status_code == 200
        assert client.get(f"{prefix}/plan-13/metrics/old-gdp/").status_code == 200
        assert client.get(f"{prefix}/plan-13/projects/old-plan-project/").status_code == 200
        # each plan shows its own records only
        assert client.get(f"{prefix}/plan-13/metrics/gdp/").status_code == 404
        assert client.get(f"{prefix}/plan/metrics/old-gdp/").status_code == 404
    english = text_of(client.get("/en/plan-13/"))
    assert "GDP in the 13th plan" not in text_of(client.get("/en/plan/"))
    assert "the period ended in 2020" in english
    services = text_of(client.get("/en/plan-13/services/"))
    assert "A 13th-plan project" in services and "Old project" not in services
    project = Metric.objects.get(slug="old-gdp")
    assert project.get_url(language="en") == "/en/plan-13/metrics/old-gdp/"
    # …and everywhere else a record is shown: open data, downloads, search, the site maps.
    api = client.get("/api/v1/metrics/old-gdp/?lang=en").json()
    assert api["plan"] == "plan-13" and api["urls"]["en"].endswith("/en/plan-13/metrics/old-gdp/")
    assert client.get("/api/v1/metrics/gdp/").json()["plan"] == "plan"
    rows = [r for r in csv.DictReader(io.StringIO(text_of(client.get("/en/data/metrics.csv"))[1:]))
            if r["metric_slug"] == "old-gdp"]
    assert rows and all(r["page_url"].endswith("/en/plan-13/metrics/old-gdp/") for r in rows)
    found = text_of(client.get("/en/search/", {"q": "13th plan"}))
    assert "/en/plan-13/metrics/old-gdp/" in found and "/en/plan-13/projects/old-plan-project/" in found
    assert "/en/plan-13/metrics/old-gdp/" in text_of(client.get("/en/sitemap/"))
    assert "/plan-13/projects/old-plan-project/" in text_of(client.get("/sitemap.xml"))


def test_a_second_plans_pillar_has_its_own_updates_filter_and_feeds(client, ended_plan, home):
    from wagtail.models import Locale

    from .factories import make_update, make_updates_index

    _plan, pillars = make_plan(
        home, start_year=2016, end_year=2020, slug="plan-13", title="十三五规划",
        title_en="The 13th plan", keys=("services",),
    )
    index = make_updates_index(home)
    news = {
        "first": make_update(index, "2021-05-01", pillars=[ended_plan["pillars"]["services"]],
                             title="十四五的服务业消息"),
        "second": make_update(index, "2019-05-01", pillars=[pillars["services"]],
                              title="十三五的服务业消息"),
    }
    english = Locale.objects.get(language_code="en")
    for prefix in ("", "/en"):
        title = {
            which: (update if not prefix else update.get_translation(english)).title
            for which, update in news.items()
        }
        # The first plan's addresses are unchanged; the second plan's pillar has its own.
        first = text_of(client.get(f"{prefix}/updates/feed/services/rss/"))
        second = text_of(client.get(f"{prefix}/updates/feed/plan-13-services/atom/"))
        listed = text_of(client.get(f"{prefix}/updates/", {"pillar": "plan-13-services"}))
        assert title["first"] in first and title["second"] not in first
        assert title["second"] in second and title["first"] not in second
        assert title["second"] in listed and title["first"] not in listed
        # the second plan's pillar page links its own feed and its own filtered list
        page = text_of(client.get(f"{prefix}/plan-13/services/"))
        assert tags(page, "link", href=f"{prefix}/updates/feed/plan-13-services/rss/")
        assert f"{prefix}/updates/?pillar=plan-13-services" in page
        assert "/updates/feed/services/" not in page
        assert tags(text_of(client.get(f"{prefix}/plan/services/")), "link",
                    href=f"{prefix}/updates/feed/services/rss/")
    # the filter names each plan, so the two "services" pillars can be told apart
    html = text_of(client.get("/en/updates/"))
    assert tags(html, "optgroup", label="The 13th plan") and tags(html, "optgroup", label="The 14th plan")
    assert tags(html, "option", value="plan-13-services") and tags(html, "option", value="services")


def test_the_updates_list_names_the_years_it_has_nothing_for(client, home):
    from .factories import make_update, make_updates_index

    index = make_updates_index(home)
    make_update(index, datetime.date(2021, 1, 25), title="步道开放")
    make_update(index, datetime.date(2023, 5, 1), title="二〇二三年的消息")
    html = text_of(client.get("/en/updates/"))
    assert "Years with no update recorded here" in html
    gaps = html[html.index("yz-updates__gaps"):].split("</p>", 1)[0]
    assert "2022" in gaps and "2021" not in gaps and "2023" not in gaps


def test_a_chart_does_not_join_figures_across_a_year_without_one(client, ended_plan):
    html = text_of(client.get("/en/plan/metrics/gdp/"))  # 2020, 2022, 2025: no two consecutive
    assert tags(html, "svg", role="img")
    assert 'class="yz-chart__actual"' not in html
    make_metric(ended_plan["pillars"]["heritage"], slug="run", measurements=[(2021, 1), (2022, 2), (2023, 3)])
    html = text_of(client.get("/en/plan/metrics/run/"))
    assert html.count('class="yz-chart__actual"') == 2


def test_a_new_figure_is_in_the_chart_at_once_on_an_uncached_page(client, page_cache_off, ended_plan):
    """Charts are written once per publish (plan_tags.metric_chart): a figure saved since shows
    at once on the pillar and metric pages."""
    metric = Metric.objects.get(slug="gdp")
    for path in ("/en/plan/services/", "/en/plan/metrics/gdp/"):
        assert "1,699.9" not in text_of(client.get(path))
    Measurement.objects.create(metric=metric, year=2023, value=Decimal("1699.9"),
                               source_name="二〇二三年公报", source_url="https://example.org/2023")
    for path in ("/en/plan/services/", "/en/plan/metrics/gdp/"):
        html = text_of(client.get(path))
        chart = html[html.index('class="yz-chart"'):]
        assert "1,699.9" in chart, path
