"""Images and documents on live pages change only through review.

Wagtail reviews page revisions, not images or documents: an editor who may change an image
(group 编辑 may, and anyone may change what they uploaded) could upload a new file over a picture
that live pages show, and every one of those pages would change at once, unreviewed. Wagtail has
no moderation of images, so here:

- an editor who cannot publish pages cannot replace the file of an image or document that a
  live page (or live plan record) uses, nor delete it: the form says why and what to do instead —
  upload a new one and use it in a page revision, which goes through review;
- titles, alt texts, tags and collections stay editable (they are words, not the file);
- moderators (who may publish pages) and superusers may do both, as before.

The file check is in the upload forms (``SafeImageForm`` and ``ReviewedDocumentForm``, set as
``WAGTAILIMAGES_IMAGE_FORM_BASE`` / ``WAGTAILDOCS_DOCUMENT_FORM_BASE``); the delete check is a
permission policy registered for both models (``yuzhong_site/core/wagtail_hooks.py``), so the
delete button, the delete view and the bulk delete all ask it. "Used" comes from Wagtail's
reference index (the "Usage" tab).
"""

from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from wagtail.documents.forms import BaseDocumentForm
from wagtail.permission_policies.collections import CollectionOwnershipPermissionPolicy


def live_uses(obj, limit=5):
    """Live pages and records that use ``obj`` (at most ``limit``), from the reference index."""
    from wagtail.models import ReferenceIndex

    if obj is None or obj.pk is None:
        return []
    ids_by_type = defaultdict(set)
    for content_type_id, object_id in ReferenceIndex.get_references_to(obj).values_list(
        "base_content_type_id", "object_id"
    ):
        ids_by_type[content_type_id].add(object_id)
    found = []
    for content_type_id, ids in ids_by_type.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is None:
            continue
        queryset = model._default_manager.filter(pk__in=ids)
        if any(f.name == "live" for f in model._meta.concrete_fields):
            queryset = queryset.filter(live=True)
        found.extend(queryset[: limit - len(found)])
        if len(found) >= limit:
            break
    return found


def may_change_live_media(user):
    """Moderators (anyone who may publish some page) and superusers."""
    from wagtail.permission_policies.pages import PagePermissionPolicy

    if user is None:
        return True  # not an admin form (a command, the demo loader)
    return user.is_superuser or PagePermissionPolicy().user_has_permission(user, "publish")


def _names(uses):
    return "、".join(f"“{use}”" for use in uses)


def check_file_replacement(form):
    """In a form's ``clean``: refuse a new file over an image/document that live pages use,
    from a user who may not publish pages."""
    instance = form.instance
    if instance.pk is None or "file" not in form.changed_data:
        return
    if may_change_live_media(getattr(form, "user", None)):
        return
    uses = live_uses(instance)
    if uses:
        form.add_error(
            "file",
            ValidationError(
                _(
                    "This file is used on live pages (%(pages)s): a new file here would change them "
                    "at once, without review. Upload the new file as a new item instead, use it in "
                    "the page and submit the page for review."
                )
                % {"pages": _names(uses)},
                code="live_file_under_review",
            ),
        )


class UserAwareFormMixin:
    """Keep the ``user`` Wagtail passes to collection-member forms (it pops it)."""

    def __init__(self, *args, **kwargs):
        self.user = kwargs.get("user")
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        check_file_replacement(self)
        return cleaned


class ReviewedDocumentForm(UserAwareFormMixin, BaseDocumentForm):
    """Wagtail's document form, refusing a new file over a document live pages use."""


class ReviewedMediaPolicy(CollectionOwnershipPermissionPolicy):
    """Wagtail's policy for images and documents, except that only moderators may delete one
    that live pages use."""

    def user_has_permission_for_instance(self, user, action, instance):
        if action == "delete" and not may_change_live_media(user) and live_uses(instance, limit=1):
            return False
        return super().user_has_permission_for_instance(user, action, instance)
