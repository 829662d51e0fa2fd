"""``make bench``: throughput and latency of the main pages under gunicorn, against a static file.

Starts gunicorn with production settings on 127.0.0.1 (twice: page cache on, then off), warms
up, then measures the home page, the plan dashboard, a pillar, a heritage page, a search and one
static file — found at run time from the database and the URL names; any not built yet is
skipped with a note. Prints requests/s, p50/p99 and the ratio to the static file, and fails when
a target is missed: cached pages >= 40 % of the static file, the uncached home page >= 5 %.
"""

import os
import re

from django.core.management.base import BaseCommand, CommandError

from yuzhong_site.core import public_urls
from yuzhong_site.core.server_harness import VAR_DIR, Gunicorn, hammer, prepare, production_env

CACHED_TARGET = 0.40
UNCACHED_TARGET = 0.05
WANTED = [
    ("plan dashboard", "PlanPage"),
    ("pillar", "PillarPage"),
    ("heritage page", "HeritageSitePage"),
]


class Command(BaseCommand):
    help = "Benchmark the main pages under gunicorn (production settings, loopback only)."

    def add_arguments(self, parser):
        parser.add_argument("--seconds", type=float,
                            default=float(os.environ.get("BENCH_SECONDS", "5")),
                            help="measuring time per URL (BENCH_SECONDS)")
        parser.add_argument("--concurrency", type=int, default=8)
        parser.add_argument("--workers", type=int,
                            default=int(os.environ.get("WEB_CONCURRENCY", "3")))
        parser.add_argument("--skip-prepare", action="store_true",
                            help="do not migrate/load demo content/collectstatic first")
        parser.add_argument("--no-check", action="store_true",
                            default=os.environ.get("BENCH_CHECK", "1") == "0",
                            help="report missed targets without failing (BENCH_CHECK=0); "
                                 "errors still fail")

    def handle(self, *args, **options):
        cache_dir = VAR_DIR / f"bench-cache-{os.getpid()}"
        env = production_env(DJANGO_CACHE_DIR=cache_dir)
        if not options["skip_prepare"]:
            self.stdout.write("Preparing: migrate, demo content, collectstatic…")
            prepare(env)
        targets, notes = self.discover()
        for note in notes:
            self.stdout.write(f"  note: {note}")
        seconds, concurrency = options["seconds"], options["concurrency"]
        log = VAR_DIR / "bench-gunicorn.log"

        rows = []
        with Gunicorn(env, workers=options["workers"], log=log) as server:
            static = self.static_url(server)
            targets.append(("static file", static))
            for label, path in targets:  # warm up: compile templates, fill the cache
                hammer(server.port, label, path, seconds=0.5, concurrency=2, max_requests=50)
            for label, path in targets:
                rows.append(("cached", hammer(server.port, label, path, seconds=seconds,
                                              concurrency=concurrency)))
        uncached_env = {**env, "PAGE_CACHE_ENABLED": "0"}
        with Gunicorn(uncached_env, workers=options["workers"], log=log) as server:
            home = targets[0][1]
            for label, path in (("home", home), ("static file", static)):
                hammer(server.port, label, path, seconds=0.5, concurrency=2, max_requests=50)
                rows.append(("uncached", hammer(server.port, label, path, seconds=seconds,
                                                concurrency=concurrency)))
        errors, failures = self.report(rows)
        self.stdout.write(
            f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at the end "
            "(figures are only comparable on a quiet machine)"
        )
        if errors or (failures and not options["no_check"]):
            raise CommandError("; ".join(errors + failures))

    def discover(self):
        notes = []
        pages = public_urls.page_urls()
        if not pages:
            raise CommandError("No live pages: load the demo content first.")
        home = next((item.url for item in pages if item.model == "HomePage"), pages[0].url)
        targets = [("home", home)]
        for label, model in WANTED:
            url = public_urls.first_page_of(model)
            if url:
                targets.append((label, url))
            else:
                notes.append(f"skipped {label}: no live {model} yet")
        searches = public_urls.search_urls()
        if searches:
            targets.append(("search", searches[0].url))
        else:
            notes.append("skipped search: no URL named 'search' yet")
        return targets, notes

    def static_url(self, server):
        """The site's stylesheet, as the home page links it (hashed name from the manifest)."""
        html = server.get("/").body.decode("utf-8", "replace")
        match = re.search(r'<link rel="stylesheet" href="([^"]+\.css)"', html)
        if not match:
            raise CommandError("The home page links no stylesheet.")
        return match.group(1)

    def report(self, rows):
        errors, failures = [], []
        static_rps = {mode: m.rps for mode, m in rows if m.label == "static file"}
        self.stdout.write("")
        self.stdout.write(
            f"{'mode':<9} {'url':<16} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} "
            f"{'vs static':>9} {'errors':>6}  path"
        )
        for mode, m in rows:
            ratio = m.rps / static_rps[mode] if static_rps.get(mode) else 0
            self.stdout.write(
                f"{mode:<9} {m.label:<16} {m.rps:8.0f} {m.percentile(0.5):8.1f} "
                f"{m.percentile(0.99):8.1f} {ratio:9.0%} {m.errors:6d}  {m.path[:60]}"
            )
            if m.errors:
                errors.append(f"{m.label} ({mode}): {m.errors} errors {m.statuses}")
            if m.label == "static file":
                continue
            target = CACHED_TARGET if mode == "cached" else UNCACHED_TARGET
            if mode == "cached" or m.label == "home":
                if ratio < target:
                    failures.append(f"{m.label} ({mode}) at {ratio:.0%} of static, target {target:.0%}")
        self.stdout.write("")
        self.stdout.write(
            f"targets: cached pages >= {CACHED_TARGET:.0%} of the static file, "
            f"uncached home >= {UNCACHED_TARGET:.0%}: " + ("MISSED" if failures else "met")
        )
        return errors, failures
