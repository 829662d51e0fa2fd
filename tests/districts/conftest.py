"""Fixtures for the places tests: a visitors' section in both languages and one full site."""

from decimal import Decimal

import pytest

from districts.models import HeritageSiteImage, VisitIndexPage, VisitingFact
from tests.snapshots import snapshot_fixture
from yuzhong_site.core.pages import ensure_child_page, ensure_translation

from .builders import make_district, make_image, make_site, translate_site


@pytest.fixture
@snapshot_fixture
def visit_index(home):
    index, _ = ensure_child_page(
        home, VisitIndexPage, "visit", title="游渝中", introduction="渝中的历史文化地标",
        show_in_menus=True,
    )
    return index


@pytest.fixture
@snapshot_fixture
def english_visit_index(visit_index):
    page, _ = ensure_translation(visit_index, "en", title="Visit Yuzhong", introduction="Places")
    return page


@pytest.fixture
@snapshot_fixture
def district():
    return make_district()


@pytest.fixture
@snapshot_fixture
def shibati(visit_index, english_visit_index, district):
    site = make_site(
        visit_index, "shibati", title="十八梯传统风貌区", district=district,
        latitude=Decimal("29.5532"), longitude=Decimal("106.5746"), chinese_name="十八梯传统风貌区",
        pinyin_name="Shibati Chuantong Fengmaoqu",
        visiting_facts=[
            VisitingFact(kind="address", value_zh="较场口转盘下方",
                         value_en="Below the Jiaochangkou roundabout", source_name="example.org",
                         source_url="https://example.org/shibati", tier="reported",
                         source_date="2025-09"),
        ],
        image=make_image(size=(1280, 800)), publish_revision=True,
    )
    translate_site(
        site, "Shibati Traditional Area", introduction="Stepped lanes below Jiaochangkou.",
        gallery_images=[HeritageSiteImage(image=site.gallery_images.first().image,
                                          alt_text="Illustration of Shibati")],
    )
    return site
