"""The feedback app's hooks into the site: moderation queues in the admin, published questions
in the public search, "居民问答 / Residents' questions" on related pages (core/page_extras.py),
the site map, and the moderators' permissions (core/editorial.py's set-up hook)."""

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from yuzhong_site.core.editors_home import ROWS, Section
from yuzhong_site.core.page_extras import PAGE_EXTRAS_HOOK
from yuzhong_site.core.search_registry import register_public_search
from yuzhong_site.core.site_map_registry import SiteMapEntry, register_site_map_group

from . import moderation
from .admin_forms import QuestionAdminForm
from .admin_views import PersonDataView, YearlyReportView
from .deadlines import overdue
from .models import ConsultationResponse, ErrorReport, Question
from .page_questions import questions_section
from .permissions import ensure_feedback_moderators


class NoAddNoDeletePolicy(ModelPermissionPolicy):
    """Items come from residents only and leave only through erasure (feedback_cron)."""

    def user_has_permission(self, user, action):
        if action in ("add", "delete"):
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


for _model in (ErrorReport, Question, ConsultationResponse):
    register_permission_policy(_model, NoAddNoDeletePolicy(_model), exact_class=True)


class ScopedIndexView(generic.IndexView):
    def get_base_queryset(self):
        queryset = super().get_base_queryset().select_related("section", "contact")
        return moderation.visible_items(self.request.user, queryset)


class ScopedEditView(generic.EditView):
    """Only the items the user may handle (others: 404); the follow-up after saving."""

    def get_object(self, queryset=None):
        queryset = moderation.visible_items(self.request.user, self.model.objects.all())
        obj = get_object_or_404(queryset, pk=self.kwargs[self.pk_url_kwarg])
        self._before = (obj.state, getattr(obj, "published", False))
        return obj

    def save_instance(self):
        instance = super().save_instance()
        state, published = self._before
        if isinstance(instance, ErrorReport):
            moderation.report_closed(instance, state)
        elif isinstance(instance, Question):
            moderation.question_saved(instance, state, published)
        return instance


def _contact(obj):
    return obj.contact.email or obj.contact.phone if obj.contact else "—"


class ResidentsMessagesViewSet(ModelViewSet):
    """What residents sent: listed newest first, each moderator seeing their own section's;
    never copied, and read in the edit view (no separate inspect view)."""

    index_view_class = ScopedIndexView
    edit_view_class = ScopedEditView
    ordering = ["-received_at"]
    copy_view_enabled = False
    inspect_view_enabled = False


class ErrorReportViewSet(ResidentsMessagesViewSet):
    model = ErrorReport
    icon = "warning"
    menu_label = _("Error reports (纠错)")
    url_prefix = "feedback/reports"
    name = "feedback_errorreport"
    list_display = ["page_title", "state", "received_at", "section"]
    list_filter = ["state"]
    search_fields = ["page_title", "what_is_wrong"]
    panels = [
        MultiFieldPanel([
            FieldPanel("page_url", read_only=True), FieldPanel("page_title", read_only=True),
            FieldPanel("figure", read_only=True), FieldPanel("what_is_wrong", read_only=True),
            FieldPanel("what_is_right", read_only=True), FieldPanel("source", read_only=True),
            FieldPanel("received_at", read_only=True), FieldPanel("contact", read_only=True),
        ], heading=_("The report")),
        FieldRowPanel([FieldPanel("state"), FieldPanel("section")]),
        FieldPanel("moderator_note", help_text=_("Sent to the reporter with the outcome.")),
    ]


class QuestionViewSet(ResidentsMessagesViewSet):
    model = Question
    icon = "help"
    menu_label = _("Questions (留言)")
    url_prefix = "feedback/questions"
    name = "feedback_question"
    list_display = ["code", "__str__", "state", "published", "received_at", "section"]
    list_filter = ["state", "published", "topic"]
    search_fields = ["code", "text"]
    panels = [
        MultiFieldPanel([
            FieldPanel("text", read_only=True), FieldPanel("display_name", read_only=True),
            FieldPanel("topic", read_only=True), FieldPanel("received_at", read_only=True),
            FieldPanel("language", read_only=True), FieldPanel("contact", read_only=True),
        ], heading=_("The question")),
        MultiFieldPanel([
            FieldPanel("reply"), FieldPanel("reply_en"),
            FieldRowPanel([FieldPanel("handling_unit"), FieldPanel("handling_unit_en")]),
            FieldPanel("replied_on"),
        ], heading=_("The official reply")),
        FieldRowPanel([FieldPanel("state"), FieldPanel("section")]),
        FieldPanel("published", help_text=_(
            "Shows the question and the reply on the site (never the contact details). Needs a "
            "reply, a handling unit and a date.")),
        FieldPanel("moderator_note", help_text=_("For the moderators only.")),
    ]

    def get_edit_handler(self):
        return ObjectList(self.panels, base_form_class=QuestionAdminForm).bind_to_model(self.model)


class ConsultationResponseViewSet(ResidentsMessagesViewSet):
    model = ConsultationResponse
    icon = "comment"
    menu_label = _("Consultation responses")
    url_prefix = "feedback/consultation-responses"
    name = "feedback_consultationresponse"
    list_display = ["__str__", "consultation", "state", "received_at"]
    list_filter = ["state", "consultation"]
    search_fields = ["text"]
    panels = [
        MultiFieldPanel([
            FieldPanel("consultation", read_only=True), FieldPanel("text", read_only=True),
            FieldPanel("received_at", read_only=True), FieldPanel("contact", read_only=True),
        ], heading=_("The response")),
        FieldPanel("state"),
        FieldPanel("moderator_note", help_text=_("For the moderators only.")),
    ]


class FeedbackGroup(ViewSetGroup):
    items = (ErrorReportViewSet, QuestionViewSet, ConsultationResponseViewSet)
    menu_icon = "mail"
    menu_label = _("Residents' feedback")
    menu_name = "feedback"
    menu_order = 260


@hooks.register("register_admin_viewset")
def register_feedback_viewsets():
    return FeedbackGroup()


# -- public search: published questions and their replies -----------------------------------
def _question_url(question, request):
    return f"{reverse('questions')}#{question.code}"


def _question_summary(question):
    reply, _language = question.reply_in(translation.get_language())
    return reply[:160]


register_public_search(
    Question,
    label=_("Residents' question"),
    url=_question_url,
    summary=_question_summary,
    queryset=lambda request: Question.objects.published().only(
        "code", "text", "reply", "reply_en", "language"
    ),
)


# -- "居民问答 / Residents' questions" on project, pillar and place pages --------------------
@hooks.register(PAGE_EXTRAS_HOOK)
def residents_questions(context):
    return questions_section(context)


# -- the site map -----------------------------------------------------------------------------
def _site_map_entries(request):
    from django.utils.translation import gettext

    return [
        SiteMapEntry(gettext("Residents' questions"), reverse("questions")),
        SiteMapEntry(gettext("Ask a question"), reverse("question_ask")),
        SiteMapEntry(gettext("Privacy notice for error reports and questions"),
                     reverse("feedback_privacy")),
    ]


register_site_map_group("feedback", title=_("Residents' questions"), order=60,
                        entries=_site_map_entries)


# -- who moderates -----------------------------------------------------------------------------
@hooks.register("yuzhong_editorial_setup")
def grant_feedback_permissions():
    ensure_feedback_moderators()


# -- the yearly report and one person's data -------------------------------------------------
@hooks.register("register_admin_urls")
def register_feedback_admin_urls():
    from django.urls import path

    return [
        path("feedback/yearly-report/", YearlyReportView.as_view(), name="feedback_yearly_report"),
        path("feedback/person/", PersonDataView.as_view(), name="feedback_person_data"),
    ]


class _FeedbackMenuItem(MenuItem):
    def is_shown(self, request):
        return any(request.user.has_perm(f"feedback.change_{m}") for m in ("errorreport", "question"))


class _SiteModeratorMenuItem(MenuItem):
    def is_shown(self, request):
        return moderation.is_site_moderator(request.user)


@hooks.register("register_reports_menu_item")
def register_feedback_report_menu_item():
    return _FeedbackMenuItem(_("Feedback: yearly report"), reverse("feedback_yearly_report"),
                             name="feedback-yearly-report", icon_name="doc-full", order=660)


@hooks.register("register_reports_menu_item")
def register_person_data_menu_item():
    return _SiteModeratorMenuItem(_("Feedback: one person's data"), reverse("feedback_person_data"),
                                  name="feedback-person-data", icon_name="user", order=670)


# -- 待办: overdue items first on the editors' home ---------------------------------------------
@hooks.register("yuzhong_editors_home_sections", order=-10)
def overdue_sections(request):
    sections = []
    for model, key, title in (
        (ErrorReport, "overdue-reports", _("Overdue error reports (纠错)")),
        (Question, "overdue-questions", _("Overdue questions (留言)")),
    ):
        if not request.user.has_perm(f"feedback.change_{model._meta.model_name}"):
            continue
        late = overdue(moderation.visible_items(request.user, model.objects.all()))
        name = model._meta.model_name
        sections.append(Section(
            key, title,
            [{"label": str(item), "url": reverse(f"feedback_{name}:edit", args=[item.pk]),
              "note": _("due %(date)s") % {"date": item.due_on}} for item in late[:ROWS]],
            late.count(),
            reverse(f"feedback_{name}:index"),
            empty=_("Nothing overdue."),
        ))
    return sections
