"""The residents' forms: plain text only, length-limited, with a honeypot and consent.

Text is kept as typed (control characters removed) and escaped wherever it is shown; nothing is
public until a moderator publishes it. Contact details are cleaned here and stored apart
(``models.Contact``).
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from districts.models import HeritageSitePage
from plans.models import PillarPage, Project
from yuzhong_site.core.i18n import default_locale
from yuzhong_site.core.text import strip_control_characters

from .models import SHORT_MAX, TEXT_MAX, Question

# Mainland China mobile numbers: 11 digits starting 1[3-9]; +86 / 0086 and spaces or dashes
# between the digits are accepted and removed.
MOBILE = re.compile(r"^1[3-9]\d{9}$")


def clean_text(value):
    return strip_control_characters(value or "").strip()


def normalise_phone(value):
    digits = re.sub(r"[\s\-()]", "", value or "")
    for prefix in ("+86", "0086"):
        if digits.startswith(prefix):
            digits = digits[len(prefix):]
    if not MOBILE.match(digits):
        raise ValidationError(
            _("Enter an 11-digit mainland mobile number, e.g. 138 1234 5678."), code="phone"
        )
    return digits


def normalise_email(value):
    email = (value or "").strip()
    if " " in email:
        raise ValidationError(_("An e-mail address has no spaces in it."), code="email_spaces")
    validate_email(email)
    name, _at, domain = email.rpartition("@")
    return f"{name}@{domain.lower()}"


class TextArea(forms.Textarea):
    def __init__(self, rows=5, **attrs):
        super().__init__(attrs={"rows": rows, **attrs})


class FeedbackForm(forms.Form):
    """Shared: the honeypot, consent, and text cleaning of every field."""

    # Hidden from people (CSS and aria-hidden), filled in by bots: a filled one is not saved.
    website = forms.CharField(required=False, label=_("Leave this empty"),
                              widget=forms.TextInput(attrs={"autocomplete": "off",
                                                            "tabindex": "-1"}))
    consent = forms.BooleanField(
        label=_("I have read the privacy notice and agree that my contact details are used "
                "to answer me."),
        required=False,
    )
    consent_required = True

    def clean(self):
        cleaned = super().clean()
        for name, value in list(cleaned.items()):
            if isinstance(value, str):
                cleaned[name] = clean_text(value)
        if self.consent_required and not cleaned.get("consent"):
            self.add_error("consent", _("Please agree to the privacy notice to send this."))
        return cleaned

    @property
    def is_bot(self):
        return bool(self.data.get("website"))


class ErrorReportForm(FeedbackForm):
    url = forms.CharField(widget=forms.HiddenInput, max_length=500)
    figure = forms.CharField(label=_("Which figure or sentence (optional)"), required=False,
                             max_length=SHORT_MAX)
    what_is_wrong = forms.CharField(label=_("What is wrong?"), max_length=TEXT_MAX,
                                    widget=TextArea(4))
    what_is_right = forms.CharField(label=_("What is right? (optional)"), required=False,
                                    max_length=TEXT_MAX, widget=TextArea(4))
    source = forms.CharField(label=_("Your source, if you have one (optional)"),
                             required=False, max_length=500,
                             help_text=_("A web address, a document or where you saw it."))
    email = forms.CharField(
        label=_("Your e-mail, if you want to hear the outcome (optional)"), required=False,
        max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    field_order = ["figure", "what_is_wrong", "what_is_right", "source", "email", "consent"]

    def clean_email(self):
        value = self.cleaned_data.get("email", "").strip()
        return normalise_email(value) if value else ""

    def clean(self):
        # Consent is asked for only when contact details are given (nothing personal otherwise).
        self.consent_required = bool((self.data.get("email") or "").strip())
        return super().clean()


class QuestionForm(FeedbackForm):
    topic = forms.ChoiceField(label=_("What is it about?"), choices=())
    text = forms.CharField(label=_("Your question"), max_length=TEXT_MAX, widget=TextArea(6),
                           help_text=_("Plain text, up to 2,000 characters. It is published "
                                       "only after a moderator has read it, with the reply."))
    display_name = forms.CharField(
        label=_("Name shown with your question (optional)"), required=False, max_length=50,
        help_text=_("Leave empty to be shown as “a resident”."),
    )
    contact = forms.CharField(
        label=_("Your e-mail or mobile number (required, never shown)"), max_length=254,
        help_text=_("Only to send you the tracking code and the reply; see the privacy notice."),
        widget=forms.TextInput(attrs={"autocomplete": "email"}),
    )

    field_order = ["topic", "text", "display_name", "contact", "consent"]

    def __init__(self, *args, topics=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = topics

    def clean_contact(self):
        value = self.cleaned_data.get("contact", "").strip()
        if "@" in value:
            return ("email", normalise_email(value))
        if re.search(r"\d", value) and not re.search(r"[A-Za-z]", value):
            return ("phone", normalise_phone(value))
        raise ValidationError(
            _("Enter an e-mail address (name@example.org) or an 11-digit mobile number."),
            code="contact",
        )


def topic_choices(language):
    """("general", …), ("pillar:<pk>", …), ("project:<pk>", …), ("place:<pk>", …) in groups,
    named in ``language``: three queries, whatever the amount of content."""
    default = default_locale()
    english = language == "en"
    pillars = PillarPage.objects.live().filter(locale=default).order_by("path")
    if english:
        titles = dict(PillarPage.objects.live().filter(locale__language_code="en")
                      .values_list("translation_key", "title"))
    projects = Project.objects.filter(live=True).order_by("sort_order", "pk")
    places = HeritageSitePage.objects.live().filter(locale=default).order_by("title")
    if english:
        place_titles = dict(HeritageSitePage.objects.live().filter(locale__language_code="en")
                            .values_list("translation_key", "title"))
    return [
        ("general", _("General: the plan or the site")),
        (_("A part of the plan"), [
            (f"pillar:{p.pk}", titles.get(p.translation_key, p.title) if english else p.title)
            for p in pillars
        ]),
        (_("A project"), [
            (f"project:{p.pk}", (p.name_en or p.name) if english else p.name) for p in projects
        ]),
        (_("A place"), [
            (f"place:{p.pk}", place_titles.get(p.translation_key, p.title) if english else p.title)
            for p in places
        ]),
    ]


def topic_from_choice(value):
    """``(topic, {field: pk})`` for a choice value."""
    kind, _sep, pk = (value or "general").partition(":")
    if kind in (Question.Topic.PILLAR, Question.Topic.PROJECT, Question.Topic.PLACE) and pk.isdigit():
        return kind, {f"{kind}_id": int(pk)}
    return Question.Topic.GENERAL, {}


class ConsultationForm(FeedbackForm):
    text = forms.CharField(label=_("Your views on the draft"), max_length=TEXT_MAX,
                           widget=TextArea(8),
                           help_text=_("Plain text, up to 2,000 characters. Responses are not "
                                       "published one by one; the report says what was adopted."))
    contact = forms.CharField(
        label=_("Your e-mail or mobile number, if we may ask you more (optional, never shown)"),
        required=False, max_length=254, widget=forms.TextInput(attrs={"autocomplete": "email"}),
    )
    field_order = ["text", "contact", "consent"]

    def clean_contact(self):
        value = self.cleaned_data.get("contact", "").strip()
        if not value:
            return None
        return QuestionForm.clean_contact(self)

    def clean(self):
        self.consent_required = bool((self.data.get("contact") or "").strip())
        return super().clean()
