"""Demo content for the plan: the 14th Five-Year Plan (2021–2025), its four roles, goals,
figures, key projects and updates, in Chinese and English.

The content is data, in ``plans/demo_data/*.yaml`` (read through
:func:`yuzhong_site.core.demo_data.demo_data`): ``sources.yaml`` (every source, once),
``plan.yaml`` (plan and pillar pages, the plan's timeline), ``goals.yaml``, ``metrics.yaml``,
``projects.yaml`` and ``updates.yaml``. Facts and figures come only from
../shared/seed/FACTS.md and FACTS-2.md; the sentences are our own. This module only loads them,
idempotently: a record or page that exists is left as editors made it.
"""

from decimal import Decimal

from districts.models import District, HeritageSitePage, VisitIndexPage
from yuzhong_site.core.demo import body_blocks, paragraph
from yuzhong_site.core.demo_data import demo_data
from yuzhong_site.core.i18n import default_language
from yuzhong_site.core.pages import ensure_child_page, ensure_translation

from .models import (
    Goal,
    Measurement,
    Metric,
    Milestone,
    PillarPage,
    PlanEvent,
    PlanPage,
    Project,
    ProjectStatusReport,
    UpdateIndexPage,
    UpdatePage,
)
from .status import ValueQualifier

LANGUAGES = {"zh-hans": "zh_hans", "en": "en"}


def _data(name):
    return demo_data("plans", name)


def source(key):
    """A source of sources.yaml: {"tier", "name": {"zh-hans", "en"}, "url", "date"?}."""
    return _data("sources")[key]


def _translated(field, words):
    """{"name_zh_hans": …, "name_en": …} from {"zh-hans": …, "en": …}."""
    words = words or {}
    return {f"{field}_{suffix}": words.get(language, "") for language, suffix in LANGUAGES.items()}


def _source_fields(key, prefix="source_"):
    if not key:
        return {}
    found = source(key)
    return {**_translated(f"{prefix}name", found["name"]), f"{prefix}url": found.get("url") or ""}


def _qualifier(text):
    return "" if text in (None, "", "exactly") else ValueQualifier(text).value


# ------------------------------------------------------------------------------- pages (30)


def _timeline(spec, language):
    events = []
    for order, event in enumerate(spec.get("timeline", [])):
        found = source(event["source"])
        words = event[language]
        events.append(
            PlanEvent(
                sort_order=order,
                date=event["date"],
                precision=event.get("precision", "day"),
                title=words["title"],
                text=words.get("text", ""),
                quote=words.get("quote", ""),
                source_name=found["name"][language],
                source_url=found.get("url") or "",
            )
        )
    return events


def _plan_fields(spec, language):
    words = spec[language]
    return {
        "title": words["title"],
        "summary": words["summary"],
        "lead": words.get("lead", ""),
        "coverage_note": words.get("coverage_note", ""),
        "search_description": words["search_description"],
        "timeline": _timeline(spec, language),
    }


def ensure_plan_pages(context):
    spec = _data("plan")["plan"]
    documents = source(spec["documents"]).get("url", "") if spec.get("documents") else ""
    plan, _created = ensure_child_page(
        context.home,
        PlanPage,
        "plan",
        start_year=spec["start_year"],
        end_year=spec["end_year"],
        documents_url=documents,
        show_in_menus=True,
        **_plan_fields(spec, "zh-hans"),
    )
    ensure_translation(plan, "en", **_plan_fields(spec, "en"))
    pillars = {}
    for pillar_spec in _data("plan")["pillars"]:
        zh, en = pillar_spec["zh-hans"], pillar_spec["en"]
        pillar, _created = ensure_child_page(
            plan,
            PillarPage,
            pillar_spec["key"],
            key=pillar_spec["key"],
            accent=pillar_spec["accent"],
            title=zh["title"],
            positioning=zh["positioning"],
            intro=zh["intro"],
            body=body_blocks(zh["body"]),
            search_description=zh["positioning"],
        )
        ensure_translation(
            pillar,
            "en",
            title=en["title"],
            positioning=en["positioning"],
            intro=en["intro"],
            body=body_blocks(en["body"]),
            search_description=en["positioning"],
        )
        pillars[pillar_spec["key"]] = pillar
    context.shared["plan"] = plan
    context.shared["pillars"] = pillars
    return plan, pillars


# ------------------------------------------------------------------------------------ data


def _publish(obj):
    """Save a data record through a revision, as the admin's "publish" does."""
    obj.save()
    obj.save_revision().publish()


def _ensure_goals(pillars):
    goals = {}
    for key, specs in _data("goals").items():
        pillar = pillars[key]
        goals[key] = []
        for order, spec in enumerate(specs):
            statement = spec["statement"]["zh-hans"]
            goal = Goal.objects.filter(pillar=pillar, statement_zh_hans=statement).first()
            if goal is None:
                goal = Goal(
                    pillar=pillar,
                    sort_order=order,
                    **_translated("statement", spec["statement"]),
                    **_translated("explanation", spec.get("explanation")),
                )
                _publish(goal)
            goals[key].append(goal)
    return goals


def _measurement(spec, order):
    value = spec.get("value")
    return Measurement(
        sort_order=order,
        year=spec["year"],
        date=spec.get("date"),
        value=None if value is None else Decimal(str(value)),
        qualifier=_qualifier(spec.get("qualifier")),
        source_date=source(spec["source"]).get("date") if spec.get("source") else None,
        **_translated("period", spec.get("period")),
        **_translated("note", spec.get("note")),
        **_source_fields(spec.get("source")),
    )


def _ensure_metrics(pillars, goals):
    """The metrics of metrics.yaml that do not exist yet; returns the new ones with their specs."""
    created = []
    for order, spec in enumerate(_data("metrics")["metrics"]):
        if Metric.objects.filter(slug=spec["slug"]).exists():
            continue
        metric_source = source(spec["source"])
        metric = Metric(
            slug=spec["slug"],
            pillar=pillars[spec["pillar"]],
            goal=goals[spec["pillar"]][spec["goal"]],
            unit=spec["unit"],
            figure_type=spec["type"],
            district_result=spec.get("district_result", False),
            kind=spec.get("kind", Metric.Kind.OTHER),
            source_in_print=not metric_source.get("url"),
            sort_order=order,
            **_translated("name", spec["name"]),
            **_translated("notes", spec.get("notes")),
            **_translated("figures_note", spec.get("figures_note")),
            **_source_fields(spec["source"]),
        )
        if spec.get("baseline"):
            baseline = spec["baseline"]
            metric.baseline_value = Decimal(str(baseline["value"]))
            metric.baseline_year = baseline["year"]
            metric.baseline_label_zh_hans = baseline["label"]["zh-hans"]
            metric.baseline_label_en = baseline["label"]["en"]
        if spec.get("target"):
            target = spec["target"]
            metric.target_value = Decimal(str(target["value"]))
            metric.target_year = target["year"]
            metric.target_qualifier = _qualifier(target.get("qualifier"))
        metric.measurements = [
            _measurement(item, index) for index, item in enumerate(spec.get("measurements", []))
        ]
        metric.full_clean(exclude=["measurements"])
        _publish(metric)
        created.append((metric, spec))
    return created


def _link_related_projects(created):
    """New metrics get the projects metrics.yaml relates them to (made after the metrics)."""
    for metric, spec in created:
        if spec.get("related_projects"):
            metric.related_projects = list(Project.objects.filter(slug__in=spec["related_projects"]))
            _publish(metric)


def _ensure_projects(pillars, goals):
    districts = {d.slug: d for d in District.objects.all()}
    for order, spec in enumerate(_data("projects")["projects"]):
        if Project.objects.filter(slug=spec["slug"]).exists():
            continue
        reports = spec["status_reports"]
        first = source(reports[0]["source"])
        project = Project(
            slug=spec["slug"],
            pillar=pillars[spec["pillar"]],
            actual_completion=spec.get("actual_completion"),
            planned_completion_year=spec.get("planned_completion_year"),
            progress=spec.get("progress"),
            sort_order=order,
            **_translated("name", spec["name"]),
            **_translated("summary", spec.get("summary")),
            **_translated("description", spec.get("description")),
            **_translated("source_name", first["name"]),
        )
        project.goals = [goals[spec["pillar"]][index] for index in spec.get("goals", [])]
        project.districts = [districts[slug] for slug in spec.get("districts", []) if slug in districts]
        project.status_reports = [
            ProjectStatusReport(
                sort_order=index,
                date=report["date"],
                precision=report.get("precision", "day"),
                status=report["status"],
                **_translated("note", report.get("note")),
                **_source_fields(report["source"]),
            )
            for index, report in enumerate(reports)
        ]
        project.milestones = [
            Milestone(
                sort_order=index,
                date=item.get("date"),
                year=item.get("year"),
                done=item.get("done", False),
                **_translated("title", item["title"]),
            )
            for index, item in enumerate(spec.get("milestones", []))
        ]
        _publish(project)


def ensure_plan_data(context):
    pillars = context.shared["pillars"]
    goals = _ensure_goals(pillars)
    created = _ensure_metrics(pillars, goals)
    _ensure_projects(pillars, goals)
    _link_related_projects(created)
    context.say("The plan: pillars, goals, metrics and projects ready.")


def build_plan(context):
    ensure_plan_pages(context)
    ensure_plan_data(context)


# ---------------------------------------------------------------------------- updates (50)


def _update_body(words, source_key, language):
    blocks = [paragraph(html) for html in words.get("body", [])]
    found = source(source_key) if source_key else None
    if found is not None:
        label = "来源" if language == "zh-hans" else "Source"
        name = found["name"][language]
        separator = "：" if language == "zh-hans" else ": "
        if found.get("url"):
            blocks.append(paragraph(f'<p>{label}{separator}<a href="{found["url"]}">{name}</a></p>'))
        else:
            blocks.append(paragraph(f"<p>{label}{separator}{name}</p>"))
    return blocks


def build_updates(context):
    """The updates index (动态 / Updates) under the home page and the updates, both languages."""
    data = _data("updates")
    zh, en = data["index"]["zh-hans"], data["index"]["en"]
    index, _created = ensure_child_page(
        context.home, UpdateIndexPage, "updates", title=zh["title"], intro=zh["intro"],
        search_description=zh["intro"], show_in_menus=True,
    )
    ensure_translation(index, "en", title=en["title"], intro=en["intro"], search_description=en["intro"])
    pillars = {p.key: p for p in PillarPage.objects.filter(locale=context.home.locale)}
    for spec in data["updates"]:
        words = spec["zh-hans"]
        update, created = ensure_child_page(
            index, UpdatePage, spec["slug"], title=words["title"], date=spec["date"],
            summary=words["summary"], body=_update_body(words, spec.get("source"), "zh-hans"),
        )
        if created:
            update.pillars = [pillars[key] for key in spec.get("pillars", []) if key in pillars]
            update.projects = list(Project.objects.filter(slug__in=spec.get("projects", [])))
            update.save_revision().publish()
        words = spec["en"]
        ensure_translation(
            update, "en", title=words["title"], summary=words["summary"],
            body=_update_body(words, spec.get("source"), "en"),
        )
    context.shared["updates_index"] = index
    context.say(f"Updates: index and {len(data['updates'])} updates ready.")


# heritage site slug → plan project slug: places that are also key projects of the plan.
SITE_PROJECTS = {
    "shibati": "shibati",
    "daijiaxiang-cliffside-walkway": "daijiaxiang-cliffside-walkway",
    "xiabancheng": "lower-town-belt",
    "luzumiao": "luzumiao",
    "sancengmalu": "sancengmalu",
}


def link_sites_to_projects(context):
    """Each heritage site above points at its plan project (on the Chinese page, which the
    English page follows). Idempotent: a page without the link gets it in a new, published
    revision; a link an editor set is left alone."""
    index = context.shared.get("visit_index")
    if index is None:
        index = VisitIndexPage.objects.filter(locale__language_code=default_language()).first()
    if index is None:
        return
    projects = Project.objects.in_bulk(SITE_PROJECTS.values(), field_name="slug")
    sites = {
        page.slug: page
        for page in HeritageSitePage.objects.child_of(index).filter(slug__in=SITE_PROJECTS)
    }
    linked = 0
    for site_slug, project_slug in SITE_PROJECTS.items():
        site, project = sites.get(site_slug), projects.get(project_slug)
        if site is None or project is None or site.related_project_id:
            continue
        site.related_project = project
        site.save_revision().publish()
        # The link changes no text: republish the English translation with it too, so that it
        # is not reported (or shown to readers) as older than its Chinese source.
        for translated in site.get_translations().filter(alias_of__isnull=True).specific():
            translated.related_project = project
            translated.save_revision().publish()
        linked += 1
    context.say(f"Heritage sites linked to plan projects: {linked} new.")


DEMO_STEPS = [
    (30, build_plan),
    (45, link_sites_to_projects),
    (50, build_updates),
]
