"""Import measurements or projects from CSV: all or nothing, with --dry-run for a preview.

Every changed metric or project is published as a new revision (``--user`` names who did it);
rows for records with a pending draft are refused."""

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
        parser.add_argument(
            "--user", help="Username the new revisions are logged with (default: none)"
        )

    def handle(self, kind, path, dry_run=False, user=None, **options):
        if user:
            from django.contrib.auth import get_user_model

            try:
                user = get_user_model().objects.get(username=user)
            except get_user_model().DoesNotExist as error:
                raise CommandError(f"No user named {user!r}.") from error
        started = time.perf_counter()
        try:
            with open(path, "rb") as handle:
                data = handle.read(csv_io.MAX_BYTES + 1)
        except OSError as error:
            raise CommandError(str(error)) from error
        plan = csv_io.plan_import(kind, data, user=user or None)
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
        try:
            added, changed = csv_io.apply_import(plan, user=user or None)
        except ValueError as error:
            raise CommandError(str(error)) from error
        elapsed = time.perf_counter() - started
        self.stdout.write(f"Imported: {added} added, {changed} changed in {elapsed:.2f} s.")
