"""Where uploaded media (images, their renditions, documents) are kept, read from the environment.

``MEDIA_STORAGE=local`` (the default) keeps them on the app server's disk under ``MEDIA_ROOT``.
``MEDIA_STORAGE=s3`` keeps them in a bucket of any service that speaks the S3 API (Amazon S3,
Aliyun OSS, Tencent COS, MinIO) through django-storages, so that every app server sees every
upload. The bucket's objects must be publicly readable: pages link to them with plain URLs
(never signed ones, which would expire inside cached pages). docs/operations.md lists the
variables.
"""

from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

LOCAL = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
S3_BACKEND = "storages.backends.s3.S3Storage"


def media_storage(environ):
    """``(storage, origins)``: the ``STORAGES["default"]`` entry and the origins that serve the
    files to browsers (none when they come from the site itself), for the pages' CSP."""
    kind = environ.get("MEDIA_STORAGE", "local").strip().lower() or "local"
    if kind == "local":
        return LOCAL, []
    if kind != "s3":
        raise ImproperlyConfigured("MEDIA_STORAGE must be 'local' or 's3'.")

    def value(name):
        return environ.get(name, "").strip() or None

    bucket = value("MEDIA_S3_BUCKET")
    if not bucket:
        raise ImproperlyConfigured("MEDIA_STORAGE=s3 needs MEDIA_S3_BUCKET.")
    endpoint = value("MEDIA_S3_ENDPOINT_URL")
    custom_domain = value("MEDIA_S3_CUSTOM_DOMAIN")
    addressing_style = value("MEDIA_S3_ADDRESSING_STYLE")
    if addressing_style not in (None, "path", "virtual"):
        raise ImproperlyConfigured("MEDIA_S3_ADDRESSING_STYLE must be 'path' or 'virtual'.")
    options = {
        "bucket_name": bucket,
        "endpoint_url": endpoint,
        "region_name": value("MEDIA_S3_REGION"),
        # Unset: boto3's own chain (AWS_ACCESS_KEY_ID…, an instance role).
        "access_key": value("MEDIA_S3_ACCESS_KEY_ID"),
        "secret_key": value("MEDIA_S3_SECRET_ACCESS_KEY"),
        "addressing_style": addressing_style,
        "custom_domain": custom_domain,
        "location": value("MEDIA_S3_LOCATION") or "",
        # Plain, permanent URLs: a page (and the page cache) may keep them for hours.
        "querystring_auth": False,
        # Two uploads named alike get two keys (Wagtail's advice for django-storages).
        "file_overwrite": False,
        "object_parameters": {"CacheControl": "public, max-age=86400"},
    }
    return {"BACKEND": S3_BACKEND, "OPTIONS": options}, _origins(options)


def media_csp_sources(origins):
    """The pages' extra CSP sources (``CSP_EXTRA_SOURCES``) for media served from ``origins``."""
    return {"img-src": list(origins), "media-src": list(origins)} if origins else {}


def _origins(options):
    bucket, endpoint = options["bucket_name"], options["endpoint_url"]
    custom_domain, region = options["custom_domain"], options["region_name"]
    if custom_domain:
        return [f"https://{custom_domain}"]
    if endpoint:
        parts = urlsplit(endpoint)
        path_style = f"{parts.scheme}://{parts.netloc}"
        virtual_style = f"{parts.scheme}://{bucket}.{parts.netloc}"
        style = options["addressing_style"]
        if style:
            return [virtual_style if style == "virtual" else path_style]
        return [path_style, virtual_style]  # boto3 chooses
    # Amazon S3 itself: the bucket's global and regional host names.
    hosts = [f"https://{bucket}.s3.amazonaws.com"]
    if region:
        hosts.append(f"https://{bucket}.s3.{region}.amazonaws.com")
    return hosts
