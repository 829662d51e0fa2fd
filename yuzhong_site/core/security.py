"""Security headers (CSP, Permissions-Policy), sign-in and page-password throttling and
/.well-known/security.txt.

Django 5.2 has no Content-Security-Policy support of its own, and the policy is a few lines, so
it is written here rather than added as a dependency: one strict policy for the public site
(scripts only from our origin, no inline scripts or styles: the public pages have none, and
JSON-LD is a data block that the policy does not govern), a relaxed one for the Wagtail admin,
which still needs inline scripts and styles. The headers are the same for every response, so a
cached page needs no rewriting.
"""

from datetime import UTC, timedelta

from axes.backends import AxesStandaloneBackend
from axes.handlers.database import AxesDatabaseHandler
from django.conf import settings
from django.core.cache import cache
from django.db.models import Sum
from django.http import Http404, HttpResponse
from django.template.loader import render_to_string
from django.urls import Resolver404, resolve
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


# -- sign-in and page-password throttling --------------------------------------------------------
# Sign-ins are throttled by django-axes at the authentication backend, so every login view
# (/admin/login/, Wagtail's /_util/login/ and its /en/ copy, any later one) is covered, and the
# failures are rows in the database: the limits hold across workers and instances, Redis or not.
# Axes compares its largest count with one limit; this project keeps one limit per lockout
# parameter (per account and address, per address, per account from every address), so the
# handler below reports each count as a share of its own limit.
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


def login_username(request, credentials):
    """The account a sign-in names, as axes records it: trimmed, case-folded, bounded."""
    from axes.conf import settings as axes_settings

    field = axes_settings.AXES_USERNAME_FORM_FIELD
    if credentials:
        name = credentials.get(field)
    else:
        name = request.POST.get(field) if request is not None else None
    return (name or "").strip().lower()[:150] or None


class AxesBackend(AxesStandaloneBackend):
    """django-axes' backend, except that ``authenticate()`` without a request (server-side code:
    ``Client.login`` in tests, scripts — there is no visitor to count) is passed on to the next
    backend instead of raising. Every login view passes its request, so every sign-in over HTTP
    is counted."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)


class PerParameterLimitsHandler(AxesDatabaseHandler):
    """AXES_LOCKOUT_PARAMETERS[i] is limited by LOGIN_LOCKOUT_LIMITS[i]; ``get_failures`` gives
    the largest count as a percentage of its own limit (AXES_FAILURE_LIMIT is 100)."""

    def get_failures(self, request, credentials=None):
        limits = settings.LOGIN_LOCKOUT_LIMITS
        shares = []
        for attempts, limit in zip(self.get_user_attempts(request, credentials), limits, strict=True):
            count = attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            shares.append(count * 100 // limit)
        return max(shares, default=0)

    def reset_user_attempts(self, request, credentials=None):
        """A successful sign-in forgets that account's failures from that address only: not the
        address's failures for other accounts (signing in to one's own account must not reset a
        guessing address), nor other addresses' failures for this account."""
        from axes.helpers import get_client_username
        from axes.models import AccessAttempt

        username = get_client_username(request, credentials)
        count, _ = AccessAttempt.objects.filter(
            username=username, ip_address=request.axes_ip_address
        ).delete()
        return count


def _window():
    return int(getattr(settings, "LOGIN_THROTTLE_WINDOW", 15 * 60))


def refused(request, *args, **kwargs):
    """429 with the bilingual page: axes' lockout response (AXES_LOCKOUT_CALLABLE) and the
    page-password throttle's."""
    response = HttpResponse(
        render_to_string("yuzhong_site/login_throttled.html", request=request), status=429
    )
    response["Retry-After"] = str(_window())
    return response


# Wagtail's page-password form (a private page's "enter the password"): not a sign-in, so axes
# does not see it; a wrong password answers the form again (200), a right one redirects. It is
# counted by what the URL means -- the restriction and page ids the resolver gives, whatever the
# spelling (leading zeros, /en/) -- per address and in total.
PAGE_PASSWORD_VIEW = "wagtailcore_authenticate_with_password"  # noqa: S105 - a URL name


def _page_password_keys(request):
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None
    if match.url_name != PAGE_PASSWORD_VIEW:
        return None
    ids = f"{int(match.kwargs['page_view_restriction_id'])}:{int(match.kwargs['page_id'])}"
    ip = client_ip(request)
    return (f"yz:page-pw-fail:{ip}:{ids}", f"yz:page-pw-fail:any:{ids}")


def _page_password_limits():
    return (
        getattr(settings, "PAGE_PASSWORD_THROTTLE_LIMIT", 10),  # per address and restriction
        getattr(settings, "PAGE_PASSWORD_THROTTLE_TOTAL_LIMIT", 100),  # per restriction
    )


def _over(keys, limits):
    counts = cache.get_many(list(keys))
    return any(counts.get(key, 0) >= limit for key, limit in zip(keys, limits, strict=True))


def _increment(keys):
    for key in keys:
        cache.add(key, 0, _window())
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, 1, _window())


class PagePasswordThrottleMiddleware:
    """Refuse page-password attempts (HTTP 429) after PAGE_PASSWORD_THROTTLE_LIMIT wrong ones from
    one address for one restriction, or …_TOTAL_LIMIT from all addresses together."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method != "POST":
            return self.get_response(request)
        keys = _page_password_keys(request)
        if keys is None:
            return self.get_response(request)
        if _over(keys, _page_password_limits()):
            return refused(request)
        response = self.get_response(request)
        if response.status_code == 200:  # the form again: a wrong password
            _increment(keys)
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
