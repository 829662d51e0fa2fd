"""The demo content: districts, twelve heritage sites and four routes, in both languages."""

import pytest
from django.core.management import call_command
from wagtail.images.models import Image

from districts.demo import DISTRICTS, ROUTES, SITES
from districts.models import District, HeritageSitePage, RoutePage
from tests.helpers import text_of

pytestmark = pytest.mark.django_db

DISTRICT_SLUGS = {"jiefangbei", "daping", "jiaochangkou", "hualongqiao", "shangqingsi",
                  "chaotianmen", "xiabancheng"}


def test_demo_has_the_shared_districts_sites_and_routes(client, demo_content):
    assert set(District.objects.values_list("slug", flat=True)) >= DISTRICT_SLUGS
    assert HeritageSitePage.objects.filter(locale__language_code="zh-hans").count() == len(SITES)
    english = HeritageSitePage.objects.filter(locale__language_code="en", alias_of__isnull=True)
    assert english.count() == len(SITES) == 12
    assert set(RoutePage.objects.filter(locale__language_code="en").values_list(
        "brand", flat=True)) == {"mother_city", "red_culture", "mountain_river", "business"}
    assert len(DISTRICTS) == 7 and len(ROUTES) == 4
    # …and every one of them is served, in both languages
    for url, text in (
        ("/visit/", "十八梯传统风貌区"),
        ("/en/visit/", "Shibati Traditional Area"),
        ("/en/visit/hongyan-village/", "Hongyan Village"),
        ("/en/visit/red-culture-walk/", "Zengjiayan"),
        ("/visit/districts/hualongqiao/", "红岩村"),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert text in text_of(response), url


def test_demo_never_invents_visiting_facts_and_labels_its_pictures(client, demo_content):
    for site in HeritageSitePage.objects.all():
        assert not site.opening_hours and site.admission == "unknown"
        assert not site.metro_station and site.visit_minutes is None
    assert "check before you visit" in text_of(client.get("/en/visit/daijiaxiang-cliffside-walkway/"))
    # the pictures are generated illustrations, and say so
    html = text_of(client.get("/en/visit/shibati/"))
    assert "Illustration, not a photograph" in html
    assert all(image.title.startswith("示意图 Illustration") for image in Image.objects.all())


def test_loading_the_demo_twice_adds_no_pictures_or_pages(demo_content):
    images, pages = Image.objects.count(), HeritageSitePage.objects.count()
    call_command("load_demo_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert (Image.objects.count(), HeritageSitePage.objects.count()) == (images, pages)
