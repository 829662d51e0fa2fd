"""Every CSV the site exports comes back unchanged: admin and command, measurements
and projects, in the admin's language (Chinese headers and words for a Chinese admin), with
figures given only in words, qualifiers and status histories; an edited figure goes in and shows
on the public page; GBK and BOM files read; nothing half-saved."""

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from wagtail.users.models import UserProfile

from plans import csv_io
from plans.models import Measurement, Metric, Project, ProjectStatusReport
from plans.status import ProjectStatus

pytestmark = pytest.mark.django_db

HEADERS = {
    ("measurements", "zh-hans"): "指标,年份,时期,日期,数值,约数,限定词,来源,来源链接,备注",
    (
        "measurements",
        "en",
    ): "metric,year,period,date,value,approximate,qualifier,source,source_url,note",
    ("projects", "zh-hans"): "项目,定位,名称,英文名称,状态,进度,开工日期,计划完成日期,计划完成年份,"
    "实际完成日期,摘要,英文摘要,状态日期,状态来源,状态来源链接,状态备注",
    (
        "projects",
        "en",
    ): "slug,pillar,name_zh_hans,name_en,status,progress,start_date,planned_completion,"
    "planned_completion_year,actual_completion,summary_zh_hans,summary_en,status_date,status_source,"
    "status_source_url,status_note",
}


def _speaks(client, language):
    user = get_user_model().objects.get(username="root-editor")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return client


def _state():
    """Everything an import could change: figures, projects and their status histories."""
    return (
        sorted(
            Measurement.objects.values_list(
                "metric_id",
                "year",
                "period_zh_hans",
                "value",
                "qualifier",
                "date",
                "source_name_zh_hans",
                "source_url",
                "note_zh_hans",
            )
        ),
        sorted(
            Project.objects.values_list(
                "slug",
                "status",
                "status_date",
                "progress",
                "name_zh_hans",
                "name_en",
                "summary_zh_hans",
                "summary_en",
            )
        ),
        sorted(
            ProjectStatusReport.objects.values_list(
                "project_id", "date", "status", "source_name_zh_hans", "source_url", "note_zh_hans"
            )
        ),
        Metric.objects.filter(has_unpublished_changes=True).count(),
    )


def _import_preview(client, kind, data):
    upload = SimpleUploadedFile(f"{kind}.csv", data, content_type="text/csv")
    return client.post(reverse("plans_csv_import", args=[kind]), {"file": upload})


@pytest.mark.parametrize("kind", ["measurements", "projects"])
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_admins_export_imports_back_unchanged(demo_content, admin_client, kind, language):
    client = _speaks(admin_client, language)
    exported = client.get(reverse("plans_csv_export", args=[kind])).content
    text = exported.decode("utf-8-sig")
    assert text.splitlines()[0] == HEADERS[kind, language]
    if kind == "measurements":
        # Fixed-asset investment 2025: no value, the figure in words in the note.
        assert "fixed-asset-investment,2025,,,," in text and "五年累计突破1000亿元" in text
        assert ("近" if language == "zh-hans" else "close to (近)") in text
        if language == "zh-hans":
            assert "close_to" not in text and ",否," in text
    else:
        from django.utils import translation

        with translation.override(language):
            opened = str(ProjectStatus.OPENED.label)
        assert f",{opened}," in text
        # The latest status report's source goes out with the status.
        report = ProjectStatusReport.objects.order_by("-date").first()
        assert report.source_name_zh_hans in text
    before = _state()

    preview = _import_preview(client, kind, exported)

    plan = preview.context["plan"]
    assert plan.errors == [] and plan.file_error == ""
    assert plan.changes == [] and plan.unchanged == plan.rows > 0
    assert _state() == before


@pytest.mark.parametrize("kind", ["measurements", "projects"])
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_commands_export_imports_back_unchanged(demo_content, tmp_path, kind, language, capsys):
    target = tmp_path / f"{kind}-{language}.csv"
    call_command("export_plan_csv", kind, "-o", str(target), "--language", language)
    assert target.read_bytes().decode("utf-8-sig").splitlines()[0] == HEADERS[kind, language]
    before = _state()
    call_command("import_plan_csv", kind, str(target))
    out = capsys.readouterr().out
    assert "新增0条，修改0条" in out and "Imported: 0 added, 0 changed" in out, out
    assert _state() == before


def test_an_edited_figure_in_a_chinese_export_shows_on_the_public_page(
    demo_content, admin_client, client
):
    admin = _speaks(admin_client, "zh-hans")
    text = admin.get(reverse("plans_csv_export", args=["measurements"])).content.decode("utf-8-sig")
    line = next(row for row in text.splitlines() if row.startswith("fixed-asset-investment,2023,"))
    assert ",210.4," in line
    edited = text.replace(line, line.replace(",210.4,", ",211.7,"))
    preview = _import_preview(admin, "measurements", edited.encode("utf-8"))
    plan = preview.context["plan"]
    assert plan.errors == [] and [c.kind for c in plan.changes] == ["change"]
    done = admin.post(
        reverse("plans_csv_import", args=["measurements"]),
        {"token": preview.context["token"], "confirm": "1"},
    )
    assert done.status_code == 302
    metric = Metric.objects.get(slug="fixed-asset-investment")
    assert "211.7" in client.get(metric.get_url(language="zh-hans")).content.decode()


def test_a_gbk_file_with_chinese_headers_and_qualifier_labels_imports(demo_content):
    data = "指标,年份,数值,限定词,来源\nfixed-asset-investment,2024,205.5,约,区统计局\n".encode(
        "gbk"
    )
    plan = csv_io.plan_import("measurements", data)
    assert plan.errors == [] and plan.file_error == ""
    assert [c.kind for c in plan.changes] == ["add"]
    csv_io.apply_import(plan)
    assert (
        Measurement.objects.get(metric__slug="fixed-asset-investment", year=2024).qualifier
        == "about"
    )


def test_a_figure_in_words_needs_its_note_and_a_bad_row_saves_nothing(demo_content):
    before = _state()
    data = csv_io.export_bytes("measurements").decode("utf-8-sig")
    data += "fixed-asset-investment,2024,,,,否,,,,\n"
    plan = csv_io.plan_import("measurements", data.encode("utf-8"))
    assert not plan.is_valid
    assert any("note" in str(e.message) or "备注" in str(e.message) for e in plan.errors)
    with pytest.raises(ValueError):
        csv_io.apply_import(plan)
    assert _state() == before


def test_an_unreadable_file_is_explained(demo_content):
    plan = csv_io.plan_import("measurements", b"\xff\xfe\x00m\x00e")
    assert plan.file_error
