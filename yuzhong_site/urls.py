from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from .core.health import healthz
from .core.routing import page_urlpatterns
from .core.security import security_txt
from .core.sitemaps import robots_txt, sitemap_xml
from .core.text_size import set_contrast, set_text_size

# Server errors in the URL's language, as JSON under /api/, 503 when a dependency is down.
handler500 = "yuzhong_site.core.errors.server_error"

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("text-size/", set_text_size, name="text_size"),
    path("contrast/", set_contrast, name="contrast"),
    path("healthz", healthz, name="healthz"),
    path(".well-known/security.txt", security_txt, name="security_txt"),
    path("sitemap.xml", sitemap_xml, name="sitemap_xml"),
    path("robots.txt", robots_txt, name="robots_txt"),
    # The read-only JSON API: not language-prefixed (?lang= chooses the language).
    path("api/", include("yuzhong_site.open_data.urls")),
]

if settings.SERVE_MEDIA:
    from .core.media import serve_media

    urlpatterns += [path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", serve_media)]

elif settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Public, translated URLs: Chinese at /, English at /en/. Apps add their own public routes
# here (above Wagtail's catch-all).
urlpatterns += i18n_patterns(
    path("", include("yuzhong_site.localized_urls")),
    path("", include(page_urlpatterns())),
    prefix_default_language=False,
)
