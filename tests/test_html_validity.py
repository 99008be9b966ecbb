"""Forty representative pages, rendered from the demo content, are valid HTML: the Nu HTML
checker (vnu.jar, from package.json: `make install-dev` runs `npm ci`) finds no error in them.
The pages are checked in one run of the checker, since each start of its JVM takes seconds."""

import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from tests.reports_support import ABOUT_YOU, fill_details, pass_eligibility

pytestmark = pytest.mark.django_db

VNU_JAR = Path(settings.BASE_DIR) / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# The report journey's states a page needs before it can be shown.
ELIGIBLE = "eligible"  # the four questions answered, a draft started
DETAILS = "details"  # every step filled in, ready to check and send


@dataclass(frozen=True)
class Page:
    path: str
    status: int = 200
    post: dict | None = None  # posted (an invalid form, to see its error state) instead of a GET
    journey: str | None = None  # ELIGIBLE or DETAILS: walked first, in the same session
    expect: str = ""  # a text the page must show, so an empty or wrong page cannot pass


PAGES = [
    # Home, staff pages and lists.
    Page("/", expect="Cary Police Department"),
    Page("/community-policing/"),
    Page("/requests/"),
    Page("/services/"),
    Page("/programs/"),
    Page("/tips/"),
    Page("/events/"),
    Page("/events/past/"),
    Page("/officers/"),
    Page("/k9/"),
    Page("/partners/"),
    Page("/news/"),
    Page("/districts/"),
    # A detail page of each kind.
    Page("/services/patrol/"),
    Page("/programs/neighborhood-watch/"),
    Page("/programs/neighborhood-watch/groups/"),
    Page("/tips/lock-doors-and-windows/"),
    Page("/events/public-safety-day/"),
    Page("/officers/sample-officer-jordan-reyes/"),
    Page("/news/text-to-911/"),
    Page("/districts/district-1/"),
    Page("/feedback/counts/"),
    # Search with results, and a district lookup that finds none.
    Page("/search/?q=record", expect="result-list__item"),
    Page("/districts/find/?address=5+Nowhere+Lane", expect="There is a problem"),
    # The online report: start, a question, a stop page, the steps and their errors.
    Page("/report/"),
    Page("/report/emergency/", post={}, expect="There is a problem"),
    Page("/report/emergency/call-911/"),
    Page("/report/when/", post={"start_date": "31/31/2026"}, journey=ELIGIBLE,
         expect="There is a problem"),
    Page("/report/property/", journey=ELIGIBLE),
    Page("/report/photos/", journey=ELIGIBLE),
    Page("/report/about-you/", post={**ABOUT_YOU, "email": "not-an-email"}, journey=ELIGIBLE,
         expect="There is a problem"),
    Page("/report/check-your-answers/", journey=DETAILS, expect="Blue mountain bike"),
    # The other request forms in their error state after an empty or invalid post.
    Page("/concerns/", post={}, expect="There is a problem"),
    Page("/records/", post={}, expect="There is a problem"),
    Page("/house-checks/", post={}, expect="There is a problem"),
    Page("/feedback/", post={}, expect="There is a problem"),
    Page("/alerts/", status=400, post={"email": "not-an-email"}, expect="There is a problem"),
    # Spanish.
    Page("/es/", expect="Departamento de Policía"),
    Page("/es/concerns/", post={}, expect="Hay un problema"),
    # Not found.
    Page("/no-such-page/", status=404),
]  # fmt: skip


def render(page: Page) -> str:
    client = Client()
    if page.journey:
        pass_eligibility(client)
        if page.journey == DETAILS:
            fill_details(client)
    response = client.get(page.path) if page.post is None else client.post(page.path, page.post)
    assert response.status_code == page.status, f"{page.path}: {response.status_code}"
    assert response["Content-Type"].startswith("text/html"), page.path
    html = response.content.decode()
    assert page.expect in html, f"{page.path} does not show {page.expect!r}"
    return html


def vnu_messages(files: list[Path]) -> list[dict]:
    """The Nu HTML checker's messages for ``files``, in one run."""
    java = shutil.which("java")
    if java is None:
        pytest.fail("The HTML check needs Java: apt-get install default-jre-headless")
    if not VNU_JAR.exists():
        pytest.fail(f"{VNU_JAR} is missing: run `make install-dev` (npm ci)")
    result = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--format", "json", "--stdout", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    return json.loads(result.stdout)["messages"]


def errors_by_page(tmp_path, pages: list[Page]) -> list[str]:
    files = {}
    for number, page in enumerate(pages):
        file = tmp_path / f"page-{number:02d}.html"
        file.write_text(render(page), encoding="utf-8")
        files[file.name] = page
    errors = []
    for message in vnu_messages([tmp_path / name for name in files]):
        if message["type"] == "info":  # warnings and notes
            continue
        page = files.get(message.get("url", "").rpartition("/")[2])  # file:/tmp/.../page-07.html
        where = f"{'POST ' if page and page.post is not None else ''}{page.path if page else '?'}"
        errors.append(f"{where} line {message.get('lastLine', '?')}: {message['message']}")
    return errors


def test_the_representative_pages_are_forty_distinct_pages():
    assert len(PAGES) == 40
    assert len({(page.path, page.post is None) for page in PAGES}) == 40


def test_the_representative_pages_have_no_html_errors(demo, tmp_path):
    errors = errors_by_page(tmp_path, PAGES)
    assert errors == [], f"{len(errors)} HTML errors:\n" + "\n".join(errors)


def test_the_html_check_catches_an_error(tmp_path):
    """The check can fail: a stray end tag and a duplicate id are reported."""
    file = tmp_path / "broken.html"
    file.write_text(
        '<!DOCTYPE html><html lang="en"><head><title>x</title></head>'
        '<body><p id="a">one</p><p id="a">two</p></div></body></html>',
        encoding="utf-8",
    )
    errors = [m["message"] for m in vnu_messages([file]) if m["type"] == "error"]
    assert any("Duplicate ID" in error for error in errors), errors
    assert any("Stray end tag" in error for error in errors), errors
