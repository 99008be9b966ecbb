"""The request body limit (core/body_limit.py, settings.MAX_REQUEST_BYTES): a body that says it
is larger is refused with 413 and a clear page before a byte of it is read, by the app itself and
not only by the front; a body without a length is refused with 411.

In process, the test client's request body is a few bytes behind a Content-Length of 200 MB:
reading past them raises, so a 413 shows that nothing read the body. Against a real gunicorn
(production settings), a raw socket sends the headers of a 200 MB upload and 64 KB of it: the
413 comes back at once (the time is printed with ``pytest -s`` and recorded in the JUnit XML),
and the server then closes the connection instead of reading the rest.
"""

import socket
import time
from urllib.parse import urlencode

import pytest
from django.urls import reverse

from programs.models import SignUp
from tests.factories import ProgramFactory
from tests.servers import Gunicorn, production_env, shared_database_url

pytestmark = pytest.mark.django_db

TWO_HUNDRED_MB = 200 * 1024 * 1024
MULTIPART = "multipart/form-data; boundary=x"


def declare(client, url: str, length: int, body: bytes = b"--x\r\n", **extra):
    """A POST whose headers declare ``length`` bytes, of which only ``body`` exists."""
    return client.generic(
        "POST", url, body, content_type=MULTIPART, CONTENT_LENGTH=str(length), **extra
    )


def assert_clear_refusal(response, status=413):
    page = response.content.decode()
    assert response.status_code == status
    assert "no-store" in response["Cache-Control"]  # never kept by the front or a browser
    assert "Content-Security-Policy" in response  # still a page of the site, through its stack
    assert "Traceback" not in page and "<main" in page
    return page


# --- In process -------------------------------------------------------------------------------


def test_photos_over_the_limit_are_refused_unread_with_a_way_back(client):
    url = reverse("reports:photos") + "?change=1"

    page = assert_clear_refusal(declare(client, url, TWO_HUNDRED_MB))

    assert "Your photos were too large" in page
    assert "larger than the 51.0\xa0MB we can take at once" in page
    assert "Add fewer photos at a time, or smaller ones" in page
    assert f'href="{url}"' in page  # back to the step, as it was opened


def test_the_more_information_page_says_the_text_must_be_written_again(client):
    url = reverse("reports:more_information", args=["a-token"])

    page = assert_clear_refusal(declare(client, url, TWO_HUNDRED_MB))

    assert "Your photos were too large" in page and "write your text again" in page
    assert f'href="{url}"' in page


def test_another_form_over_the_limit_gets_the_general_page(client):
    program = ProgramFactory()
    url = reverse("programs:signup", args=[program.slug])

    page = assert_clear_refusal(declare(client, url, TWO_HUNDRED_MB))

    assert "What you sent is too large" in page and "at most 51.0\xa0MB at once" in page
    assert SignUp.objects.count() == 0


def test_a_body_at_the_limit_is_taken_and_one_byte_more_is_not(client, settings):
    program = ProgramFactory()
    url = reverse("programs:signup", args=[program.slug])
    form = {"name": "Jamie Rivera", "email": "jamie@example.org", "consent": "on"}
    body = urlencode(form).encode()
    urlencoded = "application/x-www-form-urlencoded"

    settings.MAX_REQUEST_BYTES = len(body) - 1
    refused = client.generic("POST", url, body, content_type=urlencoded)
    settings.MAX_REQUEST_BYTES = len(body)
    taken = client.generic("POST", url, body, content_type=urlencoded)

    assert refused.status_code == 413
    assert taken.status_code == 302 and SignUp.objects.get().email == "jamie@example.org"


def test_a_body_without_a_length_is_refused(client):
    program = ProgramFactory()
    url = reverse("programs:signup", args=[program.slug])

    response = client.generic(
        "POST", url, b"", content_type=MULTIPART, HTTP_TRANSFER_ENCODING="chunked"
    )

    page = assert_clear_refusal(response, status=411)
    assert "What you sent could not be read" in page


# --- A real gunicorn --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def server(django_db_setup, tmp_path_factory):
    gunicorn = Gunicorn(
        env=production_env(DATABASE_URL=shared_database_url()),
        log_path=tmp_path_factory.mktemp("gunicorn") / "gunicorn.log",
        workers=1,
    )
    try:
        yield gunicorn.wait_ready()
    finally:
        gunicorn.stop()


def read_response(sock: socket.socket) -> tuple[bytes, bytes]:
    """The status line and headers, and the body (as long as its Content-Length says)."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        assert chunk, f"connection closed before a response: {data!r}"
        data += chunk
    head, body = data.split(b"\r\n\r\n", 1)
    length = next(
        int(line.split(b":", 1)[1])
        for line in head.split(b"\r\n")
        if line.lower().startswith(b"content-length:")
    )
    while len(body) < length:
        chunk = sock.recv(65536)
        assert chunk, "connection closed in the middle of the response"
        body += chunk
    return head, body


def closed_by_server(sock: socket.socket, timeout: float) -> bool:
    sock.settimeout(timeout)
    try:
        while sock.recv(65536):
            pass
    except TimeoutError:
        return False
    except ConnectionResetError:
        return True
    return True


@pytest.mark.django_db(transaction=True)
def test_gunicorn_refuses_a_200_mb_upload_at_once_without_reading_it(server, record_property):
    head = (
        "POST /report/photos/ HTTP/1.1\r\n"
        f"Host: 127.0.0.1\r\nContent-Type: {MULTIPART}\r\nContent-Length: {TWO_HUNDRED_MB}\r\n"
        "\r\n"
    ).encode()
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
        started = time.monotonic()
        sock.sendall(head + b"--x\r\n" + b"\0" * 65536)
        status_and_headers, body = read_response(sock)
        elapsed = time.monotonic() - started
        closed = closed_by_server(sock, timeout=10)
        closed_after = time.monotonic() - started

    print(
        f"\n413 for a 200 MB upload, from a real gunicorn: {elapsed * 1000:.0f} ms "
        f"(connection closed by the server after {closed_after * 1000:.0f} ms)"
    )
    record_property("refused_200_mb_upload_seconds", round(elapsed, 4))
    assert status_and_headers.startswith(b"HTTP/1.1 413 ")
    assert b"no-store" in status_and_headers
    assert "Your photos were too large" in body.decode()
    assert elapsed < 1.0, elapsed
    # The rest of the 200 MB is never read: the server closes the connection.
    assert closed


@pytest.mark.django_db(transaction=True)
def test_gunicorn_refuses_a_chunked_body(server):
    head = (
        "POST /report/photos/ HTTP/1.1\r\n"
        f"Host: 127.0.0.1\r\nContent-Type: {MULTIPART}\r\nTransfer-Encoding: chunked\r\n"
        "\r\n"
    ).encode()
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
        sock.sendall(head + b"10000\r\n" + b"\0" * 65536 + b"\r\n")
        status_and_headers, body = read_response(sock)

    assert status_and_headers.startswith(b"HTTP/1.1 411 ")
    assert "What you sent could not be read" in body.decode()
