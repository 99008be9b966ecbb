"""gunicorn settings, read from the environment (see README "Configuration").

Written for the production shape: Varnish in front, two or more of these servers, PostgreSQL and
Redis behind, and `manage.py db_worker` beside them for email and photo work.

- Varnish reads the whole request from the client and takes the whole response before sending
  it on, so a slow client never holds a gunicorn thread; the only waits left inside a request
  are on PostgreSQL and Redis, and each of those has its own short timeout (cary_pd/settings.py:
  connect 2 s, unacknowledged data 2 s, statement 15 s; Redis 0.25 s). SMTP and image work run
  in the task worker, never in a request.
- Threads (gthread), not one request per process (sync): a request waiting on the database
  releases the GIL, so while the database is unreachable and requests wait out those timeouts,
  the other threads still answer /healthz (Varnish's probe allows 1 s) and pages that need no
  database, such as those in the page cache. Each thread keeps its own PostgreSQL connection:
  servers x GUNICORN_WORKERS x GUNICORN_THREADS must stay below PostgreSQL's max_connections.
- Fewer processes than the sync worker needs (cores + 1, not 2 x cores + 1): the threads do the
  waiting, and the processes are there to use every core despite the GIL.
"""

import os

bind = f"{os.environ.get('HOST', '0.0.0.0')}:{os.environ.get('PORT', '8000')}"  # noqa: S104
cores = os.cpu_count() or 1
workers = int(os.environ.get("GUNICORN_WORKERS", cores + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
# One thread means the sync worker (the benchmark's setting, bench/run.py).
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "gthread" if threads > 1 else "sync")
# With gthread this is the worker process's heartbeat, not a limit on a request (those are the
# timeouts above): a process whose main loop is stuck for this long is killed and replaced.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
# On a restart or deploy, requests in flight may finish: the longest is bounded by the
# statement timeout (15 s) plus a reconnect.
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "20"))
# Varnish keeps its connections to the backends open and reuses them. Longer than its
# backend_idle_timeout (60 s by default), so Varnish is the side that closes an idle connection
# and never sends a request on one gunicorn is closing at that moment. Idle connections wait in
# the worker's poller, not in a thread. (The sync worker ignores this.)
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "75"))
# Restart each process after this many requests (jittered, so they do not all restart at once),
# which bounds slow memory growth; 0 turns it off.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "200"))
# Logs go to stdout and stderr, for the container's log collector.
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# Worker heartbeat files in memory: a slow container disk must not make gunicorn kill workers.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
# gunicorn 27 opens a control socket at a fixed path in $HOME: it would clash between instances
# on one machine and is not needed to run the site.
control_socket_disable = True
