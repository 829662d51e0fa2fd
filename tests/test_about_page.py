"""What "About this site" tells a reader, in both languages: where the facts come from now (the
early-2021 article and what was published later), the three kinds of source, that every figure
says when and who, that a missing figure is said to be missing, and what each section shows.
A page an earlier demo load left untouched is brought up to date; an editor's page is not."""

import html
import re

import pytest

from tests.helpers import tags
from tests.helpers import unmarked_text_of as text_of
from yuzhong_site.core.demo import DemoContext, build_site_shell, page_words_digest
from yuzhong_site.core.demo_data import demo_data
from yuzhong_site.core.models import StandardPage

pytestmark = pytest.mark.django_db


def visible(response):
    """The words of the page's main content, as a reader sees them."""
    main = re.search(r"<main.*?</main>", text_of(response), re.S).group(0)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", main)))


SAYS = {
    "zh-hans": [
        "2021年初一篇介绍渝中区“十四五”规划的报刊文章",  # the first source…
        "历年政府工作报告和计划执行情况报告", "新闻媒体的报道", "其他网站上的参观信息",  # …and later ones
        "官方来源", "新闻媒体", "政府和新闻媒体以外的网站", "百科或新闻的转载页", "出发前请再确认",
        "说的是什么时候的情况，由谁公布", "附上链接", "没有找到公布的数字", "暂无数据",
        "预计的数字不当作实际结果",
        "四个定位和目标", "规划定了目标的也列出目标", "按日期排列的进展报告", "动态", "游渝中",
        "居民问答", "纠错", "数据开放",
    ],
    "en": [
        "a newspaper article published in early 2021",
        "yearly work reports and plan-execution reports", "news reports",
        "visiting information from other websites",
        "Official source", "News media", "Other websites (not government, not news media)",
        "copies of encyclopedias or news stories", "check before you go",
        "says when it refers to and who published it", "with a link to the original",
        "no published figure found", "an estimate is never shown as a result",
        "four roles and goals", "with the plan's target where it set one",
        "progress reports in date order", "Updates", "Visit Yuzhong", "Residents' questions",
        "Report an error", "Open data",
    ],
}
# What the page once said and is no longer so: one article as the only source, and final
# results compared with targets on every indicator page.
NO_LONGER = {
    "zh-hans": ["整理自2021年初一篇", "最终结果与目标的对比"],
    "en": ["come from a newspaper article published in early 2021 about",
           "compare the final outturn with the target"],
}


@pytest.mark.parametrize("language,prefix", [("zh-hans", ""), ("en", "/en")])
def test_about_says_where_the_facts_come_from_now_and_what_the_pages_show(
    demo_client, language, prefix
):
    response = demo_client.get(f"{prefix}/about/")
    words = visible(response)
    assert [said for said in SAYS[language] if said not in words] == []
    assert [old for old in NO_LONGER[language] if old in words] == []
    page = text_of(response)
    assert tags(page, "a", href=f"{prefix}/questions/") and tags(page, "a", href=f"{prefix}/data/")


OLD_INTRODUCTION = "一篇早年的介绍。"


def _as_an_earlier_load_left_it(home):
    """The About page of the demo, with the words of an earlier demo version, published."""
    build_site_shell(DemoContext())
    about = StandardPage.objects.get(slug="about", locale__language_code="zh-hans")
    about.introduction = OLD_INTRODUCTION
    about.save_revision().publish()
    return StandardPage.objects.get(pk=about.pk)


def test_an_about_page_no_editor_changed_gets_the_new_words(client, home, monkeypatch):
    about = _as_an_earlier_load_left_it(home)
    replaces = demo_data("yuzhong_site", "about")["replaces"]
    monkeypatch.setitem(replaces, "zh-hans", [page_words_digest(about)])
    assert OLD_INTRODUCTION in visible(client.get("/about/"))
    build_site_shell(DemoContext())
    words = visible(client.get("/about/"))
    assert OLD_INTRODUCTION not in words
    assert "历年政府工作报告和计划执行情况报告" in words


def test_an_about_page_an_editor_changed_is_left_alone(client, home):
    _as_an_earlier_load_left_it(home)  # words of no demo version: an editor's
    build_site_shell(DemoContext())
    assert OLD_INTRODUCTION in visible(client.get("/about/"))
