"""Dated notices of a place (closures, holiday crowd controls, booking rules) and the age rule
of visiting facts.

Kept in one module of the ``districts.models`` package, so these additions move as one piece.
A notice is in force from its first to its last day inclusive, in the site's time zone: the
page and the /visit/ badge read ``timezone.localdate()`` when they render, and every cached
copy of a page or card is keyed by the local date (``core/cache.py``, ``core/fragments.py``),
so a notice appears and disappears at local midnight without a publish.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel

from yuzhong_site.core.models import OrderedChild

from .pages import SourceTier

# A visiting fact whose source is older than this many years says so on the page.
FACT_AGE_YEARS = 2


def source_date_end(value):
    """The last day a partial source date ("2019", "2024-09", "2025-09-01") can mean, or None.

    A fact counts as old only when even the latest day its date allows is too long ago."""
    if not value:
        return None
    parts = [int(part) for part in str(value).split("-")]
    if len(parts) == 1:
        return datetime.date(parts[0], 12, 31)
    if len(parts) == 2:
        year, month = parts
        following = datetime.date(year + (month == 12), month % 12 + 1, 1)
        return following - datetime.timedelta(days=1)
    return datetime.date(*parts)


def age_limit(today=None):
    today = today or timezone.localdate()
    try:
        return today.replace(year=today.year - FACT_AGE_YEARS)
    except ValueError:  # 29 February
        return today.replace(year=today.year - FACT_AGE_YEARS, day=28)


def is_old(source_date, today=None):
    """Whether a source dated ``source_date`` is more than two years old (undated: not known,
    so not called old — the page says "the source gives no date" instead)."""
    end = source_date_end(source_date)
    return end is not None and end < age_limit(today)


class NoticeKind(models.TextChoices):
    CLOSURE = "closure", _("Closure")
    CROWD_CONTROL = "crowd_control", _("Crowd control")
    BOOKING_RULE = "booking_rule", _("Booking rule")
    CHANGED_HOURS = "changed_hours", _("Changed hours")


class PlaceNotice(OrderedChild):
    """A notice for a place, in force from ``starts_on`` to ``ends_on`` (both inclusive)."""

    page = ParentalKey("districts.HeritageSitePage", on_delete=models.CASCADE,
                       related_name="notices")
    kind = models.CharField(_("kind"), max_length=20, choices=NoticeKind.choices)
    text_zh = models.TextField(_("notice (Chinese)"))
    text_en = models.TextField(_("notice (English)"), blank=True)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    source_name = models.CharField(_("source"), max_length=200, blank=True)
    source_url = models.URLField(_("source link"), max_length=500, blank=True)
    # a notice always names its source: the visiting facts' tiers but "no source recorded"
    tier = models.CharField(_("source tier"), max_length=16, default=SourceTier.REPORTED,
                            choices=[c for c in SourceTier.choices if c[0] != SourceTier.UNSOURCED])
    source_date = models.CharField(
        _("source date"), max_length=10, blank=True,
        help_text=_("When the source published it, as precisely as it says: 2025, 2024-09 or "
                    "2025-09-01."),
    )

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("starts_on"), FieldPanel("ends_on")]),
        FieldPanel("text_zh"),
        FieldPanel("text_en"),
        FieldRowPanel([FieldPanel("source_name"), FieldPanel("source_url")]),
        FieldRowPanel([FieldPanel("tier"), FieldPanel("source_date")]),
    ]

    class Meta(OrderedChild.Meta):
        verbose_name = _("notice")
        verbose_name_plural = _("notices")

    def __str__(self):
        return f"{self.get_kind_display()} {self.starts_on}–{self.ends_on}"

    def text_for(self, language):
        return self.text_en or self.text_zh if language == "en" else self.text_zh

    def state(self, today=None):
        """"current", "upcoming" or "past" on ``today`` (the site's local date)."""
        today = today or timezone.localdate()
        if today < self.starts_on:
            return "upcoming"
        return "past" if today > self.ends_on else "current"

    def clean(self):
        super().clean()
        errors = {}
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _(
                "The last day cannot be before the first day.")
        if not (self.source_name or "").strip():
            errors["source_name"] = _(
                "Say who published this notice.")
        if not (self.source_url or "").strip():
            errors["source_url"] = _(
                "Give a link to the source of this notice.")
        if errors:
            raise ValidationError(errors)


def notices_by_state(notices, today=None):
    """{"current": [...], "upcoming": [...], "past": [...]} — past ones newest first."""
    today = today or timezone.localdate()
    grouped = {"current": [], "upcoming": [], "past": []}
    for notice in sorted(notices, key=lambda n: (n.starts_on, n.ends_on)):
        grouped[notice.state(today)].append(notice)
    grouped["past"].reverse()
    return grouped
