"""Run the site under gunicorn with production settings on 127.0.0.1 and measure it.

Shared by ``make bench`` (tests/perf/bench.py), ``make loadtest`` (tests/perf/loadtest.py) and
the two-instance test. Requests go through the standard library's ``http.client``, one
connection per request (as gunicorn's sync workers expect), only ever to the loopback interface.
Not part of the installed apps: nothing here is imported by the site.
"""

import http.client
import os
import secrets
import socket
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

LOOPBACK = "127.0.0.1"
BASE_DIR = Path(settings.BASE_DIR)
VAR_DIR = BASE_DIR / "var"


def free_port():
    with socket.socket() as sock:
        sock.bind((LOOPBACK, 0))
        return sock.getsockname()[1]


def production_env(**extra):
    """The environment of a production process on this machine (proxy in front assumed)."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    env.pop("PAGE_CACHE_ENABLED", None)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "yuzhong_site.settings.production",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": f"{LOOPBACK},localhost",
            "STATIC_ROOT": str(VAR_DIR / "static"),
            "PYTHONUNBUFFERED": "1",
        }
    )
    env.update({key: str(value) for key, value in extra.items()})
    return env


def manage(*args, env):
    subprocess.run(  # noqa: S603 - fixed argv, our own manage.py
        [sys.executable, str(BASE_DIR / "manage.py"), *args],
        cwd=BASE_DIR, env=env, check=True, stdout=subprocess.DEVNULL,
    )


def prepare(env, *, demo=True):
    """Migrate, load the demo content and collect static files, as a deployment would."""
    manage("migrate", "--noinput", env=env)
    if demo:
        manage("load_demo_content", env=env)
    manage("collectstatic", "--noinput", env=env)


@dataclass
class Response:
    status: int
    headers: dict
    body: bytes
    seconds: float


def http_request(port, path, *, method="GET", headers=None, body=b"", timeout=30):
    """One HTTP/1.1 request to 127.0.0.1:port; the proxy's X-Forwarded-Proto says HTTPS."""
    connection = http.client.HTTPConnection(LOOPBACK, port, timeout=timeout)
    started = time.perf_counter()
    try:
        connection.request(
            method, path, body=body or None,
            headers={"X-Forwarded-Proto": "https", "Connection": "close", **(headers or {})},
        )
        response = connection.getresponse()
        payload = response.read()
    except http.client.HTTPException as error:  # a malformed answer counts as a failed request
        raise OSError(str(error)) from error
    finally:
        connection.close()
    seconds = time.perf_counter() - started
    parsed = {}
    for name, value in response.getheaders():
        key = name.lower()
        parsed[key] = f"{parsed[key]}\n{value}" if key in parsed else value
    return Response(response.status, parsed, payload, seconds)


class Gunicorn:
    """``with Gunicorn(env) as server:`` — gunicorn on 127.0.0.1, stopped (by its pid) on exit."""

    def __init__(self, env, *, port=None, workers=2, log=None):
        self.env = env
        self.port = port or free_port()
        self.workers = workers
        self.log = log
        self.process = None

    def __enter__(self):
        command = [
            str(Path(sys.executable).parent / "gunicorn"),
            "yuzhong_site.wsgi:application",
            "--bind", f"{LOOPBACK}:{self.port}",
            "--workers", str(self.workers),
            "--worker-tmp-dir", "/dev/shm" if Path("/dev/shm").is_dir() else "/tmp",  # noqa: S108
            "--forwarded-allow-ips", LOOPBACK,
            "--timeout", "60",
        ]
        log = open(self.log, "ab") if self.log else subprocess.DEVNULL  # noqa: SIM115
        # Clients here reach gunicorn directly (no proxy setting the public Host): its address
        # and port are this site's hosts (yuzhong_site/core/hosts.py).
        env = {"DJANGO_SITE_HOSTS": f"{LOOPBACK}:{self.port},localhost:{self.port}", **self.env}
        self.process = subprocess.Popen(  # noqa: S603 - our own gunicorn, fixed arguments
            command, cwd=BASE_DIR, env=env, stdout=log, stderr=log
        )
        self.wait_until_healthy()
        return self

    def wait_until_healthy(self, seconds=60):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with code {self.process.returncode}")
            try:
                if http_request(self.port, "/healthz", timeout=5).status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError("gunicorn did not become healthy in time")

    def __exit__(self, *exc):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def get(self, path, **kwargs):
        return http_request(self.port, path, **kwargs)

    def rss_bytes(self):
        """Resident memory of the gunicorn master and its workers."""
        pids = [self.process.pid, *_children(self.process.pid)]
        total = 0
        for pid in pids:
            try:
                status = Path(f"/proc/{pid}/status").read_text()
            except OSError:
                continue
            for line in status.splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
        return total


def _children(parent):
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        if ppid == parent:
            found.append(int(entry.name))
    return found


@dataclass
class Measurement:
    label: str
    path: str
    latencies: list = field(default_factory=list)
    errors: int = 0
    statuses: dict = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def requests(self):
        return len(self.latencies)

    @property
    def rps(self):
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile(self, fraction):
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] * 1000


def hammer(port, label, path, *, seconds, concurrency, max_requests=100_000, headers=None,
           expect=(200,)):
    """As many GETs of ``path`` as ``concurrency`` clients manage in ``seconds`` (bounded)."""
    result = Measurement(label, path)
    deadline = time.perf_counter() + seconds
    budget = iter(range(max_requests))
    lock = threading.Lock()

    def failed():
        with lock:
            result.errors += 1

    def client():
        while time.perf_counter() < deadline and next(budget, None) is not None:
            try:
                response = http_request(port, path, headers=headers)
            except OSError:
                failed()
                continue
            result.latencies.append(response.seconds)
            with lock:
                result.statuses[response.status] = result.statuses.get(response.status, 0) + 1
            if response.status not in expect:
                failed()

    started = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        for _ in range(concurrency):
            pool.submit(client)
    result.seconds = time.perf_counter() - started
    return result
