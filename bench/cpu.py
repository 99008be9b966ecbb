"""CPU per render: each bench page rendered many times in this process through the site's WSGI
application (no server, no front, no page cache in between), timed with the process's CPU clock,
for three visitors: one without a session, one with a session (a resident in the middle of a
crime report), and a staff member signed in with two factors. bench/run.py runs it a few times
per database (demo volume and bench volume), each in a process of its own with the settings and
the DATABASE_URL of that run, and reads the JSON it prints.

    python bench/cpu.py --renders 60 [--only home,search]  # DATABASE_URL's database

A render is one call of the WSGI application with the body read and the response closed, as a
WSGI server does (request_started and request_finished included). Each page and visitor is
warmed up first, then rendered `renders` times in rounds over every page and visitor, so a
noisy stretch of the machine spreads over all of them, each visitor coming first to the page
in turn; the figure is the median.

The ceiling (bench/ceiling.py's one view, without middleware) is also rendered in the same
process after every render of a page, so a page's figure can be read as a multiple of the
ceiling's measured at the same moments: on a shared machine whose speed drifts by half during
a run, that ratio holds where milliseconds do not.
"""

import argparse
import io
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
WARM_UP = 3
VISITORS = ("anonymous", "session", "staff")


def environ(path: str, cookie: str = "") -> dict:
    """A WSGI environ for a GET of `path`, as gunicorn builds it behind the front."""
    path_info, _, query = path.partition("?")
    result = {
        "REQUEST_METHOD": "GET",
        "SCRIPT_NAME": "",
        "PATH_INFO": path_info,
        "QUERY_STRING": query,
        "SERVER_NAME": HOST,
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": HOST,
        "HTTP_HOST": HOST,
        "HTTP_ACCEPT": "text/html,application/xhtml+xml",
        "HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9",
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    if cookie:
        result["HTTP_COOKIE"] = cookie
    return result


def render(application, path: str, cookie: str = "") -> tuple[float, str, int]:
    """(CPU seconds, status line, body bytes) of one render."""
    status = []

    def start_response(line, headers, exc_info=None):
        status.append(line)

    start = time.process_time()
    response = application(environ(path, cookie), start_response)
    try:
        size = sum(len(chunk) for chunk in response)
    finally:
        response.close()
    return time.process_time() - start, status[0], size


def visitor_cookies() -> dict[str, str]:
    """The Cookie header of each visitor. The session visitor has started a crime report; the
    staff member is a superuser whose session passed two-factor authentication."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.contrib.sessions.backends.base import SessionBase
    from django.test import Client
    from django.urls import reverse
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    resident = Client(HTTP_HOST=HOST)
    resident.post(reverse("reports:emergency"), {"answer": "no"})
    assert isinstance(resident.session, SessionBase) and resident.session.session_key

    user, _created = get_user_model().objects.get_or_create(
        username="bench-staff",
        defaults={"is_staff": True, "is_superuser": True, "email": "bench-staff@example.org"},
    )
    device, _created = TOTPDevice.objects.get_or_create(
        user=user, name="bench", defaults={"confirmed": True}
    )
    staff = Client(HTTP_HOST=HOST)
    staff.force_login(user)
    session = staff.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    name = settings.SESSION_COOKIE_NAME
    return {
        "anonymous": "",
        "session": f"{name}={resident.session.session_key}",
        "staff": f"{name}={session.session_key}",
    }


def ceiling_handler():
    """bench/ceiling.py's view as a WSGI application inside this process: a WSGIHandler built
    without middleware, whose requests resolve against the ceiling's URLconf."""
    from django.core.handlers.wsgi import WSGIHandler
    from django.test.utils import override_settings

    class CeilingHandler(WSGIHandler):
        def get_response(self, request):
            request.urlconf = "bench.ceiling"
            return super().get_response(request)

    with override_settings(MIDDLEWARE=[]):
        return CeilingHandler()


def measure(application, pages, cookies: dict[str, str], renders: int, ceiling=None) -> dict:
    """{label: {visitor: {"ms": median CPU ms, "status": ..., "bytes": ...}}}; with a
    ``ceiling`` application, it is rendered after every render of a page and its figures are
    the last entry, "ceiling" (anonymous only)."""
    runs = [(label, path, visitor) for label, path in pages for visitor in cookies]
    timings = {run: [] for run in runs}
    ceiling_timings = []
    answers = {}
    for label, path, visitor in runs:
        for _n in range(WARM_UP):
            _seconds, status, size = render(application, path, cookies[visitor])
        if not status.startswith("200"):
            raise SystemExit(f"{path} as the {visitor} visitor: {status}, not 200 OK")
        answers[label, path, visitor] = (status, size)
    if ceiling is not None:
        for _n in range(WARM_UP):
            _seconds, status, size = render(ceiling, "/")
        answers["ceiling", "/", "anonymous"] = (status, size)
    visitors = list(cookies)
    for round_number in range(renders):
        # Each visitor in turn comes first to a page: the first render after another page's
        # runs colder (CPU caches, the page's kept parts) than the ones right after it.
        turn = round_number % len(visitors)
        order = visitors[turn:] + visitors[:turn]
        for label, path in pages:
            for visitor in order:
                seconds, _status, _size = render(application, path, cookies[visitor])
                timings[label, path, visitor].append(seconds)
                if ceiling is not None:
                    ceiling_timings.append(render(ceiling, "/")[0])
    if ceiling is not None:
        timings["ceiling", "/", "anonymous"] = ceiling_timings
        runs.append(("ceiling", "/", "anonymous"))
    result = {}
    for label, path, visitor in runs:
        status, size = answers[label, path, visitor]
        result.setdefault(label, {"path": path})[visitor] = {
            "ms": statistics.median(timings[label, path, visitor]) * 1000,
            "status": status,
            "bytes": size,
        }
    return result


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="bench/cpu.py", description=__doc__)
    parser.add_argument("--renders", type=int, default=60, help="renders of each page and visitor")
    parser.add_argument("--only", default="", help="comma-separated page labels")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cary_pd.settings")
    from django.core.wsgi import get_wsgi_application

    from bench.pages import bench_pages

    application = get_wsgi_application()
    pages = bench_pages()
    if args.only:
        wanted = set(args.only.split(","))
        pages = [(label, path) for label, path in pages if label in wanted]
    cookies = visitor_cookies()
    json.dump(measure(application, pages, cookies, args.renders, ceiling_handler()), sys.stdout)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
