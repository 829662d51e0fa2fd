"""``make loadtest``: mixed traffic from 20 clients against gunicorn for 60 s (loopback only).

Every public URL the site has (all live pages in both languages, public routes, searches), the
stylesheet, the large-text variant, a missing page and a few hostile URLs, picked at random by
each client. Reports the number of errors (any 5xx, connection failure or unexpected status) and
the resident memory of the gunicorn master and workers after warm-up and at the end; fails on
any error or on memory growth of 10 % or more. ``LOADTEST_SECONDS=10`` for a short run (CI).

    python -m tests.perf.loadtest [--seconds 60] [--clients 20] [--skip-prepare]
"""

import argparse
import os
import random
import re
import sys
import threading
import time

from . import setup_django

MAX_GROWTH = 0.10
HOSTILE = [
    ("/%00", (400, 404)),
    ("/../../etc/passwd", (400, 404)),
    ("/en/?q=%3Cscript%3Ealert(1)%3C/script%3E", (200,)),
    ("/xx/", (404,)),
    ("/" + "a" * 3000 + "/", (404,)),
]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float,
                        default=float(os.environ.get("LOADTEST_SECONDS", "60")))
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", "3")))
    parser.add_argument("--max-requests", type=int, default=200_000,
                        help="upper bound on the number of requests")
    parser.add_argument("--skip-prepare", action="store_true")
    options = vars(parser.parse_args(argv))
    setup_django()
    from yuzhong_site.core import public_urls

    from .harness import VAR_DIR, Gunicorn, http_request, prepare, production_env

    env = production_env(DJANGO_CACHE_DIR=VAR_DIR / f"loadtest-cache-{os.getpid()}")
    if not options["skip_prepare"]:
        print("Preparing: migrate, demo content, collectstatic…", flush=True)
        prepare(env)
    mix = [(item.url, (200,), None) for item in public_urls.all_public_urls()
           if item.label not in {"text_size", "contrast"}]
    mix += [(item.url, (200,), {"Cookie": "yz_text=large"}) for item in public_urls.page_urls()]
    mix += [(path, statuses, None) for path, statuses in HOSTILE]
    mix += [("/text-size/?size=large&next=/en/", (302,), None)]

    with Gunicorn(env, workers=options["workers"], log=VAR_DIR / "loadtest.log") as server:
        mix += [(stylesheet(server), (200,), None)] * 4
        for path, _statuses, headers in mix:  # warm up every worker on every URL
            for _ in range(options["workers"]):
                http_request(server.port, path, headers=headers)
        rss_start = server.rss_bytes()
        stats = run(server.port, mix, options, http_request)
        rss_end = server.rss_bytes()

    growth = (rss_end - rss_start) / rss_start
    print(
        f"\n{stats['requests']} requests in {stats['seconds']:.0f} s from "
        f"{options['clients']} clients over {len(mix)} URLs: "
        f"{stats['requests'] / stats['seconds']:.0f} req/s, {stats['errors']} errors"
    )
    print(f"statuses: {dict(sorted(stats['statuses'].items(), key=str))}")
    print(
        f"gunicorn RSS (master + {options['workers']} workers): "
        f"{rss_start / 2**20:.1f} MiB after warm-up, {rss_end / 2**20:.1f} MiB at the end "
        f"({growth:+.1%})"
    )
    for problem in stats["problems"][:10]:
        print(f"  error: {problem}")
    if stats["errors"]:
        sys.exit(f"{stats['errors']} errors under load")
    if growth >= MAX_GROWTH:
        sys.exit(f"memory grew by {growth:.1%} (limit {MAX_GROWTH:.0%})")


def stylesheet(server):
    html = server.get("/").body.decode("utf-8", "replace")
    match = re.search(r'<link rel="stylesheet" href="([^"]+\.css)"', html)
    return match.group(1) if match else "/static/css/site.css"


def run(port, mix, options, http_request):
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


if __name__ == "__main__":
    main()
