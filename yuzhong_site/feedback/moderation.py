"""Who handles what, and what happens when a moderator moves an item on.

* An item belongs to a section (a pillar, the visitors' section) or to none. A user may see and
  handle it when they hold the model's "change" permission and may edit the section's page
  (the per-pillar editor groups of plans/editorial.py), or, for items without a section, when
  they are in the 审核 group. The 审核 group and administrators see every item.
* Closing a 纠错 report (corrected / not an error) e-mails the reporter the outcome, once.
* Publishing a question needs a reply, a handling unit and a date; the asker is e-mailed when
  it is published. Publishing or unpublishing purges the page cache (the list, the related
  pages and search show it) and updates the search index.
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from yuzhong_site.core.cache import purge_all_pages
from yuzhong_site.core.editorial import MODERATORS_GROUP

from .deadlines import overdue
from .mail import queue_email
from .models import ErrorReport, Question

logger = logging.getLogger(__name__)


def is_site_moderator(user):
    if user.is_superuser:
        return True
    return user.groups.filter(name=MODERATORS_GROUP).exists()


def editable_section_ids(user, model):
    """The pks of the sections (among those items of ``model`` point at) ``user`` may edit."""
    from wagtail.models import Page

    ids = set(model.objects.exclude(section=None).values_list("section_id", flat=True).distinct())
    return {page.pk for page in Page.objects.filter(pk__in=ids)
            if page.permissions_for_user(user).can_edit()}


def visible_items(user, queryset):
    """The items of ``queryset`` that ``user`` may see (contact details included)."""
    model = queryset.model
    if not user.is_authenticated or not user.has_perm(
        f"{model._meta.app_label}.change_{model._meta.model_name}"
    ):
        return queryset.none()
    if is_site_moderator(user):
        return queryset
    return queryset.filter(section_id__in=editable_section_ids(user, model))


def moderators_for(item):
    """Users who handle ``item`` and have an e-mail address (for notices and reminders)."""
    from django.contrib.auth import get_user_model

    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    return [user for user in users
            if user.is_superuser or visible_items(user, type(item).objects.filter(pk=item.pk))]


def notify_moderators(item):
    """Tell the item's moderators it arrived: a link to the admin, no personal data. A failure
    is logged and does not touch the submission (the item is in the queue anyway)."""
    recipients = [user.email for user in moderators_for(item)]
    if not recipients:
        return
    kind = item._meta.verbose_name
    link = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
        f"feedback_{item._meta.model_name}:edit", args=[item.pk]
    )
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("New %(kind)s on the Yuzhong Plan site") % {"kind": kind}
        body = _("A new %(kind)s is waiting in the admin:\n%(link)s\n") % {"kind": kind,
                                                                            "link": link}
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
    except Exception as error:  # noqa: BLE001 - the queue in the admin is the record
        logger.warning("Moderators not notified of %s %s: %s", kind, item.pk,
                       type(error).__name__)


def report_closed(report, previous_state):
    """After a moderator saved a report: the outcome e-mail once it is closed."""
    if report.is_closed and previous_state not in ErrorReport.CLOSED_STATES:
        report.closed_at = timezone.now()
        report.save(update_fields=["closed_at"])
        with translation.override(report.language):
            outcome = report.get_state_display()
            subject = _("Your error report: %(outcome)s") % {"outcome": outcome}
            body = _(
                "Thank you for your error report about “%(title)s” (%(url)s).\n\n"
                "Outcome: %(outcome)s\n%(note)s\n\nYuzhong Five-Year Plan website"
            ) % {"title": report.page_title, "url": report.page_url, "outcome": outcome,
                 "note": report.moderator_note}
        queue_email(report.contact, subject, body)
    elif not report.is_closed and report.closed_at is not None:
        report.closed_at = None
        report.save(update_fields=["closed_at"])


def question_saved(question, previous_state, previous_published):
    """After a moderator saved a question: publication dates, the asker's e-mail, the search
    index and the page cache."""
    from wagtail.search import index

    fields = []
    if question.published and not previous_published:
        question.published_at = timezone.now()
        question.state = Question.State.REPLIED
        fields += ["published_at", "state"]
    if question.is_closed and question.closed_at is None:
        question.closed_at = timezone.now()
        fields.append("closed_at")
    if fields:
        question.save(update_fields=fields)
    if question.published:
        index.insert_or_update_object(question)
    else:
        index.remove_object(question)
    if question.published or previous_published:
        purge_all_pages()
    if question.published and not previous_published:
        with translation.override(question.language):
            subject = _("Your question %(code)s has been answered") % {"code": question.code}
            reply, _lang = question.reply_in(question.language)
            body = _(
                "Your question %(code)s has been answered by %(unit)s on %(date)s.\n\n"
                "Your question:\n%(text)s\n\nThe reply:\n%(reply)s\n\n"
                "Questions and replies: %(url)s\n"
            ) % {"code": question.code, "unit": question.handling_unit_in(question.language),
                 "date": question.replied_on, "text": question.text, "reply": reply,
                 "url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("questions")}
        queue_email(question.contact, subject, body)


def send_reminders(today=None):
    """E-mail each overdue item's moderators once a day (from feedback_cron). Returns how many
    items were reminded of."""
    today = today or timezone.localdate()
    count = 0
    for model in (ErrorReport, Question):
        for item in overdue(model.objects.all(), today).exclude(reminded_on=today):
            recipients = [user.email for user in moderators_for(item)]
            if recipients:
                link = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
                    f"feedback_{model._meta.model_name}:edit", args=[item.pk])
                with translation.override(settings.LANGUAGE_CODE):
                    subject = _("Overdue: %(item)s") % {"item": item}
                    body = _("This item was due for a reply on %(date)s:\n%(link)s\n") % {
                        "date": item.due_on, "link": link}
                try:
                    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
                except Exception as error:  # noqa: BLE001 - tried again tomorrow
                    logger.warning("Reminder for %s %s not sent: %s", model.__name__, item.pk,
                                   type(error).__name__)
                    continue
            model.objects.filter(pk=item.pk).update(reminded_on=today)
            count += 1
    return count
