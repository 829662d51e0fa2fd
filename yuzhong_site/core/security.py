"""Security headers (CSP, Permissions-Policy), admin login throttling and
/.well-known/security.txt.

Django 5.2 has no Content-Security-Policy support of its own, and the policy is a few lines, so
it is written here rather than added as a dependency: one strict policy for the public site
(scripts only from our origin, no inline scripts or styles: the public pages have none, and
JSON-LD is a data block that the policy does not govern), a relaxed one for the Wagtail admin,
which still needs inline scripts and styles. The headers are the same for every response, so a
cached page needs no rewriting.
"""

from datetime import UTC, timedelta

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from .models import FooterSettings

PUBLIC_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "media-src": ["'self'"],
    "frame-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
# The Wagtail admin (and page previews inside it) still uses inline scripts and styles.
ADMIN_CSP = {
    **PUBLIC_CSP,
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "frame-ancestors": ["'self'"],
}
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), interest-cohort=()"
)


def _render_policy(policy, secure):
    extra = getattr(settings, "CSP_EXTRA_SOURCES", {})
    parts = []
    for directive, sources in policy.items():
        values = [*sources, *extra.get(directive, [])]
        parts.append(f"{directive} {' '.join(values)}")
    if secure:
        parts.append("upgrade-insecure-requests")
    return "; ".join(parts)


class SecurityHeadersMiddleware:
    """Give every response the CSP, Permissions-Policy and Cross-Origin-Opener-Policy headers."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefixes = tuple(getattr(settings, "CSP_ADMIN_PREFIXES", ("/admin/",)))

    def __call__(self, request):
        response = self.get_response(request)
        if not response.has_header("Content-Security-Policy"):
            policy = ADMIN_CSP if request.path.startswith(self.admin_prefixes) else PUBLIC_CSP
            response["Content-Security-Policy"] = _render_policy(policy, request.is_secure())
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        return response


# -- admin login throttling ---------------------------------------------------------------------
def client_ip(request):
    """The visitor's address: REMOTE_ADDR, or the address the trusted proxies recorded."""
    proxies = getattr(settings, "NUM_PROXIES", 0)
    if proxies:
        forwarded = [
            part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        ]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def _keys(request, username):
    """(per address, per account and address, per account from every address)."""
    ip = client_ip(request)
    name = (username or "").strip().lower()[:150]
    return (
        f"yz:login-fail:ip:{ip}",
        f"yz:login-fail:user:{ip}:{name}",
        f"yz:login-fail:account:{name}",
    )


def _limits():
    return (
        getattr(settings, "LOGIN_THROTTLE_IP_LIMIT", 20),
        getattr(settings, "LOGIN_THROTTLE_USER_LIMIT", 5),
        getattr(settings, "LOGIN_THROTTLE_ACCOUNT_LIMIT", 10),
    )


def _over(keys, limits):
    counts = cache.get_many(list(keys))
    return any(counts.get(key, 0) >= limit for key, limit in zip(keys, limits, strict=True))


def login_is_throttled(request, username):
    return _over(_keys(request, username), _limits())


def _window():
    return getattr(settings, "LOGIN_THROTTLE_WINDOW", 15 * 60)


def _increment(keys):
    for key in keys:
        cache.add(key, 0, _window())
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, 1, _window())


def _count_failure(sender, credentials, request=None, **kwargs):
    if request is None:
        return
    _increment(_keys(request, credentials.get("username")))


def _forget_failures(sender, request=None, user=None, **kwargs):
    if request is not None and user is not None:
        cache.delete_many(_keys(request, user.get_username())[1:])


# Wagtail's page-password form (a private page's "enter the password"): not a sign-in, so no
# signal; a wrong password answers the form again (200), a right one redirects.
PAGE_PASSWORD_PREFIX = "/_util/authenticate_with_password/"  # noqa: S105 - a URL


def _page_password_keys(request):
    restriction = request.path[len(PAGE_PASSWORD_PREFIX):].split("/", 1)[0][:20]
    ip = client_ip(request)
    return (f"yz:page-pw-fail:{ip}:{restriction}", f"yz:page-pw-fail:any:{restriction}")


def _page_password_limits():
    return (
        getattr(settings, "PAGE_PASSWORD_THROTTLE_LIMIT", 10),  # per address and restriction
        getattr(settings, "PAGE_PASSWORD_THROTTLE_TOTAL_LIMIT", 100),  # per restriction
    )


user_login_failed.connect(_count_failure, dispatch_uid="yz_login_failed")
user_logged_in.connect(_forget_failures, dispatch_uid="yz_logged_in")


class LoginThrottleMiddleware:
    """Refuse login attempts (HTTP 429) after repeated failures from one address, per account
    (LOGIN_THROTTLE_USER_LIMIT) and in total (LOGIN_THROTTLE_IP_LIMIT), and for one account
    from every address together (LOGIN_THROTTLE_ACCOUNT_LIMIT), for a time window; the same for
    page passwords (PAGE_PASSWORD_THROTTLE_LIMIT per address, …_TOTAL_LIMIT per page)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.paths = set(getattr(settings, "LOGIN_THROTTLE_PATHS", ("/admin/login/",)))

    def __call__(self, request):
        if request.method == "POST" and request.path in self.paths:
            if login_is_throttled(request, request.POST.get("username")):
                return self.refused(request)
        if request.method == "POST" and request.path.startswith(PAGE_PASSWORD_PREFIX):
            keys = _page_password_keys(request)
            if _over(keys, _page_password_limits()):
                return self.refused(request)
            response = self.get_response(request)
            if response.status_code == 200:  # the form again: a wrong password
                _increment(keys)
            return response
        return self.get_response(request)

    def refused(self, request):
        response = HttpResponse(
            render_to_string("yuzhong_site/login_throttled.html", request=request),
            status=429,
        )
        response["Retry-After"] = str(_window())
        return response


# -- /.well-known/security.txt (RFC 9116) ---------------------------------------------------------
@require_GET
@cache_control(public=True, max_age=3600)
def security_txt(request):
    contact = getattr(settings, "SECURITY_CONTACT", "")
    if not contact:
        footer = FooterSettings.for_request(request)
        contact = f"mailto:{footer.contact_email}" if footer.contact_email else ""
    if not contact:
        raise Http404("No security contact is configured.")
    expires = (timezone.now() + timedelta(days=180)).replace(microsecond=0)
    lines = [
        f"Contact: {contact}",
        f"Expires: {expires.astimezone(UTC).strftime('%Y-%m-%dT%H:%M:%SZ')}",
        "Preferred-Languages: zh, en",
        f"Canonical: {request.build_absolute_uri('/.well-known/security.txt')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
