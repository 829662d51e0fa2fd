"""The demo content: districts, heritage sites and routes from districts/demo_data/*.yaml, in
both languages, with every FACTS-2 visiting fact on its page with its source and date."""

import html as html_lib
import re

import pytest
from django.core.management import call_command
from wagtail.images.models import Image

from districts.demo import district_rows, glossary, route_rows, site_rows, sources
from districts.models import District, HeritageSitePage, RoutePage
from tests.helpers import unmarked_text_of as text_of  # figures whole

pytestmark = pytest.mark.django_db

DISTRICT_SLUGS = {"jiefangbei", "daping", "jiaochangkou", "hualongqiao", "shangqingsi",
                  "chaotianmen", "xiabancheng"}

# Every visiting fact of ../shared/seed/FACTS-2.md ("Visiting information"), copied by hand from
# the sheet: (page slug, Chinese words, English words, source link, date the source gives).
# The test checks the data files against this list, then the pages against the data files.
# Two sources gained their date from FACTS-3 (izhixiu.com 2022-09-04, cap68.com 2018-10-05).
FACTS_2 = [
    ("hongyan-village", "红岩村52号", "52 Hongyancun", "http://m.cq.bendibao.com/mip/70479.shtm", "2025"),
    ("hongyan-village", "9:00–17:00，16:30停止入场", "9:00 to 17:00, last entry 16:30",
     "http://m.cq.bendibao.com/mip/70479.shtm", "2025"),
    ("hongyan-village", "免费", "Free", "http://m.cq.bendibao.com/mip/70479.shtm", "2025"),
    ("hongyan-village", "红村网", "红岩博物馆", "http://m.cq.bendibao.com/mip/70479.shtm", "2025"),
    ("hongyan-village", "023-63637990", "+86 23 6363 7990", "http://m.cq.bendibao.com/mip/70479.shtm", "2025"),
    ("hongyan-village", "周一闭馆", "closed on Mondays", "http://m.cq.bendibao.com/mip/70479.shtm", "2025"),
    ("hongyan-village", "5号线、9号线红岩村站", "Hongyancun Station on metro lines 5 and 9", "", ""),
    ("shibati", "中兴路1号", "1 Zhongxing Road", "http://51igbt.cn/lvyou/74315f50e81cd7b58a14412cfb6c6595.html", ""),
    ("shibati", "全天开放", "Open all day", "http://51igbt.cn/lvyou/74315f50e81cd7b58a14412cfb6c6595.html", ""),
    ("shibati", "免费", "Free", "http://51igbt.cn/lvyou/74315f50e81cd7b58a14412cfb6c6595.html", ""),
    ("shibati", "1号线或2号线至较场口站，3、4、11号出口", "line 1 or 2 to Jiaochangkou Station, exit 3, 4 or 11",
     "http://51igbt.cn/lvyou/74315f50e81cd7b58a14412cfb6c6595.html", ""),
    ("daijiaxiang-cliffside-walkway", "全天开放", "Open all day",
     "https://overseatraveller.blogspot.com/2024/09/china-travel-chongqing_1.html", "2024-09"),
    ("daijiaxiang-cliffside-walkway", "2号线临江门站2号出口，再步行约300米",
     "line 2 to Linjiangmen Station, exit 2, then about 300 m on foot",
     "https://overseatraveller.blogspot.com/2024/09/china-travel-chongqing_1.html", "2024-09"),
    ("hongyadong", "嘉陵江滨江路88号", "88 Jialingjiang Binjiang Road", "https://izhixiu.com/a/2165161.html", "2022-09-04"),
    ("hongyadong", "11层（沧白路）和1层（嘉滨路）", "level 11 (Cangbai Road) and level 1 (Jiabin Road)",
     "https://izhixiu.com/a/2165161.html", "2022-09-04"),
    ("hongyadong", "免费", "Free", "https://izhixiu.com/a/2165161.html", "2022-09-04"),
    ("huguang-guild-hall", "东水门正街4号", "4 Dongshuimen Zhengjie", "http://cap68.com/info/2837", "2018-10-05"),
    ("great-hall-of-the-people", "人民路173号", "173 Renmin Road", "https://www.tuniu.com/menpiao/678", ""),
    ("great-hall-of-the-people", "8:00–18:00", "8:00 to 18:00", "https://www.tuniu.com/menpiao/678", ""),
    ("great-hall-of-the-people", "成人8元，优惠票4元", "Adults 8 yuan, concessions 4 yuan",
     "https://www.tuniu.com/menpiao/678", ""),
    ("great-hall-of-the-people", "2026年1月19日至28日", "19 to 28 January 2026",
     "https://m.dahepiao.com/news/20250901528400.html", "2025-09-01"),
    ("jiefangbei", "民族路、民权路和邹容路交汇处", "Minzu Road, Minquan Road and Zourong Road meet",
     "http://chinatrip.jp/chongqing/attraction/attraction-1066.htm", ""),
    ("liziba-station-viewing-platform", "2号线李子坝站", "line 2 to Liziba Station",
     "https://www.cqkz.cn/article/article_75040.html", "2018-10-03"),
    ("eling-erchang", "鹅岭正街1号", "1 Eling Zhengjie", "http://www.hcygmm.com/lvyou/1012593.html", ""),
]
# The Jiefangbei monument's own story (FACTS-2), in its history.
MONUMENT = [("27.5米", "27.5 m"), ("1946年10月31日", "31 October 1946"), ("1947年", "1947"),
            ("2016年", "2016"), ("20世纪建筑遗产", "20th-century architectural heritage")]

ZH_MONTH = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")
EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December"]


def shown_date(date, language):
    if not date:
        return ""
    parts = [int(p) for p in date.split("-")]
    if language == "zh-hans":
        return "".join(f"{v}{u}" for v, u in zip(parts, "年月日", strict=False))
    if len(parts) == 1:
        return str(parts[0])
    month = EN_MONTHS[parts[1] - 1]
    return f"{parts[2]} {month} {parts[0]}" if len(parts) == 3 else f"{month} {parts[0]}"


def test_demo_has_the_districts_sites_and_routes_of_the_data_files(demo_client):
    assert set(District.objects.values_list("slug", flat=True)) >= DISTRICT_SLUGS
    assert len(district_rows()) == 7
    assert HeritageSitePage.objects.filter(locale__language_code="zh-hans").count() == len(site_rows())
    english = HeritageSitePage.objects.filter(locale__language_code="en", alias_of__isnull=True)
    assert english.count() == len(site_rows())
    assert set(RoutePage.objects.filter(locale__language_code="en").values_list(
        "brand", flat=True)) == {row["brand"] for row in route_rows()}
    for url, text in (
        ("/visit/", "十八梯传统风貌区"),
        ("/en/visit/", "Shibati Traditional Area"),
        ("/en/visit/hongyan-village/", "Hongyan Village"),
        ("/en/visit/red-culture-walk/", "Zengjiayan"),
        ("/visit/districts/hualongqiao/", "红岩村"),
    ):
        response = demo_client.get(url)
        assert response.status_code == 200, url
        assert text in text_of(response), url


def test_every_facts_2_visiting_fact_is_in_the_data_and_on_its_page_in_both_languages(
    client, demo_content
):
    by_slug = {row["slug"]: row for row in site_rows()}
    pages = {}
    for slug, zh, en, url, date in FACTS_2:
        # the data file holds the fact with this source and date
        matching = [
            fact for fact in by_slug[slug]["facts"]
            if zh in fact["zh"] and en in fact["en"]
        ]
        assert matching, (slug, zh)
        source = sources()[matching[0]["source"]]
        assert (source["url"], str(source["date"] or "")) == (url, date), (slug, zh)
        # …and both pages show it with the source's name, link and date
        for language, words, prefix in (("zh-hans", zh, ""), ("en", en, "/en")):
            if (slug, language) not in pages:
                pages[slug, language] = text_of(client.get(f"{prefix}/visit/{slug}/"))
            html = pages[slug, language]
            assert words in html, (slug, language, words)
            assert source["name"] in html, (slug, language, source["name"])
            if url:
                assert f'href="{url}"' in html, (slug, url)
            if date:
                assert shown_date(date, language) in html, (slug, language, date)
    # who reported it, in words, and the "check before you go" line
    assert "Reported by" in pages["shibati", "en"]
    assert "website other than government or news media" in pages["shibati", "en"]
    assert "check before you go" in pages["shibati", "en"]
    # a source that gives no date says so, rather than leaving the reader to guess
    assert "the source gives no date" in pages["shibati", "en"]
    assert "来源未注明日期" in pages["shibati", "zh-hans"]
    assert "the source gives no date" not in pages["daijiaxiang-cliffside-walkway", "en"]


# The rest of FACTS-2's "Visiting information" table: what the places are, in their history.
FACTS_2_HISTORY = [
    ("huguang-guild-hall", ["1759年", "2003年至2005年"], ["1759", "between 2003 and 2005"]),
    ("liziba-station-viewing-platform", ["1500平方米", "2018年10月"],
     ["1,500 m²", "October 2018"]),
    ("eling-erchang", ["印制钞票", "1953年", "2017年6月"], ["banknotes", "1953", "June 2017"]),
    ("hongyan-village", ["2022年1月25日", "2023年11月30日"],
     ["25 January 2022", "30 November 2023"]),
]


@pytest.mark.parametrize("slug,zh_words,en_words", FACTS_2_HISTORY)
def test_the_other_facts_2_visiting_facts_are_on_their_pages(
    client, demo_content, slug, zh_words, en_words
):
    zh = text_of(client.get(f"/visit/{slug}/"))
    en = text_of(client.get(f"/en/visit/{slug}/"))
    assert all(words in zh for words in zh_words), (slug, zh_words)
    assert all(words in en for words in en_words), (slug, en_words)


def test_each_place_says_what_is_not_known_in_one_line_and_gives_a_phone_where_known(
    demo_client
):
    # FACTS-3 "Not found": one sentence per place, written by the editor; a place without one
    # lists the kinds nobody published in the automatic line. Never a warning per field.
    for row in site_rows():
        zh = text_of(demo_client.get(f"/visit/{row['slug']}/"))
        en = text_of(demo_client.get(f"/en/visit/{row['slug']}/"))
        for html, language in ((zh, "zh"), (en, "en")):
            lines = re.findall(r'<p class="yz-visiting__unknown">(.*?)</p>', html, re.S)
            assert len(lines) == 1, (row["slug"], language)
            note = row[language].get("unknown_note")
            if note:
                assert html_lib.escape(note) in lines[0], (row["slug"], language)
            assert "not confirmed" not in html and "未确认" not in html
        if not row["zh"].get("unknown_note"):
            assert re.search(r"Not known: we found no published information on [^.<]*step-free "
                             r"access\.", en), row["slug"]
            assert re.search(r"暂无信息：我们没有找到关于[^。<]*无台阶通行的公开信息。", zh), row["slug"]
    # the number is a tap-to-call link
    assert (
        'Ask the place: <a class="yz-tel" href="tel:+862363637990">023-63637990</a>.'
        in text_of(demo_client.get("/en/visit/hongyan-village/"))
    )
    assert '可致电咨询：<a class="yz-tel" href="tel:+862363637990">023-63637990</a>。' in text_of(
        demo_client.get("/visit/hongyan-village/"))
    assert (
        'Ask the place: <a class="yz-tel" href="tel:+862363914697">023-63914697</a>.'
        in text_of(demo_client.get("/en/visit/huguang-guild-hall/"))
    )


def test_conflicting_hours_prices_and_addresses_are_shown_as_conflicts(demo_client):
    # FACTS-3: the guild hall's hours, price and address disagree between sources: both sides
    # are shown, each with its source, under "Sources differ".
    for prefix, differ, words in (
        ("", "来源说法不一", ["成人32元", "成人25元", "长滨路芭蕉园1号", "东水门正街4号",
                               "9:00–21:00", "9:00–18:00"]),
        ("/en", "Sources differ", ["Adults 32 yuan", "Adults 25 yuan", "1 Bajiaoyuan, Changbin Road",
                                   "4 Dongshuimen Zhengjie", "9:00 to 21:00", "9:00 to 18:00"]),
    ):
        html = text_of(demo_client.get(f"{prefix}/visit/huguang-guild-hall/"))
        assert html.count(differ) >= 3  # address, hours, admission
        for word in words:
            assert word in html, (prefix, word)
        assert 'href="http://kingniu.net/lvyounews1/20250724522564.html"' in html
        assert 'href="https://m.cq.bendibao.com/xiuxian/126663.shtm"' in html


def test_the_jiefangbei_monument_tells_its_own_story(demo_client):
    zh = text_of(demo_client.get("/visit/jiefangbei/"))
    en = text_of(demo_client.get("/en/visit/jiefangbei/"))
    for zh_words, en_words in MONUMENT:
        assert zh_words in zh and en_words in en
    # the mall takings belong to the business district's page, not the monument's
    assert "商场" not in zh and "shopping centres" not in en
    assert "234.2118 million yuan" in text_of(demo_client.get("/en/visit/districts/jiefangbei/"))


def test_visit_lists_only_places_one_can_visit_one_page_each(demo_client):
    unbuilt = {key: name for key, name in glossary()["places"].items() if name.get("unbuilt")}
    assert set(unbuilt) == {"hongyan-park", "revolutionary-military-museum"}
    assert not HeritageSitePage.objects.filter(slug__in=unbuilt).exists()
    for prefix, field in (("", "zh"), ("/en", "en")):
        html = text_of(demo_client.get(f"{prefix}/visit/"))
        for name in unbuilt.values():
            assert name[field] not in html
        assert demo_client.get(f"{prefix}/visit/hongyan-park/").status_code == 404
    # they stay as plan projects
    assert demo_client.get("/plan/projects/revolutionary-military-museum/").status_code == 200
    # one page per place: no two heritage pages or districts share a title
    titles = list(HeritageSitePage.objects.filter(locale__language_code="zh-hans").values_list(
        "title", flat=True)) + list(District.objects.values_list("name_zh_hans", flat=True))
    assert len(titles) == len(set(titles))


def test_demo_labels_its_pictures(demo_client):
    html = text_of(demo_client.get("/en/visit/shibati/"))
    assert "Illustration, not a photograph" in html
    assert all(image.title.startswith("示意图 Illustration") for image in Image.objects.all())


def test_each_place_has_a_picture_of_its_own(demo_content):
    """The demo illustrations: one per place at least, and no two places share the same picture
    (the same shapes everywhere told the visitor nothing)."""
    import hashlib

    pictures = {}
    for place in HeritageSitePage.objects.live().filter(locale__language_code="zh-hans"):
        image = place.main_image
        assert image is not None, place.slug
        with image.image.file.open("rb") as handle:
            pictures.setdefault(hashlib.sha256(handle.read()).hexdigest(), []).append(place.slug)
    assert [slugs for slugs in pictures.values() if len(slugs) > 1] == []


def test_loading_the_demo_twice_adds_no_pictures_pages_or_facts(demo_content):
    from districts.models import VisitingFact

    counts = (Image.objects.count(), HeritageSitePage.objects.count(), VisitingFact.objects.count())
    call_command("load_demo_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert (Image.objects.count(), HeritageSitePage.objects.count(),
            VisitingFact.objects.count()) == counts
