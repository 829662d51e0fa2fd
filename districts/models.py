"""Places: the district's sub-districts, business districts and historic quarters."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.search import index

latitude_validators = [MinValueValidator(-90), MaxValueValidator(90)]
longitude_validators = [MinValueValidator(-180), MaxValueValidator(180)]


class District(index.Indexed, models.Model):
    """A named area of Yuzhong: one model, shared by the plan's projects and the visitor pages."""

    class Kind(models.TextChoices):
        SUB_DISTRICT = "sub_district", _("Sub-district (街道)")
        BUSINESS_DISTRICT = "business_district", _("Business district (商圈)")
        HISTORIC_QUARTER = "historic_quarter", _("Historic quarter (历史街区)")

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
