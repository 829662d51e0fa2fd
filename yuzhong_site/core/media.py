"""Serving uploaded media from the app — only when DJANGO_SERVE_MEDIA is on.

In production the reverse proxy serves MEDIA_ROOT, or media live in a bucket (docs/operations.md).
This view exists for set-ups without a proxy (and the two-instance test): Django's
``static.serve`` refuses paths outside MEDIA_ROOT and lists no directories, and every file is
sent with a sandboxing CSP, ``nosniff`` and no inline rendering of anything but images, so an
uploaded SVG or HTML file cannot run script.
"""

import mimetypes

from django.conf import settings
from django.views.decorators.http import require_safe
from django.views.static import serve

SAFE_INLINE_TYPES = {"image/jpeg", "image/png", "image/gif", "image/webp", "image/avif"}


@require_safe
def serve_media(request, path):
    response = serve(request, path, document_root=settings.MEDIA_ROOT, show_indexes=False)
    content_type, _encoding = mimetypes.guess_type(path)
    if content_type not in SAFE_INLINE_TYPES:
        response["Content-Disposition"] = "attachment"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "public, max-age=86400"
    return response
