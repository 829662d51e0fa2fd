"""Throttles on the residents' forms, from django-ratelimit (counters in the shared cache).

Per address (``FEEDBACK_RATE_PER_ADDRESS``) and per contact (``FEEDBACK_RATE_PER_CONTACT``),
both counted on valid-looking POSTs only. The contact is counted by a hash, never stored in the
cache as typed.
"""

import hashlib

from django.conf import settings
from django_ratelimit.core import is_ratelimited

GROUP = "yz-feedback"


def _rate(name, default):
    return getattr(settings, name, default)


def address_limited(request):
    return is_ratelimited(request, group=GROUP, key="ip", method="POST",
                          rate=_rate("FEEDBACK_RATE_PER_ADDRESS", "10/h"), increment=True)


def contact_limited(request, contact_value):
    if not contact_value:
        return False
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{contact_value}".encode()).hexdigest()
    return is_ratelimited(request, group=GROUP + "-contact", key=lambda _g, _r: digest,
                          method="POST", rate=_rate("FEEDBACK_RATE_PER_CONTACT", "5/h"),
                          increment=True)


def fingerprint(request, *parts):
    """A hash of the sender's address and what they sent: the same twice within a minute is
    one submission."""
    text = "\x1f".join([request.META.get("REMOTE_ADDR", ""), *map(str, parts)])
    return hashlib.sha256(f"{settings.SECRET_KEY}:{text}".encode()).hexdigest()
