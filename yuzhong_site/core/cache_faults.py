"""Redis is an accelerator, never a dependency.

django-redis' ``IGNORE_EXCEPTIONS`` turns every failed cache read into a miss and every failed
write into a no-op, so a page renders without the cache instead of failing. Two things it does
not do, and that this module adds:

* **Fail fast.** With connect and read timeouts (settings: 0.5 s and 1 s) a Redis that hangs
  would still cost each cache call a second. ``FailFastConnection`` remembers a failure for
  ``REDIS_RETRY_SECONDS`` and, until then, refuses at once instead of trying again: one slow
  request, then requests served at full speed without the cache.
* **Log once per interval.** django-redis logs every ignored exception (one per call, several per
  request). ``OncePerInterval`` lets one record through per ``REDIS_LOG_INTERVAL`` seconds and
  says how many it held back.

The page cache's generation is read strictly (``yuzhong_site.core.cache.current_generation``): while
it cannot be read, pages are rendered fresh and nothing is stored or memoised.
"""

import logging
import threading
import time

from django.conf import settings
from redis.connection import Connection
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

_FAILURES = (RedisConnectionError, RedisTimeoutError, OSError)
_lock = threading.Lock()
_state = {"down_until": 0.0}


def _retry_seconds():
    return float(getattr(settings, "REDIS_RETRY_SECONDS", 5))


def redis_failed():
    with _lock:
        _state["down_until"] = time.monotonic() + _retry_seconds()


def redis_recovered():
    with _lock:
        _state["down_until"] = 0.0


def redis_skipped():
    return time.monotonic() < _state["down_until"]


class FailFastConnection(Connection):
    """A redis-py connection that is not tried again for a few seconds after a failure."""

    def connect_check_health(self, *args, **kwargs):
        if redis_skipped():
            raise RedisConnectionError("Redis failed moments ago; not tried again yet.")
        try:
            return super().connect_check_health(*args, **kwargs)
        except _FAILURES:
            redis_failed()
            raise

    def read_response(self, *args, **kwargs):
        try:
            return super().read_response(*args, **kwargs)
        except _FAILURES:
            redis_failed()
            raise


class OncePerInterval(logging.Filter):
    """Let one record through per interval (seconds); the next says how many were held back."""

    def __init__(self, interval=60):
        super().__init__()
        self.interval = float(interval)
        self.last = None
        self.held_back = 0
        self.lock = threading.Lock()

    def filter(self, record):
        now = time.monotonic()
        with self.lock:
            if self.last is not None and now - self.last < self.interval:
                self.held_back += 1
                return False
            held_back, self.held_back, self.last = self.held_back, 0, now
        record.msg = (
            f"The cache (Redis) failed; pages are served without it. {record.msg}"
            + (f" ({held_back} similar errors in the last interval not logged.)" if held_back else "")
        )
        return True
