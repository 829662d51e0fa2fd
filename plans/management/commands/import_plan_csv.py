"""Import measurements or projects from CSV: all or nothing, with --dry-run for a preview."""

import time

from django.core.management.base import BaseCommand, CommandError

from plans import csv_io


class Command(BaseCommand):
    help = (
        "Import measurements or projects from a CSV file (UTF-8, English or Chinese headers). "
        "Nothing is saved unless every row is valid; --dry-run only reports what would change."
    )

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=sorted(csv_io.COLUMNS))
        parser.add_argument("path")
        parser.add_argument("--dry-run", action="store_true", help="Report, save nothing")

    def handle(self, kind, path, dry_run=False, **options):
        started = time.perf_counter()
        try:
            with open(path, "rb") as handle:
                data = handle.read(csv_io.MAX_BYTES + 1)
        except OSError as error:
            raise CommandError(str(error)) from error
        plan = csv_io.plan_import(kind, data)
        for error in plan.errors:
            self.stderr.write(f"line {error.line}: {error.message}")
        if not plan.is_valid:
            raise CommandError(plan.summary())
        self.stdout.write(plan.summary())
        if dry_run:
            for change in plan.changes[:50]:
                self.stdout.write(f"  line {change.line}: {change.kind} {change.label}")
            self.stdout.write("Dry run: nothing was saved.")
            return
        added, changed = csv_io.apply_import(plan)
        elapsed = time.perf_counter() - started
        self.stdout.write(f"Imported: {added} added, {changed} changed in {elapsed:.2f} s.")
