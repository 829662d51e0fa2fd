"""The plan on other pages: the home page's "plan at a glance"."""

from django import template
from django.core.cache import cache

from plans.models import PlanPage
from plans.publishing import TIMEOUT, roll_up_cache_key

register = template.Library()


def cached_plan_roll_up(plan, request):
    """The plan's roll-up, cached until something in the plan is published (no queries on a hit)."""
    key = roll_up_cache_key(plan)
    result = cache.get(key)
    if result is None:
        from plans.dashboard import plan_context

        result = plan_context(plan, request)["plan_roll_up"]
        cache.set(key, result, TIMEOUT)
    return result


@register.inclusion_tag("components/plan_glance.html", takes_context=True)
def plan_at_a_glance(context):
    """The first live plan among the home page's sections (already loaded: no extra query)."""
    request = context.get("request")
    plan = next((s for s in context.get("sections") or [] if isinstance(s, PlanPage)), None)
    if plan is None:
        return {"plan": None}
    return {
        "plan": plan,
        "plan_url": plan.get_url(request),
        "roll_up": cached_plan_roll_up(plan, request),
        "plan_ended": plan.has_ended(),
    }
