"""Media in an S3-compatible bucket (MEDIA_STORAGE=s3, yuzhong_site/settings/storage.py), as
several app servers share it: an editor's upload, its rendition and the page showing it, against
moto's S3 server on 127.0.0.1 (the API that Aliyun OSS, Tencent COS and MinIO speak)."""

import json
import os
import re
import urllib.request
from contextlib import contextmanager
from io import BytesIO
from urllib.parse import urlsplit

import pytest
from django.conf import settings as django_settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage, storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from PIL import Image as PILImage
from storages.backends.s3 import S3Storage
from wagtail.documents.models import Document
from wagtail.images.models import Image

from yuzhong_site.settings.storage import media_csp_sources, media_storage

from .builders import image_bytes, make_site

try:
    from moto.server import ThreadedMotoServer
except ImportError:  # moto is in the test extras: `make install` brings it
    if os.environ.get("CI"):
        raise
    pytest.skip("moto[server] is not installed", allow_module_level=True)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_off")]

BUCKET = "yuzhong-media"


@pytest.fixture(scope="module")
def s3_endpoint():
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@contextmanager
def bucket_storage(endpoint):
    """The site's settings as MEDIA_STORAGE=s3 makes them, and an empty public bucket."""
    environ = {
        "MEDIA_STORAGE": "s3",
        "MEDIA_S3_BUCKET": BUCKET,
        "MEDIA_S3_ENDPOINT_URL": endpoint,
        "MEDIA_S3_REGION": "us-east-1",
        "MEDIA_S3_ACCESS_KEY_ID": "test-key",
        "MEDIA_S3_SECRET_ACCESS_KEY": "test-secret",
        "MEDIA_S3_ADDRESSING_STYLE": "path",
    }
    storage, origins = media_storage(environ)
    client = S3Storage(**storage["OPTIONS"]).connection.meta.client
    client.create_bucket(Bucket=BUCKET)
    # Anyone may read the objects (docs/operations.md): pages link to them with plain URLs.
    client.put_bucket_policy(Bucket=BUCKET, Policy=json.dumps({
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
                       "Resource": f"arn:aws:s3:::{BUCKET}/*"}],
    }))
    in_memory = storages["default"]
    try:
        with override_settings(
            STORAGES={**django_settings.STORAGES, "default": storage},
            CSP_EXTRA_SOURCES=media_csp_sources(origins),
        ):
            yield client
    finally:
        # Back to the tests' in-memory storage: the same one, with the pictures other tests of
        # this worker made (the demo copy's renditions, the browser tests' live server).
        storages._storages["default"] = default_storage._wrapped = in_memory
        for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
            client.delete_object(Bucket=BUCKET, Key=item["Key"])
        client.delete_bucket(Bucket=BUCKET)


@pytest.fixture
def s3_media(s3_endpoint):
    with bucket_storage(s3_endpoint) as client:
        yield client


def test_without_the_variables_media_stay_on_the_local_disk():
    storage, origins = media_storage({})
    assert storage["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert origins == [] and media_csp_sources(origins) == {}


@pytest.mark.parametrize(
    "variables",
    [
        {"MEDIA_S3_ENDPOINT_URL": "https://oss-cn-chengdu.aliyuncs.com",
         "MEDIA_S3_ADDRESSING_STYLE": "virtual"},
        {"MEDIA_S3_ENDPOINT_URL": "https://cos.ap-chongqing.myqcloud.com"},
        {"MEDIA_S3_ENDPOINT_URL": "http://minio.internal:9000", "MEDIA_S3_ADDRESSING_STYLE": "path"},
        {"MEDIA_S3_ENDPOINT_URL": "http://minio.internal:9000",
         "MEDIA_S3_CUSTOM_DOMAIN": "media.plan.example.org"},
        {},
    ],
)
def test_the_pages_allow_pictures_from_where_the_storage_links_them(variables):
    storage, origins = media_storage({
        "MEDIA_STORAGE": "s3", "MEDIA_S3_BUCKET": BUCKET, "MEDIA_S3_REGION": "ap-chongqing",
        "MEDIA_S3_ACCESS_KEY_ID": "key", "MEDIA_S3_SECRET_ACCESS_KEY": "secret", **variables,
    })
    url = S3Storage(**storage["OPTIONS"]).url("images/lane.width-480.jpg")
    assert "?" not in url  # plain URLs: a cached page never holds an expired signature
    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}" in origins, (url, origins)
    assert media_csp_sources(origins)["img-src"] == origins


def test_an_uploaded_picture_is_kept_in_the_bucket_and_shown_from_it(
    s3_media, s3_endpoint, admin_client, client, visit_index, district
):
    upload = SimpleUploadedFile("lane.png", image_bytes((640, 400)), content_type="image/png")
    response = admin_client.post(
        "/admin/images/add/", {"title": "老巷子", "file": upload, "tags": ""}
    )
    assert response.status_code == 302, response.content[:2000]
    image = Image.objects.get(title="老巷子")
    keys = {item["Key"] for item in s3_media.list_objects_v2(Bucket=BUCKET)["Contents"]}
    assert image.file.name in keys and image.file.name.startswith("original_images/")

    make_site(visit_index, "lane", title="老巷子", district=district, image=image)
    page = client.get("/visit/lane/")
    assert page.status_code == 200
    sources = re.findall(r'<img[^>]+src="([^"]+)"', page.content.decode())
    assert sources, "the page shows no picture"
    url = sources[0]
    assert url.startswith(f"{s3_endpoint}/{BUCKET}/images/"), url
    assert s3_endpoint in page["Content-Security-Policy"].split("img-src", 1)[1].split(";")[0]

    # A rendition was written to the bucket, and the URL serves it to any browser.
    keys = {item["Key"] for item in s3_media.list_objects_v2(Bucket=BUCKET)["Contents"]}
    assert url.removeprefix(f"{s3_endpoint}/{BUCKET}/") in keys
    with urllib.request.urlopen(url, timeout=10) as served:  # noqa: S310 (127.0.0.1)
        body = served.read()
    stored = s3_media.get_object(Bucket=BUCKET, Key=url.removeprefix(f"{s3_endpoint}/{BUCKET}/"))
    assert body == stored["Body"].read()
    picture = PILImage.open(BytesIO(body))
    assert 0 < picture.width <= 640


def test_a_document_is_kept_in_the_bucket_and_downloaded_from_it(s3_media, s3_endpoint, client):
    document = Document.objects.create(
        title="规划纲要", file=ContentFile(b"%PDF-1.4 plan", name="plan.pdf")
    )
    assert document.file.name.startswith("documents/")
    response = client.get(document.url)
    assert response.status_code == 302
    assert response["Location"].startswith(f"{s3_endpoint}/{BUCKET}/documents/")
    with urllib.request.urlopen(response["Location"], timeout=10) as served:  # noqa: S310
        assert served.read() == b"%PDF-1.4 plan"



def test_the_tests_in_memory_storage_and_its_files_outlive_the_bucket(s3_endpoint):
    name = default_storage.save("images/kept.png", ContentFile(b"kept"))
    with bucket_storage(s3_endpoint):
        assert not default_storage.exists(name)  # the bucket's, not the in-memory storage
    assert default_storage.open(name).read() == b"kept"
    default_storage.delete(name)
