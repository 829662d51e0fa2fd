"""Who may edit which part of the plan: per-pillar editor groups and pillar-scoped plan data.

- Every pillar has an editor group (编辑·现代服务业, 编辑·历史文化, 编辑·国际交往, 编辑·美好城市)
  that may edit (not publish) that pillar's page subtree in both languages, and the plan data
  (goals, metrics with their measurements, projects) of that pillar only.
- The general editors' group (编辑) may edit every pillar; moderators (审核) may also publish.
- The rule for data reuses the page permissions: a user may change a goal, metric or project if
  they may edit its (Chinese) pillar page. So giving a group a pillar page gives it that pillar's
  data too, and nothing else is to be kept in step.

Run by the demo content (order 61) and by ``manage.py setup_editorial`` (through
``ensure_pillar_editors``); idempotent.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views.snippets import EditView

from yuzhong_site.core.concurrent_edits import ConflictCheckedSnippetEditMixin
from yuzhong_site.core.editorial import (
    EDITORS_GROUP,
    MODERATORS_GROUP,
    ensure_group,
    ensure_section_editors,
    grant_snippet_permissions,
)

from .models import Goal, Metric, PillarPage, Project

PILLAR_GROUP_NAMES = {
    "services": "编辑·现代服务业",
    "heritage": "编辑·历史文化",
    "international": "编辑·国际交往",
    "livability": "编辑·美好城市",
}


def plan_data_models():
    return (Goal, Metric, Project)


def pillar_group_name(pillar):
    return PILLAR_GROUP_NAMES.get(pillar.key) or f"编辑·{pillar.title}"


def ensure_pillar_editors():
    """One editor group per live Chinese pillar page, scoped to that pillar; snippet permissions
    for every editor group (change, not publish) and for moderators (publish). Returns the
    per-pillar groups."""
    from django.conf import settings

    groups = []
    for pillar in PillarPage.objects.filter(locale__language_code=settings.LANGUAGE_CODE).order_by(
        "path"
    ):
        group = ensure_section_editors(pillar_group_name(pillar), pillar)
        groups.append(group)
    editors = ensure_group(EDITORS_GROUP)
    moderators = ensure_group(MODERATORS_GROUP)
    for model in plan_data_models():
        for group in [*groups, editors]:
            grant_snippet_permissions(group, model, can_publish=False)
        grant_snippet_permissions(moderators, model, can_publish=True)
    return groups


def editable_pillar_ids(user):
    """The pks of the pillar pages ``user`` may edit (any locale), cached on the user object."""
    cached = getattr(user, "_yz_editable_pillar_ids", None)
    if cached is None:
        cached = {
            pillar.pk
            for pillar in PillarPage.objects.all()
            if pillar.permissions_for_user(user).can_edit()
        }
        user._yz_editable_pillar_ids = cached
    return cached


class PillarScopedPermissionPolicy(ModelPermissionPolicy):
    """Model permissions (add/change/publish…) plus: a goal, metric or project can be changed,
    published or deleted only by someone who may edit its pillar page."""

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_any_permission_for_instance(user, [action], instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        if not self.user_has_any_permission(user, actions):
            return False
        if user.is_active and user.is_superuser:
            return True
        if actions == ["view"]:
            return True
        return instance.pillar_id in editable_pillar_ids(user)

    def instances_user_has_any_permission_for(self, user, actions):
        manager = self.model._default_manager
        if not self.user_has_any_permission(user, actions):
            return manager.none()
        if user.is_active and user.is_superuser:
            return manager.all()
        return manager.filter(pillar_id__in=editable_pillar_ids(user))


class PillarScopedEditView(ConflictCheckedSnippetEditMixin, EditView):
    """Refuses (403) to open a record of a pillar the user may not edit; refuses once a save that
    would silently replace another editor's newer version (yuzhong_site/core/concurrent_edits.py)."""

    def get_object(self, queryset=None):
        instance = super().get_object(queryset)
        if not self.permission_policy.user_has_permission_for_instance(
            self.request.user, "change", instance
        ):
            raise PermissionDenied
        return instance


# Relations to other plan records, scoped like the pillar: (field, the related record's pillar).
SCOPED_RELATIONS = ("goal", "goals")


class PillarScopedForm(WagtailAdminModelForm):
    """Offers only the pillars (Chinese pages) the user may edit, and only the goals of those
    pillars; ``clean()`` refuses any other (a hand-made POST), and a goal of another pillar
    than the record's own."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        if user is None or user.is_superuser:
            return
        allowed = editable_pillar_ids(user)
        field = self.fields.get("pillar")
        if field is not None:
            field.queryset = field.queryset.filter(pk__in=allowed)
            field.help_text = _("You can choose the pillars you are an editor of.")
        for name in SCOPED_RELATIONS:
            if name in self.fields:
                self.fields[name].queryset = self.fields[name].queryset.filter(pillar_id__in=allowed)

    def clean(self):
        cleaned = super().clean()
        user = self.for_user
        pillar = cleaned.get("pillar")
        allowed = None if user is None or user.is_superuser else editable_pillar_ids(user)
        if pillar is not None and allowed is not None and pillar.pk not in allowed:
            self.add_error("pillar", _("You may not edit this pillar's data."))
        for name in SCOPED_RELATIONS:
            value = cleaned.get(name)
            if not value:
                continue
            records = value if hasattr(value, "__iter__") else [value]
            for record in records:
                if allowed is not None and record.pillar_id not in allowed:
                    self.add_error(name, _("“%(record)s” belongs to a pillar you do not edit.") % {"record": record})
                elif pillar is not None and record.pillar_id != pillar.pk:
                    self.add_error(
                        name, _("“%(record)s” is a goal of another pillar.") % {"record": record}
                    )
        return cleaned
