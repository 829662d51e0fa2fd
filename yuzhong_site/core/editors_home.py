"""The editors' home: what needs this user, on the Wagtail dashboard, with direct links.

One panel, "待办 / What needs you", made of sections. The site shell contributes the page and
translation sections (this user's page drafts; pages without English; English pages older than
their Chinese page; records without English — reusing ``translation_status``); other apps add
theirs through the ``yuzhong_editors_home_sections`` hook (``fn(request) -> [Section]``): the
plan adds plan data awaiting review, this user's plan-data drafts, and figures and project
statuses older than twelve months. Each list is capped, with the total, so the dashboard's
queries do not grow with the content. Wagtail's own panels (pages awaiting your review in a
workflow, your pages in a workflow) stay as they are.
"""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component

from .translation_status import (
    outdated_translations,
    records_missing_english,
    untranslated_aliases,
)

ROWS = 8


@dataclass
class Section:
    key: str
    title: str
    rows: list = field(default_factory=list)  # {"label", "url", "note"}
    total: int = 0
    more_url: str = ""
    empty: str = ""

    @property
    def more(self):
        return max(self.total - len(self.rows), 0)


def review_section(request):
    """Pages (and other records in a workflow) waiting for this user's review: first on the
    moderator's home, each row a link to the page's edit view, where approve and reject are."""
    from wagtail.admin.admin_url_finder import AdminURLFinder
    from wagtail.models import TaskState

    states = (
        TaskState.objects.reviewable_by(request.user)
        .select_related("revision__user", "task")
        .prefetch_related("revision__content_object")
        .order_by("started_at")
    )
    total = states.count()
    if not total and not _can_review(request.user):
        return None
    finder = AdminURLFinder(request.user)
    rows = []
    for state in states[:ROWS]:
        obj = state.revision.content_object
        rows.append(
            {
                "label": str(getattr(obj, "title", obj)),
                "url": finder.get_edit_url(obj) or "",
                "note": _("%(task)s · submitted by %(user)s on %(date)s")
                % {
                    "task": state.task.name,
                    "user": state.revision.user or "—",
                    "date": state.started_at.date(),
                },
            }
        )
    return Section(
        "pages-review",
        _("Pages awaiting your review"),
        rows,
        total,
        empty=_("No page is waiting for your review."),
    )


def page_sections(request):
    from wagtail.models import Page

    user = request.user
    report = reverse("yuzhong_translation_status")
    drafts = (
        Page.objects.filter(has_unpublished_changes=True, latest_revision__user=user)
        .select_related("locale")
        .order_by("-latest_revision_created_at")
    )
    sections = [
        Section(
            "my-page-drafts",
            _("Your page drafts"),
            [
                {
                    "label": page.title,
                    "url": reverse("wagtailadmin_pages:edit", args=[page.pk]),
                    "note": page.locale.get_display_name(),
                }
                for page in drafts[:ROWS]
            ],
            drafts.count(),
            empty=_("No unpublished page drafts of yours."),
        )
    ]
    aliases = untranslated_aliases(limit=ROWS)
    sections.append(
        Section(
            "no-english",
            _("Pages without English"),
            [{"label": row["page"].title, "url": row["translate_url"], "note": _("Translate")} for row in aliases.rows],
            aliases.total,
            report,
            empty=_("Every page has its English translation."),
        )
    )
    outdated = outdated_translations(limit=ROWS)
    sections.append(
        Section(
            "outdated-english",
            _("English pages older than their Chinese page"),
            [{"label": row["page"].title, "url": row["edit_url"], "note": ""} for row in outdated.rows],
            outdated.total,
            report,
            empty=_("No English page is out of date."),
        )
    )
    records = records_missing_english(user, limit=ROWS)
    sections.append(
        Section(
            "records-no-english",
            _("Records without English"),
            [
                {
                    "label": str(row["record"]),
                    "url": row["edit_url"] or report,
                    "note": ", ".join(str(name) for name in row["missing"]),
                }
                for row in records.rows[:ROWS]
            ],
            records.total,
            report,
            empty=_("Every record has its English texts."),
        )
    )
    return sections


def _can_review(user):
    """A moderator: someone who may publish pages (an approval task's group)."""
    from wagtail.models import GroupApprovalTask

    return user.is_superuser or GroupApprovalTask.objects.filter(groups__in=user.groups.all()).exists()


class EditorsHomePanel(Component):
    name = "yuzhong_editors_home"
    order = 50  # above Wagtail's own panels
    template_name = "yuzhong_site/admin/editors_home.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        context = super().get_context_data(parent_context)
        # What awaits this user's review comes first (pages, then plan data from the hooks).
        review = review_section(self.request)
        sections = [review] if review is not None else []
        for fn in hooks.get_hooks("yuzhong_editors_home_sections"):
            sections.extend(fn(self.request) or [])
        sections.extend(page_sections(self.request))
        context["sections"] = sections
        context["request"] = self.request
        return context


def add_editors_home(request, panels):
    panels.insert(0, EditorsHomePanel(request))
