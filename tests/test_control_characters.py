"""Text that cannot break outputs: every C0 control character pasted into every text field of an
update and of a metric is gone from every output (the update page, the RSS and Atom feeds, the
metric page, the API, the downloads), and the feeds survive one that reached the database by
another road."""

import json
import xml.etree.ElementTree as ET  # noqa: S405 - parsing our own feeds in tests
from decimal import Decimal

import pytest

from plans.models import Measurement, Metric, UpdatePage
from tests.plans.factories import make_metric, make_plan, make_update, make_updates_index

pytestmark = pytest.mark.django_db

# Every C0 control character XML forbids (tab, line feed and carriage return are allowed) + DEL.
CONTROLS = [chr(c) for c in range(32) if chr(c) not in "\t\n\r"] + ["\x7f"]
PASTED = "".join(CONTROLS)


def _outputs(client, update):
    pages = {
        "update page": client.get(update.get_url()),
        "rss": client.get("/updates/feed/rss/"),
        "atom": client.get("/updates/feed/atom/"),
        "english rss": client.get("/en/updates/feed/rss/"),
        "pillar rss": client.get("/updates/feed/services/atom/"),
        "metric page": client.get("/plan/metrics/sales/"),
        "api": client.get("/api/v1/metrics/sales/"),
        "api list": client.get("/api/v1/metrics/"),
        "metrics csv": client.get("/data/metrics.csv"),
        "metrics json": client.get("/data/metrics.json"),
        "metric csv": client.get("/data/metrics/sales.csv"),
    }
    for name, response in pages.items():
        assert response.status_code == 200, name
        text = response.content.decode("utf-8-sig")
        assert not any(c in text for c in CONTROLS if c != "\x00") and "\x00" not in text, name
        if name.endswith(("rss", "atom")):
            ET.fromstring(response.content)  # noqa: S314 - well-formed XML
        if name.startswith("api") or name.endswith("json"):
            json.loads(text)
    return pages


def test_pasted_control_characters_are_removed_on_save_and_every_output_works(client, home):
    _plan, pillars = make_plan(home, keys=("services",))
    index = make_updates_index(home)
    update = make_update(
        index, "2021-01-25", pillars=[pillars["services"]],
        title=f"崖壁步道{PASTED}开放", summary=f"摘要{PASTED}文字",
    )
    update = UpdatePage.objects.get(pk=update.pk)
    update.image_alt = f"图{PASTED}"
    update.search_description = f"描述{PASTED}"
    update.body = [
        ("paragraph", f"<p>正文{PASTED}段落</p>"),
        ("quote", {"quote": f"引语{PASTED}", "attribution": f"来源{PASTED}"}),
    ]
    update.save_revision().publish()
    metric = make_metric(
        pillars["services"], slug="sales",
        name_zh_hans=f"销售额{PASTED}", name_en=f"Sales{PASTED}", notes_zh_hans=f"说明{PASTED}",
        source_name_zh_hans=f"来源{PASTED}", baseline_label_zh_hans=f"春节{PASTED}",
    )
    metric.measurements = [
        Measurement(year=2021, value=Decimal("1"), period_zh_hans=f"春节{PASTED}", note_zh_hans=f"注{PASTED}",
                    source_name=f"报{PASTED}")
    ]
    metric.save_revision().publish()
    stored = Metric.objects.get(pk=metric.pk)
    assert stored.name_zh_hans == "销售额" and stored.notes_zh_hans == "说明"
    assert stored.measurements.get().period_zh_hans == "春节"
    stored_update = UpdatePage.objects.get(pk=update.pk)
    assert stored_update.title == "崖壁步道开放" and stored_update.summary == "摘要文字"
    assert "正文段落" in str(stored_update.body[0].value)
    pages = _outputs(client, stored_update)
    assert "崖壁步道开放" in pages["rss"].content.decode()


def test_feeds_and_json_survive_control_characters_that_bypassed_saving(client, home):
    _plan, pillars = make_plan(home, keys=("services",))
    index = make_updates_index(home)
    update = make_update(index, "2021-01-25", pillars=[pillars["services"]], title="标题")
    make_metric(pillars["services"], slug="sales", measurements=[(2021, "1")])
    # Written by a query that sends no signal (a script, a raw import).
    UpdatePage.objects.filter(pk=update.pk).update(title="标题\x0b换行", summary="摘要\x0c分页")
    Metric.objects.filter(slug="sales").update(name_zh_hans="销售额\x0b", notes_zh_hans="\x01说明")
    for url in ("/updates/feed/rss/", "/updates/feed/atom/"):
        response = client.get(url)
        assert response.status_code == 200
        ET.fromstring(response.content)  # noqa: S314
        assert "\x0b" not in response.content.decode()
    for url in ("/api/v1/metrics/sales/", "/data/metrics.json"):
        response = client.get(url)
        assert response.status_code == 200 and "\\u000b" not in response.content.decode()
