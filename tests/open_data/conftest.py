"""Fixtures for the open-data tests: a plan with figures, a project, a heritage site."""

from decimal import Decimal

import pytest

from districts.models import VisitIndexPage, VisitingFact
from plans.units import Unit
from tests.districts.builders import make_district, make_site, translate_site
from tests.plans.factories import make_metric, make_plan, make_project
from tests.snapshots import snapshotted
from yuzhong_site.core.pages import ensure_child_page, ensure_translation


@pytest.fixture
def plan_and_pillars(home, english_home):
    return make_plan(home)


@pytest.fixture
def sales_metric(plan_and_pillars):
    """The Spring Festival sales figure from FACTS.md: 8,526.95 → 23,421.18 万元."""
    _plan, pillars = plan_and_pillars
    return snapshotted(("sales_metric",), lambda: make_metric(
        pillars["services"],
        slug="spring-festival-sales",
        name_zh_hans="春节期间商场销售额",
        name_en="Spring Festival mall sales",
        unit=Unit.WAN_YUAN,
        baseline_value=Decimal("8526.95"),
        baseline_year=2020,
        measurements=[(2021, "23421.18")],
    ))


@pytest.fixture
def floor_area_metric(plan_and_pillars):
    _plan, pillars = plan_and_pillars
    return snapshotted(("floor_area_metric",), lambda: make_metric(
        pillars["services"],
        slug="cbd-floor-area",
        name_zh_hans="解放碑中央商务区商务楼宇面积",
        name_en="Jiefangbei CBD business floor area",
        unit=Unit.SQUARE_METRES,
        measurements=[(2021, "6000000")],
    ))


@pytest.fixture
def district():
    return make_district()


@pytest.fixture
def project(plan_and_pillars, district):
    _plan, pillars = plan_and_pillars
    return snapshotted(("project", district.pk), lambda: make_project(
        pillars["heritage"],
        slug="shibati",
        name_zh_hans="十八梯传统风貌区提升",
        name_en="Shibati upgrade",
        status="under_way",
        progress=60,
        planned_completion_year=2021,
        districts=[district],
        milestones=3,
    ))


@pytest.fixture
def visit_index(home, english_home):
    def build():
        index, _ = ensure_child_page(home, VisitIndexPage, "visit", title="游渝中", show_in_menus=True)
        ensure_translation(index, "en", title="Visit Yuzhong")
        return index

    return snapshotted(("visit_index",), build)


@pytest.fixture
def heritage_site(visit_index, district):
    def build():
        site = make_site(
            visit_index, "shibati", title="十八梯传统风貌区", district=district,
            latitude=Decimal("29.553200"), longitude=Decimal("106.574600"),
            # the address is kept from the site's address fact (districts.VisitingFact)
            visiting_facts=[VisitingFact(kind="address", value_zh="较场口转盘下方",
                                         value_en="Below the Jiaochangkou roundabout",
                                         source_name="example.org", tier="reported")],
            publish_revision=True,
        )
        translate_site(site, "Shibati Traditional Area")
        return site

    return snapshotted(("heritage_site", district.pk), build)


@pytest.fixture
def open_data(sales_metric, floor_area_metric, project, heritage_site):
    return {
        "metrics": [sales_metric, floor_area_metric],
        "project": project,
        "site": heritage_site,
    }
