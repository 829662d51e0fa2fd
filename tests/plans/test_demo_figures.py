"""Every figure in FACTS.md appears on the site exactly, in both languages, with its source."""

import html

import pytest

from tests.helpers import unmarked_text_of as text_of  # figures whole

pytestmark = pytest.mark.django_db

PAGES = ["plan/", "plan/services/", "plan/heritage/", "plan/international/", "plan/livability/",
         "plan/projects/daijiaxiang-cliffside-walkway/", "plan/projects/belarus-consulate-general/",
         "plan/metrics/spring-festival-mall-sales/"]

FIGURES = {
    "zh-hans": ["23,421.18 万元", "8,526.95 万元", "174.7%", "600万平方米", "31家", "第12个",
                "第3个总领事馆", "到2022年5个", "到2022年超过30场/年", "2021-01-25", "2021-01-28",
                "3年多", "2021—2025" ],
    "en": ["23,421.18 万元", "8,526.95 万元", "234.2 million yuan", "174.7%", "6 million m²",
           "31 malls", "12th country", "3rd consulate general", "5 friendship cities by 2022",
           "more than 30 conferences a year by 2022", "2021-01-25", "2021-01-28",
           "more than 3 years"],
}


def _site_text(client, prefix):
    return "\n".join(text_of(client.get(prefix + path)) for path in PAGES)


@pytest.mark.parametrize("language,prefix", [("zh-hans", "/"), ("en", "/en/")])
def test_every_seed_figure_is_on_the_site(demo_client, language, prefix):
    text = _site_text(demo_client, prefix).replace("2021–2025", "2021—2025")
    missing = [figure for figure in FIGURES[language] if figure not in text]
    assert not missing


def test_every_metric_names_its_source_and_pillar_pages_say_no_data(demo_client):
    from plans.models import Metric

    for metric in Metric.objects.filter(source_in_print=True):
        english = html.unescape(text_of(demo_client.get(f"/en/plan/metrics/{metric.slug}/")))
        assert "Newspaper article on Yuzhong District's 14th Five-Year Plan (early 2021)" in english
        chinese = text_of(demo_client.get(f"/plan/metrics/{metric.slug}/"))
        assert "2021年初介绍渝中区“十四五”规划的报刊文章" in chinese
    for metric in Metric.objects.filter(source_in_print=False).prefetch_related("measurements"):
        chinese = text_of(demo_client.get(f"/plan/metrics/{metric.slug}/"))
        for measurement in metric.measurements.all():
            assert measurement.source_url and f'href="{measurement.source_url}"' in chinese
    assert "暂无数据" in text_of(demo_client.get("/plan/international/"))
    assert "No data" in text_of(demo_client.get("/en/plan/livability/"))


def test_home_page_links_to_the_plan_dashboard(demo_client):
    html = text_of(demo_client.get("/en/"))
    assert 'href="/en/plan/"' in html
    assert "District results, 2020–2025" in html
