"""Every plan figure of FACTS.md and FACTS-2.md — value, qualifier and source link — is in the
demo data files (plans/demo_data/*.yaml) and on the rendered pages in both languages.

The expected figures are transcribed here from the fact sheets, independently of the data
files, so a wrong or rounded figure in either place fails."""

import re
from decimal import Decimal

import pytest

from tests.helpers import unmarked_text_of as text_of  # figures whole
from yuzhong_site.core.demo_data import demo_data

pytestmark = pytest.mark.django_db

WENHUI = "http://wenhui.whb.cn/third/zaker/202106/25/411167.html"
EXEC_2021 = "http://www.cqyz.gov.cn/zwgk_229/fdzdgknr/ghjh/gmjjshfz/202201/t20220128_10355562.html"
REPORT_2023 = "https://www.cqyz.gov.cn/zwgk_229/zfgzbg/gzbg/202302/t20230203_11567725.html"
DOC_2024_8 = "http://www.cqyz.gov.cn/zwgk_229/zcwj/qtwj/202402/t20240222_12945028.html"
REPORT_2024 = "http://bx2200.com/baogao/xn/10234.html"
REPORT_2026 = "http://www.cqyz.gov.cn/zwgk_229/zfgzbg/gzbg/202601/t20260126_15353918.html"

# metric slug, year, value, qualifier, source URL, Chinese text, English text
FIGURES = [
    ("district-gdp", 2020, "1358", "", WENHUI, "1,358亿元", "135.8 billion yuan (1,358亿元)"),
    ("district-gdp", 2021, "1400", "estimate_more_than", EXEC_2021, "预计突破1,400亿元",
     "estimated at more than 140 billion yuan (1,400亿元)"),
    ("district-gdp", 2022, "1560.9", "", REPORT_2023, "1,560.9亿元", "156.09 billion yuan (1,560.9亿元)"),
    ("district-gdp", 2023, "1631.3", "", DOC_2024_8, "1,631.3亿元", "163.13 billion yuan (1,631.3亿元)"),
    ("district-gdp", 2025, "1781.8", "", REPORT_2026, "1,781.8亿元", "178.18 billion yuan (1,781.8亿元)"),
    ("gdp-per-resident", 2022, "27", "", REPORT_2023, "27万元", "270,000 yuan per resident (27万元)"),
    ("gdp-per-resident", 2025, "31", "more_than", REPORT_2026, "超过31万元",
     "more than 310,000 yuan per resident (31万元)"),
    ("gdp-per-square-kilometre", 2022, "77.7", "", REPORT_2023, "77.7亿元/平方公里",
     "7.77 billion yuan per km² (77.7亿元/平方公里)"),
    ("gdp-per-square-kilometre", 2025, "76", "", REPORT_2026, "76亿元/平方公里",
     "7.6 billion yuan per km² (76亿元/平方公里)"),
    ("retail-sales", 2020, "1300", "close_to", WENHUI, "近1,300亿元", "close to 130 billion yuan (1,300亿元)"),
    ("retail-sales", 2022, "1309.6", "", REPORT_2023, "1,309.6亿元", "130.96 billion yuan (1,309.6亿元)"),
    ("retail-sales", 2025, "1851.7", "", REPORT_2026, "1,851.7亿元", "185.17 billion yuan (1,851.7亿元)"),
    ("fixed-asset-investment", 2022, "200.2", "", REPORT_2023, "200.2亿元", "20.02 billion yuan (200.2亿元)"),
    ("fixed-asset-investment", 2023, "210.4", "", DOC_2024_8, "210.4亿元", "21.04 billion yuan (210.4亿元)"),
    ("tax-buildings", 2022, "40", "", REPORT_2023, "40栋", "40 buildings"),
    ("tax-buildings", 2025, "40", "", REPORT_2026, "40栋", "40 buildings"),
    ("modern-services-share", 2020, "67", "", WENHUI, "67%", "67%"),
    ("modern-services-value-added", 2022, "1000", "reached", REPORT_2023, "达1,000亿元",
     "reached 100 billion yuan (1,000亿元)"),
    ("tourist-visits", 2023, "8000", "more_than", REPORT_2024, "超过8,000万人次",
     "more than 80 million visits (8,000万人次)"),
    ("yangtze-shoreline-restored", 2023, "8.8", "", REPORT_2024, "8.8公里", "8.8 km"),
    ("fortune-global-500", 2021, "140", "more_than", WENHUI, "超过140家", "more than 140 companies"),
    ("jiefangbei-cbd-retail-sales", 2023, "1000", "more_than", REPORT_2024, "超过1,000亿元",
     "more than 100 billion yuan (1,000亿元)"),
    # FACTS.md (the early-2021 article, in print: no link)
    ("spring-festival-mall-sales", 2021, "23421.18", "", "", "23,421.18 万元",
     "234.2 million yuan (23,421.18 万元)"),
    ("spring-festival-sales-growth", 2021, "174.7", "", "", "174.7%", "174.7%"),
    ("spring-festival-malls", 2021, "31", "", "", "31家", "31 malls"),
    ("jiefangbei-cbd-floor-area", 2021, "6000000", "close_to", "", "近600万平方米", "close to 6 million m²"),
    ("consulate-countries", 2021, "12", "", "", "12个", "12 countries"),
]
# Words that carry figures without a value of their own (growth rates, ranks, totals).
WORDS = {
    "zh-hans": ["增长1.9%", "增长5.2%", "较2020年增长30%", "增长6%左右", "增长7%左右", "增长5.1%",
                "稳居全市第一", "是2020年的1.4倍，居全市第2", "另有7栋准亿元级楼宇，税收千万元以上楼宇161栋",
                "五年累计突破1000亿元", "西部第一"],
    "en": ["up 1.9%", "up 5.2%", "30% more than in 2020", "growth of about 6%", "growth of about 7%",
           "up 5.1%", "first in Chongqing", "1.4 times the 2020 level, second in Chongqing",
           "another 7 close to it, and 161 paying at least 10 million yuan",
           "more than 1,000 亿元 over the five years", "first in western China"],
}


def _in_data(slug, year):
    metric = next(m for m in demo_data("plans", "metrics")["metrics"] if m["slug"] == slug)
    found = [m for m in metric.get("measurements", []) if m["year"] == year]
    assert found, (slug, year)
    return metric, found[0]


@pytest.mark.parametrize("slug,year,value,qualifier,url,_zh,_en", FIGURES)
def test_each_figure_is_in_the_data_files_with_its_qualifier_and_source(slug, year, value, qualifier, url, _zh, _en):
    metric, measurement = _in_data(slug, year)
    assert Decimal(str(measurement["value"])) == Decimal(value)
    assert measurement.get("qualifier", "exactly") in ({qualifier} if qualifier else {"exactly", ""})
    source_key = measurement.get("source", metric["source"])
    assert (demo_data("plans", "sources")[source_key].get("url") or "") == url


def test_2024_has_no_district_result_in_the_data_files():
    for metric in demo_data("plans", "metrics")["metrics"]:
        if metric.get("district_result"):
            assert not [m for m in metric["measurements"] if m["year"] == 2024]


@pytest.mark.parametrize("language,prefix,column", [("zh-hans", "", 5), ("en", "/en", 6)])
def test_each_figure_is_on_its_metric_page_with_its_source_link(client, demo_content, language, prefix, column):
    pages = {}
    for row in FIGURES:
        slug, url, text = row[0], row[4], row[column]
        if slug not in pages:
            pages[slug] = text_of(client.get(f"{prefix}/plan/metrics/{slug}/"))
        page = pages[slug]
        assert text in page, (slug, text)
        if url:
            assert f'href="{url}"' in page, (slug, url)
    everything = "\n".join(pages.values())
    missing = [words for words in WORDS[language] if words not in everything]
    assert not missing


@pytest.mark.parametrize("language,prefix,column", [("zh-hans", "", 5), ("en", "/en", 6)])
def test_the_dashboard_panel_links_every_district_result_to_its_source(client, demo_content, language, prefix, column):
    dashboard = text_of(client.get(f"{prefix}/plan/"))
    panel = dashboard[dashboard.index("yz-results__table"):]
    panel = panel[:panel.index("</table>")]
    results = {m["slug"] for m in demo_data("plans", "metrics")["metrics"] if m.get("district_result")}
    for row in FIGURES:
        if row[0] in results:
            link = re.escape(f'<a href="{row[4]}" rel="noopener"') + r'[^>]*>' + re.escape(f"{row[column]}</a>")
            assert re.search(link, panel), row
    body = panel[panel.index("<tbody>"):]
    rows = body.split("<tr>")[1:]
    assert len(rows) == len(results)
    column = 2024 - 2020  # the panel runs 2020–2025
    for row in rows:
        cells = row.split("<td")[1:]
        assert "yz-results__none" in cells[column]  # 2024: no published figure found
