"""The district's named areas (District): a django-modeltranslation model registered as a
snippet, shared by the plan's projects and the visitor pages.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
)
from wagtail.search import index

from yuzhong_site.core.validators import latitude_validators, longitude_validators


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
