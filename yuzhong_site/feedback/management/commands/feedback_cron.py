"""From cron (``make feedback-cron``, e.g. every 15 minutes): retry unsent e-mail to residents,
erase contact details kept past their retention period, and remind moderators of overdue
items (once a day each)."""

from django.core.management.base import BaseCommand

from yuzhong_site.feedback.erasure import erase_expired
from yuzhong_site.feedback.mail import retry_unsent
from yuzhong_site.feedback.moderation import send_reminders


class Command(BaseCommand):
    help = "Retry residents' unsent e-mail and erase expired contact details (run from cron)."

    def handle(self, *args, **options):
        sent, failed = retry_unsent()
        erased = erase_expired()
        reminded = send_reminders()
        self.stdout.write(f"e-mail sent: {sent}, still failing: {failed}; contacts erased: "
                          f"{erased}; overdue items reminded: {reminded}")
