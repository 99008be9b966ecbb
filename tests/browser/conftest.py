"""Playwright against Debian's Chromium (never a downloaded browser), with helpers shared by
every browser test: axe-core checks and a guard that no request leaves the test server."""

import os
import shutil

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.staticfiles.handlers import StaticFilesHandler

# Playwright's sync API runs an event loop in this thread; Django's ORM must still be usable.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# The live server would serve /static/ through the finders, which know no hashed names. Let the
# request reach WhiteNoise instead, which serves the collected files as in production.
StaticFilesHandler._should_handle = lambda self, path: False

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.fail("Browser tests need Debian's Chromium: apt-get install chromium")
    return {
        **browser_type_launch_args,
        "executable_path": chromium,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture
def site(live_server, page):
    """The live server and a page that records every request it makes."""
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.set_default_timeout(10_000)
    return {"url": live_server.url, "page": page, "requests": requests}


def axe_violations(page) -> list[dict]:
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    return results.response["violations"]


def assert_accessible(page):
    violations = axe_violations(page)
    summary = [
        f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes: {[n['target'] for n in v['nodes']][:3]})"
        for v in violations
    ]
    assert violations == [], "\n".join(summary)


def assert_stays_on(site):
    outside = [url for url in site["requests"] if not url.startswith(site["url"])]
    assert outside == [], f"requests left the test server: {outside}"


def assert_no_horizontal_scroll(page):
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"page scrolls sideways by {overflow}px"
