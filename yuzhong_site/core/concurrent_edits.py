"""Two editors on one page or one plan record: a save never silently replaces the other's version.

Wagtail 8 warns an editor through its editing sessions: every ten seconds the open editor pings
the server, and once someone else has saved a newer revision the ping answers "乙保存了新版本";
from then on a click on 保存 / 提交给审核后发布 / 发布 opens a dialog ("继续将覆盖乙所做的修改。")
before anything is sent. Its autosave refuses to write over a newer revision. But a full save
sent before the next ping is accepted as it is: the other editor's revision stays in the history,
yet the draft (or what goes to review, or live) is the first editor's form, and nobody is told.

Here such a save is refused once, before anything is written, when another user saved a revision
after the form was loaded and this editor's browser has not pinged since (so it has shown no
warning): the form comes back with everything the editor typed, a message naming who saved and
when, and a link comparing the two versions. The form now carries the newest revision, so saving
again is a deliberate overwrite, as after Wagtail's dialog. Both revisions stay in the history.

An editor whose browser pinged after the newer revision was saved was warned by Wagtail's dialog
and confirmed it: their save goes through as in Wagtail. Revisions of the editor's own (another
window, an autosave still in flight) are Wagtail's business, as before.

Autosave has a second gap: Wagtail's editor reads the record (and its latest revision) before
the write lock is taken, so an autosave answered just after another save of the same record (the
editor's own "提交给审核后发布" a moment later, or another editor's save) passes Wagtail's "is this
the latest revision?" checks on what it read, and overwrites its older revision, which becomes
the latest again: the page is in review with the submitted revision, but approval (which
publishes the latest revision) would publish the autosave's. Here an autosave takes the lock
first (SQLite: ``BEGIN IMMEDIATE``; PostgreSQL: the record's row) and, when the latest revision
changed meanwhile, is refused as Wagtail refuses an out-of-date autosave.

Used by the page editor (``ConflictCheckedPageEditView``, registered for every page type of the
site in ``wagtail_hooks.py``) and by the plan data's editor (``plans/editorial.py``).
"""

from datetime import datetime

from django.contrib.admin.utils import quote
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.admin import messages
from wagtail.admin.models import EditingSession
from wagtail.admin.utils import get_user_display_name
from wagtail.admin.views.pages.edit import EditView as PageEditView
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.models import Page


def _posted_id(request, name):
    """A revision id the form posted, or ``None`` (missing or not a number)."""
    value = request.POST.get(name, "")
    return int(value) if value.isascii() and value.isdigit() else None


def drop_broken_overwrite_id(request):
    """An ``overwrite_revision_id`` that is not a number (Wagtail's editor would answer 500 on
    it) is dropped: the save then makes a new revision, as without autosave."""
    if "overwrite_revision_id" in request.POST and _posted_id(request, "overwrite_revision_id") is None:
        request.POST = request.POST.copy()
        del request.POST["overwrite_revision_id"]


def _loaded_at(request, obj):
    """When the version the form was built on was saved: the editor's own autosave revision if
    the form names one, else the revision the form was loaded with. ``None``: unknown."""
    overwrite_id = _posted_id(request, "overwrite_revision_id")
    if overwrite_id is not None:
        revision = obj.revisions.filter(pk=overwrite_id, user=request.user).first()
        return revision.created_at if revision else None
    try:
        loaded_at = datetime.fromisoformat(request.POST.get("loaded_revision_created_at", ""))
    except ValueError:
        loaded_at = None
    if loaded_at is not None and timezone.is_aware(loaded_at):
        return loaded_at
    loaded = obj.revisions.filter(pk=_posted_id(request, "loaded_revision_id")).first()
    return loaded.created_at if loaded else None


def unseen_newer_revision(request, obj, content_type):
    """The newest revision of ``obj`` that another user saved after the posted form was loaded
    and that the editor has not been warned of (no ping from them since); else ``None``."""
    loaded_at = _loaded_at(request, obj)
    if loaded_at is None:
        return None
    newer = (
        obj.revisions.filter(created_at__gt=loaded_at)
        .exclude(user=request.user)
        .select_related("user")
        .order_by("-created_at", "-pk")
        .first()
    )
    if newer is None:
        return None
    warned = EditingSession.objects.filter(
        user=request.user,
        content_type=content_type,
        object_id=str(obj.pk),
        last_seen_at__gt=newer.created_at,
    ).exists()
    return None if warned else newer


def refuse(request, newer, compare_url):
    """The message shown with the returned form."""
    name = get_user_display_name(newer.user) if newer.user else _("System")
    saved_at = timezone.localtime(newer.created_at)
    when = saved_at.strftime("%H:%M" if saved_at.date() == timezone.localdate() else "%Y-%m-%d %H:%M")
    messages.error(
        request,
        _(
            "%(user_name)s saved a newer version at %(time)s, after you opened this form. "
            "Your changes have not been saved: they are still in the form below. Saving again "
            "will replace %(user_name)s's version (it stays in the history)."
        )
        % {"user_name": name, "time": when},
        buttons=[messages.button(compare_url, _("See what %(user_name)s changed") % {"user_name": name})],
    )


def _compare_url(url_name, pk, request, newer):
    """Wagtail's comparison of the version the form was loaded with and the newer one."""
    base = _posted_id(request, "loaded_revision_id")
    return reverse(url_name, args=[pk, "earliest" if base is None else base, newer.pk])


def changed_since_read(model, pk, latest_revision_id):
    """Under the write lock (call inside ``transaction.atomic``): whether the record's latest
    revision is no longer the one the view read."""
    current = model._default_manager.select_for_update().filter(pk=pk)
    return current.values_list("latest_revision_id", flat=True).first() != latest_revision_id


def _out_of_date_message():
    return _("Saving will overwrite a newer version.")


class ConflictCheckedPageEditView(PageEditView):
    """Wagtail's page editor, refusing once a save that would silently replace another editor's
    newer revision."""

    def post(self, request, *args, **kwargs):
        drop_broken_overwrite_id(request)
        if self.page.alias_of_id:
            return super().post(request, *args, **kwargs)
        if self.expects_json_response:
            with transaction.atomic():
                if changed_since_read(Page, self.page.pk, self.real_page_record.latest_revision_id):
                    return self.json_error_response("invalid_revision", _out_of_date_message())
                return super().post(request, *args, **kwargs)
        if self.is_out_of_date:
            newer = unseen_newer_revision(
                request, self.real_page_record, ContentType.objects.get_for_model(Page)
            )
            if newer is not None:
                return self._refuse(newer)
        return super().post(request, *args, **kwargs)

    def _refuse(self, newer):
        request = self.request
        self.form = self.form_class(
            request.POST,
            request.FILES,
            instance=self.page,
            subscription=self.subscription,
            parent_page=self.parent,
            for_user=request.user,
        )
        refuse(request, newer, _compare_url("wagtailadmin_pages:revisions_compare", self.page.pk, request, newer))
        self.has_unsaved_changes = True
        return self.render_to_response(self.get_context_data())


class ConflictCheckedPageViewSet(PageViewSet):
    """Wagtail's views for one page type, with the conflict-checked editor. Explorer listings
    stay Wagtail's (no parent models)."""

    edit_view_class = ConflictCheckedPageEditView

    @property
    def parent_models(self):
        return []


class ConflictCheckedSnippetEditMixin:
    """For a snippet ``EditView`` of a model with revisions: the same refusal, and the same
    check of an autosave under the write lock."""

    def post(self, request, *args, **kwargs):
        drop_broken_overwrite_id(request)
        if self.expects_json_response and self.revision_enabled:
            with transaction.atomic():
                if changed_since_read(self.model, self.object.pk, self.object.latest_revision_id):
                    return self.json_error_response("invalid_revision", _out_of_date_message())
                return super().post(request, *args, **kwargs)
        return super().post(request, *args, **kwargs)

    def is_valid(self, form):
        if not self.expects_json_response and self.revision_enabled and self.is_out_of_date:
            newer = unseen_newer_revision(
                self.request, self.object, ContentType.objects.get_for_model(self.model)
            )
            if newer is not None:
                compare = _compare_url(
                    self.revisions_compare_url_name, quote(self.object.pk), self.request, newer
                )
                refuse(self.request, newer, compare)
                self.produced_error_code = "invalid_revision"
                self.produced_error_message = None
                return False
        return super().is_valid(form)
