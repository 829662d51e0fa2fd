"""Erasing and exporting residents' personal data (PIPL).

* ``erase_expired``: contact details of items closed more than
  ``FEEDBACK_CONTACT_RETENTION_MONTHS`` (default 12) months ago are deleted; the items stay
  (a published question and its reply remain public, without them).
* ``find_contacts`` / ``export_person`` / ``erase_person``: one person's data, looked up by
  e-mail or mobile number, for a moderator answering a request.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from .forms import normalise_email, normalise_phone
from .models import ConsultationResponse, Contact, ErrorReport, Question


def retention():
    return timedelta(days=round(30.44 * getattr(settings, "FEEDBACK_CONTACT_RETENTION_MONTHS", 12)))


def erase_expired(now=None):
    """Delete the contacts of every item closed before the retention period; returns how many."""
    cutoff = (now or timezone.now()) - retention()
    ids = set()
    for model in (ErrorReport, Question, ConsultationResponse):
        ids |= set(model.objects.filter(closed_at__lt=cutoff).exclude(contact=None)
                   .values_list("contact_id", flat=True))
    # a contact still used by an open item stays until that one is closed long enough too
    for model in (ErrorReport, Question, ConsultationResponse):
        ids -= set(model.objects.filter(contact_id__in=ids)
                   .filter(Q(closed_at=None) | Q(closed_at__gte=cutoff))
                   .values_list("contact_id", flat=True))
    with transaction.atomic():
        deleted, _by_model = Contact.objects.filter(pk__in=ids).delete()
    return len(ids)


def find_contacts(value):
    value = (value or "").strip()
    try:
        if "@" in value:
            return Contact.objects.filter(email__iexact=normalise_email(value))
        return Contact.objects.filter(phone=normalise_phone(value))
    except Exception:  # noqa: BLE001 - a malformed value finds nobody
        return Contact.objects.none()


def export_person(value):
    """Everything kept about the person with this e-mail or mobile number, as plain data."""
    contacts = list(find_contacts(value))
    ids = [contact.pk for contact in contacts]
    return {
        "contacts": [{"email": c.email, "phone": c.phone, "created_at": c.created_at.isoformat()}
                     for c in contacts],
        "error_reports": [
            {"received_at": r.received_at.isoformat(), "page_url": r.page_url,
             "what_is_wrong": r.what_is_wrong, "what_is_right": r.what_is_right,
             "source": r.source, "state": r.state}
            for r in ErrorReport.objects.filter(contact_id__in=ids)
        ],
        "questions": [
            {"code": q.code, "received_at": q.received_at.isoformat(), "text": q.text,
             "display_name": q.display_name, "state": q.state, "published": q.published}
            for q in Question.objects.filter(contact_id__in=ids)
        ],
        "consultation_responses": [
            {"received_at": r.received_at.isoformat(), "consultation": r.consultation.title,
             "text": r.text}
            for r in ConsultationResponse.objects.filter(contact_id__in=ids)
            .select_related("consultation")
        ],
    }


def erase_person(value):
    """Delete this person's contact details (and unsent e-mail to them); unpublished questions
    and reports lose their link to them. Returns the number of contacts erased."""
    with transaction.atomic():
        contacts = find_contacts(value)
        count = contacts.count()
        contacts.delete()
    return count
