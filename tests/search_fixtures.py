"""Test content for search: pages in both languages and district records, in our own words
from FACTS.md. Built with the same helpers the demo content uses."""

from districts.models import District
from yuzhong_site.core.models import StandardPage
from yuzhong_site.core.pages import ensure_alias, ensure_child_page, ensure_translation

PAGES = [
    # slug, Chinese title, Chinese introduction, English title (None: untranslated alias), English intro
    (
        "shibati",
        "十八梯传统风貌区",
        "位于较场口下方的老街区，2021年改造提升后重新开放。",
        "Shibati traditional quarter",
        "The old lanes below the Jiaochangkou roundabout reopened in 2021 after upgrading.",
    ),
    (
        "cliff-walk",
        "戴家巷崖壁步道",
        "2021年1月25日开放，把滨江路和解放碑快速连通，为洪崖洞分流。",
        "Daijiaxiang cliffside walkway",
        "Opened on 25 January 2021, linking the riverside road with Jiefangbei.",
    ),
    (
        "consulates",
        "白俄罗斯驻重庆总领事馆开馆",
        "2021年1月28日，白俄罗斯驻重庆总领事馆在渝中开馆。",
        "Belarus opens a consulate general",
        "On 28 January 2021 the Consulate General of Belarus opened in Yuzhong.",
    ),
    (
        "old-compounds",
        "老旧小区改造",
        "消隐患、提环境、补功能、留记忆、强管理。",
        "Renewing old residential compounds",
        "Remove hazards, improve surroundings, add amenities, keep memories, manage better.",
    ),
    (
        "finance",
        "现代金融",
        "建设西部金融中心的主承载区，发展绿色金融和金融科技。",
        None,
        None,
    ),
    (
        "hongyan",
        "红岩村",
        "“红色三岩”之一，红岩精神的发源地。",
        "Hongyan Village",
        "One of the three red cliffs, where the Hongyan spirit began.",
    ),
]

DISTRICTS = [
    ("jiefangbei", "解放碑街道", "Jiefangbei Sub-district", District.Kind.SUB_DISTRICT),
    ("chaotianmen", "朝天门街道", "Chaotianmen Sub-district", District.Kind.SUB_DISTRICT),
    ("eling", "鹅岭历史街区", "", District.Kind.HISTORIC_QUARTER),
]


def build_search_content(home):
    """The pages above under ``home`` (English translations or aliases) and the districts."""
    pages = {}
    for slug, title, intro, en_title, en_intro in PAGES:
        page, _ = ensure_child_page(home, StandardPage, slug, title=title, introduction=intro)
        if en_title:
            ensure_translation(page, "en", title=en_title, introduction=en_intro)
        else:
            ensure_alias(page, "en")
        pages[slug] = page
    for order, (slug, name_zh, name_en, kind) in enumerate(DISTRICTS):
        District.objects.update_or_create(
            slug=slug,
            defaults={
                "name_zh_hans": name_zh,
                "name_en": name_en,
                "kind": kind,
                "sort_order": order,
            },
        )
    return pages


def build_many_pages(home, count):
    """``count`` more searchable pages (for query-count tests)."""
    for number in range(count):
        page, _ = ensure_child_page(
            home,
            StandardPage,
            f"filler-{number}",
            title=f"渝中街巷 {number}",
            introduction="街巷与步道的介绍。",
        )
        ensure_alias(page, "en")
