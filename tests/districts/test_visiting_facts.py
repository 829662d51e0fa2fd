"""Visiting facts with their sources: shown with who reported them and when, one "not known"
line, conflicting sources both shown, a driver block on English pages, JSON-LD only from
sourced values, and bilingual admin errors for bad input."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield
from wagtail.users.models import UserProfile

from districts.models import HeritageSitePage, VisitingFact
from tests.helpers import json_ld_blocks, text_of

from .builders import make_site, translate_site

pytestmark = pytest.mark.django_db


def fact(kind, zh, en, source="example.org", tier="reported", **extra):
    return VisitingFact(kind=kind, value_zh=zh, value_en=en, source_name=source,
                        source_url=f"https://{source}/page", tier=tier, **extra)


def json_ld(html):
    return json_ld_blocks(html)[0]


@pytest.fixture
def hall(visit_index, english_visit_index):
    facts = [
        fact("address", "人民路173号", "173 Renmin Road", source_date="2025"),
        fact("hours", "8:00–18:00", "8:00 to 18:00", opens=datetime.time(8),
             closes=datetime.time(18), checked_on=datetime.date(2026, 1, 28)),
        fact("admission", "成人8元", "Adults 8 yuan", price_yuan=Decimal("8"), tier="official",
             source="gov.example.cn", source_date="2025-09-01"),
        fact("admission", "成人10元", "Adults 10 yuan", price_yuan=Decimal("10"),
             source="tickets.example.com"),
        fact("bus", "旧资料", "Old notes", tier="unsourced", source=""),
    ]
    site = make_site(visit_index, "hall", title="人民大礼堂", chinese_name="重庆市人民大礼堂",
                     pinyin_name="Chongqing Shi Renmin Dalitang", visiting_facts=facts,
                     latitude=Decimal("29.56"), longitude=Decimal("106.552"),
                     publish_revision=True)
    translate_site(site, "Chongqing Great Hall of the People")
    return site


def test_each_fact_shows_its_source_tier_and_date_in_both_languages(client, hall):
    en = text_of(client.get("/en/visit/hall/"))
    assert "173 Renmin Road" in en and "8:00 to 18:00" in en
    assert 'href="https://example.org/page"' in en
    assert "Reported by" in en and "website other than government or news media" in en and "2025" in en
    assert "Published by" in en and "official source (government)" in en
    assert "1 September 2025" in en and "checked on 28 January 2026" in en
    zh = text_of(client.get("/visit/hall/"))
    assert "人民路173号" in zh and "2025年9月1日" in zh and "2026年1月28日" in zh
    # a value entered before sources were recorded says so
    assert "No source recorded" in en


def test_conflicting_sources_are_both_shown_with_their_sources(client, hall):
    en = text_of(client.get("/en/visit/hall/"))
    assert "Sources differ" in en
    assert "Adults 8 yuan" in en and "Adults 10 yuan" in en
    assert "gov.example.cn" in en and "tickets.example.com" in en


def test_what_is_not_known_is_one_line_not_a_warning_per_field(client, hall):
    en = text_of(client.get("/en/visit/hall/"))
    assert en.count("Not known") == 1
    assert "no published information on metro, visit length and step-free access" in en
    assert "Not confirmed" not in en


def test_english_page_has_a_block_to_show_a_driver_and_the_chinese_page_does_not(client, hall):
    en = text_of(client.get("/en/visit/hall/"))
    assert "Show this to a driver" in en and "请带我去" in en
    block = en[en.index('class="yz-driver"'):]
    block = block[:block.index("</div>")]
    assert "重庆市人民大礼堂" in block and "人民路173号" in block
    assert "Chongqing Shi Renmin Dalitang" in block
    assert "Show this to a driver" not in text_of(client.get("/visit/hall/"))


def test_map_links_open_amap_baidu_and_openstreetmap(client, hall):
    en = text_of(client.get("/en/visit/hall/"))
    assert "https://uri.amap.com/marker?position=" in en
    assert "https://api.map.baidu.com/marker?location=" in en
    assert "https://www.openstreetmap.org/?mlat=29.56" in en


def test_json_ld_uses_only_sourced_agreeing_values(client, hall):
    data = json_ld(text_of(client.get("/en/visit/hall/")))
    assert data["openingHoursSpecification"][0]["opens"] == "08:00"
    assert data["openingHoursSpecification"][0]["closes"] == "18:00"
    assert len(data["openingHoursSpecification"][0]["dayOfWeek"]) == 7
    # two sourced prices, both paid: not free, and open to the public
    assert data["isAccessibleForFree"] is False and data["publicAccess"] is True
    assert [a["streetAddress"] for a in data["address"]] == ["人民路173号", "173 Renmin Road"]
    assert "重庆市人民大礼堂" in data["alternateName"]


def test_an_unsourced_value_never_reaches_the_json_ld(client, visit_index):
    make_site(visit_index, "quiet", title="某处", visiting_facts=[
        fact("admission", "免费", "Free", price_yuan=Decimal("0"), tier="unsourced", source=""),
        fact("hours", "9:00–17:00", "9:00 to 17:00", opens=datetime.time(9),
             closes=datetime.time(17), tier="unsourced", source=""),
    ])
    data = json_ld(text_of(client.get("/visit/quiet/")))
    assert "isAccessibleForFree" not in data and "openingHoursSpecification" not in data
    assert "publicAccess" not in data


def test_facts_are_kept_in_step_with_the_address_and_search_text(hall):
    page = HeritageSitePage.objects.get(pk=hall.pk)
    assert page.address == "人民路173号"
    for term in ("重庆市人民大礼堂", "Chongqing Shi Renmin Dalitang", "门票", "ticket",
                 "开放时间", "opening hours", "无障碍", "step-free"):
        assert term in page.search_terms
    assert "地铁" not in page.search_terms  # no metro fact, no metro words


# --- bad input in the admin ------------------------------------------------------------------


def _add_url(index):
    return reverse("wagtailadmin_pages:add", args=("districts", "heritagesitepage", index.pk))


def _form(facts=(), **overrides):
    data = {
        "title": "新的地方", "slug": "new-place", "introduction": "一句话介绍",
        "category": "scenic_spot", "coordinates_approximate": "on",
        "history": streamfield([]), "gallery_images": inline_formset([]),
        "visiting_facts": inline_formset(
            [{"kind": "hours", "value_zh": "值", "value_en": "value", "source_name": "x.org",
              "tier": "reported", **f} for f in facts]
        ),
        "notices": inline_formset([]),
        "action-publish": "publish",
    }
    data.update(overrides)
    return nested_form_data(data)


def _use_language(admin_client, language):
    admin_client.cookies["django_language"] = language
    profile = UserProfile.get_for_user(get_user_model().objects.get(username="root-editor"))
    profile.preferred_language = language
    profile.save()


TOMORROW = (datetime.date.today() + datetime.timedelta(days=2)).isoformat()


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize(
    "bad,field,messages",
    [
        ({"opens": "18:00", "closes": "09:00"}, "closes",
         {"en": "The closing time must be later than the opening time.",
          "zh-hans": "闭馆时间必须晚于开放时间。"}),
        ({"kind": "admission", "price_yuan": "-5"}, "price_yuan",
         {"en": "A price cannot be below zero.", "zh-hans": "价格不能小于零。"}),
        ({"kind": "metro", "metro_exit": "3"}, "metro_station",
         {"en": "Name the station the exit belongs to.", "zh-hans": "请填写这个出口所属的车站。"}),
        ({"checked_on": TOMORROW}, "checked_on",
         {"en": "The date it was checked cannot be in the future.",
          "zh-hans": "核实日期不能晚于今天。"}),
    ],
)
def test_bad_visiting_facts_are_refused_with_a_clear_message_in_each_language(
    admin_client, visit_index, language, bad, field, messages
):
    _use_language(admin_client, language)
    response = admin_client.post(_add_url(visit_index), _form([bad]))
    assert response.status_code == 200
    assert not HeritageSitePage.objects.filter(slug="new-place").exists()
    formset = response.context["form"].formsets["visiting_facts"]
    assert field in formset.forms[0].errors
    assert messages[language] in text_of(response)


@pytest.mark.parametrize("language,message", [
    ("en", "This position is outside Chongqing"), ("zh-hans", "这个位置不在重庆市范围内"),
])
def test_coordinates_outside_chongqing_are_refused(admin_client, visit_index, language, message):
    _use_language(admin_client, language)
    response = admin_client.post(_add_url(visit_index), _form(latitude="39.9", longitude="116.4"))
    assert response.status_code == 200
    assert "latitude" in response.context["form"].errors
    assert message in text_of(response)
