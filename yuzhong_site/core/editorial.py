"""Editorial roles and review: who may write, who may publish, and the review workflow.

Everything here is idempotent (safe to run again) and is run by ``manage.py setup_editorial``
and by the demo content (order 60).

- Group **编辑** (editors) may add and edit pages in both languages, and submit them for review;
  they cannot publish.
- Group **审核** (moderators) may publish, and approve or reject what editors submit.
- Workflow **审核后发布** ("Review and publish"): one group-approval task assigned to 审核. It is
  attached to the home pages and to every top-level section (and their translations), so every
  public page an editor changes goes through review before it is live.

For later sections and for per-section editor groups, call:

- ``assign_review_workflow(section_page)`` — the section and its translations get the workflow;
- ``ensure_section_editors(name, section_page)`` — a group (e.g. "编辑·历史文化") that may edit
  only that section's subtree, in both languages;
- ``grant_snippet_permissions(group, Model, can_publish=...)`` — snippet data (metrics, projects…).
"""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

EDITORS_GROUP = "编辑"
MODERATORS_GROUP = "审核"
WORKFLOW_NAME = "审核后发布"
TASK_NAME = "审核"

EDITOR_PAGE_PERMISSIONS = ("add_page", "change_page")
MODERATOR_PAGE_PERMISSIONS = (
    "add_page",
    "change_page",
    "publish_page",
    "lock_page",
    "unlock_page",
)
EDITOR_COLLECTION_PERMISSIONS = (
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
)
ADMIN_PERMISSIONS = (
    ("wagtailadmin", "access_admin"),
    ("simple_translation", "submit_translation"),
)


def _permission(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _page_permission(codename):
    return Permission.objects.get(
        content_type=ContentType.objects.get_for_model(Page), codename=codename
    )


def grant_admin_access(group):
    """Let members of ``group`` sign in to the admin (and translate pages)."""
    group.permissions.add(*(_permission(app, codename) for app, codename in ADMIN_PERMISSIONS))


def grant_collection_permissions(group, codenames=EDITOR_COLLECTION_PERMISSIONS):
    """Images and documents in every collection (the root collection covers them all)."""
    root = Collection.get_first_root_node()
    if root is None:  # a flushed database (transactional tests) has lost Wagtail's root collection
        root = Collection.add_root(name="Root")
    for app_label, codename in codenames:
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=root, permission=_permission(app_label, codename)
        )


def grant_section_permissions(group, page, permissions=EDITOR_PAGE_PERMISSIONS, translations=True):
    """Page permissions for ``group`` on ``page``'s subtree (and on its translations' subtrees).

    Wagtail page permissions apply to a page and all its descendants, so an editor of the
    heritage section can edit every heritage page and nothing outside it.
    """
    pages = list(page.get_translations(inclusive=True)) if translations else [page]
    for codename in permissions:
        permission = _page_permission(codename)
        for target in pages:
            GroupPagePermission.objects.get_or_create(
                group=group, page=target, permission=permission
            )
    return pages


def grant_snippet_permissions(group, model, can_publish=False):
    """Add/change permissions on a snippet model; publish too when ``can_publish`` and the model
    has draft state (``DraftStateMixin`` adds a ``publish_<model>`` permission)."""
    content_type = ContentType.objects.get_for_model(model)
    name = model._meta.model_name
    codenames = [f"add_{name}", f"change_{name}"]
    if can_publish:
        codenames += [f"publish_{name}", f"lock_{name}", f"unlock_{name}"]
    found = Permission.objects.filter(content_type=content_type, codename__in=codenames)
    group.permissions.add(*found)
    return sorted(permission.codename for permission in found)


def ensure_group(name):
    group, _created = Group.objects.get_or_create(name=name)
    grant_admin_access(group)
    grant_collection_permissions(group)
    return group


def ensure_section_editors(name, page):
    """A group that may edit (not publish) only ``page``'s subtree, e.g. "编辑·历史文化"."""
    group = ensure_group(name)
    grant_section_permissions(group, page, EDITOR_PAGE_PERMISSIONS)
    return group


def ensure_review_workflow():
    """The "审核后发布" workflow with its one task, approved by the moderators' group."""
    moderators = ensure_group(MODERATORS_GROUP)
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
    task.groups.add(moderators)
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    if not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    return workflow


def assign_review_workflow(page, workflow=None):
    """Attach the review workflow to ``page`` (a section) and to its translations.

    The workflow then governs the page and everything below it, in both languages.
    """
    workflow = workflow or ensure_review_workflow()
    pages = list(page.get_translations(inclusive=True))
    for target in pages:
        WorkflowPage.objects.update_or_create(page=target, defaults={"workflow": workflow})
    return pages


def site_homes():
    """The default-locale home pages (the roots of the public page trees)."""
    default = Locale.get_default()
    return list(Page.objects.filter(depth=2, locale=default))


def ensure_editorial_setup():
    """Groups, permissions and the review workflow on the home pages and their sections.

    Returns ``(editors, moderators, workflow)``. Sections created later (the plan, visitors'
    pages, updates) are covered when this runs again, or by ``assign_review_workflow``.
    """
    editors = ensure_group(EDITORS_GROUP)
    moderators = ensure_group(MODERATORS_GROUP)
    workflow = ensure_review_workflow()
    for home in site_homes():
        grant_section_permissions(editors, home, EDITOR_PAGE_PERMISSIONS)
        grant_section_permissions(moderators, home, MODERATOR_PAGE_PERMISSIONS)
        assign_review_workflow(home, workflow)
        for section in home.get_children():
            assign_review_workflow(section, workflow)
    # Apps add their own roles (e.g. the plan's per-pillar editors) with this Wagtail hook.
    from wagtail import hooks

    for extend_setup in hooks.get_hooks(EDITORIAL_SETUP_HOOK):
        extend_setup()
    return editors, moderators, workflow


EDITORIAL_SETUP_HOOK = "yuzhong_editorial_setup"


def review_new_sections(sender, instance, **kwargs):
    """A top-level section published after the editorial set-up (the updates index, the
    visitors' index, any later one) gets the review workflow at once, in both languages.

    Connected to ``page_published``; does nothing before ``ensure_editorial_setup`` has created
    the workflow, nor for pages below a section (they inherit the section's workflow)."""
    page = instance
    if page.depth != 3 or WorkflowPage.objects.filter(page_id=page.pk).exists():
        return
    workflow = Workflow.objects.filter(name=WORKFLOW_NAME, active=True).first()
    if workflow is None:
        return
    assign_review_workflow(page, workflow)


def default_new_users_to_chinese_admin(sender, instance, created, raw=False, **kwargs):
    """A new account's admin speaks the site's default language (Chinese), whatever the
    browser asks for; each user can switch to English under Account → Preferences."""
    if not created or raw:
        return
    from django.conf import settings
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(instance)
    if not profile.preferred_language:
        profile.preferred_language = settings.LANGUAGE_CODE
        profile.save(update_fields=["preferred_language"])
