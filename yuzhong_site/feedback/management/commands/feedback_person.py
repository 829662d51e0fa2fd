"""One person's data, by e-mail or mobile number: ``--export`` prints it as JSON, ``--erase``
deletes their contact details (PIPL requests)."""

import json

from django.core.management.base import BaseCommand, CommandError

from yuzhong_site.feedback.erasure import erase_person, export_person


class Command(BaseCommand):
    help = "Export (--export) or erase (--erase) one person's feedback data by e-mail or phone."

    def add_arguments(self, parser):
        parser.add_argument("contact", help="the e-mail address or mobile number they used")
        action = parser.add_mutually_exclusive_group(required=True)
        action.add_argument("--export", action="store_true")
        action.add_argument("--erase", action="store_true")

    def handle(self, *args, contact, export, erase, **options):
        if export:
            data = export_person(contact)
            if not data["contacts"]:
                raise CommandError("No data is kept for that e-mail address or mobile number.")
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
        else:
            self.stdout.write(f"contacts erased: {erase_person(contact)}")
