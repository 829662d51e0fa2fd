"""纠错 reports, residents' questions, their contact details (kept apart) and the e-mail outbox.

Personal data (PIPL) is only in ``Contact`` and ``OutgoingEmail`` (whose recipient is a
``Contact``): never in a report or question row, so nothing that reads those rows — the public
pages, the search index, the page cache, logs — can leak it. Erasing a person's data is deleting
their ``Contact`` (and with it their unsent e-mail); the public Q&A stays.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.search import index

from yuzhong_site.core.models import BasePage, OrderedChild
from yuzhong_site.core.page_context import BuiltContext, build

# Length limits (the forms say them; the database enforces them too).
TEXT_MAX = 2000
SHORT_MAX = 255


class Contact(models.Model):
    """How to reach one submitter: an e-mail address and/or a mobile number. Its own table so
    that it can be shown only to moderators, exported and erased on its own."""

    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("mobile number"), max_length=20, blank=True)
    created_at = models.DateTimeField(_("received"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("contact details")
        verbose_name_plural = _("contact details")

    def __str__(self):
        return self.masked()

    def masked(self):
        """``w***@example.org`` / ``138****5678``: enough for a moderator to recognise, not to copy."""
        if self.email:
            name, _at, domain = self.email.partition("@")
            return f"{name[:1]}***@{domain}"
        if self.phone:
            return f"{self.phone[:3]}****{self.phone[-4:]}"
        return "—"


class FeedbackItem(models.Model):
    """What a 纠错 report and a question share: when, in which language, whose section, where
    it is in its handling, and who to tell."""

    received_at = models.DateTimeField(_("received"), default=timezone.now, db_index=True)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES,
                                default=settings.LANGUAGE_CODE)
    section = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("section"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
        help_text=_("Whose moderators handle it: a pillar or the visitors' section; "
                    "empty: the 审核 group."),
    )
    contact = models.ForeignKey(
        Contact, verbose_name=_("contact details"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    moderator_note = models.TextField(_("note"), blank=True, max_length=TEXT_MAX)
    due_on = models.DateField(_("reply due"), null=True, blank=True, editable=False,
                              help_text=_("The target: working days after it was received "
                                          "(FEEDBACK_TARGET_WORKING_DAYS)."))
    reminded_on = models.DateField(null=True, blank=True, editable=False)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True, editable=False)
    # a hash of the sender's address, for "the same submission twice within a minute is one"
    fingerprint = models.CharField(max_length=64, blank=True, editable=False, db_index=True)

    class Meta:
        abstract = True


class ErrorReport(FeedbackItem):
    """纠错: what a reader says is wrong on a page."""

    class State(models.TextChoices):
        NEW = "new", _("New")
        IN_PROGRESS = "in_progress", _("In progress")
        CORRECTED = "corrected", _("Corrected")
        NOT_AN_ERROR = "not_an_error", _("Not an error")

    CLOSED_STATES = (State.CORRECTED, State.NOT_AN_ERROR)

    page_url = models.CharField(_("page address"), max_length=500)
    page_title = models.CharField(_("page title"), max_length=SHORT_MAX)
    figure = models.CharField(_("which figure"), max_length=SHORT_MAX, blank=True)
    what_is_wrong = models.TextField(_("what is wrong"), max_length=TEXT_MAX)
    what_is_right = models.TextField(_("what is right"), max_length=TEXT_MAX, blank=True)
    source = models.CharField(_("source"), max_length=500, blank=True)
    state = models.CharField(_("state"), max_length=20, choices=State.choices,
                             default=State.NEW, db_index=True)

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = _("error report")
        verbose_name_plural = _("error reports")

    def __str__(self):
        return f"{self.page_title} ({timezone.localtime(self.received_at):%Y-%m-%d})"

    @property
    def is_closed(self):
        return self.state in self.CLOSED_STATES


class QuestionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published=True)


class Question(index.Indexed, FeedbackItem):
    """留言: a resident's question and the district's official reply, public once published."""

    class State(models.TextChoices):
        NEW = "new", _("Received")
        IN_PROGRESS = "in_progress", _("Being handled")
        REPLIED = "replied", _("Replied")
        DECLINED = "declined", _("Closed without publication")

    CLOSED_STATES = (State.REPLIED, State.DECLINED)

    class Topic(models.TextChoices):
        GENERAL = "general", _("General")
        PILLAR = "pillar", _("A part of the plan")
        PROJECT = "project", _("A project")
        PLACE = "place", _("A place")

    code = models.CharField(_("tracking code"), max_length=20, unique=True, editable=False)
    topic = models.CharField(_("topic"), max_length=10, choices=Topic.choices,
                             default=Topic.GENERAL)
    pillar = models.ForeignKey("plans.PillarPage", verbose_name=_("pillar"), null=True,
                               blank=True, on_delete=models.SET_NULL, related_name="+")
    project = models.ForeignKey("plans.Project", verbose_name=_("project"), null=True,
                                blank=True, on_delete=models.SET_NULL, related_name="+")
    place = models.ForeignKey("districts.HeritageSitePage", verbose_name=_("place"), null=True,
                              blank=True, on_delete=models.SET_NULL, related_name="+")
    text = models.TextField(_("question"), max_length=TEXT_MAX)
    display_name = models.CharField(_("display name"), max_length=50, blank=True)
    state = models.CharField(_("state"), max_length=20, choices=State.choices,
                             default=State.NEW, db_index=True)
    reply = models.TextField(_("reply (Chinese)"), max_length=TEXT_MAX * 2, blank=True)
    reply_en = models.TextField(_("reply (English)"), max_length=TEXT_MAX * 2, blank=True,
                                help_text=_("The editors' translation; empty: the English "
                                            "page shows the Chinese reply and says so."))
    handling_unit = models.CharField(_("handling unit (Chinese)"), max_length=SHORT_MAX,
                                     blank=True)
    handling_unit_en = models.CharField(_("handling unit (English)"), max_length=SHORT_MAX,
                                        blank=True)
    replied_on = models.DateField(_("replied on"), null=True, blank=True)
    published = models.BooleanField(_("published"), default=False, db_index=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True,
                                        editable=False)
    is_example = models.BooleanField(
        _("example"), default=False, editable=False,
        help_text=_("Demo content: shown with the label 示例 / Example."),
    )

    objects = QuestionQuerySet.as_manager()

    search_fields = [
        index.SearchField("text"),
        index.SearchField("reply"),
        index.SearchField("reply_en"),
        index.FilterField("published"),
    ]

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self):
        return self.text if len(self.text) <= 60 else self.text[:59] + "…"

    @classmethod
    def get_indexed_objects(cls):
        """Only published questions reach the search index (never a contact: it has none)."""
        return cls.objects.published()

    @property
    def is_closed(self):
        return self.state in self.CLOSED_STATES

    def topic_object(self):
        return {"pillar": self.pillar, "project": self.project, "place": self.place}.get(self.topic)

    def reply_in(self, language):
        """(text, language code it is in): the English reply, or the Chinese one when the
        editors have not translated it."""
        if language == "en" and self.reply_en.strip():
            return self.reply_en, "en"
        return self.reply, "zh-hans"

    def handling_unit_in(self, language):
        if language == "en" and self.handling_unit_en.strip():
            return self.handling_unit_en
        return self.handling_unit


class OutgoingEmail(models.Model):
    """An e-mail to a submitter, kept until it is sent: a failed send is retried by
    ``manage.py feedback_cron`` (``make feedback-cron``) and never loses the submission."""

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="emails")
    subject = models.CharField(max_length=SHORT_MAX)
    body = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_attempt_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")

    def __str__(self):
        return self.subject


# ------------------------------------------------------------------------------ consultations


class ConsultationPage(BuiltContext, BasePage):
    """意见征集: a draft put to residents between two dates, then the report on what came of it.

    The form exists only from ``opens_on`` to ``closes_on`` (Beijing dates, both included);
    before, the page says when it opens, after, when it closed. Once closed, editors fill in the
    report (what was adopted, linked to what it became; why the rest was not) and tick "publish
    the report"; the number received is counted from the responses, never typed.
    """

    introduction = models.TextField(_("what is being decided"))
    draft = RichTextField(_("the draft"), features=["h2", "h3", "bold", "italic", "ol", "ul",
                                                     "link"])
    draft_document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("the draft as a document"), null=True,
        blank=True, on_delete=models.SET_NULL, related_name="+",
    )
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    report_published = models.BooleanField(
        _("publish the report"), default=False,
        help_text=_("Shown only after the closing date."),
    )
    report_summary = models.TextField(_("the report: summary"), blank=True)
    not_adopted_summary = models.TextField(
        _("why the other ideas were not adopted"), blank=True,
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("introduction"),
        FieldPanel("draft"),
        FieldPanel("draft_document"),
        FieldRowPanel([FieldPanel("opens_on"), FieldPanel("closes_on")],
                      heading=_("When residents can respond")),
        MultiFieldPanel([
            FieldPanel("report_summary"),
            InlinePanel("adopted_ideas", label=_("adopted idea")),
            FieldPanel("not_adopted_summary"),
            FieldPanel("report_published"),
        ], heading=_("The report (after closing)")),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("introduction"),
        index.SearchField("draft"),
        index.SearchField("report_summary"),
    ]
    parent_page_types = ["yuzhong_site.HomePage", "yuzhong_site.StandardPage"]
    subpage_types = []
    template = "feedback/consultation_page.html"

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")

    def clean(self):
        super().clean()
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            raise ValidationError({"closes_on": _("The closing date cannot be before the "
                                                  "opening date.")})

    def phase(self, today=None):
        """"before", "open" or "closed" on ``today`` (Beijing)."""
        today = today or timezone.localdate()
        if today < self.opens_on:
            return "before"
        if today > self.closes_on:
            return "closed"
        return "open"

    # What the page serves and shows is built in consultations.py (registered with @builds).
    def serve(self, request, *args, **kwargs):
        return build(self, "serve", request, super().serve, *args, **kwargs)


class AdoptedIdea(OrderedChild):
    page = ParentalKey(ConsultationPage, related_name="adopted_ideas", on_delete=models.CASCADE)
    idea = models.TextField(_("the idea"), max_length=TEXT_MAX)
    became_page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("what it became (a page, e.g. an update)"),
        null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
    )
    became_project = models.ForeignKey(
        "plans.Project", verbose_name=_("what it became (a project)"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )

    panels = [FieldPanel("idea"), FieldPanel("became_page"), FieldPanel("became_project")]

    class Meta(OrderedChild.Meta):
        verbose_name = _("adopted idea")


class ConsultationResponse(FeedbackItem):
    """One resident's response to a consultation: read by moderators, counted in the report,
    never published one by one."""

    class State(models.TextChoices):
        NEW = "new", _("New")
        READ = "read", _("Read")

    CLOSED_STATES = (State.READ,)

    consultation = models.ForeignKey(ConsultationPage, verbose_name=_("consultation"),
                                     on_delete=models.CASCADE, related_name="responses")
    text = models.TextField(_("response"), max_length=TEXT_MAX)
    state = models.CharField(_("state"), max_length=20, choices=State.choices,
                             default=State.NEW)

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = _("consultation response")
        verbose_name_plural = _("consultation responses")

    def __str__(self):
        return self.text if len(self.text) <= 60 else self.text[:59] + "…"

    @property
    def is_closed(self):
        return self.state in self.CLOSED_STATES
