"""No cascading loss: pages and districts that plan or place data point to are not deleted (or,
for pillar pages, unpublished) while that data is attached.

The database refuses too (``on_delete=PROTECT`` on the pillar of goals, metrics and projects and
on a heritage site's district); these checks come first, so the admin says in words what is
attached and where to go, instead of an error page or Wagtail's bare "referenced N times".
"""

from django.db.models import ProtectedError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models import Goal, Metric, Project

SHOWN = 8  # names listed per message; the rest is counted


def _names(objects):
    names = [str(obj) for obj in objects[:SHOWN]]
    rest = len(objects) - len(names)
    if rest > 0:
        names.append(ngettext("and %(count)s more", "and %(count)s more", rest) % {"count": rest})
    return "、".join(names)


def data_under_page(page, live_only=False):
    """Goals, metrics and projects whose pillar is ``page`` or below it: [(label, [objects])]."""
    found = []
    for model, label in ((Goal, _("goals")), (Metric, _("metrics")), (Project, _("projects"))):
        queryset = model.objects.filter(pillar__path__startswith=page.path).order_by("pk")
        if live_only:
            queryset = queryset.filter(live=True)
        objects = list(queryset[: SHOWN + 1000])
        if objects:
            found.append((label, objects))
    return found


def page_refusal(page, action="delete"):
    """Why ``page`` cannot be deleted / unpublished now, or "" if it can."""
    attached = data_under_page(page, live_only=action == "unpublish")
    if not attached:
        return ""
    listing = "; ".join(f"{label}: {_names(objects)}" for label, objects in attached)
    if action == "unpublish":
        return _(
            "“%(page)s” cannot be unpublished while published plan data belongs to it (%(listing)s). "
            "Unpublish those records or move them to another pillar first."
        ) % {"page": page.title, "listing": listing}
    return _(
        "“%(page)s” cannot be deleted: plan data belongs to it (%(listing)s). Move those records "
        "to another pillar or delete them first; nothing was deleted."
    ) % {"page": page.title, "listing": listing}


def district_refusal(district):
    """Why ``district`` cannot be deleted now, or ""."""
    projects = list(district.projects.order_by("pk"))
    sites = list(district.heritage_sites.order_by("path"))
    if not projects and not sites:
        return ""
    parts = []
    if projects:
        parts.append(f"{_('projects')}: {_names(projects)}")
    if sites:
        parts.append(f"{_('heritage sites')}: {_names(sites)}")
    return _(
        "The district “%(district)s” cannot be deleted: %(listing)s refer to it. Choose another "
        "district for them first; nothing was deleted."
    ) % {"district": district, "listing": "; ".join(parts)}


def protect_referenced_district(sender, instance, **kwargs):
    """``pre_delete`` of District: projects point to districts through a many-to-many table,
    which ``PROTECT`` cannot guard."""
    if instance.projects.exists():
        raise ProtectedError(district_refusal(instance), set(instance.projects.all()))
