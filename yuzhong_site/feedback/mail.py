"""E-mail to submitters that never loses a submission (the outbox).

A message is saved as an ``OutgoingEmail`` row in the same transaction as the submission, and
sent after the commit. A failed send is logged — without the address — and left in the outbox;
``manage.py feedback_cron`` (``make feedback-cron``, from cron) retries it. The submission is
saved whatever the mail server does, and the resident's page never waits on a retry.
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from .models import OutgoingEmail

logger = logging.getLogger(__name__)
MAX_ATTEMPTS = 10


def queue_email(contact, subject, body):
    """Keep an e-mail for ``contact`` (ignored without an e-mail address) and send it after
    the commit. Returns the outbox row or ``None``."""
    if contact is None or not contact.email:
        return None
    message = OutgoingEmail.objects.create(contact=contact, subject=subject, body=body)
    transaction.on_commit(lambda: send_outgoing(message.pk))
    return message


def send_outgoing(pk):
    """Try to send one outbox message; True when sent. Never raises."""
    message = OutgoingEmail.objects.select_related("contact").filter(pk=pk, sent_at=None).first()
    if message is None:
        return False
    message.attempts += 1
    message.last_attempt_at = timezone.now()
    try:
        send_mail(
            message.subject, message.body, settings.DEFAULT_FROM_EMAIL, [message.contact.email],
            fail_silently=False,
        )
    except Exception as error:  # noqa: BLE001 - any failure of the mail server is retried later
        # the class of error only: its text may quote the address
        logger.warning("Feedback e-mail %s not sent (attempt %s): %s", message.pk,
                       message.attempts, type(error).__name__)
        message.save(update_fields=["attempts", "last_attempt_at"])
        return False
    message.sent_at = timezone.now()
    message.save(update_fields=["attempts", "last_attempt_at", "sent_at"])
    return True


def retry_unsent():
    """Send what is still in the outbox (fewer than MAX_ATTEMPTS tries). (sent, failed)."""
    sent = failed = 0
    pending = OutgoingEmail.objects.filter(sent_at=None, attempts__lt=MAX_ATTEMPTS)
    for pk in pending.values_list("pk", flat=True):
        if send_outgoing(pk):
            sent += 1
        else:
            failed += 1
    return sent, failed
