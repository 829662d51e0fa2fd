"""The plan's data: goals, metrics (+ measurements), projects (+ status reports, milestones).

Snippets with revisions and draft state (public pages show only live records); they point at
the default-locale (Chinese) pillar page.
"""

from django import forms
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.models import DraftStateMixin, RevisionMixin
from wagtail.search import index

from yuzhong_site.core.i18n import default_locale_page
from yuzhong_site.core.models import OrderedChild
from yuzhong_site.core.validators import (
    latitude_validators,
    longitude_validators,
    web_url_validator,
    year_validators,
)

from ..revisions import rebase_for_publish
from ..status import Direction, ProjectStatus, Qualifier, ValueQualifier
from ..units import Unit
from .pages import PillarPage, PlanPage


def _not_in_future(errors, field, day=None, year=None):
    """Add an error for ``field`` when ``day`` (a date) or ``year`` is after today."""
    from django.utils import timezone

    today = timezone.localdate()
    if day is not None and day > today:
        errors[field] = _("This date is in the future: report only what has happened.")
    elif year is not None and year > today.year:
        errors[field] = _("This year is in the future: report only what has happened.")


def _both(name, heading):
    """A panel with the Chinese and English field of a translated field, side by side."""
    return MultiFieldPanel(
        [FieldPanel(f"{name}_zh_hans"), FieldPanel(f"{name}_en")], heading=heading
    )


class PlanData(DraftStateMixin, RevisionMixin):
    """Shared by the plan's data snippets: revisions, drafts, and a live-only public manager."""

    class Meta:
        abstract = True

    @property
    def revisions(self):
        return self._revisions

    def publish(self, revision, *args, **kwargs):
        """Publish ``revision``, rebased on anything published since it was started (or refused
        with ``StaleDraftError``: plans/revisions.py)."""
        rebase_for_publish(self, revision)
        return super().publish(revision, *args, **kwargs)


class Goal(PlanData, index.Indexed, models.Model):
    pillar = models.ForeignKey(
        PillarPage,
        verbose_name=_("pillar"),
        on_delete=models.PROTECT,  # deleting a pillar never deletes its data
        related_name="goals",
        help_text=_("Choose the Chinese pillar page; the English page finds its goals through it."),
    )
    statement = models.CharField(_("statement"), max_length=255)
    explanation = models.TextField(_("explanation"), blank=True)
    sort_order = models.PositiveIntegerField(_("sort order"), default=0)
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="goal")

    panels = [
        FieldPanel("pillar"),
        _both("statement", _("Statement")),
        _both("explanation", _("Explanation")),
        FieldPanel("sort_order"),
    ]
    search_fields = [
        index.SearchField("statement_zh_hans"),
        index.SearchField("statement_en"),
        index.FilterField("live"),
        index.FilterField("pillar"),  # the public search: plans/visibility.py
    ]

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")

    def __str__(self):
        return self.statement

    def save(self, *args, **kwargs):
        _point_at_default_locale(self)
        super().save(*args, **kwargs)


def _point_at_default_locale(obj):
    """Data always points at the Chinese pillar page, whichever translation an editor chose."""
    if obj.pillar_id:
        source = default_locale_page(obj.pillar)
        if source is not None and source.pk != obj.pillar_id:
            obj.pillar = source


class Metric(PlanData, index.Indexed, ClusterableModel):
    """An indicator of the plan, with a baseline, a target and yearly measurements."""

    class Kind(models.TextChoices):
        # One label per language, used everywhere (site, downloads, API, admin).
        BINDING = "binding", _("Binding indicator")
        ANTICIPATORY = "anticipatory", _("Anticipatory indicator")
        OTHER = "other", _("Not given by a source")

    class FigureType(models.TextChoices):
        INDICATOR = "indicator", _("Plan indicator (has a target from the plan)")
        REPORTED = "reported", _("Reported figure (no target)")

    pillar = models.ForeignKey(
        PillarPage, verbose_name=_("pillar"), on_delete=models.PROTECT, related_name="metrics"
    )
    figure_type = models.CharField(
        _("type of figure"),
        max_length=12,
        choices=FigureType.choices,
        default=FigureType.REPORTED,
        help_text=_(
            "A plan indicator has a target set by the plan; a reported figure (district "
            "results, one-off figures in the press) has none. The two are never counted together."
        ),
    )
    district_result = models.BooleanField(
        _("district result"),
        default=False,
        help_text=_("Show this reported figure, year by year, in the district results panel."),
    )
    goal = models.ForeignKey(
        Goal,
        verbose_name=_("goal"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="metrics",
    )
    name = models.CharField(_("name"), max_length=255)
    slug = models.SlugField(
        _("slug"), max_length=100, unique=True, help_text=_("Used in the metric's web address.")
    )
    unit = models.CharField(_("unit"), max_length=32, choices=Unit.choices)
    direction = models.CharField(
        _("direction"), max_length=10, choices=Direction.choices, default=Direction.HIGHER
    )
    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=Kind.choices,
        default=Kind.OTHER,
        help_text=_(
            "Binding or anticipatory only where the plan or another source says so; otherwise "
            "“not given by a source”, and the page shows no kind."
        ),
    )
    baseline_value = models.DecimalField(
        _("baseline value"), max_digits=20, decimal_places=4, null=True, blank=True
    )
    baseline_year = models.PositiveIntegerField(
        _("baseline year"), null=True, blank=True, validators=year_validators
    )
    baseline_label = models.CharField(
        _("baseline period"),
        max_length=100,
        blank=True,
        help_text=_("What the baseline covers, e.g. “Spring Festival 2020”."),
    )
    target_value = models.DecimalField(
        _("target value"), max_digits=20, decimal_places=4, null=True, blank=True
    )
    target_year = models.PositiveIntegerField(
        _("target year"), null=True, blank=True, validators=year_validators
    )
    target_qualifier = models.CharField(
        _("target qualifier"),
        max_length=20,
        choices=Qualifier.choices,
        blank=True,
        default=Qualifier.EXACTLY,
        help_text=_("Use “more than” or “at least” only where the plan says so."),
    )
    source_name = models.CharField(_("source"), max_length=255)
    source_url = models.URLField(_("source link"), blank=True, validators=[web_url_validator])
    source_in_print = models.BooleanField(
        _("printed source"),
        default=False,
        help_text=_(
            "Tick when the source is a printed text with no web address (the site audit "
            "otherwise fails a figure without a source link)."
        ),
    )
    notes = models.TextField(_("notes"), blank=True)
    figures_note = models.TextField(
        _("note beside the figures"),
        blank=True,
        help_text=_(
            "Shown beside the figures wherever they appear together: what a reader comparing "
            "them should know, saying only what the sources say (for example, that the figures "
            "are as published and the sources do not say how they were worked out)."
        ),
    )
    related_projects = ParentalManyToManyField(
        "Project",
        verbose_name=_("related projects"),
        blank=True,
        related_name="related_metrics",
        help_text=_(
            "Projects to read beside this figure, such as consulates opened after a published "
            "count. The page lists each with its latest report, its date and its source; their "
            "numbers are never added to the figure."
        ),
    )
    sort_order = models.PositiveIntegerField(_("sort order"), default=0)
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="metric")

    panels = [
        FieldPanel("pillar"),
        FieldPanel("goal"),
        _both("name", _("Name")),
        FieldPanel("slug"),
        FieldRowPanel([FieldPanel("figure_type"), FieldPanel("district_result")]),
        FieldRowPanel([FieldPanel("unit"), FieldPanel("direction"), FieldPanel("kind")]),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("baseline_value"), FieldPanel("baseline_year")]),
                FieldPanel("baseline_label_zh_hans"),
                FieldPanel("baseline_label_en"),
            ],
            heading=_("Baseline"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("target_qualifier"),
                        FieldPanel("target_value"),
                        FieldPanel("target_year"),
                    ]
                ),
            ],
            heading=_("Target"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("source_name_zh_hans"),
                FieldPanel("source_name_en"),
                FieldPanel("source_url"),
                FieldPanel("source_in_print"),
            ],
            heading=_("Source"),
        ),
        _both("notes", _("Notes")),
        _both("figures_note", _("Note beside the figures")),
        FieldPanel("related_projects", widget=forms.CheckboxSelectMultiple),
        InlinePanel("measurements", heading=_("Measurements"), label=_("measurement")),
        FieldPanel("sort_order"),
    ]
    search_fields = [
        index.SearchField("name_zh_hans"),
        index.SearchField("name_en"),
        index.AutocompleteField("name_zh_hans"),
        index.FilterField("live"),
        index.FilterField("pillar"),
    ]

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("metric")
        verbose_name_plural = _("metrics")

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        errors = {}
        if (
            self.baseline_year is not None
            and self.target_year is not None
            and self.target_year < self.baseline_year
        ):
            errors["target_year"] = _("The target year cannot be before the baseline year.")
        if self.target_value is not None and self.target_year is None:
            errors["target_year"] = _("A target needs the year by which it should be reached.")
        if self.baseline_value is not None and self.baseline_year is None:
            errors["baseline_year"] = _("A baseline needs the year it describes.")
        if self.figure_type == self.FigureType.INDICATOR and self.target_value is None:
            errors["target_value"] = _("A plan indicator needs the plan's target.")
        if self.figure_type == self.FigureType.REPORTED and self.target_value is not None:
            errors["figure_type"] = _(
                "A figure with a target from the plan is a plan indicator, not a reported figure."
            )
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        _point_at_default_locale(self)
        super().save(*args, **kwargs)

    @property
    def is_indicator(self):
        return self.figure_type == self.FigureType.INDICATOR

    @property
    def has_stated_kind(self):
        """True when a source gives the indicator's kind (binding or anticipatory)."""
        return self.kind in (self.Kind.BINDING, self.Kind.ANTICIPATORY)

    def get_url(self, request=None, language=None):
        return _plan_data_url(self, "metric", language)

    def get_absolute_url(self):
        return self.get_url()


class Measurement(OrderedChild):
    """A metric's value for a year (or a named period within it), with its own source.

    A measurement without a value records that no figure was published for that year (say
    so in the note); a qualifier ("close to", "more than", "estimate"…) belongs to a value.
    """

    metric = ParentalKey(Metric, on_delete=models.CASCADE, related_name="measurements")
    year = models.PositiveIntegerField(_("year"), validators=year_validators)
    period = models.CharField(
        _("period"),
        max_length=100,
        blank=True,
        help_text=_("What the figure covers if not the whole year, e.g. “Spring Festival”."),
    )
    date = models.DateField(
        _("date"), null=True, blank=True, help_text=_("The day the figure refers to, if known.")
    )
    value = models.DecimalField(
        _("value"),
        max_digits=20,
        decimal_places=4,
        null=True,
        blank=True,
        help_text=_("Leave empty when no figure was published for this year, and say so in the note."),
    )
    qualifier = models.CharField(
        _("qualifier"),
        max_length=20,
        choices=ValueQualifier.choices,
        blank=True,
        default=ValueQualifier.EXACT,
        help_text=_("As the source words it: 近 close to, 逾/超/突破 more than, 约/左右 about, 预计 estimate."),
    )
    source_name = models.CharField(
        _("source"), max_length=255, blank=True, help_text=_("Leave empty for the metric's source.")
    )
    source_url = models.URLField(
        _("source link"), blank=True, validators=[web_url_validator],
        help_text=_("Leave empty for the metric's source link."),
    )
    source_date = models.DateField(
        _("source date"), null=True, blank=True,
        help_text=_("When the source published the figure (a report's date)."),
    )
    note = models.CharField(_("note"), max_length=255, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("year"), FieldPanel("date")]),
        FieldRowPanel([FieldPanel("qualifier"), FieldPanel("value")]),
        FieldPanel("period_zh_hans"),
        FieldPanel("period_en"),
        FieldPanel("source_name_zh_hans"),
        FieldPanel("source_name_en"),
        FieldRowPanel([FieldPanel("source_url"), FieldPanel("source_date")]),
        FieldPanel("note_zh_hans"),
        FieldPanel("note_en"),
    ]

    class Meta(OrderedChild.Meta):
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")

    def __str__(self):
        return f"{self.year}: {self.value}"

    def clean(self):
        super().clean()
        errors = {}
        _not_in_future(errors, "date", day=self.date)
        if "date" not in errors:
            _not_in_future(errors, "year", year=self.year)
        _not_in_future(errors, "source_date", day=self.source_date)
        if self.value is None and self.qualifier:
            errors["qualifier"] = _("A qualifier needs a value: enter the figure or clear the qualifier.")
        if errors:
            raise ValidationError(errors)

    @property
    def approximate(self):
        """True when the source gives the figure as "close to" or "about"."""
        return self.qualifier in (ValueQualifier.CLOSE_TO, ValueQualifier.ABOUT)

    @property
    def source(self):
        """(name, url) of this figure's source: its own, or else its metric's."""
        if self.source_name or self.source_url:
            return self.source_name, self.source_url
        return self.metric.source_name, self.metric.source_url


class Project(PlanData, index.Indexed, ClusterableModel):
    """A key project of the plan: what, where, when, how far along."""

    pillar = models.ForeignKey(
        PillarPage, verbose_name=_("pillar"), on_delete=models.PROTECT, related_name="projects"
    )
    goals = ParentalManyToManyField(Goal, verbose_name=_("goals"), blank=True, related_name="projects")
    districts = ParentalManyToManyField(
        "districts.District", verbose_name=_("districts"), blank=True, related_name="projects"
    )
    name = models.CharField(_("name"), max_length=255)
    slug = models.SlugField(
        _("slug"), max_length=100, unique=True, help_text=_("Used in the project's web address.")
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ProjectStatus.choices,
        default=ProjectStatus.PLANNED,
        help_text=_("The status of the latest status report (set from the reports)."),
    )
    status_date = models.DateField(
        _("status date"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("The date of the latest status report (set from the reports)."),
    )
    status_precision = models.CharField(
        _("status date precision"), max_length=5, default="day", editable=False
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    planned_completion = models.DateField(_("planned completion"), null=True, blank=True)
    planned_completion_year = models.PositiveIntegerField(
        _("planned completion year"),
        null=True,
        blank=True,
        validators=year_validators,
        help_text=_("When the source gives only a year."),
    )
    actual_completion = models.DateField(_("actual completion"), null=True, blank=True)
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"),
        null=True,
        blank=True,
        help_text=_("Leave empty when no figure has been published."),
    )
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt = models.CharField(_("image description"), max_length=255, blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True,
        validators=latitude_validators,
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True,
        validators=longitude_validators,
    )
    source_name = models.CharField(_("source"), max_length=255, blank=True)
    sort_order = models.PositiveIntegerField(_("sort order"), default=0)
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="project")

    panels = [
        FieldPanel("pillar"),
        FieldPanel("goals"),
        _both("name", _("Name")),
        FieldPanel("slug"),
        InlinePanel(
            "status_reports",
            heading=_("Status reports"),
            label=_("status report"),
            min_num=1,
            help_text=_(
                "Each time a source says how far the project is, add a dated report with the "
                "source and its link. The latest report is the project's status."
            ),
        ),
        FieldPanel("progress"),
        MultiFieldPanel(
            [
                FieldPanel("start_date"),
                FieldPanel("planned_completion"),
                FieldPanel("planned_completion_year"),
                FieldPanel("actual_completion"),
            ],
            heading=_("Dates"),
        ),
        _both("summary", _("Summary")),
        _both("description", _("Description")),
        FieldPanel("districts"),
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")], heading=_("Location")),
        MultiFieldPanel(
            [FieldPanel("image"), FieldPanel("image_alt_zh_hans"), FieldPanel("image_alt_en")],
            heading=_("Image"),
        ),
        _both("source_name", _("Source")),
        InlinePanel("milestones", heading=_("Milestones"), label=_("milestone")),
        FieldPanel("sort_order"),
    ]
    search_fields = [
        index.SearchField("name_zh_hans"),
        index.SearchField("name_en"),
        index.SearchField("summary_zh_hans"),
        index.SearchField("summary_en"),
        index.AutocompleteField("name_zh_hans"),
        index.FilterField("live"),
        index.FilterField("status"),
        index.FilterField("pillar"),
    ]

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        errors = {}
        if self.progress is not None and not 0 <= self.progress <= 100:
            errors["progress"] = _("Progress is a percentage between 0 and 100.")
        if self.start_date:
            if self.actual_completion and self.actual_completion < self.start_date:
                errors["actual_completion"] = _("Completion cannot be before the start date.")
            if self.planned_completion and self.planned_completion < self.start_date:
                errors["planned_completion"] = _("Completion cannot be before the start date.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        _point_at_default_locale(self)
        latest = self.latest_report
        if latest is not None:
            self.status, self.status_date = latest.status, latest.date
            self.status_precision = latest.precision
        super().save(*args, **kwargs)

    @property
    def latest_report(self):
        """The latest status report (by date; the later one on the same day), or None."""
        reports = [r for r in self.status_reports.all() if r.date is not None]
        if not reports:
            return None
        return max(reports, key=lambda r: (r.date, r.sort_order or 0, r.pk or 0))

    @property
    def status_css(self):
        return self.status.replace("_", "-")

    def get_url(self, request=None, language=None):
        return _plan_data_url(self, "project", language)

    def get_absolute_url(self):
        """The project's public page in the active language (``/plan/projects/<slug>/`` or
        ``/en/plan/projects/<slug>/``); pass ``language`` to ``get_url`` for another one."""
        return self.get_url()


class ProjectStatusReport(OrderedChild):
    """What a source said about a project's progress on a date: the project's status history."""

    class Precision(models.TextChoices):
        DAY = "day", _("day")
        MONTH = "month", _("month")
        YEAR = "year", _("year")

    project = ParentalKey(Project, on_delete=models.CASCADE, related_name="status_reports")
    date = models.DateField(_("date"), help_text=_("When the source says this was the case."))
    precision = models.CharField(
        _("date precision"),
        max_length=5,
        choices=Precision.choices,
        default=Precision.DAY,
        help_text=_("Month or year when the source gives no day (the date's day is then ignored)."),
    )
    status = models.CharField(_("status"), max_length=20, choices=ProjectStatus.choices)
    source_name = models.CharField(_("source"), max_length=255)
    source_url = models.URLField(
        _("source link"), blank=True, validators=[web_url_validator],
        help_text=_("Leave empty only for a printed source without a web address."),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("date"), FieldPanel("precision"), FieldPanel("status")]),
        FieldPanel("source_name_zh_hans"),
        FieldPanel("source_name_en"),
        FieldPanel("source_url"),
        FieldPanel("note_zh_hans"),
        FieldPanel("note_en"),
    ]

    class Meta(OrderedChild.Meta):
        verbose_name = _("status report")
        verbose_name_plural = _("status reports")

    def __str__(self):
        return f"{self.date}: {self.status}"

    def clean(self):
        super().clean()
        errors = {}
        _not_in_future(errors, "date", day=self.date)
        if errors:
            raise ValidationError(errors)

    @property
    def status_css(self):
        return self.status.replace("_", "-")


class Milestone(OrderedChild):
    project = ParentalKey(Project, on_delete=models.CASCADE, related_name="milestones")
    date = models.DateField(_("date"), null=True, blank=True)
    year = models.PositiveIntegerField(
        _("year"), null=True, blank=True, validators=year_validators,
        help_text=_("When the source gives only a year."),
    )
    title = models.CharField(_("title"), max_length=255)
    done = models.BooleanField(_("done"), default=False)

    panels = [
        FieldRowPanel([FieldPanel("date"), FieldPanel("year"), FieldPanel("done")]),
        FieldPanel("title_zh_hans"),
        FieldPanel("title_en"),
    ]

    class Meta(OrderedChild.Meta):
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self):
        return self.title


def _plan_data_url(obj, route, language=None):
    """The public URL of a project or metric under its plan page, in ``language``."""
    from wagtail.models import Locale

    language = language or translation.get_language() or "zh-hans"
    plan = PlanPage.objects.filter(
        path=obj.pillar.path[: -PlanPage.steplen]
    ).first() if obj.pillar_id else None
    if plan is None:
        return None
    locale = Locale.objects.filter(language_code=language).first()
    if locale is not None and locale.pk != plan.locale_id:
        plan = plan.get_translation_or_none(locale) or plan
    base = plan.get_url()
    if not base:
        return None
    with translation.override(language):
        return base + plan.reverse_subpage(route, kwargs={"slug": obj.slug})

