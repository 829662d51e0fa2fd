"""The browser tests' URLs: the site's own, and the uploaded pictures from the tests' in-memory
file storage (in production the reverse proxy serves them; without this route the test server
would answer each picture with a rendered 404 page).

The pictures come from the live server rather than from a Playwright route, because routing a
browser context turns off its HTTP cache: every page load would fetch the stylesheet, the script
and every picture again.
"""

import mimetypes

from django.conf import settings
from django.core.files.storage import default_storage
from django.http import FileResponse, HttpResponseNotFound
from django.urls import path

from yuzhong_site.urls import urlpatterns as site_urlpatterns


def media(request, name):
    if not default_storage.exists(name):
        return HttpResponseNotFound()
    kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
    response = FileResponse(default_storage.open(name), content_type=kind)
    response["Cache-Control"] = "public, max-age=86400"
    return response


urlpatterns = [path(f"{settings.MEDIA_URL.strip('/')}/<path:name>", media), *site_urlpatterns]
