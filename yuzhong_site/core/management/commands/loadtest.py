"""``make loadtest``: mixed traffic from 20 clients against gunicorn for 60 s (loopback only).

Every public URL the site has (all live pages in both languages, public routes, searches), the
stylesheet, the large-text variant, a missing page and a few hostile URLs, picked at random by
each client. Reports the number of errors (any 5xx, connection failure or unexpected status) and
the resident memory of the gunicorn master and workers after warm-up and at the end; fails on
any error or on memory growth of 10 % or more. ``LOADTEST_SECONDS=10`` for a short run (CI).
"""

import os
import random
import threading
import time

from django.core.management.base import BaseCommand, CommandError

from yuzhong_site.core import public_urls
from yuzhong_site.core.server_harness import (
    VAR_DIR,
    Gunicorn,
    http_request,
    prepare,
    production_env,
)

MAX_GROWTH = 0.10
HOSTILE = [
    ("/%00", (400, 404)),
    ("/../../etc/passwd", (400, 404)),
    ("/en/?q=%3Cscript%3Ealert(1)%3C/script%3E", (200,)),
    ("/xx/", (404,)),
    ("/" + "a" * 3000 + "/", (404,)),
]


class Command(BaseCommand):
    help = "Load-test gunicorn with mixed traffic and report errors and memory."

    def add_arguments(self, parser):
        parser.add_argument("--seconds", type=float,
                            default=float(os.environ.get("LOADTEST_SECONDS", "60")))
        parser.add_argument("--clients", type=int, default=20)
        parser.add_argument("--workers", type=int,
                            default=int(os.environ.get("WEB_CONCURRENCY", "3")))
        parser.add_argument("--max-requests", type=int, default=200_000,
                            help="upper bound on the number of requests")
        parser.add_argument("--skip-prepare", action="store_true")

    def handle(self, *args, **options):
        env = production_env(DJANGO_CACHE_DIR=VAR_DIR / f"loadtest-cache-{os.getpid()}")
        if not options["skip_prepare"]:
            self.stdout.write("Preparing: migrate, demo content, collectstatic…")
            prepare(env)
        mix = [(item.url, (200,), None) for item in public_urls.all_public_urls()
               if item.label not in {"text_size", "contrast"}]
        mix += [(item.url, (200,), {"Cookie": "yz_text=large"}) for item in public_urls.page_urls()]
        mix += [(path, statuses, None) for path, statuses in HOSTILE]
        mix += [("/text-size/?size=large&next=/en/", (302,), None)]

        with Gunicorn(env, workers=options["workers"], log=VAR_DIR / "loadtest.log") as server:
            stylesheet = self.stylesheet(server)
            mix += [(stylesheet, (200,), None)] * 4
            for path, _statuses, headers in mix:  # warm up every worker on every URL
                for _ in range(options["workers"]):
                    http_request(server.port, path, headers=headers)
            rss_start = server.rss_bytes()
            stats = self.run(server.port, mix, options)
            rss_end = server.rss_bytes()

        growth = (rss_end - rss_start) / rss_start
        self.stdout.write(
            f"\n{stats['requests']} requests in {stats['seconds']:.0f} s from "
            f"{options['clients']} clients over {len(mix)} URLs: "
            f"{stats['requests'] / stats['seconds']:.0f} req/s, {stats['errors']} errors"
        )
        self.stdout.write(f"statuses: {dict(sorted(stats['statuses'].items()))}")
        self.stdout.write(
            f"gunicorn RSS (master + {options['workers']} workers): "
            f"{rss_start / 2**20:.1f} MiB after warm-up, {rss_end / 2**20:.1f} MiB at the end "
            f"({growth:+.1%})"
        )
        for problem in stats["problems"][:10]:
            self.stdout.write(f"  error: {problem}")
        if stats["errors"]:
            raise CommandError(f"{stats['errors']} errors under load")
        if growth >= MAX_GROWTH:
            raise CommandError(f"memory grew by {growth:.1%} (limit {MAX_GROWTH:.0%})")

    def stylesheet(self, server):
        import re

        html = server.get("/").body.decode("utf-8", "replace")
        match = re.search(r'<link rel="stylesheet" href="([^"]+\.css)"', html)
        return match.group(1) if match else "/static/css/site.css"

    def run(self, port, mix, options):
        lock = threading.Lock()
        stats = {"requests": 0, "errors": 0, "statuses": {}, "problems": []}
        deadline = time.monotonic() + options["seconds"]
        budget = iter(range(options["max_requests"]))

        def client(seed):
            chooser = random.Random(seed)
            while time.monotonic() < deadline and next(budget, None) is not None:
                path, expected, headers = chooser.choice(mix)
                try:
                    status = http_request(port, path, headers=headers).status
                except OSError as error:
                    status, problem = None, f"{path[:80]}: {error}"
                else:
                    problem = None if status in expected else f"{path[:80]}: HTTP {status}"
                with lock:
                    stats["requests"] += 1
                    stats["statuses"][status] = stats["statuses"].get(status, 0) + 1
                    if problem:
                        stats["errors"] += 1
                        stats["problems"].append(problem)

        started = time.monotonic()
        threads = [threading.Thread(target=client, args=(n,)) for n in range(options["clients"])]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        stats["seconds"] = time.monotonic() - started
        return stats
