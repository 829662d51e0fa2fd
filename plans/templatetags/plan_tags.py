"""The plan on other pages: the home page's "plan at a glance"."""

from django import template

from plans.feeds import feed_links
from plans.models import PlanPage, UpdateIndexPage
from plans.page_context import shared_plan_context
from plans.status import when_text
from plans.updates import latest_updates as find_latest
from plans.updates import pillar_filter_key, updates_index_for
from yuzhong_site.core.memo import memoized

register = template.Library()


def cached_plan_summary(plan, request):
    """What the home page shows of the plan (indicator sentence, district results), remembered
    until the next publish or data change (no queries then): the plan page's own context."""
    context = shared_plan_context(plan, request)
    return {key: context[key] for key in ("indicator_text", "results", "plan_roll_up", "latest_date")}


@register.filter
def plan_when(day, precision="day"):
    """A date to the precision the source gives: "2021年1月" / "January 2021"."""
    return when_text(day, precision or "day")


@register.inclusion_tag("components/plan_glance.html", takes_context=True)
def plan_at_a_glance(context):
    """The first live plan among the home page's sections (loaded as plain pages for the
    navigation they share: one query for the plan's own fields)."""
    request = context.get("request")
    section = next(
        (s for s in context.get("sections") or [] if issubclass(s.specific_class or type(s), PlanPage)),
        None,
    )
    if section is None:
        return {"plan": None}
    plan = section.specific
    return {
        "plan": plan,
        "plan_url": plan.get_url(request),
        "plan_ended": plan.has_ended(),
        **cached_plan_summary(plan, request),
    }


def _updates_index(request, locale_id, sections=None):
    """The live updates index in ``locale_id``, looked up once per request (on the home page it
    is among the already-loaded ``sections``: no query)."""
    cache_attr = "_yz_updates_index"
    found = getattr(request, cache_attr, {}) if request is not None else {}
    if locale_id not in found:
        if sections is not None:
            # the home page's sections are plain pages: recognise the index by its type
            found[locale_id] = next(
                (s for s in sections if getattr(s, "specific_class", None) is UpdateIndexPage),
                None,
            )
        elif request is not None:
            found[locale_id] = memoized(
                request, ("updates-index", locale_id), lambda: updates_index_for(locale_id)
            )
        else:
            found[locale_id] = updates_index_for(locale_id)
        if request is not None:
            setattr(request, cache_attr, found)
    return found[locale_id]


@register.inclusion_tag("components/latest_updates.html", takes_context=True)
def latest_updates(context, pillar=None, project=None, title="", heading_id="yz-latest-updates", compact=False):
    """The latest updates in the page's language (for ``pillar``/``project`` when given: the
    Chinese pillar page / a project). A fixed number of queries."""
    request = context.get("request")
    page = context.get("page")
    if page is None:
        return {"updates": []}
    index = _updates_index(request, page.locale_id, context.get("sections"))
    if index is None:
        return {"updates": []}
    site = getattr(request, "_wagtail_site", None)
    key = ("latest-updates", getattr(site, "pk", None), page.locale_id,
           getattr(pillar, "pk", None), getattr(project, "pk", None))
    updates = memoized(
        request, key, lambda: find_latest(page.locale_id, request, pillar=pillar, project=project)
    )
    index_url = index.get_url(request) or ""
    pillar_key = pillar_filter_key(pillar) if pillar is not None else ""
    links = feed_links(index, request, pillar_key)
    if pillar_key:
        index_url += f"?pillar={pillar_key}"
    return {
        "updates": updates,
        "index_url": index_url,
        "feed_url": links[-2]["href"] if pillar_key else links[0]["href"],
        "title": title,
        "heading_id": heading_id,
        "compact": compact,
    }


@register.inclusion_tag("components/feed_links.html", takes_context=True)
def update_feed_links(context, pillar=None):
    """``<link rel="alternate">`` discovery tags for the updates feeds (and, given its Chinese
    page, one pillar's)."""
    request = context.get("request")
    page = context.get("page")
    if page is None:
        return {"links": []}
    index = _updates_index(request, page.locale_id, context.get("sections"))
    pillar_key = pillar_filter_key(pillar) if pillar is not None else ""
    return {"links": feed_links(index, request, pillar_key)}


@register.simple_tag
def metric_chart(summary):
    """components/chart.html for a metric (plans.dashboard.MetricSummary): written once per
    publish for each metric, plan and language (core/memo.py; saving a metric or a measurement
    starts a new generation), as the pillar and metric pages show the same chart."""
    from django.template.loader import render_to_string
    from django.utils import translation

    key = ("chart", summary.metric.pk, summary.plan.pk, translation.get_language())
    return memoized(
        None, key, lambda: render_to_string("components/chart.html", {"chart": summary.chart})
    )
