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
        "roll_up": cached_plan_roll_up(plan, request),
        "plan_ended": plan.has_ended(),
    }
