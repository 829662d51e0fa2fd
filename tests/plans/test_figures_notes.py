"""Figures that do not plainly fit together carry a note beside them that says only what the
sources say; a count published once says when, and the later events it does not include are
linked with their own dates and sources, never added to it."""

import html
import re

import pytest

from tests.helpers import assert_page_budget, tags
from tests.helpers import unmarked_text_of as text_of

from .factories import make_metric, make_plan, make_project

pytestmark = pytest.mark.django_db


def visible(response):
    main = re.search(r"<main.*?</main>", text_of(response), re.S).group(0)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", main)))


# GDP per km²: 77.7 (2022, the 2023 work report) and 76 (2025, the 2026 work report), neither
# saying what area it divided by.
AREA_NOTE = {
    "zh-hans": ["关于这些数字：", "两个数字都照区政府工作报告的原文", "地均迈上76亿元/平方公里新台阶",
                "两份报告都没有说明是按多大的面积计算的", "不一定能直接比较"],
    "en": ["About these figures:", "Both figures are as the district government's work reports "
           "published them", "Neither report says what area it was worked out on",
           "may not be comparable"],
}


@pytest.mark.parametrize("language,prefix", [("zh-hans", ""), ("en", "/en")])
def test_gdp_per_square_kilometre_says_its_figures_are_as_published(demo_client, language, prefix):
    for path in ("/plan/metrics/gdp-per-square-kilometre/", "/plan/services/"):
        words = visible(demo_client.get(prefix + path))
        assert [said for said in AREA_NOTE[language] if said not in words] == [], path
    # in the district results table: the row points to the note under the table
    table = visible(demo_client.get(f"{prefix}/plan/"))
    pointer = "（见表下说明）" if language == "zh-hans" else "(see the note below the table)"
    name = "每平方公里地区生产总值" if language == "zh-hans" else "GDP per square kilometre"
    assert f"{name} {pointer}" in table
    assert [said for said in AREA_NOTE[language][1:] if said not in table] == []
    assert table.count(pointer) == 1  # the one row with a note


CONSULATES = {
    "zh-hans": {
        "says": ["12个 (2021年1月28日)", "2021年初介绍渝中区“十四五”规划的报刊文章",
                 "之后没有找到公布的新总数", "本站也不自行累加",
                 "缅甸驻重庆总领事馆 ： 最近一次报告（2022年7月12日）： 已开放",
                 "维基百科“重庆领事机构列表”（镜像，转述）",
                 "越南驻重庆总领事馆 ： 最近一次报告（2025年10月29日）： 已开放",
                 "越南《国际报》（baoquocte.vn，新闻媒体）"],
        "totals": ["13个", "14个"],
    },
    "en": {
        "says": ["12 countries (28 January 2021)",
                 "Newspaper article on Yuzhong District's 14th Five-Year Plan (early 2021)",
                 "No later total was found", "this site does not work one out",
                 "Consulate General of Myanmar in Chongqing : Last reported (12 July 2022): Opened",
                 "Wikipedia, list of consulates in Chongqing (a mirror; reported)",
                 "Consulate General of Vietnam in Chongqing : Last reported (29 October 2025): Opened",
                 "The World and Vietnam Report (baoquocte.vn; news media)"],
        "totals": ["13 countries", "14 countries"],
    },
}


@pytest.mark.parametrize("language,prefix", [("zh-hans", ""), ("en", "/en")])
def test_the_consulate_count_says_when_and_links_the_later_openings(demo_client, language, prefix):
    response = demo_client.get(f"{prefix}/plan/metrics/consulate-countries/")
    words = visible(response)
    assert [said for said in CONSULATES[language]["says"] if said not in words] == []
    assert [total for total in CONSULATES[language]["totals"] if total in words] == []
    page = text_of(response)
    for slug in ("myanmar-consulate-general", "vietnam-consulate-general"):
        assert tags(page, "a", href=f"{prefix}/plan/projects/{slug}/"), slug
    assert tags(page, "a", href="https://baoquocte.vn/khai-truong-tong-lanh-su-quan-viet-nam-tai-"
                                "trung-khanh-trung-quoc-332999.html")


@pytest.fixture
def related(home):
    _plan, pillars = make_plan(home)
    services = pillars["services"]
    opened = make_project(services, slug="opened", name_zh_hans="新馆", name_en="New hall",
                          status="opened")
    draft = make_project(services, slug="draft", name_zh_hans="草稿馆", name_en="Draft hall",
                         live=False)
    metric = make_metric(services, slug="m", measurements=[(2021, 12)],
                         figures_note_zh_hans="两个来源说法不同。", figures_note_en="The sources differ.")
    metric.related_projects = [opened, draft]
    metric.save()
    return metric


def test_a_metric_lists_only_its_public_related_projects_and_its_note(client, related):
    words = visible(client.get("/en/plan/metrics/m/"))
    assert "Related projects" in words and "New hall" in words
    assert "Draft hall" not in words
    assert "About these figures: The sources differ." in words
    assert "关于这些数字： 两个来源说法不同。" in visible(client.get("/plan/metrics/m/"))


def test_a_metric_with_related_projects_keeps_its_query_budget(client, related, page_cache_off):
    client.get("/")
    assert_page_budget(client, ["/plan/metrics/m/", "/en/plan/metrics/m/"], "(related projects)")
