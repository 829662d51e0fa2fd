"""Figures are written the way each language writes them (one place: plans/units.py)."""

from decimal import Decimal

import pytest

from plans.units import Unit, format_value, plain_number


@pytest.mark.parametrize(
    "value,unit,language,expected",
    [
        ("23421.18", Unit.WAN_YUAN, "zh-hans", "23,421.18 万元"),
        ("23421.18", Unit.WAN_YUAN, "en", "234.2 million yuan (23,421.18 万元)"),
        ("8526.95", Unit.WAN_YUAN, "en", "85.3 million yuan (8,526.95 万元)"),
        ("6000000", Unit.SQUARE_METRES, "zh-hans", "600万平方米"),
        ("6000000", Unit.SQUARE_METRES, "en", "6 million m²"),
        ("174.7", Unit.PERCENT, "en", "174.7%"),
        ("174.7000", Unit.PERCENT, "zh-hans", "174.7%"),
        ("31", Unit.MALLS, "en", "31 malls"),
        ("31", Unit.MALLS, "zh-hans", "31家"),
        ("5", Unit.FRIENDSHIP_CITIES, "en", "5 friendship cities"),
        ("30", Unit.EVENTS_PER_YEAR, "en", "30 conferences a year"),
    ],
)
def test_figures_are_formatted_per_language(value, unit, language, expected):
    assert format_value(Decimal(value), unit, language) == expected


def test_plain_numbers_keep_their_digits_and_drop_trailing_zeros():
    assert plain_number(Decimal("1234567.5000")) == "1,234,567.5"
    assert plain_number(Decimal("-12.00")) == "-12"
    assert format_value(None, Unit.NUMBER) == ""
