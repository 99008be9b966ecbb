"""Django's Redis cache, as an accelerator only: an unreachable or frozen Redis is a cache miss.

``FailSoftRedisCache`` is Django's public ``RedisCache`` with every operation guarded. When the
client raises a connection or timeout error, the operation logs a warning (at most one a minute
per Redis server and process) and answers as a miss: ``get`` gives its default, ``add``,
``delete``, ``touch`` and ``has_key`` give ``False``, ``set`` does nothing and ``incr`` raises
``ValueError`` as Django does for a missing key, so callers' own fallbacks run.

Circuit breaker: after a failure the process leaves that Redis alone for ``breaker_seconds``
(``OPTIONS``, 5 by default) and answers every call as a miss at once, so a frozen Redis costs
one socket timeout per window instead of one per cache call. The next call after the window
tries Redis again; the first one that succeeds closes the breaker.

Deletes that failed (a content edit renewing the page cache, a saved singleton) are kept, a
bounded number per process, and sent again once Redis answers, so entries written before the
outage are not served stale after it.

``is_reachable()`` says whether Redis answers now (one round trip, or none while the breaker is
open): ``/readyz`` reports "degraded" with it.
"""

import logging
import time
from dataclasses import dataclass, field

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.backoff import NoBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from redis.retry import Retry

logger = logging.getLogger(__name__)

# What an unreachable, restarting or frozen server raises (redis-py wraps most socket errors in
# its ConnectionError; BusyLoadingError is one too). Anything else is a bug and propagates.
OUTAGE_ERRORS = (RedisConnectionError, RedisTimeoutError, OSError)
BREAKER_SECONDS = 5.0
LOG_EVERY_SECONDS = 60.0
MAX_PENDING_DELETES = 1000


@dataclass
class _ServerState:
    """One Redis server's health as this process sees it."""

    skip_until: float = 0.0  # monotonic time until which Redis is not asked
    failing: bool = False
    logged_at: float | None = None
    pending_deletes: dict = field(default_factory=dict)  # (key, version) -> None, in order
    pending_overflowed: bool = False


# Per process and per server address, shared by the cache objects of every thread.
_servers: dict[tuple[str, ...], _ServerState] = {}


class FailSoftRedisCache(RedisCache):
    def __init__(self, server, params):
        options = dict(params.get("OPTIONS", {}))
        self.breaker_seconds = float(options.pop("breaker_seconds", BREAKER_SECONDS))
        # One attempt per call: a retry would only double the wait on a frozen server.
        options.setdefault("retry", Retry(NoBackoff(), 0))
        super().__init__(server, {**params, "OPTIONS": options})
        location = (server,) if isinstance(server, str) else tuple(server)
        self.state = _servers.setdefault(location, _ServerState())
        self.location = ",".join(location)

    # --- the guard ---------------------------------------------------------------------------

    def _call(self, operation, miss):
        state = self.state
        if state.skip_until and time.monotonic() < state.skip_until:
            return miss()
        try:
            result = operation()
        except OUTAGE_ERRORS as error:
            self._failed(error)
            return miss()
        if state.failing:
            self._recovered()
        return result

    def _failed(self, error):
        state = self.state
        now = time.monotonic()
        state.skip_until = now + self.breaker_seconds
        if (
            not state.failing
            or state.logged_at is None
            or now - state.logged_at >= LOG_EVERY_SECONDS
        ):
            logger.warning(
                "Redis at %s is unavailable (%s: %s): answering from the database, cache "
                "skipped for %s s at a time",
                self.location,
                type(error).__name__,
                error,
                self.breaker_seconds,
            )
            state.logged_at = now
        state.failing = True

    def _recovered(self):
        state = self.state
        state.failing = False
        state.skip_until = 0.0
        state.logged_at = None
        pending, state.pending_deletes = state.pending_deletes, {}
        state.pending_overflowed = False
        try:
            for key, version in pending:
                super().delete(key, version=version)
        except OUTAGE_ERRORS as error:
            state.pending_deletes = pending
            self._failed(error)
            return
        logger.info(
            "Redis at %s answers again (%d missed deletes sent)", self.location, len(pending)
        )

    def _remember_delete(self, keys, version):
        state = self.state
        for key in keys:
            if len(state.pending_deletes) >= MAX_PENDING_DELETES:
                if not state.pending_overflowed:
                    state.pending_overflowed = True
                    logger.warning(
                        "Over %d missed Redis deletes: some entries may be stale until they expire",
                        MAX_PENDING_DELETES,
                    )
                return
            state.pending_deletes[(key, version)] = None

    # --- Django's cache API ------------------------------------------------------------------

    def is_reachable(self) -> bool:
        """Whether Redis answers now: one round trip, or none while the breaker is open."""
        base = super()
        return self._call(lambda: base.has_key("readyz") in (True, False), bool)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        base = super()
        return self._call(lambda: base.add(key, value, timeout, version), bool)

    def get(self, key, default=None, version=None):
        base = super()
        return self._call(lambda: base.get(key, default, version), lambda: default)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        base = super()
        self._call(lambda: base.set(key, value, timeout, version), lambda: None)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        base = super()
        return self._call(lambda: base.touch(key, timeout, version), bool)

    def delete(self, key, version=None):
        base = super()

        def missed():
            self._remember_delete([key], version)
            return False

        return self._call(lambda: base.delete(key, version), missed)

    def get_many(self, keys, version=None):
        base, keys = super(), list(keys)
        return self._call(lambda: base.get_many(keys, version), dict)

    def has_key(self, key, version=None):
        base = super()
        return self._call(lambda: base.has_key(key, version), bool)

    def incr(self, key, delta=1, version=None):
        base = super()

        def missed():
            raise ValueError(f"Key '{key}' not found (Redis is unavailable).")

        return self._call(lambda: base.incr(key, delta, version), missed)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        base = super()
        # Django's contract: the keys that were not stored.
        return self._call(lambda: base.set_many(data, timeout, version), lambda: list(data))

    def delete_many(self, keys, version=None):
        base, keys = super(), list(keys)
        return self._call(
            lambda: base.delete_many(keys, version),
            lambda: self._remember_delete(keys, version),
        )

    def clear(self):
        base = super()
        return self._call(base.clear, bool)
