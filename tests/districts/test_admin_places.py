"""An editor adds heritage sites and pictures in the admin; bad input is refused clearly."""

from decimal import Decimal
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.images.models import Image
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from districts.image_forms import check_image_decodes
from districts.models import District, HeritageSitePage

from .builders import image_bytes, make_image

pytestmark = pytest.mark.django_db


def upload(admin_client, content, name="picture.png"):
    return admin_client.post(
        reverse("wagtailimages:add"),
        {"title": "An upload", "file": SimpleUploadedFile(name, content)},
    )


def file_errors(response):
    assert response.status_code == 200  # the form comes back, never a 500
    return response.context["form"].errors.as_data()["file"]


def test_a_good_image_is_accepted(admin_client):
    response = upload(admin_client, image_bytes())
    assert response.status_code == 302
    assert Image.objects.filter(title="An upload").exists()


def test_a_file_that_is_not_an_image_is_refused(admin_client):
    errors = file_errors(upload(admin_client, b"%PDF-1.4 not a picture at all", "fake.png"))
    assert errors[0].code == "invalid_image"
    assert not Image.objects.exists()


def test_a_truncated_image_is_refused_with_a_clear_message(admin_client):
    whole = image_bytes((800, 600), fmt="JPEG")
    # fill with noise so that the data cannot be "guessed" after the cut
    import os

    from PIL import Image as PILImage

    noise = PILImage.frombytes("RGB", (800, 600), os.urandom(800 * 600 * 3))
    buffer = BytesIO()
    noise.save(buffer, format="PNG")
    whole = buffer.getvalue()
    errors = file_errors(upload(admin_client, whole[: len(whole) // 2], "cut.png"))
    assert errors[0].code == "image_unreadable"
    assert "已损坏或不完整" in str(errors[0].message)  # the admin speaks Chinese by default
    assert not Image.objects.exists()


def _png_header_claiming(width, height):
    """A tiny PNG whose header claims a huge picture: a decompression bomb's calling card."""
    import struct
    import zlib

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(
            ">I", zlib.crc32(kind + data) & 0xFFFFFFFF
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(b"IEND", b"")
    )


@pytest.mark.parametrize("size", [(10_000, 10_000), (30_000, 30_000)])
def test_a_decompression_bomb_is_refused(admin_client, size):
    errors = file_errors(upload(admin_client, _png_header_claiming(*size), "bomb.png"))
    assert errors[0].code == "file_too_many_pixels"
    assert not Image.objects.exists()


def test_decoding_check_accepts_a_whole_image():
    check_image_decodes(BytesIO(image_bytes()))


def _add_url(index):
    return reverse(
        "wagtailadmin_pages:add", args=("districts", "heritagesitepage", index.pk)
    )


def _site_form(**overrides):
    data = {
        "title": "新的地方", "slug": "new-place", "introduction": "一句话介绍",
        "category": "scenic_spot",
        "coordinates_approximate": "on",
        "history": streamfield([]),
        "gallery_images": inline_formset([]), "visiting_facts": inline_formset([]),
        "notices": inline_formset([]),
        "action-publish": "publish",
    }
    data.update(overrides)
    return nested_form_data(data)


def test_editor_publishes_a_site_with_a_picture_and_alt_text(admin_client, visit_index):
    image = make_image()
    response = admin_client.post(_add_url(visit_index), _site_form(
        gallery_images=inline_formset([{"image": image.pk, "alt_text": "示意图", "caption": ""}]),
        latitude="29.55", longitude="106.57",
    ))
    assert response.status_code == 302, response.context["form"].errors
    page = HeritageSitePage.objects.get(slug="new-place", locale=visit_index.locale)
    assert page.live and page.gallery_images.get().alt_text == "示意图"


def test_missing_alt_text_blocks_publishing(admin_client, visit_index):
    image = make_image()
    response = admin_client.post(_add_url(visit_index), _site_form(
        gallery_images=inline_formset([{"image": image.pk, "alt_text": "", "caption": ""}]),
    ))
    assert response.status_code == 200
    assert not HeritageSitePage.objects.filter(slug="new-place").exists()
    formset = response.context["form"].formsets["gallery_images"]
    assert "alt_text" in formset.forms[0].errors


@pytest.mark.parametrize(
    "latitude,longitude,field", [("95", "106.5", "latitude"), ("29.5", "181", "longitude"),
                                 ("29.5", "", "longitude")],
)
def test_coordinates_out_of_range_are_rejected(admin_client, visit_index, latitude, longitude,
                                               field):
    response = admin_client.post(
        _add_url(visit_index), _site_form(latitude=latitude, longitude=longitude)
    )
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not HeritageSitePage.objects.filter(slug="new-place").exists()


def test_district_with_out_of_range_centre_is_rejected():
    district = District(slug="x", name_zh_hans="某地", kind="sub_district",
                        latitude=Decimal("91"), longitude=Decimal("106"))
    with pytest.raises(ValidationError) as error:
        district.full_clean()
    assert "latitude" in error.value.message_dict


def test_editor_can_open_the_add_forms(admin_client, visit_index):
    assert admin_client.get(_add_url(visit_index)).status_code == 200
    route_add = reverse("wagtailadmin_pages:add", args=("districts", "routepage", visit_index.pk))
    assert admin_client.get(route_add).status_code == 200
