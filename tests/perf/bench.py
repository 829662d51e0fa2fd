"""``make bench``: throughput and latency of every public page type under gunicorn, with the
page cache on and off, against a static file.

Starts gunicorn with production settings on 127.0.0.1 (twice: page cache on, then off), warms
up, then measures one URL of each page type — home, plan, pillar, metric, project, visit index,
heritage site, route, district, updates, an update, search, data, sitemap.xml, site map — found
at run time from the database and from the links on the pages; a type not built yet is
reported. Prints requests/s, p50/p99 and the ratio to the static file, and fails when a target is
missed: every page >= 40 % of the static file cached and >= 5 % uncached.

    python -m tests.perf.bench [--seconds 5] [--no-check] [--skip-prepare]
"""

import argparse
import os
import re
import sys

from . import setup_django

CACHED_TARGET = 0.40
UNCACHED_TARGET = 0.05
# (label, how to find it): a page model, a named route, or a link found on another page.
PAGE_TYPES = [
    ("home", ("model", "HomePage")),
    ("plan", ("model", "PlanPage")),
    ("pillar", ("model", "PillarPage")),
    ("metric", ("link", "pillar", r"/plan/metrics/[\w-]+/")),
    ("project", ("link", "pillar", r"/plan/projects/[\w-]+/")),
    ("visit index", ("model", "VisitIndexPage")),
    ("heritage site", ("model", "HeritageSitePage")),
    ("route", ("model", "RoutePage")),
    ("district", ("link", "visit index", r"/visit/districts/[\w-]+/")),
    ("updates", ("model", "UpdateIndexPage")),
    ("an update", ("model", "UpdatePage")),
    ("search", ("search",)),
    ("data", ("route", "open_data")),
    ("sitemap.xml", ("route", "sitemap_xml")),
    ("site map", ("route", "site_map")),
]


def discover(server):
    """[(label, path)] for every page type present, and notes on the missing ones."""
    from django.urls import NoReverseMatch, reverse

    from yuzhong_site.core import public_urls

    found, notes = {}, []
    for label, how in PAGE_TYPES:
        path = None
        if how[0] == "model":
            path = public_urls.first_page_of(how[1])
        elif how[0] == "route":
            try:
                path = reverse(how[1])
            except NoReverseMatch:
                path = None
        elif how[0] == "search":
            searches = public_urls.search_urls()
            path = searches[0].url if searches else None
        elif how[0] == "link" and found.get(how[1]):
            html = server.get(found[how[1]]).body.decode("utf-8", "replace")
            match = re.search(f'href="(?:https?://[^/"]+)?({how[2]})"', html)
            path = match.group(1) if match else None
        if path:
            found[label] = path
        else:
            notes.append(f"not measured: {label} (none found)")
    return list(found.items()), notes


def stylesheet_url(server):
    """The site's stylesheet, as the home page links it (hashed name from the manifest)."""
    html = server.get("/").body.decode("utf-8", "replace")
    match = re.search(r'<link rel="stylesheet" href="([^"]+\.css)"', html)
    if not match:
        sys.exit("The home page links no stylesheet.")
    return match.group(1)


def measure(server, targets, seconds, concurrency, mode):
    from .harness import hammer

    rows = []
    for label, path in targets:  # warm up: compile templates, fill the cache
        hammer(server.port, label, path, seconds=0.3, concurrency=2, max_requests=20)
    for label, path in targets:
        rows.append((mode, hammer(server.port, label, path, seconds=seconds,
                                  concurrency=concurrency)))
    return rows


def report(rows, out=print):
    errors, failures = [], []
    static_rps = {mode: m.rps for mode, m in rows if m.label == "static file"}
    out("")
    out(f"{'mode':<9} {'page type':<14} {'req/s':>7} {'p50 ms':>7} {'p99 ms':>7} "
        f"{'vs static':>9} {'target':>6} {'errors':>6}  path")
    for mode, m in rows:
        ratio = m.rps / static_rps[mode] if static_rps.get(mode) else 0
        target = CACHED_TARGET if mode == "cached" else UNCACHED_TARGET
        is_page = m.label != "static file"
        out(f"{mode:<9} {m.label:<14} {m.rps:7.0f} {m.percentile(0.5):7.1f} "
            f"{m.percentile(0.99):7.1f} {ratio:9.1%} {target if is_page else 1:6.0%} "
            f"{m.errors:6d}  {m.path[:50]}")
        if m.errors:
            errors.append(f"{m.label} ({mode}): {m.errors} errors {m.statuses}")
        if is_page and ratio < target:
            failures.append(f"{m.label} ({mode}) at {ratio:.1%} of static, target {target:.0%}")
    out("")
    out(f"targets: every page type >= {CACHED_TARGET:.0%} of the static file cached, "
        f">= {UNCACHED_TARGET:.0%} uncached: " + ("MISSED: " + "; ".join(failures)
                                                 if failures else "met"))
    return errors, failures


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float,
                        default=float(os.environ.get("BENCH_SECONDS", "5")),
                        help="measuring time per URL (BENCH_SECONDS)")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", "3")))
    parser.add_argument("--skip-prepare", action="store_true",
                        help="do not migrate/load demo content/collectstatic first")
    parser.add_argument("--no-check", action="store_true",
                        default=os.environ.get("BENCH_CHECK", "1") == "0",
                        help="report missed targets without failing (BENCH_CHECK=0); "
                             "errors still fail")
    options = parser.parse_args(argv)
    setup_django()
    from .harness import VAR_DIR, Gunicorn, prepare, production_env

    env = production_env(DJANGO_CACHE_DIR=VAR_DIR / f"bench-cache-{os.getpid()}")
    if not options.skip_prepare:
        print("Preparing: migrate, demo content, collectstatic…", flush=True)
        prepare(env)
    log = VAR_DIR / "bench-gunicorn.log"
    rows = []
    with Gunicorn(env, workers=options.workers, log=log) as server:
        targets, notes = discover(server)
        targets.append(("static file", stylesheet_url(server)))
        rows += measure(server, targets, options.seconds, options.concurrency, "cached")
    with Gunicorn({**env, "PAGE_CACHE_ENABLED": "0"}, workers=options.workers, log=log) as server:
        rows += measure(server, targets, options.seconds, options.concurrency, "uncached")
    for note in notes:
        print(f"  note: {note}")
    errors, failures = report(rows)
    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at the end "
          "(figures are only comparable on a quiet machine)")
    if errors or (failures and not options.no_check):
        sys.exit("bench failed: " + "; ".join(errors + failures))


if __name__ == "__main__":
    main()
