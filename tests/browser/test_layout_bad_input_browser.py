"""Bad input, in the browser: a figure of 14 digits, an indicator name of 60
characters, a chart of one year and one of twelve, an English title of 200 characters. On a
320 and a 390 px phone, in normal and large text, in both languages: nothing scrolls sideways,
no chart text overlaps or leaves its chart, every table figure and header control is in view
(the matrix's geometry checks, tests/browser/readable_checks.py)."""

import datetime
from decimal import Decimal

import pytest

from plans.models import Measurement, Metric, PillarPage, UpdateIndexPage
from tests.browser.conftest import _new_page
from tests.browser.readable_checks import GEOMETRY_JS
from tests.plans.factories import make_metric, make_update
from yuzhong_site.core.pages import ensure_translation

LONG_NAME_ZH = "渝中区" + "重点楼宇与商圈综合经济贡献指标" * 3 + "以及其他相关统计口径数据之总和按年度计算的结果"
LONG_NAME_EN = "Combined economic contribution of key buildings and business"  # 60 characters
LONG_TITLE_EN = ("The district government publishes the final assessment of the fourteenth plan "
                 "with every indicator, every project and every heritage site named, and the "
                 "figures for each of the years 2020 to 2025 alike")[:200]


def _bad_records():
    pillar = PillarPage.objects.filter(locale__language_code="zh-hans").first()
    huge = make_metric(
        pillar, slug="huge-figure", name_zh_hans=LONG_NAME_ZH[:60], name_en=LONG_NAME_EN,
        district_result=True, figure_type=Metric.FigureType.REPORTED,
        measurements=[(2021, 12345678901234), (2022, 23456789012345), (2023, 34567890123456)],
    )
    one_year = make_metric(
        pillar, slug="one-year", name_en="One year", baseline_value=Decimal(5), baseline_year=2022,
        target_value=Decimal(8), target_year=2022, measurements=[(2022, 6)],
    )
    twelve = make_metric(
        pillar, slug="twelve-years", name_en="Twelve years", district_result=True,
        measurements=[(year, 100 + 7 * (year - 2014)) for year in range(2014, 2026)],
    )
    Measurement.objects.filter(metric=twelve, year=2021).update(qualifier="estimate")
    index = UpdateIndexPage.objects.filter(locale__language_code="zh-hans").first()
    update = make_update(index, datetime.date(2025, 12, 1), english=False, title="很长的英文标题")
    ensure_translation(update, "en", title=LONG_TITLE_EN, summary="A long title.")
    return [huge, one_year, twelve], update


@pytest.mark.parametrize("mode", ["normal", "large"])
def test_bad_input_stays_in_view_on_a_phone(site, browser, mode):
    metrics, update = _bad_records()
    assert len(LONG_NAME_EN) == 60 and len(LONG_TITLE_EN) == 200
    paths = ["/plan/", "/en/plan/", f"/en/updates/{update.slug}/"]
    for metric in metrics:
        paths += [f"/plan/metrics/{metric.slug}/", f"/en/plan/metrics/{metric.slug}/"]
    context, page = _new_page(browser, viewport={"width": 390, "height": 844})
    if mode == "large":
        context.add_cookies([{"name": "yz_text", "value": "large", "url": site.url}])
    failures = []
    try:
        for path in paths:
            response = page.goto(site.url + path)
            assert response.status == 200, path
            for width in (320, 390):
                page.set_viewport_size({"width": width, "height": 844})
                overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
                if overflow > 1:
                    failures.append(f"{mode} {width}px {path}: scrolls sideways by {overflow} px")
                failures += [f"{mode} {width}px {path}: {bad}" for bad in page.evaluate(GEOMETRY_JS)]
                # nothing hidden in a table's sideways scroll either (a long name included)
                hidden = page.evaluate(
                    "() => [...document.querySelectorAll('main .yz-table-wrap')]"
                    ".filter(w => w.scrollWidth > w.clientWidth + 1).map(w => w.textContent.trim().slice(0, 40))"
                )
                failures += [f"{mode} {width}px {path}: a table scrolls sideways: {t}" for t in hidden]
        page.goto(site.url + "/en/plan/metrics/huge-figure/")
        text = page.inner_text("main")
        assert "Axis figures ×1,000,000,000" in text  # the divisor is said once, above the chart
        page.goto(site.url + "/en/plan/metrics/twelve-years/")
        assert page.locator(".yz-chart__point--estimate").count() == 1
        assert "Estimate (hollow point)" in page.inner_text(".yz-chart__legend")
    finally:
        context.close()
    assert failures == [], "\n".join(failures)
