"""The visitors' section: its index, heritage sites (with galleries and visiting facts) and
walking routes, as Wagtail pages translated with Wagtail locales.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
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
from wagtail.search import index

from yuzhong_site.core.blocks import BodyBlock
from yuzhong_site.core.models import BasePage, OrderedChild
from yuzhong_site.core.page_context import BuiltContext, build

from .. import geo
from ..synonyms import terms_for_kinds
from .data import District, clean_coordinate_pair, latitude_field, longitude_field

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
    menu_kept_in_view = True  # visitors find 游渝中 / Visit Yuzhong on the first screen

    class Meta:
        verbose_name = _("visitors' section")
        verbose_name_plural = _("visitors' sections")

    def get_context(self, request, *args, index=True, **kwargs):
        """The index's lists only for the index: a district page (``index=False``) has its own
        context and must not pay for the filters, the routes and a page of sites."""
        context = super().get_context(request, *args, **kwargs)
        if index:
            context.update(build(self, "context", request))
        return context

    @path("")
    def index_route(self, request, *args, **kwargs):
        return self.render(request)

    @path("districts/<slug:slug>/", name="district")
    def district_route(self, request, slug):
        return self.render(
            request,
            context_overrides=build(self, "district", request, slug),
            template="districts/district_page.html",
            index=False,
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


# Chongqing municipality lies within about 28.1–32.3° N and 105.2–110.2° E: a position outside
# this box is a typing mistake (swapped or mistyped digits), not a place in Yuzhong.
CHONGQING_BOUNDS = {"latitude": (28.1, 32.3), "longitude": (105.2, 110.2)}


def clean_chongqing_position(instance):
    """Both coordinates or neither, and inside Chongqing."""
    clean_coordinate_pair(instance)
    if instance.latitude is None or instance.longitude is None:
        return
    errors = {}
    for name in ("latitude", "longitude"):
        low, high = CHONGQING_BOUNDS[name]
        if not low <= float(getattr(instance, name)) <= high:
            errors[name] = _(
                "This position is outside Chongqing (latitude 28.1–32.3, longitude "
                "105.2–110.2, WGS-84). Check the digits and their order."
            )
    if errors:
        raise ValidationError(errors)


class HeritageSitePage(BuiltContext, BasePage):
    """A place to visit: what it is, why it matters, how to get there, when, cost, access."""

    introduction = models.TextField(
        _("introduction"), help_text=_("One or two sentences: what the place is and why it matters.")
    )
    category = models.CharField(_("category"), max_length=32, choices=Category.choices)
    district = models.ForeignKey(
        District, verbose_name=_("district"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="heritage_sites",
    )
    chinese_name = models.CharField(
        _("Chinese name"), max_length=100, blank=True,
        help_text=_("The place's name in Chinese characters, shown to drivers on the English page."),
    )
    pinyin_name = models.CharField(
        _("pinyin"), max_length=150, blank=True,
        help_text=_("The name in pinyin with tone-free spelling, e.g. Shibati."),
    )
    english_name = models.CharField(
        _("English name"), max_length=150, blank=True,
        help_text=_("As in the glossary of place names, so that the Chinese page is found by it."),
    )
    other_names = models.CharField(
        _("other names"), max_length=255, blank=True,
        help_text=_("Other names visitors search for, separated by commas: common English "
                    "names, short forms (e.g. cable car, 索道)."),
    )
    map_search = models.BooleanField(
        _("map links by name"), default=False,
        help_text=_("Offer Amap, Baidu and OpenStreetMap searches for the Chinese name in "
                    "Chongqing (needs the Chinese name). Never a guessed pin."),
    )
    latitude = latitude_field()
    longitude = longitude_field()
    coordinates_approximate = models.BooleanField(
        _("coordinates are approximate"), default=True,
        help_text=_("Say so on the page when the position is only roughly known."),
    )
    unknown_note = models.TextField(
        _("note on what is not known"), blank=True,
        help_text=_("E.g. where published sources disagree and no figure is shown."),
    )
    # Copies kept in step with the visiting facts when the page is saved (read by lists, the
    # open-data API and the search index without a query per page).
    address = models.CharField(_("address"), max_length=255, blank=True, editable=False)
    search_terms = models.TextField(_("search terms"), blank=True, editable=False)
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
                FieldRowPanel([FieldPanel("chinese_name"), FieldPanel("pinyin_name"),
                               FieldPanel("english_name")]),
                FieldPanel("other_names"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                FieldPanel("coordinates_approximate"),
                FieldPanel("map_search"),
            ],
            heading=_("Where"),
        ),
        InlinePanel("visiting_facts", heading=_("Visiting facts"), label=_("Visiting fact")),
        InlinePanel("notices", heading=_("Dated notices"), label=_("Notice")),
        FieldPanel("unknown_note"),
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
        index.SearchField("search_names", boost=5),
        index.SearchField("search_terms", boost=2),
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
        clean_chongqing_position(self)
        if self.map_search and not (self.chinese_name or "").strip():
            raise ValidationError({"map_search": _(
                "Map links by name need the place's Chinese name: give it, or untick this.")})

    def save(self, *args, **kwargs):
        facts = list(self.visiting_facts.all())
        language = getattr(self.locale, "language_code", "zh-hans") if self.locale_id else "zh-hans"
        self.address = next(
            (fact.value_for(language) for fact in facts if fact.kind == FactKind.ADDRESS), ""
        )[:255]
        self.search_terms = self.build_search_terms(facts)
        return super().save(*args, **kwargs)

    def search_names(self):
        """The place's names in every form (Chinese, pinyin, English, other names), weighted
        above its facts' words in search: a place comes first for its own name, before a
        neighbour whose facts mention it."""
        parts = [self.title, self.chinese_name, self.pinyin_name, self.english_name,
                 self.other_names.replace(",", " ").replace("，", " ")]
        return " ".join(part for part in parts if part)

    def build_search_terms(self, facts):
        """Names in every form (Chinese, pinyin, English title) and the visiting words of the
        facts the page has, so that either language's search finds it."""
        parts = [self.search_names()]
        for fact in facts:
            parts += [fact.value_zh, fact.value_en, fact.metro_station]
        parts += terms_for_kinds({fact.kind for fact in facts})
        return " ".join(part for part in parts if part)

    # --- Presentation helpers (no queries beyond what get_context prefetched) ---

    @property
    def has_coordinates(self):
        return self.latitude is not None and self.longitude is not None

    @property
    def map_links(self):
        if not self.has_coordinates:
            return None
        return geo.map_links(self.latitude, self.longitude, self.chinese_name or self.title)

    @property
    def map_search_links(self):
        """Searches for the Chinese name in Chongqing (Amap, Baidu, OpenStreetMap), or None."""
        if not (self.map_search and self.chinese_name):
            return None
        return geo.name_search_links(self.chinese_name)

    @property
    def main_image(self):
        images = list(self.gallery_images.all())
        return images[0] if images else None


class HeritageSiteImage(OrderedChild):
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

    class Meta(OrderedChild.Meta):
        verbose_name = _("gallery image")
        verbose_name_plural = _("gallery images")

    def clean(self):
        super().clean()
        if not (self.alt_text or "").strip():
            raise ValidationError({"alt_text": _("Alternative text is required.")})


class FactKind(models.TextChoices):
    ADDRESS = "address", _("Address")
    HOURS = "hours", _("Opening hours")
    LIGHTING = "lighting", _("Lighting hours")
    CLOSURES = "closures", _("Closures")
    ADMISSION = "admission", _("Admission")
    BOOKING = "booking", _("Booking")
    METRO = "metro", _("Metro")
    BUS = "bus", _("Bus")
    ENTRANCES = "entrances", _("Entrances")
    PHONE = "phone", _("Telephone")
    WECHAT = "wechat", _("WeChat account")
    VISIT_LENGTH = "visit_length", _("Visit length")
    ACCESSIBILITY = "accessibility", _("Step-free access")
    CAPACITY = "capacity", _("Crowds and traffic controls")
    SIZE = "size", _("Size and layout")
    FACILITIES = "facilities", _("Facilities")


# Kinds with one true value (one address, one set of hours…): two sources saying different
# things about them are a conflict by themselves. For the other kinds (several stations, several
# bus lines) the editor marks a conflict with ``VisitingFact.disagrees``.
SINGLE_VALUE_KINDS = {
    FactKind.ADDRESS, FactKind.HOURS, FactKind.LIGHTING, FactKind.ADMISSION, FactKind.PHONE,
    FactKind.SIZE,
}

# The kinds a visitor expects on every page: those missing are listed in one "not known" line.
EXPECTED_FACT_KINDS = [
    FactKind.ADDRESS, FactKind.HOURS, FactKind.ADMISSION, FactKind.METRO,
    FactKind.VISIT_LENGTH, FactKind.ACCESSIBILITY,
]


class SourceTier(models.TextChoices):
    OFFICIAL = "official", _("official source (government)")
    MEDIA = "media", _("news media")
    REPORTED = "reported", _("website other than government or news media")
    UNSOURCED = "unsourced", _("no source recorded")


class VisitingFact(OrderedChild):
    """One visiting fact of a heritage site, with the words in both languages, who said so and
    when it was checked. Structured values (times, price, metro) where they exist."""

    page = ParentalKey(HeritageSitePage, on_delete=models.CASCADE, related_name="visiting_facts")
    kind = models.CharField(_("kind"), max_length=20, choices=FactKind.choices)
    value_zh = models.TextField(_("value (Chinese)"))
    value_en = models.TextField(_("value (English)"), blank=True)
    opens = models.TimeField(_("opens"), null=True, blank=True,
                             help_text=_("Opening hours: the time it opens every day."))
    closes = models.TimeField(_("closes"), null=True, blank=True)
    price_yuan = models.DecimalField(
        _("price (yuan)"), max_digits=8, decimal_places=2, null=True, blank=True,
        help_text=_("Admission: the adult price; 0 means free."),
    )
    metro_lines = models.CharField(_("metro lines"), max_length=50, blank=True,
                                   help_text=_("E.g. 1, 2"))
    metro_station = models.CharField(_("metro station"), max_length=100, blank=True,
                                     help_text=_("In Chinese, e.g. 较场口"))
    metro_exit = models.CharField(_("metro exit"), max_length=50, blank=True)
    source_name = models.CharField(_("source"), max_length=200, blank=True)
    source_url = models.URLField(_("source link"), max_length=500, blank=True)
    tier = models.CharField(_("source tier"), max_length=16, choices=SourceTier.choices,
                            default=SourceTier.REPORTED)
    source_date = models.CharField(
        _("source date"), max_length=10, blank=True,
        validators=[RegexValidator(r"^\d{4}(-\d{2}(-\d{2})?)?$", _(
            "Write the date as the source gives it: 2025, 2024-09 or 2025-09-01."))],
        help_text=_("When the source published it, as precisely as it says: 2025, 2024-09 or "
                    "2025-09-01."),
    )
    checked_on = models.DateField(
        _("checked on"), null=True, blank=True,
        help_text=_("When an editor last checked the fact against its source."),
    )
    disagrees = models.BooleanField(
        _("disagrees with another source"), default=False,
        help_text=_("Tick when another fact of the same kind, from another source, says "
                    "something different: the page then shows them as a conflict."),
    )

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("tier")]),
        FieldPanel("value_zh"),
        FieldPanel("value_en"),
        FieldRowPanel([FieldPanel("opens"), FieldPanel("closes"), FieldPanel("price_yuan")]),
        FieldRowPanel([FieldPanel("metro_lines"), FieldPanel("metro_station"),
                       FieldPanel("metro_exit")]),
        FieldRowPanel([FieldPanel("source_name"), FieldPanel("source_url")]),
        FieldRowPanel([FieldPanel("source_date"), FieldPanel("checked_on")]),
        FieldPanel("disagrees"),
    ]

    class Meta(OrderedChild.Meta):
        verbose_name = _("visiting fact")
        verbose_name_plural = _("visiting facts")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.value_zh}"

    def value_for(self, language):
        if language == "en":
            return self.value_en or self.value_zh
        return self.value_zh

    def clean(self):
        super().clean()
        errors = {}
        if self.opens and self.closes and self.closes <= self.opens:
            errors["closes"] = _("The closing time must be later than the opening time.")
        if (self.opens is None) != (self.closes is None):
            errors["closes" if self.closes is None else "opens"] = _(
                "Give both the opening and the closing time, or neither."
            )
        if self.price_yuan is not None and self.price_yuan < 0:
            errors["price_yuan"] = _("A price cannot be below zero.")
        if self.metro_exit and not self.metro_station:
            errors["metro_station"] = _("Name the station the exit belongs to.")
        if self.checked_on and self.checked_on > timezone.localdate():
            errors["checked_on"] = _("The date it was checked cannot be in the future.")
        if self.source_date and self.source_date > timezone.localdate().isoformat():
            errors["source_date"] = _("The source's date cannot be in the future.")
        if self.tier != SourceTier.UNSOURCED and not self.source_name:
            errors["source_name"] = _("Say who published this fact.")
        if errors:
            raise ValidationError(errors)


# --- Walking routes --------------------------------------------------------------------------


class TourBrand(models.TextChoices):
    MOTHER_CITY = "mother_city", _("Mother City culture tour")
    RED_CULTURE = "red_culture", _("Red culture tour")
    MOUNTAIN_RIVER = "mountain_river", _("Mountain-and-river city tour")
    BUSINESS = "business", _("Business and shopping tour")


class RoutePage(BuiltContext, BasePage):
    """A walking route: ordered stops with walking time, distance and gradient notes per leg."""

    introduction = models.TextField(_("introduction"), blank=True)
    brand = models.CharField(_("tour brand"), max_length=32, choices=TourBrand.choices, blank=True)
    is_itinerary = models.BooleanField(
        _("themed itinerary, not one walk"), default=False,
        help_text=_("Tick when the stops cannot be walked as a whole: the page then calls it a "
                    "themed itinerary and gives the transport between its parts."),
    )
    step_free_alternative = models.TextField(
        _("step-free alternative"), blank=True,
        help_text=_("A way round the stairs for wheelchairs and prams, where one exists."),
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = BasePage.content_panels + [
        FieldPanel("introduction"),
        FieldRowPanel([FieldPanel("brand"), FieldPanel("is_itinerary")]),
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


class RouteStop(OrderedChild):
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
    transit_note = models.CharField(
        _("metro or bus for this leg"), max_length=255, blank=True,
        help_text=_("For a long leg: the line and stations to take instead of walking."),
    )

    panels = [
        FieldPanel("site"),
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
        FieldRowPanel([FieldPanel("walk_minutes"), FieldPanel("walk_metres")]),
        FieldPanel("leg_note"),
        FieldPanel("step_free_note"),
        FieldPanel("transit_note"),
    ]

    class Meta(OrderedChild.Meta):
        verbose_name = _("route stop")
        verbose_name_plural = _("route stops")

    def clean(self):
        super().clean()
        clean_chongqing_position(self)
        if not self.site_id and not self.name:
            raise ValidationError({"name": _("Choose a heritage site or name the point.")})
