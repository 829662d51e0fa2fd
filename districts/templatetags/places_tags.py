"""Template helpers for the visitor pages."""

import datetime
import json
import re

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import _json_script_escapes, conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from districts.models.notices import notices_by_state

register = template.Library()


@register.filter
def json_ld(data):
    """``data`` as JSON-LD, escaped exactly as Django's ``json_script`` escapes (<, >, &).

    A string such as ``</script>`` in a title can therefore never end the element early.
    """
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(
        _json_script_escapes
    )
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308 - escaped above


MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December"]


def _is_chinese():
    return (get_language() or "").startswith("zh")


@register.filter
def long_date(value):
    """A date as people write it: 2025年9月1日 / 1 September 2025."""
    if not value:
        return ""
    if _is_chinese():
        return f"{value.year}年{value.month}月{value.day}日"
    return f"{value.day} {MONTHS_EN[value.month - 1]} {value.year}"


@register.filter
def partial_date(value):
    """A date given as precisely as its source does: 2025, 2024-09 or 2025-09-01."""
    if not value:
        return ""
    parts = [int(p) for p in str(value).split("-")]
    if len(parts) == 3:
        return long_date(datetime.date(*parts))
    if len(parts) == 2:
        year, month = parts
        return f"{year}年{month}月" if _is_chinese() else f"{MONTHS_EN[month - 1]} {year}"
    return f"{parts[0]}年" if _is_chinese() else str(parts[0])


@register.filter
def join_list(items):
    """A list in words: 地址、开放时间和门票 / address, opening hours and admission."""
    items = [str(item) for item in items]
    if _is_chinese():
        if len(items) < 2:
            return "".join(items)
        return "、".join(items[:-1]) + "和" + items[-1]
    items = [item[:1].lower() + item[1:] for item in items]
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


# A Chinese telephone number as places publish it: "023-63637990", "(023) 6363 7990",
# "+86 23 6363 7990", a mobile "138 0000 0000" or a "400-123-4567" service line.
_PHONE = re.compile(
    r"(?<![\d+])(?:\+86[\s-]?\d{2,3}[\s-]?\d{3,4}[\s-]?\d{4}"
    r"|\(?0\d{2,3}\)?[\s-]?\d{3,4}[\s-]?\d{4}"
    r"|1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}"
    r"|400[\s-]?\d{3}[\s-]?\d{4})(?!\d)"
)


def tel_href(number):
    """``tel:`` with the number in international form: "023-63637990" → "tel:+862363637990"
    (a 400 service line stays national)."""
    digits = re.sub(r"\D", "", number)
    if digits.startswith("400"):  # a national service line: no country code
        return f"tel:{digits}"
    if number.strip().startswith("+"):
        return f"tel:+{digits}"
    if digits.startswith("0"):
        digits = digits[1:]
    return f"tel:+86{digits}"


@register.filter
def phone_links(text):
    """``text`` (escaped) with each telephone number in it a ``tel:`` link that a phone dials
    when tapped; everything else stays plain text."""
    text = str(text or "")
    parts, last = [], 0
    for match in _PHONE.finditer(text):
        parts.append(conditional_escape(text[last:match.start()]))
        parts.append(format_html('<a class="yz-tel" href="{}">{}</a>', tel_href(match.group()), match.group()))
        last = match.end()
    parts.append(conditional_escape(text[last:]))
    return mark_safe("".join(parts))  # noqa: S308 - every part escaped above


@register.filter
def current_notices(site):
    """The notices of ``site`` in force today (site's local date); uses the prefetched rows."""
    return notices_by_state(site.notices.all())["current"]


@register.filter
def notice_text(notice):
    """The notice's words in the active language (the Chinese words when no English is given)."""
    return notice.text_for("zh-hans" if _is_chinese() else "en")


@register.filter
def source_year(value):
    """The year of a partial source date ("2019-01-10" → "2019")."""
    return str(value).split("-")[0] if value else ""
