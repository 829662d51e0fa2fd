"""FACTS-3 in the visitors' pages: every visiting fact the sheet gives, on its place's page in
both languages with its source (link), tier and date; conflicts shown as conflicts; the three
new places (cableway, Chaotianmen Square, the Raffles City deck) reachable from /visit/, the
district page, search and both site maps; map links for every place; one "not known" line."""

import html as html_lib
import re
from urllib.parse import parse_qs, urlsplit

import pytest

from districts.demo import glossary, site_rows, sources
from tests.helpers import unmarked_text_of as text_of  # facts whole, without lang spans

from .test_places_demo import shown_date

pytestmark = pytest.mark.django_db

# Every source of ../shared/seed/FACTS-3.md §§1–13 used on a place's page, copied from the sheet:
# (page slug, source link, date the sheet gives ("" for n.d.), tier). The §13 rows of 朝天门站
# belong to the Raffles City deck (and the station's exits to Chaotianmen Square as well). The
# §2 row on 鲁祖庙 ("see §9") is on the Luzumiao page. The WFC observation deck (§13, last row) is not one of the places of the visitors' section.
# freewechat.com: the sheet's link ends in a stray "{{href}}" (a copying slip), left out here.
FACTS_3 = [
    ('hongyadong', 'https://cq.cri.cn/chinanews/20180928/e5574ad2-42e8-c485-3ef5-b60964cafe70.html',
     '2018-09-28', 'media'),
    ('hongyadong', 'http://english.cqnews.net/html/2018-09/06/content_50045890.htm',
     '2018-09-06', 'media'),
    ('hongyadong', 'http://english.cqnews.net/html/2021-01/05/content_51209376.html',
     '2021-01-05', 'media'),
    ('hongyadong', 'https://whosread.com/181429/4490138.amp',
     '', 'reported'),
    ('hongyadong', 'https://www.ichongqing.info/2019/01/10/hongyadong-a-gorgeous-star-in-chongqing/',
     '2019-01-10', 'media'),
    ('hongyadong', 'https://izhixiu.com/a/2165161.html',
     '2022-09-04', 'reported'),
    ('hongyadong', 'https://new.qq.com/rain/a/20230928A09QLI00',
     '2023-09-28', 'media'),
    ('hongyadong', 'https://m.asjzyw.com/dy/7597.html',
     '', 'reported'),
    ('hongyadong', 'https://community.travelchinaguide.com/d_tip.asp?d=29',
     '2007-06-27', 'reported'),
    ('hongyadong', 'https://photographyoflifebyjoanntan.blogspot.com',
     '', 'reported'),
    ('hongyadong', 'https://m.cqcb.com/hot/2018-10-04/1133804.html',
     '2018-10-04', 'media'),
    ('hongyadong', 'http://m.jiangsulong.com/a/2020/0505/0406450.html',
     '2020-05-05', 'reported'),
    ('hongyadong', 'https://feifmx.com/socialgd/10000169/20250503/48286930.html',
     '2025-05-03', 'reported'),
    ('hongyadong', 'http://rbjames.com/news/2023/1006/36-5086.html',
     '2023-10-06', 'reported'),
    ('hongyadong', 'https://www.ccqctg.com/col1916571.html',
     '', 'reported'),
    ('hongyadong', 'http://360changshi.com/shijianriqi/23900.html',
     '', 'reported'),
    ('jiefangbei', 'https://54e1ad4b4888.kfd.me/zh-cn/%E4%B8%B4%E6%B1%9F%E9%97%A8%E7%AB%99',
     '', 'reported'),
    ('jiefangbei', 'http://www.ccgp-fushun.com/travel/2017-12/11/content_50097462.htm',
     '2017-12-11', 'reported'),
    ('jiefangbei', 'https://govt.chinadaily.com.cn/s/201906/17/WS5d07384a498e12256565dcaa/city-transport.html',
     '2019-06-17', 'media'),
    ('jiefangbei', 'https://www.chongqingtrip.org/attractions/jiefangbei.htm',
     '', 'reported'),
    ('jiefangbei', 'https://chinaadvent.com/anti-japanese-war-victory-memorial',
     '', 'reported'),
    ('jiefangbei', 'http://www.chinatravelcompass.com/chonqing/attractions/jiefangbei.html',
     '', 'reported'),
    ('jiefangbei', 'http://travel.fengniao.com/475/4751225_4.html',
     '2014-08-27', 'reported'),
    ('liziba-station-viewing-platform', 'http://english.cqnews.net/html/2018-09/06/content_50045890.htm',
     '2018-09-06', 'media'),
    ('liziba-station-viewing-platform', 'https://qwjyg.com/zh-mo/shxbk/qygkvw.html',
     '', 'reported'),
    ('liziba-station-viewing-platform', 'https://www.china-travelnote.com/itinerary/56416.html',
     '', 'reported'),
    ('liziba-station-viewing-platform', 'https://motuuu.com/html/158505.html',
     '', 'reported'),
    ('liziba-station-viewing-platform', 'https://www.sqedu.cn/shubk/202506/372301.html',
     '2025-06', 'reported'),
    ('liziba-station-viewing-platform', 'https://luguhu.com/forum.php?goto=lastpost&mod=redirect&tid=7051',
     '', 'reported'),
    ('liziba-station-viewing-platform', 'https://www.ichongqing.info/2018/08/31/liziba-station-lookout-platform-opened-to-public/',
     '2018-08-31', 'media'),
    ('liziba-station-viewing-platform', 'http://www.chongqing-guide.com/news/liziba-viewing-platform-will-be-grand-opening-in-august.html',
     '2018-07-16', 'reported'),
    ('liziba-station-viewing-platform', 'https://gjfs.com.cn/keji/202401/01132196532.html',
     '2024-01-13', 'reported'),
    ('liziba-station-viewing-platform', 'https://m.cqcb.com/county/yuzhongqu/yuzhongquxinwen/2018-06-22/913369.html',
     '2018-06-22', 'media'),
    ('liziba-station-viewing-platform', 'https://m.sqrb.com.cn/lvbaiye/cqtanxian/330655.html',
     '', 'reported'),
    ('huguang-guild-hall', 'http://kingniu.net/lvyounews1/20250724522564.html',
     '2025-07-24', 'reported'),
    ('huguang-guild-hall', 'http://m.zuomama.com/lvyou/gonglve/119553.html',
     '2022-09-23', 'reported'),
    ('huguang-guild-hall', 'http://m.zuomama.com/lvyou/gonglve/174998.html',
     '', 'reported'),
    ('huguang-guild-hall', 'https://www.travelofchina.com/?p=17590',
     '', 'reported'),
    ('huguang-guild-hall', 'https://www.china-travelnote.com/attraction/China/ChongQing/Huguang-Guild-Hall',
     '', 'reported'),
    ('huguang-guild-hall', 'https://www.kkday.com/en-au/product/531235',
     '', 'reported'),
    ('huguang-guild-hall', 'http://chongqing-guide.com/sightseeing/Huguang-guild-hall.html',
     '', 'reported'),
    ('huguang-guild-hall', 'https://m.cq.bendibao.com/xiuxian/126663.shtm',
     '2023-01', 'reported'),
    ('huguang-guild-hall', 'https://news.aluntan.com/316-20211663905165684.html',
     '2021-11-03', 'reported'),
    ('huguang-guild-hall', 'https://www.lonelyplanet.com/china/chongqing/attractions/huguang-guild-hall/a/poi-sig/1240524/355907',
     '', 'reported'),
    ('huguang-guild-hall', 'http://cap68.com/info/2837',
     '2018-10-05', 'reported'),
    ('great-hall-of-the-people', 'http://m.studyofnet.com/383832619.html',
     '', 'reported'),
    ('great-hall-of-the-people', 'https://www.ichongqing.info/2023/01/19/chongqing-rail-transit-opens-new-lines-with-stilted-buildings-design/',
     '2023-01-19', 'media'),
    ('great-hall-of-the-people', 'http://tender.tongyuandianqi.com/20221276/965080.html',
     '2023-01-18', 'reported'),  # the sheet: "中新社 2023-01-18 mirror"
    ('great-hall-of-the-people', 'https://www.eastchinatrip.com/china-attraction-tickets/chongqing/the-peoples-great-hall-of-chongqing-tickets',
     '', 'reported'),
    ('great-hall-of-the-people', 'http://www.chinatravelsavvy.com/destinations/chongqing/attractions/great-hall-of-the-people/',
     '', 'reported'),
    ('great-hall-of-the-people', 'https://zhanbuba.com/lyjd11113',
     '', 'reported'),
    ('great-hall-of-the-people', 'http://csjbk.com/lvyou/154745.html',
     '2023-04-29', 'reported'),
    ('great-hall-of-the-people', 'https://www.tuniu.com/menpiao/678',
     '', 'reported'),
    ('great-hall-of-the-people', 'http://wdhxjy.com/jingqulvyou1/20231028246297.html',
     '2023-10-28', 'reported'),
    ('eling-erchang', 'http://dpandr.com/life/2023-08-14/140774.html',
     '2023-08-14', 'reported'),
    ('eling-erchang', 'https://magicaltraveljournal.com/2020/07/07/chongqing-6-reasons-and-tips-to-visit-%E4%BA%8C%E5%8E%82%E5%88%9B%E6%84%8F%E5%85%AC%E5%9B%AD-testbed2-an-artzone/',
     '2020-07-07', 'reported'),
    ('eling-erchang', 'http://en.cqyz.gov.cn/content.jsp?id=2c9f814e6f78e53e016f882d9d8904be&classid=536fd45dcf7b489c8ac277885cbf721f',
     '', 'official'),
    ('eling-erchang', 'https://bkwk.cn/article/zqelgyqsxjgl.html',
     '', 'reported'),
    ('zengjiayan', 'https://cqzxb.itlic.com/content/2020-12/15/010364.html',
     '2020-12-15', 'media'),
    ('zengjiayan', 'https://m.tftnews.com/news789564',
     '', 'reported'),
    ('zengjiayan', 'https://cq.cri.cn/2019-01-16/5bc77fd4-60f4-90ae-e51c-90b5339aab9d.html',
     '2019-01-16', 'media'),
    ('zengjiayan', 'http://russian.china.org.cn/travel/txt/2007-11/06/content_9185692.htm',
     '2007-11-06', 'media'),
    ('zengjiayan', 'http://chongqing-guide.com/articles/former-residence-tour-touch-the-history-of-old-chongqing.html',
     '2018-04-09', 'reported'),
    ('hutouyan', 'http://xiangzhen.org/xcly/2019/0507_58268.html',
     '2019-05-07', 'reported'),
    ('hutouyan', 'https://ppfocus.com/0/tr1f53d6d.html',
     '2020', 'reported'),
    ('hutouyan', 'http://www.xsjgww.com/5dhstzgv',
     '', 'reported'),
    ('luzumiao', 'https://cq.cri.cn/2019-01-16/5bc77fd4-60f4-90ae-e51c-90b5339aab9d.html',
     '2019-01-16', 'media'),
    ('luzumiao', 'https://workercn.cn/32889/201901/04/190104133918147.shtml',
     '2019-01-04', 'reported'),
    ('luzumiao', 'https://m.cqcb.com/hot/2019-07-26/1768030_pc.html',
     '2019-07-26', 'media'),
    ('luzumiao', 'https://news.cqnews.net/1/detail/1253345106478952448/web/content_1253345106478952448.html',
     '2024-06-20', 'media'),
    ('luzumiao', 'https://bkwk.cn/article/zqswwjmzqwhdbbhdgs-a17245357.html',
     '', 'reported'),
    ('sancengmalu', 'https://m.map.360.cn/m/search/detail/pid=54cefe454d446f24',
     '2024-03-11', 'reported'),
    ('sancengmalu', 'https://www.china-travelnote.com/itinerary/56416.html',
     '', 'reported'),
    ('xiabancheng', 'https://twwiki.net/wiki/lxjkrgg6zkx8orz.html',
     '', 'reported'),
    ('xiabancheng', 'http://dwrh.net/a/wenhua/wenwu/20120919/159003.html',
     '2012-09-19', 'reported'),
    ('xiabancheng', 'http://chongqing.baogaosu.com/xinwen/%E6%B8%9D%E4%B8%AD%E4%B8%8B%E5%8D%8A%E5%9F%8E%E6%84%9F%E5%8F%97%E4%B9%9D%E5%8C%BA%E4%B8%80%E7%8E%AF%E4%B8%A4%E8%A1%97%E4%BA%94/58595066/',
     '2017-06-27', 'reported'),
    ('xiabancheng', 'http://www.cqupb.gov.cn/content.aspx?id=32774',
     '2016-08-22', 'official'),
    ('xiabancheng', 'http://cq.snbst.com/cqxw/cqwh/1608/8842.html',
     '2016-08-23', 'reported'),
    ('yangtze-river-cableway', 'https://news.cqnews.net/1/detail/1224687782908923904/web/content_1224687782908923904.html',
     '2024-04-02', 'media'),
    ('yangtze-river-cableway', 'https://m.cqcb.com/hot/2018-10-04/1133804.html',
     '2018-10-04', 'media'),
    ('yangtze-river-cableway', 'https://www.takefoto.cn/viewnews-1966372.html',
     '2019-11-22', 'media'),
    ('yangtze-river-cableway', 'http://www.huazanedu.com/chongqing/a23524.html',
     '2020', 'reported'),
    ('yangtze-river-cableway', 'http://en.people.cn/n3/2023/0112/c90000-10195015.html',
     '2023-01-12', 'media'),
    ('yangtze-river-cableway', 'http://www.115sou.com/jd-YN-FTNN.html',
     '2023-11-28', 'reported'),
    ('yangtze-river-cableway', 'http://xmztd.com/meishishaokao/i08tkzhrcc.html',
     '', 'reported'),
    ('yangtze-river-cableway', 'https://chongqingdeeptour.com/guide-to-yangtze-river-cable-car-in-chongqing',
     '', 'reported'),
    ('yangtze-river-cableway', 'https://www.travelsichuanguide.com/chongqing/attraction/yangtze-cableway_chongqing.html',
     '', 'reported'),
    ('yangtze-river-cableway', 'https://m.intotravelchina.com/attractions/chongqing_attraction/yangtze_river_cableway.do',
     '', 'reported'),
    ('yangtze-river-cableway', 'http://weilinceramic.com/weilinceramic/%E9%95%BF%E6%B1%9F%E7%B4%A2%E9%81%93/2964861',
     '', 'reported'),
    ('yangtze-river-cableway', 'http://www.chongqing-guide.com/news/good-news-yangtze-river-cableway-services-operating-hours-extended-to-11pm.html',
     '2018-07-23', 'reported'),
    ('raffles-city-observation-deck', 'http://english.cqnews.net/html/2020-06/03/content_50953787.html',
     '2020-06-03', 'media'),
    ('raffles-city-observation-deck', 'https://www.straitstimes.com/business/companies-markets/capitaland-opens-250m-high-glass-bottom-deck-at-raffles-city-chongqing-in',
     '2020-06-05', 'media'),
    ('raffles-city-observation-deck', 'https://www.travelofchina.com/raffles-city-chongqing',
     '', 'reported'),
    ('raffles-city-observation-deck', 'http://english.cqnews.net/html/2021-01/05/content_51209376.html',
     '2021-01-05', 'media'),
    ('raffles-city-observation-deck', 'http://news.sina.com.cn/o/2021-01-04/doc-iiznctkf0087267.shtml',
     '2021-01-04', 'media'),
    ('chaotianmen-square', 'http://news.sina.com.cn/o/2021-01-04/doc-iiznctkf0087267.shtml',
     '2021-01-04', 'media'),
    ('chaotianmen-square', 'http://nooj.cn/1/detail/1299753027800158208/web/content_1299753027800158208.html',
     '2024-10-27', 'reported'),
    ('chaotianmen-square', 'https://freewechat.com/a/MzA4MzA0MTA4NA==/2658748506/',
     '2024', 'reported'),
]

TIER_WORDS = {
    "official": {"en": "official source (government)", "zh-hans": "官方来源（政府网站）"},
    "media": {"en": "news media", "zh-hans": "新闻媒体"},
    "reported": {"en": "website other than government or news media",
                 "zh-hans": "政府和新闻媒体以外的网站"},
}
NEW_PLACES = ["yangtze-river-cableway", "chaotianmen-square", "raffles-city-observation-deck"]
LANGUAGES = (("zh-hans", ""), ("en", "/en"))


def blocks_citing(html, url):
    """The fact paragraphs and notices of a page that cite ``url``."""
    href = f'href="{html_lib.escape(url)}"'
    parts = re.findall(r'<p class="yz-fact[ "].*?</span></p>|<div class="yz-notice .*?</div>',
                       html, re.S)
    return [part for part in parts if href in part]


def data_by_url():
    return {source["url"]: source for source in sources().values()}


def test_every_facts_3_source_is_in_the_data_with_the_date_and_tier_of_the_sheet():
    by_url = data_by_url()
    for slug, url, date, tier in FACTS_3:
        assert url in by_url, (slug, url)
        source = by_url[url]
        assert (str(source["date"] or ""), source["tier"]) == (date, tier), (slug, url)


def test_every_facts_3_fact_is_on_its_page_with_source_tier_and_date_in_both_languages(
    demo_client
):
    rows = {row["slug"]: row for row in site_rows()}
    pages = {}
    for slug, url, date, tier in FACTS_3:
        for language, prefix in LANGUAGES:
            if (slug, language) not in pages:
                response = demo_client.get(f"{prefix}/visit/{slug}/")
                assert response.status_code == 200, slug
                pages[slug, language] = text_of(response)
            html = pages[slug, language]
            assert (f'href="{html_lib.escape(url)}"' in html  # a fact's link, escaped
                    or f'href="{url}"' in html), (slug, language, url)  # a link in the history
            for block in blocks_citing(html, url):
                assert TIER_WORDS[tier][language] in block, (slug, language, url)
                if date:
                    assert shown_date(date, language) in block, (slug, language, url)
                else:
                    assert ("the source gives no date" in block or "来源未注明日期" in block)
    # every fact and notice of the data is on its page, in the page's language
    by_key = sources()
    for slug, row in rows.items():
        for language, prefix in LANGUAGES:
            html = pages.get((slug, language)) or text_of(demo_client.get(f"{prefix}/visit/{slug}/"))
            field = "zh" if language == "zh-hans" else "en"
            for item in (row.get("facts") or []) + (row.get("notices") or []):
                assert html_lib.escape(item[field]) in html, (slug, language, item[field])
                assert html_lib.escape(by_key[item["source"]]["name"]) in html


def test_reported_facts_say_so_with_their_date_and_check_before_you_go(demo_client):
    en = text_of(demo_client.get("/en/visit/yangtze-river-cableway/"))
    block = blocks_citing(en, "http://www.115sou.com/jd-YN-FTNN.html")[0]
    assert "Reported by" in block and "28 November 2023" in block
    assert "check before you go" in block.lower()
    zh = text_of(demo_client.get("/visit/yangtze-river-cableway/"))
    block = blocks_citing(zh, "http://www.115sou.com/jd-YN-FTNN.html")[0]
    assert "2023年11月28日" in block and "出发前请再确认" in block


ENCYCLOPEDIA_COPY = "http://weilinceramic.com/weilinceramic/%E9%95%BF%E6%B1%9F%E7%B4%A2%E9%81%93/2964861"


@pytest.mark.parametrize("prefix,tier_words,caveat_words,wrong", [
    ("/en", "website other than government or news media", "copies of encyclopedias",
     ["ticket seller, guide or blog", "reported by ticket sellers and guides"]),
    ("", "政府和新闻媒体以外的网站", "百科或新闻的转载页", ["票务网站、旅游攻略或博客", "大多来自票务网站"]),
])
def test_an_encyclopedia_copy_is_not_called_a_ticket_seller(
    demo_client, prefix, tier_words, caveat_words, wrong
):
    html = text_of(demo_client.get(f"{prefix}/visit/yangtze-river-cableway/"))
    block = blocks_citing(html, ENCYCLOPEDIA_COPY)[0]
    assert tier_words in block
    caveat = re.search(r'<p class="yz-visiting__caveat">(.*?)</p>', html, re.S).group(1)
    assert caveat_words in caveat
    for words in wrong:
        assert words not in html


CONFLICTS = [
    # (page, kind heading in English / Chinese, words of each side in English)
    ("huguang-guild-hall", "Opening hours", "开放时间", ["9:00 to 19:00", "9:00 to 21:00"]),
    ("huguang-guild-hall", "Admission", "门票", ["Adults 32 yuan", "Adults 25 yuan"]),
    ("huguang-guild-hall", "Address", "地址", ["4 Dongshuimen Zhengjie", "1 Bajiaoyuan"]),
    ("yangtze-river-cableway", "Metro", "轨道交通", ["exit 5B", "exit 5", "exit 1"]),
    ("yangtze-river-cableway", "Address", "地址", ["151 Xinhua Road", "153 Xinhua Road"]),
    ("liziba-station-viewing-platform", "Size and layout", "规模和布局",
     ["covers 1,500 m²", "about 500 m²"]),
    ("hongyadong", "Lighting hours", "亮灯时间", ["off at 22:00", "from 20:00 to 22:00"]),
    ("hongyadong", "Size and layout", "规模和布局", ["31,500 m²", "46,000 m²"]),
]


def definition(html, heading):
    match = re.search(rf"<dt>{re.escape(heading)}</dt>\s*<dd>(.*?)</dd>", html, re.S)
    assert match, heading
    return match.group(1)


@pytest.mark.parametrize("slug,heading_en,heading_zh,sides", CONFLICTS)
def test_conflicting_sources_are_shown_as_conflicts_with_both_sources(
    demo_client, slug, heading_en, heading_zh, sides
):
    en = definition(text_of(demo_client.get(f"/en/visit/{slug}/")), heading_en)
    assert "Sources differ" in en
    for side in sides:
        assert side in en, (slug, side)
    assert len(set(re.findall(r'href="([^"]+)"', en))) >= 2
    zh = definition(text_of(demo_client.get(f"/visit/{slug}/")), heading_zh)
    assert "来源说法不一" in zh


def test_facts_that_agree_are_not_called_a_conflict(demo_client):
    en = text_of(demo_client.get("/en/visit/jiefangbei/"))
    assert "Sources differ" not in definition(en, "Metro")  # four stations, no disagreement
    # the same prices in another order, and a concession price, are no conflict
    cableway = text_of(demo_client.get("/en/visit/yangtze-river-cableway/"))
    admission = definition(cableway, "Admission")
    assert "Sources differ" not in admission and "18 yuan for older people" in admission


# --- the three new places ---------------------------------------------------------------------


def test_the_new_places_have_pages_in_both_languages_with_an_illustration(demo_client):
    names = glossary()["places"]
    for slug in NEW_PLACES:
        zh = text_of(demo_client.get(f"/visit/{slug}/"))
        en = text_of(demo_client.get(f"/en/visit/{slug}/"))
        assert f"<h1 class=\"yz-place__title\">{names[slug]['zh']}</h1>" in zh
        assert f"<h1 class=\"yz-place__title\">{names[slug]['en']}</h1>" in en
        assert "示意插图，由本站生成，并非实景照片。" in zh
        assert "An illustration made by this site, not a photograph." in en
        # no source publishes a position: no pin, a search by name instead
        assert "uri.amap.com/marker" not in en and "api.map.baidu.com/marker" not in en
        assert "No source publishes a map position for this place." in en


def test_the_new_places_are_on_visit_their_district_page_and_both_site_maps(demo_client):
    for language, prefix in LANGUAGES:
        index = text_of(demo_client.get(f"{prefix}/visit/"))
        district = text_of(demo_client.get(f"{prefix}/visit/districts/chaotianmen/"))
        site_map = text_of(demo_client.get(f"{prefix}/sitemap/"))
        for slug in NEW_PLACES:
            href = f'href="{prefix}/visit/{slug}/"'
            assert href in index, (language, slug)
            assert href in district, (language, slug)
            assert href in site_map, (language, slug)
    xml = text_of(demo_client.get("/sitemap.xml"))
    for slug in NEW_PLACES:
        assert f"/visit/{slug}/</loc>" in xml and f"/en/visit/{slug}/</loc>" in xml


def first_result(client, query, language):
    url = "/en/search/" if language == "en" else "/search/"
    html = client.get(url, {"q": query}).content.decode()
    match = re.search(r'<h2 class="yz-result__title">.*?href="([^"]*)"', html, re.S)
    return match.group(1) if match else None


def search_queries(slug):
    entry = glossary()["places"][slug]
    return sorted({entry["zh"], entry.get("short_zh", entry["zh"]), entry["pinyin"],
                   entry["en"], *entry.get("other_names", [])})


def test_search_finds_each_new_place_first_by_every_name_from_both_languages(demo_client):
    failures, table = [], []
    for slug in NEW_PLACES:
        for query in search_queries(slug):
            for language, prefix in LANGUAGES:
                found = first_result(demo_client, query, language)
                table.append(f"{language:7} {query:35} → {found}")
                if found != f"{prefix}/visit/{slug}/":
                    failures.append((language, query, found))
    print("\n".join(table))
    assert failures == [], failures
    # the names the issue asks for are among them
    asked = {"yangtze-river-cableway": ["Yangtze River Cableway", "cable car", "索道"],
             "raffles-city-observation-deck": ["Raffles City", "The Crystal"],
             "chaotianmen-square": ["朝天门", "Chaotianmen"]}
    for slug, queries in asked.items():
        assert set(queries) <= set(search_queries(slug)), slug


# --- map links ----------------------------------------------------------------------------------


def test_every_place_on_visit_has_an_amap_and_a_baidu_link(demo_client):
    for language, prefix in LANGUAGES:
        index = text_of(demo_client.get(f"{prefix}/visit/"))
        cards = re.findall(r'<li class="yz-card yz-place-card">.*?</li>', index, re.S)
        assert len(cards) == len(site_rows())
        for card in cards:
            assert "uri.amap.com/" in card and "api.map.baidu.com/" in card, card[:200]
        for row in site_rows():
            page = text_of(demo_client.get(f"{prefix}/visit/{row['slug']}/"))
            name = glossary()["places"][row["slug"]]["zh"]
            amap = re.search(r'href="(https://uri\.amap\.com/search\?[^"]+)"', page)
            baidu = re.search(r'href="(https://api\.map\.baidu\.com/place/search\?[^"]+)"', page)
            osm = re.search(r'href="(https://www\.openstreetmap\.org/search\?[^"]+)"', page)
            assert amap and baidu and osm, (language, row["slug"])
            amap_query = parse_qs(urlsplit(html_lib.unescape(amap.group(1))).query)
            assert amap_query["keyword"] == [name] and amap_query["city"] == ["重庆"]
            baidu_query = parse_qs(urlsplit(html_lib.unescape(baidu.group(1))).query)
            assert baidu_query["query"] == [name] and baidu_query["region"] == ["重庆"]
    en = demo_client.get("/en/visit/hutouyan/").content.decode()  # with its lang marks
    assert "Search on Amap / <span lang=\"zh-Hans\">在高德地图中搜索</span>" in en
    assert "在高德地图中搜索" in text_of(demo_client.get("/visit/hutouyan/"))


# --- what is not known ----------------------------------------------------------------------------


def test_what_no_source_publishes_is_one_sentence_per_place(demo_client):
    for slug, words_en, words_zh in (
        ("liziba-station-viewing-platform", "No source gives the viewing platform's opening hours",
         "没有任何来源给出观景平台的开放时间"),
        ("yangtze-river-cableway", "which Xiaoshizi exit to use (1, 5 or 5B)", "1号、5号、5B"),
        ("luzumiao", "No source confirms that it has actually opened", "没有来源证实它确已开放"),
    ):
        en = text_of(demo_client.get(f"/en/visit/{slug}/"))
        zh = text_of(demo_client.get(f"/visit/{slug}/"))
        assert en.count('class="yz-visiting__unknown"') == 1 and html_lib.escape(words_en) in en
        assert zh.count('class="yz-visiting__unknown"') == 1 and words_zh in zh
        assert "Not known: we found no published information" not in en
