"""Publishing a draft never drops what was published after the draft was started.

A plan-data revision records the live revision it was started from (``live_revision`` in its
content: Wagtail does not carry it over from the live object). When it is published and the
record's live revision has changed since, the draft is *rebased* on the live state first:

- a field (or measurement/milestone) that the draft did not touch takes its newer live value,
  and measurements added or removed live since the draft began are added or removed too;
- a field that the draft changed *and* that was changed live in the meantime is a conflict: the
  publish is refused with ``StaleDraftError``, which names the fields, and nothing is lost (the
  draft stays as it is; the editor re-applies the change to the current version).

``PlanData.publish`` calls ``rebase_for_publish``; the admin's ``before_publish`` hook
(plans/wagtail_hooks.py) turns the error into a message instead of an error page.
"""

import copy

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

# What belongs to the record as a whole (publication state), not to a version of its content.
STATE_KEYS = {
    "pk",
    "id",
    "latest_revision",
    "live",
    "has_unpublished_changes",
    "first_published_at",
    "last_published_at",
    "live_revision",
    "go_live_at",
    "expire_at",
    "expired",
    "locked",
    "locked_at",
    "locked_by",
}


class StaleDraftError(PermissionDenied):
    """Publishing this draft would overwrite changes published after it was started."""


def _content_keys(data):
    """Keys that carry content: not publication state, not the active-language copy of a
    translated field (``name`` next to ``name_zh_hans``)."""
    return {k for k in data if k not in STATE_KEYS and f"{k}_zh_hans" not in data}


def _is_children(value):
    return isinstance(value, list) and all(isinstance(item, dict) and "pk" in item for item in value)


def _child_content(child):
    return {k: child[k] for k in _content_keys(child) if k not in ("pk", "sort_order")}


def _merge_children(base, live, draft, conflicts, name):
    base_by = {c["pk"]: c for c in base if c.get("pk")}
    live_by = {c["pk"]: c for c in live if c.get("pk")}
    draft_by = {c["pk"]: c for c in draft if c.get("pk")}
    merged = []
    for child in draft:
        pk = child.get("pk")
        if not pk or pk not in base_by:
            merged.append(child)  # added by the draft
            continue
        if pk not in live_by:
            # Deleted live since the draft began: keep it deleted unless the draft changed it.
            if _child_content(child) != _child_content(base_by[pk]):
                conflicts.append(name)
            continue
        live_changed = _child_content(live_by[pk]) != _child_content(base_by[pk])
        draft_changed = _child_content(child) != _child_content(base_by[pk])
        if live_changed and draft_changed and _child_content(child) != _child_content(live_by[pk]):
            conflicts.append(name)
            merged.append(child)
        elif live_changed:
            merged.append(live_by[pk])
        else:
            merged.append(child)
    for pk, child in live_by.items():
        if pk in base_by or pk in draft_by:
            continue
        merged.append(child)  # added live since the draft began
    for pk in set(base_by) - set(draft_by):
        # Removed by the draft: a conflict only if it was changed live meanwhile.
        if pk in live_by and _child_content(live_by[pk]) != _child_content(base_by[pk]):
            conflicts.append(name)
    return merged


def rebase(base, live, draft):
    """``(content, conflicts)``: ``draft`` re-applied on ``live``, ``base`` being the content
    the draft started from. ``conflicts`` lists the fields changed on both sides."""
    content = copy.deepcopy(draft)
    conflicts = []
    for key in _content_keys(draft):
        if key not in live or key not in base:
            continue
        if _is_children(draft[key]) or _is_children(live[key]):
            content[key] = _merge_children(base[key] or [], live[key] or [], draft[key] or [], conflicts, key)
            continue
        if live[key] == base[key] or draft[key] == live[key]:
            continue
        if draft[key] == base[key]:
            content[key] = live[key]
            # The active-language copy of a translated field follows its language field.
        else:
            conflicts.append(key)
    return content, sorted(set(conflicts))


def stale_base(obj, revision):
    """``(base_content, live_content)`` when ``revision`` was started from another live version
    than ``obj``'s current one (``obj`` as stored); ``None`` when it is up to date."""
    base_id = (revision.content or {}).get("live_revision")
    # As stored: the object at hand may be the draft itself (the revision's cached object).
    manager = type(obj)._default_manager
    live_id = manager.filter(pk=obj.pk).values_list("live_revision_id", flat=True).first()
    if live_id is None or revision.pk == live_id or base_id == live_id:
        return None
    from wagtail.models import Revision

    live_content = manager.get(pk=obj.pk).serializable_data()
    base = Revision.objects.filter(pk=base_id).first() if base_id else None
    # Without a known base, everything that differs from the live version counts as the draft's
    # own change; a difference is then a conflict unless the draft equals the live version.
    base_content = base.content if base is not None else None
    return base_content, live_content


def rebase_for_publish(obj, revision, *, save=True):
    """Make ``revision`` safe to publish over ``obj``'s live state, or raise StaleDraftError."""
    stale = stale_base(obj, revision)
    if stale is None:
        return revision
    base_content, live_content = stale
    draft = revision.content
    if base_content is None:
        differing = [
            k for k in _content_keys(draft)
            if k in live_content and _normalise(draft[k]) != _normalise(live_content[k])
        ]
        if differing:
            raise StaleDraftError(conflict_message(obj, differing))
        return revision
    content, conflicts = rebase(base_content, live_content, draft)
    if conflicts:
        raise StaleDraftError(conflict_message(obj, conflicts))
    content["live_revision"] = live_content.get("live_revision")
    if save:
        revision.content = content
        revision.save(update_fields=["content"])
    return revision


def _normalise(value):
    if _is_children(value):
        return sorted((_child_content(c) for c in value), key=repr)
    return value


def conflict_message(obj, fields):
    return _(
        "“%(record)s” was changed and published after this draft was started (%(fields)s). "
        "Publishing the draft would undo those changes, so it was not published; your draft is "
        "kept. Open the record again, re-enter your changes on the current version and publish."
    ) % {"record": obj, "fields": ", ".join(fields)}
