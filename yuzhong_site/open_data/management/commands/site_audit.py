"""``python manage.py site_audit``: check the site against government-site norms and our own.

Prints a grouped report; exits non-zero when there are failures (or, with ``--strict``,
warnings). What counts as a failure and what as a warning: see ``yuzhong_site/open_data/audit.py``.
"""

from django.core.management.base import BaseCommand, CommandError

from yuzhong_site.open_data.audit import FRESHNESS_DAYS, MAX_URLS, format_report, run_audit


class Command(BaseCommand):
    help = "Audit the site: footer identifiers, meta tags, empty sections, stale updates, broken internal links, translations, image alt text."

    def add_arguments(self, parser):
        parser.add_argument("--strict", action="store_true", help="Warnings fail too (before going live).")
        parser.add_argument("--max-urls", type=int, default=MAX_URLS, help=f"Crawl at most this many URLs ({MAX_URLS}).")
        parser.add_argument("--freshness-days", type=int, default=FRESHNESS_DAYS,
                            help=f"Warn when the newest update is older than this ({FRESHNESS_DAYS}).")
        parser.add_argument("--limit", type=int, default=50, help="Findings listed per check (50).")

    def handle(self, *args, **options):
        report = run_audit(max_urls=options["max_urls"], freshness_days=options["freshness_days"])
        self.stdout.write(format_report(report, strict=options["strict"], limit=options["limit"]))
        if not report.passed(strict=options["strict"]):
            raise CommandError(
                f"Site audit failed: {len(report.failures)} failures, {len(report.warnings)} warnings."
            )
