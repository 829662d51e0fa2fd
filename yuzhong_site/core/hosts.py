"""The Host is ours, not the request's.

Django checks the Host header against ALLOWED_HOSTS without its port, and accepts a trailing
dot: ``Host: plan.example.org:10001`` or ``plan.example.org.`` passed, was echoed into every
absolute link (canonical, hreflang, og:url, the sitemap, feeds, the API's ``urls``) and gave the
page cache a new key each. In production (``STRICT_HOSTS``) a request must name exactly one of
``SITE_HOSTS`` — the configured host names, each with its port when it is not the scheme's
default (``DJANGO_SITE_HOSTS``, by default the entries of ``DJANGO_ALLOWED_HOSTS``) — or it gets
a 400. Every link is then built from a configured host. ``/healthz`` is answered before this
check (a load balancer asks by address).
"""

from django.conf import settings
from django.http import HttpResponseBadRequest
from django.http.request import split_domain_port

MAX_HOST_LENGTH = 255

BAD_HOST = (
    "400 请求的主机名不属于本网站。\n"
    "400 Bad request: the host name is not one of this site's addresses.\n"
)


def normalised_host(request):
    """The request's host, lower-cased, without a trailing dot or the scheme's default port (for
    cache keys: one key whatever the spelling)."""
    domain, port = split_domain_port(request.get_host().lower())
    default = "443" if request.is_secure() else "80"
    return domain if not port or port == default else f"{domain}:{port}"


def _configured():
    hosts = getattr(settings, "SITE_HOSTS", None) or settings.ALLOWED_HOSTS
    return {host.strip().lower() for host in hosts if host.strip() and host.strip() != "*"}


def host_is_configured(raw):
    raw = raw.lower()
    if not raw or len(raw) > MAX_HOST_LENGTH:
        return False
    configured = _configured()
    if raw in configured:
        return True
    # ".example.org" in the settings: any sub-domain, on the default port only
    return ":" not in raw and any(
        host.startswith(".") and (raw.endswith(host) or raw == host[1:]) for host in configured
    )


class StrictHostMiddleware:
    """400 for a Host header that is not exactly a configured site host (production)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.strict = getattr(settings, "STRICT_HOSTS", False)

    def __call__(self, request):
        if getattr(request, "is_dummy", False):  # Wagtail's preview request, made by the server
            return self.get_response(request)
        if self.strict and not host_is_configured(request.META.get("HTTP_HOST", "")):
            return HttpResponseBadRequest(BAD_HOST, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
