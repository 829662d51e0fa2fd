"""The one way the site writes a date for readers, per language: ``2021年1月28日`` in Chinese,
``28 January 2021`` in English. (Machine-readable dates stay ISO, in ``<time datetime>``.)

Templates: ``{{ value|long_date }}`` (yuzhong_tags). Python: ``long_date(value)``.
"""

import datetime

from django.utils import timezone, translation

ENGLISH_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)


def long_date(value, language=None):
    """``value`` (a date or datetime; aware datetimes in local time) in the reader's language;
    "" for None."""
    if value in (None, ""):
        return ""
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        value = value.date()
    language = language or translation.get_language() or "zh-hans"
    if language.startswith("zh"):
        return f"{value.year}年{value.month}月{value.day}日"
    return f"{value.day} {ENGLISH_MONTHS[value.month - 1]} {value.year}"
