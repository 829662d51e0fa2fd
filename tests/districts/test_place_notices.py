"""Dated notices of a place and the age of visiting facts.

A notice (closure, crowd control, booking rule) shows on its place's page and as a badge on
/visit/ from its first to its last day, and moves by itself into the page's history of notices
the day after — no publish: the tests move the date. A fact whose source is more than two years
old says "reported in 2019 — check before you go"; the audit lists places whose every fact is
that old. Bad input in the admin: a clear message in each language, nothing saved."""

import datetime

import pytest
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from districts.models import HeritageSitePage, PlaceNotice, VisitingFact
from districts.models.notices import is_old, source_date_end
from tests.helpers import text_of
from yuzhong_site.open_data import audit

from .builders import make_site, translate_site
from .test_visiting_facts import _add_url, _use_language

pytestmark = pytest.mark.django_db

CLOSURE = dict(kind="closure", starts_on=datetime.date(2026, 1, 19),
               ends_on=datetime.date(2026, 1, 28),
               text_zh="1月19日至28日停止售票和参观，1月29日恢复开放。",
               text_en="No tickets or visits from 19 to 28 January; open again from 29 January.",
               source_name="tuniu.com", source_url="https://www.tuniu.com/menpiao/678",
               tier="reported")


def on(monkeypatch, day):
    """Move the site's local date to ``day`` (what the pages, cards and caches read)."""
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: day)


@pytest.fixture
def hall(visit_index, english_visit_index):
    site = make_site(
        visit_index, "hall", title="人民大礼堂", chinese_name="重庆市人民大礼堂", map_search=True,
        notices=[PlaceNotice(**CLOSURE)], publish_revision=True,
    )
    translate_site(site, "Chongqing Great Hall of the People", notices=[PlaceNotice(**CLOSURE)])
    return site


def badge(html):
    return 'class="yz-badge yz-badge--notice"' in html


@pytest.mark.parametrize("day,state", [
    (datetime.date(2026, 1, 18), "upcoming"),
    (datetime.date(2026, 1, 19), "current"),
    (datetime.date(2026, 1, 28), "current"),
    (datetime.date(2026, 1, 29), "past"),
])
def test_a_notice_is_shown_inside_its_dates_and_kept_as_history_after(
    client, hall, monkeypatch, day, state
):
    on(monkeypatch, day)
    en = text_of(client.get("/en/visit/hall/"))
    zh = text_of(client.get("/visit/hall/"))
    index_en = text_of(client.get("/en/visit/"))
    index_zh = text_of(client.get("/visit/"))
    assert "No tickets or visits from 19 to 28 January" in en
    assert "1月19日至28日停止售票和参观" in zh
    assert ('In force now' in en) == (state == "current")
    assert ("正在生效" in zh) == (state == "current")
    assert ("Coming up" in en) == (state == "upcoming")
    assert ("Earlier notices" in en) == (state == "past")
    assert ("以往的通知" in zh) == (state == "past")
    # the badge on /visit/ only while it is in force
    assert badge(index_en) == badge(index_zh) == (state == "current")
    if state == "current":
        assert "Closure</strong> until 28 January 2026" in index_en
        assert "闭馆或停运</strong> 至2026年1月28日" in index_zh
    # each notice names its source, with its tier, and says "check before you go"
    assert 'href="https://www.tuniu.com/menpiao/678"' in en and "Check before you go." in en


def test_a_notice_ends_by_itself_at_local_midnight_even_with_the_page_cache_on(
    client, hall, monkeypatch, settings
):
    settings.PAGE_CACHE_ENABLED = True
    on(monkeypatch, datetime.date(2026, 1, 28))
    first = client.get("/en/visit/")
    assert badge(text_of(first))
    assert badge(text_of(client.get("/en/visit/")))  # served again (from the cache) that day
    on(monkeypatch, datetime.date(2026, 1, 29))  # no publish, no save: only the date moved
    after = client.get("/en/visit/")
    assert after["X-Cache"] == "MISS" and not badge(text_of(after))
    assert "Earlier notices" in text_of(client.get("/en/visit/hall/"))


def test_the_demo_great_hall_keeps_its_january_2026_closure_as_a_past_notice(demo_client):
    # the demo's "today" is after January 2026: a record, not a current notice
    assert timezone.localdate() > datetime.date(2026, 1, 28)
    en = text_of(demo_client.get("/en/visit/great-hall-of-the-people/"))
    past = en[en.index('id="past-notices-heading"'):]
    assert "from Monday 19 to Wednesday 28 January" in past and "19 January 2026 to 28 January 2026" in past
    assert "In force now" not in en
    assert not badge(text_of(demo_client.get("/en/visit/")))
    zh = text_of(demo_client.get("/visit/great-hall-of-the-people/"))
    assert "1月19日（星期一）至1月28日（星期三）停止售票和参观" in zh[zh.index("以往的通知"):]


# --- the age of a fact -----------------------------------------------------------------------------


def test_a_source_date_is_old_when_even_its_last_possible_day_is_over_two_years_ago():
    today = datetime.date(2026, 12, 7)
    assert source_date_end("2019") == datetime.date(2019, 12, 31)
    assert source_date_end("2024-02") == datetime.date(2024, 2, 29)
    assert is_old("2019-01-10", today) and is_old("2023", today) and not is_old("2024", today)
    assert is_old("2024-12-06", today) and not is_old("2024-12-07", today)
    assert not is_old("2025-06", today) and not is_old("", today)


@pytest.fixture
def lights(visit_index, english_visit_index):
    facts = [
        VisitingFact(kind="lighting", value_zh="晚上18:00亮灯，22:00熄灯",
                     value_en="Lights on at 18:00, off at 22:00", source_name="iChongqing",
                     source_url="https://www.ichongqing.info/x", tier="media",
                     source_date="2019-01-10"),
        VisitingFact(kind="address", value_zh="嘉陵江滨江路88号",
                     value_en="88 Jialingjiang Binjiang Road", source_name="gov.example.cn",
                     source_url="https://gov.example.cn/a", tier="official", source_date="2018"),
    ]
    site = make_site(visit_index, "lights", title="洪崖洞", chinese_name="洪崖洞",
                     visiting_facts=facts, publish_revision=True)
    translate_site(site, "Hongyadong", visiting_facts=[
        VisitingFact(kind=fact.kind, value_zh=fact.value_zh, value_en=fact.value_en,
                     source_name=fact.source_name, source_url=fact.source_url, tier=fact.tier,
                     source_date=fact.source_date) for fact in facts])
    return site


def test_a_fact_older_than_two_years_says_so_and_a_newer_one_does_not(
    client, lights, monkeypatch
):
    on(monkeypatch, datetime.date(2020, 6, 1))
    en = text_of(client.get("/en/visit/lights/"))
    assert "Reported in 2019" not in en and "Published in 2018" not in en
    on(monkeypatch, datetime.date(2026, 12, 7))
    en = text_of(client.get("/en/visit/lights/"))
    zh = text_of(client.get("/visit/lights/"))
    assert "Reported in 2019 — check before you go." in en
    assert "Published in 2018 — check before you go." in en  # an official source
    assert "报道于2019年，出发前请再确认。" in zh and "发布于2018年，出发前请再确认。" in zh


def test_the_audit_lists_places_whose_every_fact_is_old(lights, visit_index):
    make_site(visit_index, "fresh", title="新地方", visiting_facts=[
        VisitingFact(kind="hours", value_zh="全天开放", value_en="Open all day",
                     source_name="x.org", source_url="https://x.org", source_date="2026-10"),
        VisitingFact(kind="address", value_zh="某路1号", value_en="1 Road",
                     source_name="x.org", source_url="https://x.org", source_date="2015"),
    ])
    report = audit.Report()
    audit.check_places(report, today=datetime.date(2026, 12, 7))
    messages = [finding.message for finding in report.of("places")]
    assert len(messages) == 1 and "“洪崖洞”" in messages[0] and "2019-01-10" in messages[0]
    assert report.of("places", audit.WARNING)
    assert "1 of 2 places: 洪崖洞" in report.notes["places"]


# --- bad input in the admin -------------------------------------------------------------------------


def _form(notices=(), **overrides):
    data = {
        "title": "新的地方", "slug": "new-place", "introduction": "一句话介绍",
        "category": "scenic_spot", "coordinates_approximate": "on", "chinese_name": "新的地方",
        "history": streamfield([]), "gallery_images": inline_formset([]),
        "visiting_facts": inline_formset([]),
        "notices": inline_formset(
            [{"kind": "closure", "text_zh": "闭馆", "text_en": "Closed",
              "starts_on": "2026-01-19", "ends_on": "2026-01-28", "source_name": "x.org",
              "source_url": "https://x.org/n", "tier": "reported", **n} for n in notices]
        ),
        "action-publish": "publish",
    }
    data.update(overrides)
    return nested_form_data(data)


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("bad,field,messages", [
    ({"ends_on": "2026-01-10"}, "ends_on",
     {"en": "The last day cannot be before the first day.", "zh-hans": "结束日期不能早于开始日期。"}),
    ({"source_name": ""}, "source_name",
     {"en": "Say who published this notice.", "zh-hans": "请注明这条通知由谁发布。"}),
    ({"source_url": ""}, "source_url",
     {"en": "Give a link to the source of this notice.", "zh-hans": "请填写这条通知来源的链接。"}),
])
def test_a_bad_notice_is_refused_with_a_clear_message_in_each_language(
    admin_client, visit_index, language, bad, field, messages
):
    _use_language(admin_client, language)
    response = admin_client.post(_add_url(visit_index), _form([bad]))
    assert response.status_code == 200
    assert not HeritageSitePage.objects.filter(slug="new-place").exists()
    assert field in response.context["form"].formsets["notices"].forms[0].errors
    assert messages[language] in text_of(response)


@pytest.mark.parametrize("language,message", [
    ("en", "Map links by name need the place&#x27;s Chinese name"),
    ("zh-hans", "按名称搜索地图需要地点的中文名称"),
])
def test_map_links_by_name_need_a_chinese_name(admin_client, visit_index, language, message):
    _use_language(admin_client, language)
    response = admin_client.post(_add_url(visit_index), _form(chinese_name="", map_search="on"))
    assert response.status_code == 200
    assert not HeritageSitePage.objects.filter(slug="new-place").exists()
    assert "map_search" in response.context["form"].errors
    assert message in text_of(response)


def test_a_good_notice_is_saved_and_shown(admin_client, visit_index, client):
    response = admin_client.post(_add_url(visit_index), _form([{}], map_search="on"))
    assert response.status_code == 302
    page = HeritageSitePage.objects.get(slug="new-place", locale=visit_index.locale)
    assert page.notices.get().ends_on == datetime.date(2026, 1, 28)
    assert page.map_search_links["query"] == "新的地方"
