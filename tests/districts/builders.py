"""Builders for the places tests: heritage sites, routes, images (factories over fixtures)."""

from io import BytesIO

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images.models import Image

from districts.models import (
    District,
    HeritageSiteImage,
    HeritageSitePage,
    RoutePage,
)
from yuzhong_site.core.pages import ensure_child_page, ensure_translation


def image_bytes(size=(640, 400), fmt="PNG", colour=(143, 29, 33)):
    buffer = BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, format=fmt)
    return buffer.getvalue()


def make_image(title="Test picture", size=(640, 400)):
    return Image.objects.create(
        title=title, file=ImageFile(BytesIO(image_bytes(size)), name="test.png")
    )


def make_district(slug="jiaochangkou", name="较场口·十八梯", name_en="Jiaochangkou–Shibati"):
    district, _ = District.objects.get_or_create(
        slug=slug,
        defaults={"name_zh_hans": name, "name_en": name_en, "kind": "historic_quarter"},
    )
    return district


def make_site(index, slug, title=None, image=None, publish_revision=False, **fields):
    """A live heritage site under ``index`` (quickly: no revision unless asked)."""
    fields.setdefault("introduction", f"{slug} 简介")
    fields.setdefault("category", "traditional_quarter")
    if image is not None:
        fields["gallery_images"] = [
            HeritageSiteImage(image=image, alt_text=f"{slug} 的示意图", caption="示意图")
        ]
    page = HeritageSitePage(
        slug=slug, title=title or slug, locale_id=index.locale_id, live=True, **fields
    )
    index.add_child(instance=page)
    if publish_revision:
        page.save_revision().publish()
    return page


def translate_site(site, title, **fields):
    page, _ = ensure_translation(site, "en", title=title, **fields)
    return page


def make_route(index, slug, stops, title=None, **fields):
    page, _ = ensure_child_page(
        index, RoutePage, slug, title=title or slug, stops=stops, **fields
    )
    return page
