"""From cron (``make feedback-cron``, e.g. every 15 minutes): retry unsent e-mail to residents,
then erase contact details kept past their retention period."""

from django.core.management.base import BaseCommand

from yuzhong_site.feedback.erasure import erase_expired
from yuzhong_site.feedback.mail import retry_unsent


class Command(BaseCommand):
    help = "Retry residents' unsent e-mail and erase expired contact details (run from cron)."

    def handle(self, *args, **options):
        sent, failed = retry_unsent()
        erased = erase_expired()
        self.stdout.write(f"e-mail sent: {sent}, still failing: {failed}; contacts erased: {erased}")
