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
    YI_YUAN = "yi_yuan", _("100 million yuan (亿元)")
    WAN_YUAN_PER_PERSON = "wan_yuan_per_person", _("10,000 yuan per resident (万元)")
    YI_YUAN_PER_KM2 = "yi_yuan_per_km2", _("100 million yuan per km² (亿元/平方公里)")
    BUILDINGS = "buildings", _("buildings")
    COMPANIES = "companies", _("companies")
    WAN_VISITS = "wan_visits", _("10,000 visits (万人次)")
    KILOMETRES = "kilometres", _("kilometres (km)")


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
    Unit.BUILDINGS: ("栋", " buildings"),
    Unit.COMPANIES: ("家", " companies"),
    Unit.KILOMETRES: ("公里", " km"),
}

# Chinese units of 10^4 and 10^8, written in English as plain numbers with the Chinese in
# brackets: (Chinese suffix, English divisor, English words).
_LARGE = {
    Unit.YI_YUAN: ("亿元", Decimal(10), "billion yuan"),
    Unit.WAN_YUAN_PER_PERSON: ("万元", None, "yuan per resident"),
    Unit.YI_YUAN_PER_KM2: ("亿元/平方公里", Decimal(10), "billion yuan per km²"),
    Unit.WAN_VISITS: ("万人次", Decimal(100), "million visits"),
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
    if unit in _LARGE:
        suffix, divisor, words = _LARGE[unit]
        chinese = f"{plain_number(value)}{suffix}"
        if not english:
            return chinese
        if divisor is None:  # 万元 per resident: in yuan
            return f"{plain_number(value * Decimal(10_000))} {words} ({chinese})"
        return f"{plain_number(value / divisor)} {words} ({chinese})"
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
    if unit in _LARGE and english:
        _suffix, divisor, _words = _LARGE[unit]
        value = value * Decimal(10_000) if divisor is None else value / divisor
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
    if unit in _LARGE:
        return _LARGE[unit][2] if english else _LARGE[unit][0]
    chinese_suffix, english_suffix = _SUFFIXES.get(unit, ("", ""))
    return (english_suffix if english else chinese_suffix).strip()


# How each value qualifier is written before the figure (see plans.status.ValueQualifier).
_QUALIFIER_WORDS = {
    "about": ("约", "about "),
    "more_than": ("超过", "more than "),
    "close_to": ("近", "close to "),
    "reached": ("达", "reached "),
    "estimate": ("预计", "estimated at "),
    "estimate_more_than": ("预计突破", "estimated at more than "),
}


def qualifier_words(qualifier, language=None):
    """The words a qualifier puts before a figure in ``language`` ("" for an exact figure)."""
    chinese, english = _QUALIFIER_WORDS.get(qualifier or "", ("", ""))
    return english if _language(language).startswith("en") else chinese


def qualified_value(value, qualifier, unit, language=None):
    """A figure with its qualifier and unit: "近1,300亿元", "close to 130 billion yuan (1,300亿元)"."""
    if value is None:
        return ""
    return qualifier_words(qualifier, language) + format_value(value, unit, language)
