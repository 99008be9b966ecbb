"""Real servers for the front, scale-out and outage tests: gunicorn with production settings on
a loopback port, the Varnish front (deploy/varnish/default.vcl) before it, redis-server, a TCP
proxy in front of PostgreSQL that a test can cut, and small HTTP helpers.

The gunicorn processes read the test database (settings.DATABASES while a test runs), so tests
that use them need committed rows: ``pytest.mark.django_db(transaction=True)``.
"""

import contextlib
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

import redis
import requests
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent
PORTS = range(8200, 8300)  # loopback ports these tests may use
REDIS_HOST, REDIS_PORT = "127.0.0.1", 6379
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def listening_socket() -> socket.socket:
    """A socket listening on a loopback port in PORTS, tried in random order: other test runs
    on the machine (two checkouts, CI) pick ports from the same range at the same time."""
    for port in random.sample(PORTS, len(PORTS)):
        sock = socket.socket()
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            sock.close()
            continue
        sock.listen(128)
        return sock
    raise RuntimeError(f"no free loopback port in {PORTS.start}-{PORTS.stop - 1}")


def free_port() -> int:
    """A loopback port in PORTS that nothing listens on right now, for a server that binds it
    itself (prefer listening_socket(), which leaves no gap for another process)."""
    with listening_socket() as sock:
        return sock.getsockname()[1]


def redis_available() -> bool:
    try:
        with socket.create_connection((REDIS_HOST, REDIS_PORT), timeout=1) as conn:
            conn.sendall(b"PING\r\n")
            return conn.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def database_url(*, host: str | None = None, port: int | None = None) -> str:
    """The test database as a DATABASE_URL, optionally reached through another host and port."""
    db = settings.DATABASES["default"]
    user = quote(db["USER"] or "", safe="")
    password = f":{quote(db['PASSWORD'], safe='')}" if db.get("PASSWORD") else ""
    host = host or db["HOST"] or "127.0.0.1"
    port = port or db["PORT"] or 5432
    return f"postgres://{user}{password}@{host}:{port}/{quote(db['NAME'], safe='')}"


def shared_database_url() -> str:
    """The test database as a server process of the test opens it: PostgreSQL's, or SQLite's
    file (settings.DATABASES names the test database's file while a test runs)."""
    db = settings.DATABASES["default"]
    if db["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{db['NAME']}"
    return database_url()


def production_env(**overrides: str) -> dict[str, str]:
    """The environment of a production server on loopback: debug off, the test's secret key
    (so signed cookies made by one server are good on another), plain HTTP, mail kept in memory."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "GUNICORN_", "DATABASE_URL", "REDIS_URL"))
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "cary_pd.settings",
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": settings.SECRET_KEY,
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "DJANGO_SECURE_COOKIES": "0",
            "DJANGO_HSTS_SECONDS": "0",
            "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            "DJANGO_STATIC_ROOT": str(settings.STATIC_ROOT),
            # The test's uploads (the demo's images), which its own process wrote.
            "DJANGO_MEDIA_ROOT": str(settings.MEDIA_ROOT),
            "DJANGO_LOG_LEVEL": "WARNING",
            "DATABASE_URL": database_url(),
            "REDIS_URL": "",
            "PYTHONUNBUFFERED": "1",
        }
    )
    env.update(overrides)
    return env


class LoggedProcess:
    """A server process of a test, logging to ``log_path``; stopped by process id."""

    log_path: Path
    process: subprocess.Popen

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")[-5000:]

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
        self._log.close()


class Gunicorn(LoggedProcess):
    """``gunicorn --config gunicorn.conf.py --no-control-socket`` on loopback, logging to a file."""

    def __init__(self, *, env: dict[str, str], log_path: Path, workers: int = 2):
        # The test binds the port and hands the socket to gunicorn (fd://), so no other
        # process can take the port in between.
        sock = listening_socket()
        self.port = sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = log_path
        command = [
            sys.executable, "-m", "gunicorn", "cary_pd.wsgi",
            "--config", "gunicorn.conf.py", "--no-control-socket",
            "--workers", str(workers), "--bind", f"fd://{sock.fileno()}",
        ]  # fmt: skip
        self._log = open(log_path, "ab")  # noqa: SIM115 (closed in stop())
        try:
            self.process = subprocess.Popen(
                command,
                cwd=ROOT,
                env=env,
                stdout=self._log,
                stderr=subprocess.STDOUT,
                pass_fds=[sock.fileno()],
            )
        finally:
            sock.close()  # gunicorn holds its own copy

    def wait_ready(self, timeout: float = 30) -> "Gunicorn":
        """Wait until this process (not another one on the port) listens and answers."""
        listening = f"Listening at: {self.url} ({self.process.pid})"  # this process, this port
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited early:\n{self.log()}")
            try:
                if (
                    listening in self.log_path.read_text(errors="replace")
                    and requests.get(f"{self.url}/healthz", timeout=5).status_code == 200
                ):
                    return self
            except requests.RequestException:  # refused, or the workers are still booting
                pass
            time.sleep(0.1)
        raise RuntimeError(f"gunicorn did not answer in {timeout} s:\n{self.log()}")


class Worker(LoggedProcess):
    """``manage.py db_worker``, the task worker, with the given environment, logging to a file."""

    def __init__(self, *, env: dict[str, str], log_path: Path, interval: float = 0.5):
        self.log_path = log_path
        # Tasks claimed before this are another (dead) worker's: see Shape.wait_for_tasks.
        self.started_at = datetime.now(UTC)
        self._log = open(log_path, "ab")  # noqa: SIM115 (closed in stop())
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--no-reload", "--interval", str(interval),
             "--no-startup-delay"],
            cwd=ROOT, env=env, stdout=self._log, stderr=subprocess.STDOUT,
        )  # fmt: skip


def start_servers(count: int, *, env: dict[str, str], log_dir: Path) -> list[Gunicorn]:
    """Start several servers at once (each takes a second or two to boot)."""
    servers = []
    try:
        for n in range(count):
            servers.append(Gunicorn(env=env, log_path=log_dir / f"gunicorn-{n}.log"))
        for server in servers:
            server.wait_ready()
    except Exception:
        for server in servers:
            server.stop()
        raise
    return servers


VARNISHD = shutil.which("varnishd") or shutil.which("varnishd", path="/usr/sbin")
REDIS_SERVER = shutil.which("redis-server")
# varnishd's settings in production (deploy/varnish/parameters).
VARNISH_PARAMETERS = (ROOT / "deploy" / "varnish" / "parameters").read_text().split()


class Varnish:
    """``varnishd`` with the site's VCL in front of the given backends, on a loopback port.

    The VCL's ``backends.vcl`` is written for the test into a folder of its own (varnishd drops
    root to its own user, so the folder is made readable by others).
    """

    def __init__(self, backends: list[tuple[str, int]], *, port: int | None = None):
        if VARNISHD is None:
            raise RuntimeError("varnishd is missing: apt-get install varnish varnish-modules")
        self.directory = Path(tempfile.mkdtemp(prefix="cary-varnish-"))
        self.directory.chmod(0o755)
        lines = []
        for n, (host, backend_port) in enumerate(backends):
            lines.append(
                f'backend web{n} {{ .host = "{host}"; .port = "{backend_port}"; '
                ".probe = site_alive; .connect_timeout = 1s; .first_byte_timeout = 30s; }"
            )
        adds = " ".join(f"site.add_backend(web{n});" for n in range(len(backends)))
        lines.append(f"sub vcl_init {{ {adds} }}")
        (self.directory / "backends.vcl").write_text("\n".join(lines) + "\n")
        (self.directory / "backends.vcl").chmod(0o644)
        self.pid_file = self.directory / "varnish.pid"
        # varnishd binds the port itself: another run may take a free one first, so try again.
        for _attempt in range(5):
            self.port = port or free_port()
            self.url = f"http://127.0.0.1:{self.port}"
            result = subprocess.run(
                [VARNISHD, "-a", f"127.0.0.1:{self.port}",
                 "-f", str(ROOT / "deploy" / "varnish" / "default.vcl"),
                 "-p", f"vcl_path={self.directory}:{ROOT / 'deploy' / 'varnish'}",
                 *VARNISH_PARAMETERS,
                 "-n", str(self.directory / "work"),
                 "-P", str(self.pid_file)],
                capture_output=True, text=True, timeout=60,
            )  # fmt: skip
            if result.returncode == 0:
                return
            if port is not None or "Address already in use" not in result.stdout + result.stderr:
                break
        raise RuntimeError(f"varnishd did not start:\n{result.stdout}{result.stderr}")

    @property
    def pid(self) -> int:
        return int(self.pid_file.read_text())

    def wait_ready(self, timeout: float = 30) -> "Varnish":
        """Until a backend's probe is good and a page comes through."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                if requests.get(f"{self.url}/healthz", timeout=5).status_code == 200:
                    return self
            except requests.RequestException:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"varnish did not pass a page through in {timeout} s")

    def purge_url(self) -> str:
        return f"{self.url}/"

    def stop(self):
        with contextlib.suppress(FileNotFoundError, ProcessLookupError, ValueError):
            os.kill(self.pid, signal.SIGTERM)
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline:
                os.kill(self.pid, 0)
                time.sleep(0.1)
        shutil.rmtree(self.directory, ignore_errors=True)


class RedisServer:
    """``redis-server`` on a loopback port, without persistence; stopped by process id."""

    def __init__(self, directory, *, port: int | None = None):
        self.port = port or free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.directory = directory
        self.process = None
        self.start()

    def start(self):
        self.process = subprocess.Popen(
            [REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(self.directory)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                if self.client().ping():
                    return
            except redis.exceptions.ConnectionError:
                time.sleep(0.05)
        raise RuntimeError(f"redis-server did not answer on port {self.port}")

    def client(self) -> redis.Redis:
        return redis.Redis(port=self.port, socket_timeout=1, socket_connect_timeout=1)

    def kill(self):
        self.process.kill()
        self.process.wait(timeout=10)

    def freeze(self):
        os.kill(self.process.pid, signal.SIGSTOP)

    def thaw(self):
        os.kill(self.process.pid, signal.SIGCONT)

    def stop(self):
        if self.process.poll() is None:
            self.thaw()
            self.kill()


class SilentSMTPServer:
    """Accepts connections and never says a word: a mail server that hangs."""

    def __init__(self):
        self.sock = listening_socket()
        self.sock.settimeout(0.1)
        self.port = self.sock.getsockname()[1]
        self.connections: list[socket.socket] = []
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self.accept, daemon=True)

    def accept(self):
        while not self.stopped.is_set():
            try:
                conn, _address = self.sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.connections.append(conn)
            self.handle(conn)

    def handle(self, conn):
        """Accept and never answer: the connection stays open until the server stops."""

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stopped.set()
        self.thread.join(timeout=5)
        for conn in self.connections:
            conn.close()
        self.sock.close()


class RefusingSMTPServer(SilentSMTPServer):
    """Answers SMTP and refuses every recipient, naming the address in its reply, as real
    servers do (smtplib's error then holds the address)."""

    def handle(self, conn):
        with conn, conn.makefile("rb") as lines:
            conn.sendall(b"220 mail.example.org ready\r\n")
            for line in lines:
                command = line[:4].upper()
                if command == b"RCPT":
                    address = line.split(b":", 1)[1].strip()
                    conn.sendall(b"550 5.1.1 " + address + b" unknown\r\n")
                elif command == b"QUIT":
                    conn.sendall(b"221 bye\r\n")
                    break
                else:
                    conn.sendall(b"250 ok\r\n")


class RecordingSMTPServer(SilentSMTPServer):
    """A mail server that hangs (accepts, never answers) while ``hanging`` is set, and otherwise
    speaks enough SMTP to take each message and keep its recipients and text in ``messages``."""

    def __init__(self):
        super().__init__()
        self.hanging = threading.Event()
        self.messages: list[tuple[list[str], bytes]] = []

    def accept(self):
        while not self.stopped.is_set():
            try:
                conn, _address = self.sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.connections.append(conn)
            threading.Thread(target=self.handle, args=(conn,), daemon=True).start()

    def handle(self, conn):
        if self.hanging.is_set():
            return  # open and silent until the server stops
        recipients: list[str] = []
        with conn, conn.makefile("rb") as lines:
            conn.sendall(b"220 mail.example.org ready\r\n")
            for line in lines:
                command = line[:4].upper()
                if command == b"RCPT":
                    recipients.append(line.split(b":", 1)[1].strip(b" <>\r\n").decode())
                    conn.sendall(b"250 ok\r\n")
                elif command == b"DATA":
                    conn.sendall(b"354 go on\r\n")
                    body = b""
                    for data in lines:
                        if data == b".\r\n":
                            break
                        body += data
                    self.messages.append((recipients, body))
                    recipients = []
                    conn.sendall(b"250 queued\r\n")
                elif command == b"QUIT":
                    conn.sendall(b"221 bye\r\n")
                    break
                else:
                    conn.sendall(b"250 ok\r\n")

    def received_by(self, address: str) -> int:
        return sum(address in recipients for recipients, _body in self.messages)


class TcpProxy:
    """Forwards a loopback port to an upstream server, with a switch.

    ``drop()`` closes every open connection (as a restarting or failing-over database does);
    ``cut()`` also refuses new ones until ``restore()``.
    """

    def __init__(self, upstream: tuple[str, int]):
        self.upstream = upstream
        self._lock = threading.Lock()
        self._sockets: set[socket.socket] = set()
        self._listener: socket.socket | None = None
        listener = listening_socket()
        self.port = listener.getsockname()[1]
        self._listen(listener)

    def _listen(self, listener: socket.socket | None = None):
        if listener is None:  # restore(): the same port again
            listener = socket.socket()
            listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            listener.bind(("127.0.0.1", self.port))
            listener.listen(128)
        listener.settimeout(0.1)
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def _accept(self, listener: socket.socket):
        while self._listener is listener:
            try:
                client, _address = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            try:
                upstream = socket.create_connection(self.upstream, timeout=5)
            except OSError:
                client.close()
                continue
            client.settimeout(None)
            upstream.settimeout(None)
            with self._lock:
                self._sockets.update((client, upstream))
            for source, target in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(source, target), daemon=True).start()

    def _pump(self, source: socket.socket, target: socket.socket):
        try:
            while data := source.recv(65536):
                target.sendall(data)
        except OSError:
            pass
        finally:
            self._close(source, target)

    def _close(self, *sockets: socket.socket):
        for sock in sockets:
            with self._lock:
                self._sockets.discard(sock)
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()

    @property
    def open_connections(self) -> int:
        with self._lock:
            return len(self._sockets) // 2

    def drop(self):
        with self._lock:
            sockets = list(self._sockets)
        self._close(*sockets)

    def cut(self):
        listener, self._listener = self._listener, None
        if listener is not None:
            listener.close()
        self.drop()

    def restore(self):
        if self._listener is None:
            self._listen()

    def close(self):
        self.cut()


# --- HTTP -------------------------------------------------------------------------------------


def csrf_session(url: str) -> tuple[requests.Session, str]:
    """A browser-like session that fetched a form page at ``url``: its CSRF cookie and the token
    from the page's form."""
    session = requests.Session()
    response = session.get(url, timeout=30)
    response.raise_for_status()
    match = CSRF_INPUT.search(response.text)
    assert match, f"no CSRF token in {url}"
    return session, match.group(1)
