"""Export measurements or projects as CSV (UTF-8 with BOM, formula cells guarded)."""

from django.core.management.base import BaseCommand

from plans import csv_io


class Command(BaseCommand):
    help = "Export measurements or projects as CSV: export_plan_csv measurements -o figures.csv"

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=sorted(csv_io.COLUMNS))
        parser.add_argument("-o", "--output", help="File to write (default: standard output)")

    def handle(self, kind, output=None, **options):
        data = csv_io.export_bytes(kind)
        if output:
            with open(output, "wb") as handle:
                handle.write(data)
            self.stderr.write(f"Wrote {output}")
        else:
            self.stdout.write(data.decode("utf-8"), ending="")
