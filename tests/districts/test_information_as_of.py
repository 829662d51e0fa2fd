"""A page says how old its information is, not when it was last saved: a heritage
page gives "信息截至 / Information as of" the latest date a source gave one of its facts, and the
page's own publish date; no page says "最后更新 / Last updated"."""

import pytest
from django.utils import translation

from districts.models import HeritageSitePage
from districts.templatetags.places_tags import partial_date

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "prefix,as_of,undated,published",
    [
        ("", "信息截至：", "来源未注明日期", "页面发布于"),
        ("/en", "Information as of:", "its sources give no date", "Page published"),
    ],
)
def test_a_heritage_page_dates_its_information_by_its_facts(
    demo_client, prefix, as_of, undated, published
):
    dated = undated_seen = False
    for site in HeritageSitePage.objects.filter(locale__language_code="zh-hans").prefetch_related(
        "visiting_facts"
    ):
        dates = [f.source_date for f in site.visiting_facts.all() if f.source_date]
        html = demo_client.get(f"{prefix}/visit/{site.slug}/").content.decode()
        assert published in html
        assert "Last updated" not in html and "最后更新" not in html
        if dates:
            dated = True
            with translation.override("en" if prefix else "zh-hans"):
                shown = partial_date(max(dates))
            assert f'{as_of} <time datetime="{max(dates)}">{shown}</time>' in html
        else:
            undated_seen = True
            assert f"{as_of} {undated}" in html
    assert dated and undated_seen


def test_the_about_page_gives_its_publish_date_not_last_updated(demo_client):
    html = demo_client.get("/about/").content.decode()
    assert "页面发布于" in html and "最后更新" not in html
