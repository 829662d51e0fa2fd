"""Keeping cached plan roll-ups (the home page's "plan at a glance") fresh after publishing."""

import uuid

from django.core.cache import cache

VERSION_KEY = "plans:roll-up-version"
TIMEOUT = 600  # seconds: a roll-up is never staler than this, even across processes


def roll_up_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex
        cache.set(VERSION_KEY, version, None)
    return version


def forget_plan_roll_ups(**_kwargs):
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)


def roll_up_cache_key(plan):
    return f"plans:glance:{roll_up_version()}:{plan.translation_key}"
