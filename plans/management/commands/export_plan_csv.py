"""Export measurements or projects as CSV (UTF-8 with BOM, formula cells guarded)."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import translation

from plans import csv_io


class Command(BaseCommand):
    help = (
        "Export measurements or projects as CSV: export_plan_csv measurements -o figures.csv "
        "(headers and words in Chinese; --language en for English)"
    )

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=sorted(csv_io.COLUMNS))
        parser.add_argument("-o", "--output", help="File to write (default: standard output)")
        parser.add_argument(
            "--language",
            choices=[code for code, _name in settings.LANGUAGES],
            default=settings.LANGUAGE_CODE,
            help="Language of the headers, qualifiers, statuses and yes/no (default: %(default)s)",
        )

    def handle(self, kind, output=None, language=None, **options):
        with translation.override(language or settings.LANGUAGE_CODE):
            data = csv_io.export_bytes(kind)
        if output:
            with open(output, "wb") as handle:
                handle.write(data)
            self.stderr.write(f"Wrote {output}")
        else:
            self.stdout.write(data.decode("utf-8"), ending="")
