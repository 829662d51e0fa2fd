"""Performance tools run by ``make bench`` and ``make loadtest`` (``python -m tests.perf.bench``),
and ``make visit-report`` (``python -m tests.perf.visit_report``):
outside the installed apps, so nothing in the site imports them."""

import os


def setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "yuzhong_site.settings.dev")
    import django

    django.setup()
