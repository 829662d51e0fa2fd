"""What a resident sees on the plan, pillar, project and metric pages, in both languages."""

import pytest

from districts.models import District
from tests.helpers import tags
from tests.helpers import unmarked_text_of as text_of  # figures whole

from .factories import make_metric, make_plan, make_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan_setup(home):
    plan, pillars = make_plan(home)
    services = pillars["services"]
    district = District.objects.create(
        slug="jiefangbei", name_zh_hans="解放碑", name_en="Jiefangbei", kind="business_district"
    )
    sales = make_metric(
        services, slug="sales", name_zh_hans="春节销售额", name_en="Spring Festival sales",
        unit="wan_yuan", baseline_value="8526.95", baseline_year=2020, district_result=True,
        measurements=[(2021, "23421.18"), (2022, "24000")],
    )
    empty = make_metric(
        services, slug="friends", name_zh_hans="友好城市", name_en="Friendship cities",
        unit="friendship_cities", target_value=5, target_year=2022,
    )
    walkway = make_project(
        services, slug="walkway", name_zh_hans="崖壁步道", name_en="Cliffside walkway",
        status="opened", districts=[district], milestones=2, progress=100,
    )
    make_project(services, slug="secret", name_zh_hans="草稿项目", name_en="Draft project", live=False)
    return {"plan": plan, "pillars": pillars, "sales": sales, "empty": empty, "walkway": walkway}


def test_dashboard_shows_the_summary_table_and_results_not_charts_in_chinese(client, plan_setup):
    html = text_of(client.get("/plan/"))
    assert "支柱services" in html
    assert "23,421.18 万元" in html  # a district result, in the results panel
    assert not tags(html, "svg", role="img")  # charts are on the pillar and metric pages
    assert tags(html, "table", **{"class": "yz-summary"})
    assert "暂无数据 1" in html  # the one indicator, counted in words


def test_dashboard_in_english_formats_figures_for_english_readers(client, plan_setup):
    html = text_of(client.get("/en/plan/"))
    assert "Pillar services" in html
    assert "234.2 million yuan (23,421.18 万元)" in html
    assert "No data 1" in html
    assert "Final outturn" not in html and "final outturn" not in html


def test_pillar_page_lists_metrics_with_chart_table_and_projects(client, plan_setup):
    html = text_of(client.get("/en/plan/services/"))
    assert "Spring Festival sales" in html
    assert "<title id=" in html and "<desc id=" in html
    assert tags(html, "table", **{"class": "yz-chart__table"})
    assert tags(html, "a", href="/en/plan/projects/walkway/")
    assert "Cliffside walkway" in html
    assert "Draft project" not in html  # drafts are not public


def test_svg_charts_use_no_inline_styles(client, plan_setup):
    html = text_of(client.get("/plan/services/"))
    assert "style=" not in html


def test_metric_without_measurements_says_no_data_and_draws_no_empty_chart(client, plan_setup):
    response = client.get("/en/plan/metrics/friends/")
    html = text_of(response)
    assert response.status_code == 200
    assert "No data" in html
    assert not tags(html, "svg", role="img")
    assert "5 friendship cities by 2022" in html
    assert "The source" in html  # every metric shows its source


def test_project_page_shows_place_dates_progress_and_milestones(client, plan_setup):
    html = text_of(client.get("/plan/projects/walkway/"))
    assert "崖壁步道" in html and "解放碑" in html
    assert "节点0" in html and "节点1" in html
    assert tags(html, "progress", value="100")
    english = text_of(client.get("/en/plan/projects/walkway/"))
    assert "Cliffside walkway" in english and "Jiefangbei" in english
    assert "Opened to the public" in english


def test_project_knows_its_public_url_in_both_languages(plan_setup):
    walkway = plan_setup["walkway"]
    assert walkway.get_url(language="zh-hans") == "/plan/projects/walkway/"
    assert walkway.get_url(language="en") == "/en/plan/projects/walkway/"
    assert plan_setup["sales"].get_url(language="en") == "/en/plan/metrics/sales/"


@pytest.mark.parametrize("path", ["/plan/projects/walkway/", "/en/plan/metrics/sales/"])
def test_language_links_on_sub_routes_point_at_the_same_sub_route(client, plan_setup, path):
    html = text_of(client.get(path))
    sub = path.removeprefix("/en")
    alternates = {link["hreflang"]: link["href"] for link in tags(html, "link", rel="alternate")}
    assert alternates["zh-Hans"] == "http://testserver" + sub
    assert alternates["en"] == "http://testserver/en" + sub
    switch_to = "en" if not path.startswith("/en/") else "zh-Hans"
    target = "/en" + sub if switch_to == "en" else sub
    assert tags(html, "a", hreflang=switch_to, href=target)


@pytest.mark.parametrize(
    "path", ["/plan/projects/nope/", "/en/plan/metrics/nope/", "/plan/projects/secret/"]
)
def test_unknown_or_draft_records_get_the_404_page(client, plan_setup, path):
    assert client.get(path).status_code == 404


def test_home_page_shows_the_plan_at_a_glance(client, plan_setup):
    html = text_of(client.get("/en/"))
    assert "at a glance" in html
    assert tags(html, "a", href="/en/plan/")
    assert "District results, 2020–2025" in html
    assert "240 million yuan (24,000 万元)" in html  # the latest district result


def test_publishing_a_change_refreshes_the_home_page_panel(client, plan_setup):
    from plans.models import Measurement

    client.get("/")
    sales = plan_setup["sales"]
    sales.measurements.add(Measurement(year=2023, value=99999))
    sales.save()
    html = text_of(client.get("/"))
    assert "99,999 万元" in html
