"""One guard for every CSV cell the site writes: the admin export and the /data/ downloads."""

from decimal import Decimal

import pytest

from plans import csv_io
from tests.plans.factories import make_metric, make_plan

TRICKY_TEXTS = ["=1+2", "+SUM(A1)", "-x", "@cmd", "\tTAB", "plain"]


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        (Decimal("-5"), "-5"), (-3, "-3"), (0.5, "0.5"), ("-5", "-5"), ("+7.25", "+7.25"),
        ("-1e3", "-1e3"), ("=1+2", "'=1+2"), ("-x", "'-x"), ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"), ("\rx", "'\rx"), ("-", "'-"), ("渝中", "渝中"), (None, ""), (True, "true"),
    ],
)
def test_numbers_stay_numbers_and_formula_like_text_is_defused(value, cell):
    from yuzhong_site.core.csv_cells import guard_cell, unguard_cell

    assert guard_cell(value) == cell
    if isinstance(value, str) and value.strip() == value:
        assert unguard_cell(cell) == value


def test_the_admin_export_and_the_public_download_guard_a_cell_alike(client, home, english_home):
    """The same tricky text as a metric's name (public download) and a figure's note (admin
    export, which round-trips figures): defused alike, while -5 stays a number in both."""
    _plan, pillars = make_plan(home)
    for number, name in enumerate(TRICKY_TEXTS):
        metric = make_metric(pillars["services"], slug=f"tricky-{number}", name_zh_hans=name,
                             measurements=[(2021, "-5")])
        metric.measurements.update(note_zh_hans=name)
    admin_rows = csv_io.export_bytes("measurements").decode("utf-8-sig")
    public_rows = client.get("/data/metrics.csv").content.decode("utf-8-sig")
    assert admin_rows.count(",-5,") == public_rows.count(",-5,") == len(TRICKY_TEXTS)
    for text in (admin_rows, public_rows):
        assert ",'-5," not in text
        for cell in ("'=1+2", "'+SUM(A1)", "'-x", "'@cmd", "'\tTAB", ",plain"):
            assert cell in text, (cell, text)
