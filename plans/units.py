"""Units and number formatting: the one place that knows how a figure is written in each language.

Numbers are stored once (as ``Decimal``); only their words change with the language:
``23,421.18 万元`` in Chinese is ``234.2 million yuan (23,421.18 万元)`` in English, and
``600万平方米`` is ``6 million m²``.
"""

from decimal import Decimal

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _


class Unit(models.TextChoices):
    WAN_YUAN = "wan_yuan", _("10,000 yuan (万元)")
    SQUARE_METRES = "square_metres", _("square metres (m²)")
    PERCENT = "percent", _("per cent (%)")
    MALLS = "malls", _("malls and shopping centres")
    COUNTRIES = "countries", _("countries")
    FRIENDSHIP_CITIES = "friendship_cities", _("friendship cities")
    EVENTS_PER_YEAR = "events_per_year", _("conferences and forums a year")
    COMPOUNDS = "compounds", _("residential compounds")
    SITES = "sites", _("sites")
    NUMBER = "number", _("plain number")


# (Chinese suffix, English suffix) for simple counted units; the space is part of the suffix.
_SUFFIXES = {
    Unit.PERCENT: ("%", "%"),
    Unit.MALLS: ("家", " malls"),
    Unit.COUNTRIES: ("个", " countries"),
    Unit.FRIENDSHIP_CITIES: ("个", " friendship cities"),
    Unit.EVENTS_PER_YEAR: ("场/年", " conferences a year"),
    Unit.COMPOUNDS: ("个", " compounds"),
    Unit.SITES: ("处", " sites"),
    Unit.NUMBER: ("", ""),
}


def plain_number(value, grouping=True):
    """A Decimal without exponent or trailing zeros, with thousands separators: 23,421.18."""
    if value is None:
        return ""
    value = Decimal(value)
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if not grouping:
        return text
    sign = "-" if text.startswith("-") else ""
    text = text.lstrip("-")
    whole, _dot, fraction = text.partition(".")
    whole = f"{int(whole):,}"
    return sign + whole + ("." + fraction if fraction else "")


def _language(language):
    return (language or translation.get_language() or "zh-hans").lower()


def format_value(value, unit, language=None):
    """``value`` with its unit, written for ``language`` (default: the active language)."""
    if value is None:
        return ""
    value = Decimal(value)
    english = _language(language).startswith("en")
    if unit == Unit.WAN_YUAN:
        chinese = f"{plain_number(value)} 万元"
        if not english:
            return chinese
        millions = (value / Decimal(100)).quantize(Decimal("0.1"))
        return f"{plain_number(millions)} million yuan ({chinese})"
    if unit == Unit.SQUARE_METRES:
        if english:
            if abs(value) >= 1_000_000:
                return f"{plain_number(value / Decimal(1_000_000))} million m²"
            return f"{plain_number(value)} m²"
        if abs(value) >= 10_000:
            return f"{plain_number(value / Decimal(10_000))}万平方米"
        return f"{plain_number(value)}平方米"
    chinese_suffix, english_suffix = _SUFFIXES.get(unit, ("", ""))
    return plain_number(value) + (english_suffix if english else chinese_suffix)


def format_axis_value(value, unit, language=None):
    """A short number for a chart axis (no unit words, few digits)."""
    value = Decimal(value)
    english = _language(language).startswith("en")
    if unit == Unit.SQUARE_METRES:
        if english:
            return plain_number((value / Decimal(1_000_000)).quantize(Decimal("0.1"))) + "m"
        return plain_number((value / Decimal(10_000)).quantize(Decimal("1"))) + "万"
    if unit == Unit.WAN_YUAN and english:
        return plain_number((value / Decimal(100)).quantize(Decimal("0.1"))) + "m"
    if abs(value) >= 100:
        value = value.quantize(Decimal("1"))
    else:
        value = value.quantize(Decimal("0.1"))
    return plain_number(value) + ("%" if unit == Unit.PERCENT else "")


def unit_label(unit, language=None):
    """The unit as words for a table heading ("万元", "million yuan", "m²"…)."""
    english = _language(language).startswith("en")
    if unit == Unit.WAN_YUAN:
        return "million yuan" if english else "万元"
    if unit == Unit.SQUARE_METRES:
        return "m²" if english else "平方米"
    chinese_suffix, english_suffix = _SUFFIXES.get(unit, ("", ""))
    return (english_suffix if english else chinese_suffix).strip()
