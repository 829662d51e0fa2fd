"""Fixtures for the places tests: a visitors' section in both languages and one full site."""

from decimal import Decimal

import pytest

from districts.models import HeritageSiteImage, VisitIndexPage
from yuzhong_site.core.pages import ensure_child_page, ensure_translation

from .builders import make_district, make_image, make_site, translate_site


@pytest.fixture
def visit_index(home):
    index, _ = ensure_child_page(
        home, VisitIndexPage, "visit", title="游渝中", introduction="渝中的历史文化地标",
        show_in_menus=True,
    )
    return index


@pytest.fixture
def english_visit_index(visit_index):
    page, _ = ensure_translation(visit_index, "en", title="Visit Yuzhong", introduction="Places")
    return page


@pytest.fixture
def district():
    return make_district()


@pytest.fixture
def shibati(visit_index, english_visit_index, district):
    site = make_site(
        visit_index, "shibati", title="十八梯传统风貌区", district=district,
        latitude=Decimal("29.5532"), longitude=Decimal("106.5746"), address="较场口转盘下方",
        image=make_image(size=(1280, 800)), publish_revision=True,
    )
    translate_site(
        site, "Shibati Traditional Area", introduction="Stepped lanes below Jiaochangkou.",
        address="Below the Jiaochangkou roundabout",
        gallery_images=[HeritageSiteImage(image=site.gallery_images.first().image,
                                          alt_text="Illustration of Shibati")],
    )
    return site
