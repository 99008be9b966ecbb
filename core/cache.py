"""Django's Redis cache, as an accelerator only: an unreachable or frozen Redis is a cache miss.

``FailSoftRedisCache`` is Django's Redis cache (the same client, serializer and keys as
``RedisCache``) with every operation guarded. When the client raises a connection or timeout
error, the operation logs a warning (at most one a minute per Redis server and process) and
answers as a miss: ``get`` gives its default, ``add``, ``delete``, ``touch`` and ``has_key`` give
``False``, ``set`` does nothing and ``incr`` raises ``ValueError`` as Django does for a missing
key, so callers' own fallbacks run.

Circuit breaker: after a failure the process leaves that Redis alone for ``breaker_seconds``
(``OPTIONS``, 5 by default) and answers every call as a miss at once, so a frozen Redis costs
one socket timeout per window instead of one per cache call. The next call after the window
tries Redis again; the first one that succeeds closes the breaker.

Writes that failed leave what Redis held before in place: the keys of deletes and of sets that
failed (a content edit renewing the page cache, a saved singleton, a session written during the
outage) are kept, a bounded number per process, and deleted once Redis answers, before anything
is read from it again, so entries written before the outage are not served stale after it.
A process that restarts meanwhile forgets its list: ``max_timeout`` (``OPTIONS``, none by
default) caps how long any entry of a cache lives, for caches where that matters (sessions).

One redis-py client per cache object and connection pool: Django's own ``RedisCache`` makes a
new client for every call, which costs as much CPU as the call itself.

``is_reachable()`` says whether Redis answers now (one round trip, or none while the breaker is
open): ``/readyz`` reports "degraded" with it.
"""

import logging
import re
import time
from dataclasses import dataclass, field

from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache
from django.core.cache.backends.redis import RedisCacheClient
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
    pending_deletes: dict = field(default_factory=dict)  # full Redis keys -> None, in order
    pending_overflowed: bool = False


# Per process and per server address, shared by the cache objects of every thread and alias.
_servers: dict[tuple[str, ...], _ServerState] = {}


class ReusedClientRedisCacheClient(RedisCacheClient):
    """Django's Redis client, keeping the redis-py client it makes for each pool (one for writes,
    one for reads; the same pool with one server). redis-py clients are thread-safe; with
    replicas, a cache object then reads from the one replica it picked first."""

    def __init__(self, servers, **options):
        super().__init__(servers, **options)
        self.clients = {}

    def get_client(self, key=None, *, write=False):
        client = self.clients.get(write)
        if client is None:
            client = self.clients[write] = super().get_client(key, write=write)
        return client


class FailSoftRedisCache(BaseCache):
    def __init__(self, server, params):
        super().__init__(params)
        servers = re.split("[;,]", server) if isinstance(server, str) else list(server)
        options = dict(params.get("OPTIONS", {}))
        self.breaker_seconds = float(options.pop("breaker_seconds", BREAKER_SECONDS))
        self.max_timeout = options.pop("max_timeout", None)
        # One attempt per call: a retry would only double the wait on a frozen server.
        options.setdefault("retry", Retry(NoBackoff(), 0))
        self.client = ReusedClientRedisCacheClient(servers, **options)
        self.state = _servers.setdefault(tuple(servers), _ServerState())
        self.location = ",".join(servers)

    # --- the guard ---------------------------------------------------------------------------

    def _call(self, operation, miss):
        state = self.state
        if state.skip_until and time.monotonic() < state.skip_until:
            return miss()
        try:
            if state.failing:
                self._recover()
            return operation()
        except OUTAGE_ERRORS as error:
            self._failed(error)
            return miss()

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

    def _recover(self):
        """Deletes what failed to be written, before Redis is read again; raises while it is
        still down (the keys are kept for the next try)."""
        state = self.state
        pending = list(state.pending_deletes)
        if pending:
            self.client.delete_many(pending)
        for key in pending:
            state.pending_deletes.pop(key, None)
        state.pending_overflowed = False
        state.failing = False
        state.skip_until = 0.0
        state.logged_at = None
        logger.info(
            "Redis at %s answers again (%d missed writes deleted)", self.location, len(pending)
        )

    def _remember_delete(self, keys):
        state = self.state
        for key in keys:
            if len(state.pending_deletes) >= MAX_PENDING_DELETES:
                if not state.pending_overflowed:
                    state.pending_overflowed = True
                    logger.warning(
                        "Over %d missed Redis writes: some entries may be stale until they expire",
                        MAX_PENDING_DELETES,
                    )
                return
            state.pending_deletes[key] = None

    # --- Django's cache API, as RedisCache implements it ---------------------------------------

    def get_backend_timeout(self, timeout=DEFAULT_TIMEOUT):
        if timeout == DEFAULT_TIMEOUT:
            timeout = self.default_timeout
        # None keeps the key until deleted; 0 and less delete it.
        seconds = None if timeout is None else max(0, int(timeout))
        if self.max_timeout is not None and (seconds is None or seconds > self.max_timeout):
            return int(self.max_timeout)
        return seconds

    def is_reachable(self) -> bool:
        """Whether Redis answers now: one round trip, or none while the breaker is open."""
        key = self.make_and_validate_key("readyz")
        return self._call(lambda: self.client.has_key(key) in (True, False), bool)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_and_validate_key(key, version=version)
        timeout = self.get_backend_timeout(timeout)
        return self._call(lambda: self.client.add(key, value, timeout), bool)

    def get(self, key, default=None, version=None):
        key = self.make_and_validate_key(key, version=version)
        return self._call(lambda: self.client.get(key, default), lambda: default)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_and_validate_key(key, version=version)
        timeout = self.get_backend_timeout(timeout)
        self._call(
            lambda: self.client.set(key, value, timeout), lambda: self._remember_delete([key])
        )

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_and_validate_key(key, version=version)
        timeout = self.get_backend_timeout(timeout)
        return self._call(lambda: self.client.touch(key, timeout), bool)

    def delete(self, key, version=None):
        key = self.make_and_validate_key(key, version=version)

        def missed():
            self._remember_delete([key])
            return False

        return self._call(lambda: self.client.delete(key), missed)

    def get_many(self, keys, version=None):
        names = {self.make_and_validate_key(key, version=version): key for key in keys}
        if not names:
            return {}
        found = self._call(lambda: self.client.get_many(list(names)), dict)
        return {names[name]: value for name, value in found.items()}

    def has_key(self, key, version=None):
        key = self.make_and_validate_key(key, version=version)
        return self._call(lambda: self.client.has_key(key), bool)

    def incr(self, key, delta=1, version=None):
        made = self.make_and_validate_key(key, version=version)

        def missed():
            raise ValueError(f"Key '{key}' not found (Redis is unavailable).")

        return self._call(lambda: self.client.incr(made, delta), missed)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        if not data:
            return []
        made = {self.make_and_validate_key(key, version=version): data[key] for key in data}
        timeout = self.get_backend_timeout(timeout)

        def missed():
            self._remember_delete(made)
            return list(data)  # Django's contract: the keys that were not stored

        return self._call(lambda: self.client.set_many(made, timeout) or [], missed)

    def delete_many(self, keys, version=None):
        made = [self.make_and_validate_key(key, version=version) for key in keys]
        if made:
            self._call(lambda: self.client.delete_many(made), lambda: self._remember_delete(made))

    def clear(self):
        return self._call(self.client.clear, bool)
