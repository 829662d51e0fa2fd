"""The plan's pages: the plan (with its dashboard and timeline), its pillars, and the updates.

Pages carry the words editors write; the structured data they show are in ``data.py``.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.search import index

from yuzhong_site.core.blocks import BodyBlock
from yuzhong_site.core.models import BasePage, OrderedChild
from yuzhong_site.core.page_context import BuiltContext, build
from yuzhong_site.core.validators import web_url_validator, year_validators

from ..status import plan_has_ended


class PlanPage(RoutablePageMixin, BasePage):
    """One five-year plan (the 14th: 2021–2025) and its dashboard.

    Projects and metrics have their own public pages under the plan:
    ``<plan>/projects/<slug>/`` and ``<plan>/metrics/<slug>/``, in both languages.
    """

    start_year = models.PositiveIntegerField(_("start year"), validators=year_validators)
    end_year = models.PositiveIntegerField(_("end year"), validators=year_validators)
    summary = models.TextField(_("summary"), blank=True)
    lead = models.TextField(
        _("the answer first"),
        blank=True,
        help_text=_(
            "One plain sentence at the top of the dashboard: what is known about the plan, and "
            "as of when."
        ),
    )
    documents_url = models.URLField(
        _("the plan's official documents"),
        blank=True,
        validators=[web_url_validator],
        help_text=_("Where the district publishes its plans (linked once the period has ended)."),
    )
    coverage_note = models.TextField(
        _("what this site does not have"),
        blank=True,
        help_text=_("Say plainly what could not be found (e.g. the plan's indicator table) and why."),
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = BasePage.content_panels + [
        FieldRowPanel([FieldPanel("start_year"), FieldPanel("end_year")], heading=_("Period")),
        FieldPanel("lead"),
        FieldPanel("summary"),
        FieldPanel("documents_url"),
        FieldPanel("coverage_note"),
        InlinePanel("timeline", heading=_("The plan's timeline"), label=_("event")),
        FieldPanel("body"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
    ]
    parent_page_types = ["yuzhong_site.HomePage"]
    subpage_types = ["plans.PillarPage"]

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")

    def clean(self):
        super().clean()
        if self.start_year and self.end_year and self.end_year < self.start_year:
            raise ValidationError(
                {"end_year": _("The end year cannot be before the start year.")}
            )

    def has_ended(self, today=None):
        return plan_has_ended(self.end_year, today)

    def get_context(self, request, *args, dashboard=True, **kwargs):
        """The dashboard's figures only for the dashboard: a project or metric page of the plan
        (``dashboard=False``) has its own context and must not pay for the whole plan's."""
        context = super().get_context(request, *args, **kwargs)
        context["plan"] = self
        if dashboard:
            context.update(build(self, "context", request))
        return context

    @path("")
    def dashboard(self, request):
        return self.render(request)

    @path("projects/<slug:slug>/", name="project")
    def project_view(self, request, slug):
        extra = build(self, "project", request, slug)
        if extra is None:
            raise Http404
        return self.render(
            request,
            context_overrides=extra,
            template="plans/project_page.html",
            dashboard=False,
        )

    @path("metrics/<slug:slug>/", name="metric")
    def metric_view(self, request, slug):
        extra = build(self, "metric", request, slug)
        if extra is None:
            raise Http404
        return self.render(
            request,
            context_overrides=extra,
            template="plans/metric_page.html",
            dashboard=False,
        )


class PlanEvent(OrderedChild):
    """A dated step in the plan's own life: proposal, adoption, issue, evaluation, assessment."""

    page = ParentalKey(PlanPage, on_delete=models.CASCADE, related_name="timeline")
    date = models.DateField(_("date"))
    precision = models.CharField(
        _("date precision"), max_length=5, default="day",
        choices=[("day", _("day")), ("month", _("month")), ("year", _("year"))],
    )
    title = models.CharField(_("what happened"), max_length=255)
    quote = models.CharField(
        _("quoted words"), max_length=255, blank=True,
        help_text=_("Words quoted from the source (shown in quotation marks, attributed)."),
    )
    text = models.TextField(_("details"), blank=True)
    source_name = models.CharField(_("source"), max_length=255, blank=True)
    source_url = models.URLField(_("source link"), blank=True, validators=[web_url_validator])

    panels = [
        FieldRowPanel([FieldPanel("date"), FieldPanel("precision")]),
        FieldPanel("title"),
        FieldPanel("quote"),
        FieldPanel("text"),
        FieldRowPanel([FieldPanel("source_name"), FieldPanel("source_url")]),
    ]

    class Meta(OrderedChild.Meta):
        verbose_name = _("plan event")
        verbose_name_plural = _("plan events")

    def __str__(self):
        return f"{self.date}: {self.title}"


class PillarPage(BuiltContext, BasePage):
    """One of the plan's four roles (现代服务业引领区…), with its goals, metrics and projects."""

    class Key(models.TextChoices):
        SERVICES = "services", _("Modern services")
        HERITAGE = "heritage", _("History and culture")
        INTERNATIONAL = "international", _("International exchange")
        LIVABILITY = "livability", _("Better city living")

    class Accent(models.TextChoices):
        # Every accent has at least 4.5:1 contrast with white (text on white, white on accent).
        RED = "red", _("Chongqing red")
        TEAL = "teal", _("River teal")
        BLUE = "blue", _("Deep blue")
        GREEN = "green", _("Mountain green")
        PURPLE = "purple", _("Purple")
        OCHRE = "ochre", _("Ochre")

    key = models.CharField(
        _("pillar key"),
        max_length=20,
        choices=Key.choices,
        help_text=_("A stable identifier for this pillar; it does not change with the title."),
    )
    positioning = models.CharField(
        _("positioning"), max_length=120, help_text=_("The plan's own name for this role.")
    )
    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt = models.CharField(_("image description"), max_length=255, blank=True)
    accent = models.CharField(
        _("accent colour"), max_length=10, choices=Accent.choices, default=Accent.RED
    )

    content_panels = BasePage.content_panels + [
        FieldRowPanel([FieldPanel("key"), FieldPanel("accent")]),
        FieldPanel("positioning"),
        FieldPanel("intro"),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt")], heading=_("Image")),
        FieldPanel("body"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("positioning"),
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    parent_page_types = ["plans.PlanPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("pillar")
        verbose_name_plural = _("pillars")



def _default_locale_pages():
    """Choices for fields that must point at the Chinese (default-locale) page."""
    from django.conf import settings

    return models.Q(locale__language_code=settings.LANGUAGE_CODE)


class UpdateIndexPage(BuiltContext, RoutablePageMixin, BasePage):
    """"动态 / Updates": the list of updates (news items), with filters and feeds.

    Routes (in both languages): ``feed/rss/``, ``feed/atom/``, ``feed/<pillar-key>/rss/``,
    ``feed/<pillar-key>/atom/``.
    """

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    parent_page_types = ["yuzhong_site.HomePage"]
    subpage_types = ["plans.UpdatePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("updates index")
        verbose_name_plural = _("updates indexes")

    @path("")
    def index(self, request):
        return self.render(request)

    @path("feed/<str:kind>/", name="feed")
    def feed(self, request, kind):
        return build(self, "feed", request, kind)

    @path("feed/<slug:pillar_key>/<str:kind>/", name="pillar_feed")
    def pillar_feed(self, request, pillar_key, kind):
        return build(self, "feed", request, kind, pillar_key=pillar_key)


class UpdatePage(BuiltContext, BasePage):
    """An update (news item) about the plan: what happened, when, which pillars and projects."""

    date = models.DateField(_("date"), help_text=_("The day the news happened."))
    summary = models.TextField(
        _("summary"), max_length=500, help_text=_("One or two sentences for lists and feeds.")
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt = models.CharField(_("image description"), max_length=255, blank=True)
    pillars = ParentalManyToManyField(
        PillarPage,
        verbose_name=_("pillars"),
        blank=True,
        related_name="updates",
        limit_choices_to=_default_locale_pages,
        help_text=_("The Chinese pillar pages; the English update is listed through them."),
    )
    projects = ParentalManyToManyField(
        "plans.Project", verbose_name=_("projects"), blank=True, related_name="updates"
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("date"),
        FieldPanel("summary"),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt")], heading=_("Image")),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("pillars", widget=forms.CheckboxSelectMultiple), FieldPanel("projects")],
            heading=_("What this update is about"),
        ),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]
    parent_page_types = ["plans.UpdateIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("update")
        verbose_name_plural = _("updates")
