"""Places: the district's areas (District), the visitors' section, heritage sites and routes.

Data (District) is a django-modeltranslation model registered as a snippet; editorial content
(VisitIndexPage, HeritageSitePage, RoutePage) is Wagtail pages, translated with Wagtail locales.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from yuzhong_site.core.blocks import BodyBlock
from yuzhong_site.core.models import BasePage
from yuzhong_site.core.validators import latitude_validators, longitude_validators

from . import geo


def latitude_field(**kwargs):
    return models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True,
        validators=latitude_validators,
        help_text=_("Decimal degrees, −90 to 90 (WGS 84)."), **kwargs,
    )


def longitude_field(**kwargs):
    return models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True,
        validators=longitude_validators,
        help_text=_("Decimal degrees, −180 to 180 (WGS 84)."), **kwargs,
    )


def clean_coordinate_pair(instance):
    """Both coordinates or neither: half a position is no position."""
    if (instance.latitude is None) != (instance.longitude is None):
        message = _("Give both latitude and longitude, or neither.")
        raise ValidationError({"latitude": message, "longitude": message})


class District(index.Indexed, models.Model):
    """A named area of Yuzhong: one model, shared by the plan's projects and the visitor pages."""

    class Kind(models.TextChoices):
        # One label per language, used everywhere (site, downloads, API, admin).
        SUB_DISTRICT = "sub_district", _("Sub-district")
        BUSINESS_DISTRICT = "business_district", _("Business district")
        HISTORIC_QUARTER = "historic_quarter", _("Historic quarter")

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    description = models.TextField(_("description"), blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True,
        validators=latitude_validators,
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True,
        validators=longitude_validators,
    )
    sort_order = models.PositiveIntegerField(_("sort order"), default=0)

    panels = [
        MultiFieldPanel(
            [FieldPanel("name_zh_hans"), FieldPanel("name_en")], heading=_("Name")
        ),
        FieldPanel("slug"),
        FieldPanel("kind"),
        MultiFieldPanel(
            [FieldPanel("description_zh_hans"), FieldPanel("description_en")],
            heading=_("Description"),
        ),
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")], heading=_("Centre")),
        FieldPanel("sort_order"),
    ]
    search_fields = [
        index.SearchField("name_zh_hans"),
        index.SearchField("name_en"),
        index.AutocompleteField("name_zh_hans"),
        index.FilterField("kind"),
    ]

    class Meta:
        ordering = ["sort_order", "slug"]
        verbose_name = _("district")
        verbose_name_plural = _("districts")

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        clean_coordinate_pair(self)


# --- The visitors' section -------------------------------------------------------------------

SITES_PER_PAGE = 24


class VisitIndexPage(RoutablePageMixin, BasePage):
    """“Visit Yuzhong” (游渝中): heritage sites with filters, routes, and district sub-pages."""

    introduction = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = BasePage.content_panels + [FieldPanel("introduction"), FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("introduction")]
    subpage_types = ["districts.HeritageSitePage", "districts.RoutePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("visitors' section")
        verbose_name_plural = _("visitors' sections")

    def get_context(self, request, *args, **kwargs):
        from .views import visit_index_context

        context = super().get_context(request, *args, **kwargs)
        context.update(visit_index_context(self, request))
        return context

    @path("")
    def index_route(self, request, *args, **kwargs):
        return self.render(request)

    @path("districts/<slug:slug>/", name="district")
    def district_route(self, request, slug):
        from .views import district_context

        return self.render(
            request,
            context_overrides=district_context(self, request, slug),
            template="districts/district_page.html",
        )

    def district_url(self, district, request=None):
        return self.get_url(request) + self.reverse_subpage("district", args=(district.slug,))


# --- Heritage sites --------------------------------------------------------------------------


class Category(models.TextChoices):
    REVOLUTIONARY_RELIC = "revolutionary_relic", _("Revolutionary relic")
    WAR_OF_RESISTANCE_RELIC = "war_of_resistance_relic", _("War of Resistance relic")
    CITY_WALL = "city_wall", _("City-wall site")
    GROTTO_CARVING = "grotto_carving", _("Grotto and stone carving")
    OUTSTANDING_BUILDING = "outstanding_building", _("Outstanding building")
    TRADITIONAL_QUARTER = "traditional_quarter", _("Traditional quarter")
    OLD_STREET = "old_street", _("Old mountain-city street")
    SCENIC_SPOT = "scenic_spot", _("Scenic spot")


class Admission(models.TextChoices):
    UNKNOWN = "unknown", _("Not confirmed: check before you visit")
    FREE = "free", _("Free")
    PAID = "paid", _("Ticket required")


class StepFree(models.TextChoices):
    UNKNOWN = "unknown", _("Not confirmed: check before you visit")
    YES = "yes", _("Step-free")
    PARTLY = "partly", _("Partly step-free")
    NO = "no", _("Not step-free")


WEEKDAYS = [
    ("Monday", _("Monday")),
    ("Tuesday", _("Tuesday")),
    ("Wednesday", _("Wednesday")),
    ("Thursday", _("Thursday")),
    ("Friday", _("Friday")),
    ("Saturday", _("Saturday")),
    ("Sunday", _("Sunday")),
]


class OpeningHoursBlock(blocks.StructBlock):
    """Hours for a set of weekdays (schema.org OpeningHoursSpecification)."""

    days = blocks.MultipleChoiceBlock(choices=WEEKDAYS, label=_("Days"))
    closed = blocks.BooleanBlock(
        required=False, label=_("Closed all day on these days")
    )
    opens = blocks.TimeBlock(required=False, label=_("Opens"))
    closes = blocks.TimeBlock(required=False, label=_("Closes"))

    class Meta:
        icon = "time"
        label = _("Opening hours")

    def clean(self, value):
        value = super().clean(value)
        if not value.get("closed"):
            errors = {}
            if not value.get("opens"):
                errors["opens"] = ValidationError(_("Give an opening time, or tick “closed”."))
            if not value.get("closes"):
                errors["closes"] = ValidationError(_("Give a closing time, or tick “closed”."))
            if errors:
                raise blocks.StructBlockValidationError(block_errors=errors)
        return value


class HeritageSitePage(BasePage):
    """A place to visit: what it is, why it matters, how to get there, when, cost, access."""

    introduction = models.TextField(
        _("introduction"), help_text=_("One or two sentences: what the place is and why it matters.")
    )
    category = models.CharField(_("category"), max_length=32, choices=Category.choices)
    district = models.ForeignKey(
        District, verbose_name=_("district"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="heritage_sites",
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    latitude = latitude_field()
    longitude = longitude_field()
    coordinates_approximate = models.BooleanField(
        _("coordinates are approximate"), default=True,
        help_text=_("Say so on the page when the position is only roughly known."),
    )
    # When is it open?
    opening_hours = StreamField(
        [("hours", OpeningHoursBlock())], blank=True, verbose_name=_("opening hours")
    )
    opening_notes = models.TextField(
        _("closures and notes"), blank=True,
        help_text=_("Holiday closures, last entry, seasonal changes."),
    )
    # What does it cost?
    admission = models.CharField(
        _("admission"), max_length=16, choices=Admission.choices, default=Admission.UNKNOWN
    )
    admission_price = models.CharField(_("price"), max_length=255, blank=True)
    booking_required = models.BooleanField(_("booking required"), default=False)
    how_to_book = models.TextField(_("how to book"), blank=True)
    public_access = models.BooleanField(
        _("open to the public"), null=True, blank=True,
        help_text=_("Leave empty when not confirmed."),
    )
    # How do I get there?
    metro_line = models.CharField(_("metro line"), max_length=100, blank=True)
    metro_station = models.CharField(_("metro station"), max_length=100, blank=True)
    metro_exit = models.CharField(_("metro exit"), max_length=100, blank=True)
    bus = models.TextField(_("bus"), blank=True)
    # Can I manage it?
    step_free = models.CharField(
        _("step-free access"), max_length=16, choices=StepFree.choices, default=StepFree.UNKNOWN
    )
    access_steps = models.TextField(_("steps and stairs"), blank=True)
    access_slopes = models.TextField(_("slopes"), blank=True)
    access_lifts = models.TextField(_("lifts and escalators"), blank=True)
    access_alternative = models.TextField(_("step-free alternative"), blank=True)
    visit_minutes = models.PositiveSmallIntegerField(
        _("typical visit length (minutes)"), null=True, blank=True,
        validators=[MinValueValidator(5), MaxValueValidator(24 * 60)],
    )
    history = StreamField(BodyBlock(), blank=True, verbose_name=_("history"))
    # The plan project this place is (十八梯, 戴家巷崖壁步道…): each page shows the other.
    # A string reference, so that plans never imports the visitor pages.
    related_project = models.ForeignKey(
        "plans.Project", verbose_name=_("related plan project"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="heritage_sites",
        help_text=_(
            "The plan project this place is part of, if any. Set it on the Chinese page: "
            "the English page shows the same project."
        ),
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("introduction"),
        FieldRowPanel([FieldPanel("category"), FieldPanel("district")]),
        FieldPanel("related_project"),
        InlinePanel("gallery_images", heading=_("Gallery"), label=_("Image")),
        FieldPanel("history"),
    ]
    visiting_panels = [
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                FieldPanel("coordinates_approximate"),
            ],
            heading=_("Where"),
        ),
        MultiFieldPanel(
            [FieldPanel("opening_hours"), FieldPanel("opening_notes"), FieldPanel("public_access")],
            heading=_("When"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("admission"),
                FieldPanel("admission_price"),
                FieldPanel("booking_required"),
                FieldPanel("how_to_book"),
            ],
            heading=_("Admission"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("metro_line"), FieldPanel("metro_station"), FieldPanel("metro_exit")]
                ),
                FieldPanel("bus"),
            ],
            heading=_("Getting there"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("step_free"),
                FieldPanel("access_steps"),
                FieldPanel("access_slopes"),
                FieldPanel("access_lifts"),
                FieldPanel("access_alternative"),
                FieldPanel("visit_minutes"),
            ],
            heading=_("Accessibility and visit length"),
        ),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(visiting_panels, heading=_("Visiting")),
            ObjectList(BasePage.promote_panels, heading=_("Promote")),
            ObjectList(BasePage.settings_panels, heading=_("Settings")),
        ]
    )
    search_fields = BasePage.search_fields + [
        index.SearchField("introduction"),
        index.SearchField("address"),
        index.SearchField("history"),
        index.FilterField("category"),
        index.FilterField("district"),
    ]
    parent_page_types = ["districts.VisitIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("heritage site")
        verbose_name_plural = _("heritage sites")

    def clean(self):
        super().clean()
        clean_coordinate_pair(self)
        if self.admission == Admission.PAID and not self.admission_price:
            raise ValidationError({"admission_price": _("Give the price, or choose another option.")})
        if self.booking_required and not self.how_to_book:
            raise ValidationError({"how_to_book": _("Say how to book.")})

    # --- Presentation helpers (no queries beyond what get_context prefetched) ---

    @property
    def has_coordinates(self):
        return self.latitude is not None and self.longitude is not None

    @property
    def map_links(self):
        if not self.has_coordinates:
            return None
        return geo.map_links(self.latitude, self.longitude, self.title)

    @property
    def main_image(self):
        images = list(self.gallery_images.all())
        return images[0] if images else None

    def opening_hours_by_day(self):
        return geo.opening_hours_by_day(self.opening_hours, WEEKDAYS)

    def get_context(self, request, *args, **kwargs):
        from .views import heritage_site_context

        context = super().get_context(request, *args, **kwargs)
        context.update(heritage_site_context(self, request))
        return context


class HeritageSiteImage(Orderable):
    """One picture in a heritage site's gallery; alt text is required (publishing fails without)."""

    page = ParentalKey(HeritageSitePage, on_delete=models.CASCADE, related_name="gallery_images")
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("image"), on_delete=models.CASCADE, related_name="+"
    )
    alt_text = models.CharField(
        _("alternative text"), max_length=255,
        help_text=_("Describe the image for people who cannot see it. Required."),
    )
    caption = models.CharField(_("caption"), max_length=255, blank=True)

    panels = [FieldPanel("image"), FieldPanel("alt_text"), FieldPanel("caption")]

    class Meta(Orderable.Meta):
        verbose_name = _("gallery image")
        verbose_name_plural = _("gallery images")

    def clean(self):
        super().clean()
        if not (self.alt_text or "").strip():
            raise ValidationError({"alt_text": _("Alternative text is required.")})


# --- Walking routes --------------------------------------------------------------------------


class TourBrand(models.TextChoices):
    MOTHER_CITY = "mother_city", _("Mother City culture tour (母城文化游)")
    RED_CULTURE = "red_culture", _("Red culture tour (红色文化游)")
    MOUNTAIN_RIVER = "mountain_river", _("Mountain-and-river city tour (山水都市游)")
    BUSINESS = "business", _("Business tour (商务商贸游)")


class RoutePage(BasePage):
    """A walking route: ordered stops with walking time, distance and gradient notes per leg."""

    introduction = models.TextField(_("introduction"), blank=True)
    brand = models.CharField(_("tour brand"), max_length=32, choices=TourBrand.choices, blank=True)
    step_free_alternative = models.TextField(
        _("step-free alternative"), blank=True,
        help_text=_("A way round the stairs for wheelchairs and prams, where one exists."),
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = BasePage.content_panels + [
        FieldPanel("introduction"),
        FieldPanel("brand"),
        InlinePanel("stops", heading=_("Stops"), label=_("Stop"), min_num=1),
        FieldPanel("step_free_alternative"),
        FieldPanel("body"),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("introduction")]
    parent_page_types = ["districts.VisitIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("walking route")
        verbose_name_plural = _("walking routes")

    def get_context(self, request, *args, **kwargs):
        from .views import route_context

        context = super().get_context(request, *args, **kwargs)
        context.update(route_context(self, request))
        return context


class RouteStop(Orderable):
    """A stop: a heritage site page, or a named point with its own coordinates."""

    page = ParentalKey(RoutePage, on_delete=models.CASCADE, related_name="stops")
    site = models.ForeignKey(
        HeritageSitePage, verbose_name=_("heritage site"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
        help_text=_("Choose the Chinese page; visitors see it in their language."),
    )
    name = models.CharField(
        _("named point"), max_length=150, blank=True,
        help_text=_("For a stop that is not a heritage site (a square, a viewpoint)."),
    )
    latitude = latitude_field()
    longitude = longitude_field()
    walk_minutes = models.PositiveSmallIntegerField(
        _("walking time from the previous stop (minutes)"), null=True, blank=True,
        validators=[MaxValueValidator(600)],
    )
    walk_metres = models.PositiveIntegerField(
        _("walking distance from the previous stop (metres)"), null=True, blank=True,
        validators=[MaxValueValidator(50_000)],
    )
    leg_note = models.CharField(
        _("stairs and gradient on the way here"), max_length=255, blank=True
    )
    step_free_note = models.CharField(
        _("step-free alternative for this leg"), max_length=255, blank=True
    )

    panels = [
        FieldPanel("site"),
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
        FieldRowPanel([FieldPanel("walk_minutes"), FieldPanel("walk_metres")]),
        FieldPanel("leg_note"),
        FieldPanel("step_free_note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("route stop")
        verbose_name_plural = _("route stops")

    def clean(self):
        super().clean()
        clean_coordinate_pair(self)
        if not self.site_id and not self.name:
            raise ValidationError({"name": _("Choose a heritage site or name the point.")})
