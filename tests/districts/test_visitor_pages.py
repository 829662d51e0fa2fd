"""A visitor browses "Visit Yuzhong": heritage sites, filters, districts, in both languages."""


import pytest

from districts.models import HeritageSitePage
from tests.helpers import json_ld_blocks, tags, text_of

from .builders import make_district, make_site

pytestmark = pytest.mark.django_db


def json_ld(html):
    return json_ld_blocks(html)


def test_visitors_index_lists_sites_in_each_language(client, shibati):
    chinese = text_of(client.get("/visit/"))
    assert "十八梯传统风貌区" in chinese
    english = client.get("/en/visit/")
    assert english.status_code == 200
    assert "Shibati Traditional Area" in text_of(english)
    assert tags(text_of(english), "html")[0]["lang"] == "en"


def test_filters_by_category_and_district_work_without_javascript(
    client, visit_index, english_visit_index, district
):
    other = make_district("daping", "大坪", "Daping")
    make_site(visit_index, "in-quarter", title="街区甲", district=district)
    make_site(visit_index, "red-relic", title="革命旧址乙", district=other,
              category="revolutionary_relic")
    html = text_of(client.get("/visit/"))
    # a plain GET form: selects and a submit button
    assert tags(html, "form", method="get")
    assert tags(html, "select", id="filter-category") and tags(html, "select", id="filter-district")
    by_category = text_of(client.get("/visit/?category=revolutionary_relic"))
    assert "革命旧址乙" in by_category and "街区甲" not in by_category
    by_district = text_of(client.get("/visit/?district=jiaochangkou"))
    assert "街区甲" in by_district and "革命旧址乙" not in by_district
    both = text_of(client.get("/visit/?district=daping&category=traditional_quarter"))
    assert "街区甲" not in both and "革命旧址乙" not in both


@pytest.mark.parametrize(
    "query", ["?category=nonsense", "?district=atlantis", "?page=abc", "?page=999", "?category=%00"]
)
def test_bad_filter_input_is_answered_politely_not_with_an_error(client, shibati, query):
    response = client.get("/en/visit/" + query)
    assert response.status_code == 200
    assert "Shibati Traditional Area" in text_of(response)


def test_unknown_filter_value_is_explained(client, shibati):
    assert "We do not know that category" in text_of(client.get("/en/visit/?category=nonsense"))


def test_district_page_lists_its_heritage_sites_in_both_languages(client, shibati):
    chinese = client.get("/visit/districts/jiaochangkou/")
    assert chinese.status_code == 200
    assert "较场口·十八梯" in text_of(chinese) and "十八梯传统风貌区" in text_of(chinese)
    english = client.get("/en/visit/districts/jiaochangkou/")
    assert "Jiaochangkou–Shibati" in text_of(english)
    assert "Shibati Traditional Area" in text_of(english)
    assert tags(text_of(english), "a", href="/en/visit/shibati/")


def test_district_language_switcher_and_hreflang_point_at_the_same_district(client, shibati):
    html = text_of(client.get("/en/visit/districts/jiaochangkou/"))
    assert tags(html, "a", hreflang="zh-Hans", href="/visit/districts/jiaochangkou/")
    alternates = {link["hreflang"]: link["href"] for link in tags(html, "link", rel="alternate")}
    assert alternates["zh-Hans"] == "http://testserver/visit/districts/jiaochangkou/"
    assert alternates["en"] == "http://testserver/en/visit/districts/jiaochangkou/"
    canonical = tags(html, "link", rel="canonical")[0]["href"]
    assert canonical == "http://testserver/en/visit/districts/jiaochangkou/"


def test_unknown_district_is_a_polite_404(client, shibati):
    response = client.get("/en/visit/districts/atlantis/")
    assert response.status_code == 404


def test_heritage_page_answers_a_tourists_questions(client, shibati):
    html = text_of(client.get("/en/visit/shibati/"))
    assert "Shibati Traditional Area" in html
    assert "Below the Jiaochangkou roundabout" in html
    assert "Reported by" in html and "example.org" in html and "September 2025" in html
    # what is not known is said once, in one line, not as a warning per field
    assert html.count("Not known") == 1
    assert "opening hours, admission, metro, visit length and step-free access" in html
    assert "approximate" in html
    assert tags(html, "a", href="geo:29.5532,106.5746?q=29.5532,106.5746%28%E5%8D%81%E5%85%AB%E6%A2%AF%E4%BC%A0%E7%BB%9F%E9%A3%8E%E8%B2%8C%E5%8C%BA%29")
    assert any(a["href"].startswith("https://www.openstreetmap.org/?mlat=29.5532")
               for a in tags(html, "a") if "href" in a)
    assert tags(html, "a", href="/en/visit/districts/jiaochangkou/")


def test_heritage_page_in_chinese(client, shibati):
    html = text_of(client.get("/visit/shibati/"))
    assert "十八梯传统风貌区" in html and "出发前" in html
    assert tags(html, "html")[0]["lang"] == "zh-Hans"


def test_heritage_page_carries_parseable_json_ld(client, shibati):
    data = json_ld(text_of(client.get("/en/visit/shibati/")))
    assert len(data) == 1
    site = data[0]
    assert site["@type"] == ["TouristAttraction", "LandmarksOrHistoricalBuildings"]
    assert site["name"] == "Shibati Traditional Area"
    assert site["description"] == "Stepped lanes below Jiaochangkou."
    # the address in both languages, from the sourced fact
    assert [a["streetAddress"] for a in site["address"]] == [
        "较场口转盘下方", "Below the Jiaochangkou roundabout"]
    assert site["geo"] == {"@type": "GeoCoordinates", "latitude": 29.5532, "longitude": 106.5746}
    assert [lang["alternateName"] for lang in site["availableLanguage"]] == ["zh-Hans", "en"]
    assert site["image"][0].startswith("http://testserver/") and site["image"][0].endswith(".jpg")
    # nothing sourced about admission or hours: no claim either way
    assert "isAccessibleForFree" not in site and "openingHoursSpecification" not in site
    assert "publicAccess" not in site


def test_json_ld_cannot_be_broken_out_of_by_a_title(client, visit_index):
    make_site(visit_index, "evil", title="</script><script>alert(1)</script>")
    html = text_of(client.get("/visit/evil/"))
    assert "</script><script>alert(1)" not in html
    assert json_ld(html)[0]["name"] == "</script><script>alert(1)</script>"


def test_site_without_coordinates_or_images_still_renders(client, visit_index):
    make_site(visit_index, "bare", title="Bare site")
    response = client.get("/visit/bare/")
    assert response.status_code == 200
    html = text_of(response)
    assert "geo:" not in html
    assert "geo" not in json_ld(html)[0]


def test_images_are_responsive_webp_with_jpeg_fallback(client, shibati):
    html = text_of(client.get("/en/visit/shibati/"))
    sources = tags(html, "source", type="image/webp")
    assert sources and "480w" in sources[0]["srcset"] and "sizes" in sources[0]
    image = tags(html, "img", alt="Illustration of Shibati")[0]
    assert image["src"].endswith(".jpg") and "800w" in image["srcset"]
    assert image["width"] and image["height"]
    assert image["loading"] == "eager"  # the hero picture is above the fold
    listing = text_of(client.get("/en/visit/"))
    assert tags(listing, "img", alt="Illustration of Shibati")[0]["loading"] == "lazy"


def test_renditions_are_generated_once(client, shibati):
    from wagtail.images.models import Rendition

    client.get("/en/visit/shibati/")
    client.get("/en/visit/")
    count = Rendition.objects.count()
    assert count == 6  # 3 widths × (WebP + JPEG), shared by both pages
    client.get("/en/visit/shibati/")
    client.get("/visit/shibati/")
    assert Rendition.objects.count() == count


def test_visitors_section_appears_in_the_main_navigation(client, english_visit_index):
    html = text_of(client.get("/en/"))
    assert tags(html, "a", href="/en/visit/")


def test_only_live_sites_are_listed(client, visit_index):
    draft = make_site(visit_index, "draft", title="未发布的地方")
    HeritageSitePage.objects.filter(pk=draft.pk).update(live=False)
    assert "未发布的地方" not in text_of(client.get("/visit/"))


def test_a_replaced_picture_shows_at_once_on_an_uncached_page(client, page_cache_off, shibati):
    """Pictures are written once per publish (yuzhong_tags.responsive_picture): saving the
    image with a new file starts a new generation, so the page shows the new renditions."""
    import re
    from io import BytesIO

    from django.core.files.images import ImageFile

    from tests.districts.builders import image_bytes

    def picture_files(html):
        return set(re.findall(r'/media/images/([\w.-]+)\.(?:webp|jpe?g|png)', html))

    before = picture_files(text_of(client.get("/visit/shibati/")))
    assert before and picture_files(text_of(client.get("/visit/shibati/"))) == before
    image = shibati.gallery_images.first().image
    image.file = ImageFile(BytesIO(image_bytes((1280, 800), colour=(0, 90, 60))), name="new.png")
    image.save()
    image.renditions.all().delete()  # as the admin's edit view does when the file changes
    after = picture_files(text_of(client.get("/visit/shibati/")))
    assert after and not after & before
