"""`make bench-import`: time a 5,000-row measurements import (plan + bulk apply)."""

import time

import pytest

from plans import csv_io

from .factories import make_metric, make_plan

pytestmark = pytest.mark.django_db


def test_bench_import_5000_rows(home):
    pillars = make_plan(home)[1]
    metrics = [make_metric(pillars["services"], slug=f"bench-{n}") for n in range(50)]
    lines = ["指标,年份,时期,数值,来源"] + [
        f"{m.slug},{1950 + n % 50},h{n // 50},{n}.25,bench" for m in metrics for n in range(100)
    ]
    data = ("\ufeff" + "\n".join(lines) + "\n").encode("utf-8")
    started = time.perf_counter()
    plan = csv_io.plan_import("measurements", data)
    planned = time.perf_counter()
    added, _changed = csv_io.apply_import(plan)
    done = time.perf_counter()
    print(
        f"\n5,000-row import: {done - started:.2f} s "
        f"(check and preview {planned - started:.2f} s, save {done - planned:.2f} s); {added} added"
    )
    # Re-importing the same file changes nothing and is as quick.
    started = time.perf_counter()
    again = csv_io.plan_import("measurements", data)
    print(f"Re-import preview of the same file: {time.perf_counter() - started:.2f} s, {again.unchanged} unchanged")
