"""Lighthouse (from package.json: `make install-dev` runs `npm ci`) scores the home page, with the
demo content, 100 for accessibility, best practices and SEO on its default mobile form factor,
in Debian's Chromium."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

LIGHTHOUSE = Path(settings.BASE_DIR) / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("accessibility", "best-practices", "seo")


def lighthouse_report(url: str, tmp_path) -> dict:
    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.fail("Browser tests need Debian's Chromium: apt-get install chromium")
    if not LIGHTHOUSE.exists():
        pytest.fail(f"{LIGHTHOUSE} is missing: run `make install-dev` (npm ci)")
    result = subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            f"--only-categories={','.join(CATEGORIES)}",
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
            "--output=json",
            "--output-path=stdout",
            "--quiet",
        ],
        capture_output=True,
        text=True,
        timeout=240,
        # Its own profile folder and temporary files, and never a download of a browser.
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "TMPDIR": str(tmp_path),
             "CHROME_PATH": chromium},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout)


def failing_audits(report: dict, category: str) -> list[str]:
    failing = []
    for ref in report["categories"][category]["auditRefs"]:
        audit = report["audits"][ref["id"]]
        if ref["weight"] > 0 and audit["score"] is not None and audit["score"] < 1:
            items = audit.get("details", {}).get("items", [])
            failing.append(f"{ref['id']}: {audit['title']} {json.dumps(items)[:800]}")
    return failing


def test_home_page_scores_100_for_accessibility_best_practices_and_seo(
    live_server, demo, settings, tmp_path
):
    # The canonical link and robots.txt's sitemap name DJANGO_SITE_URL: the site's own address,
    # as in production (the test settings' http://testserver is no server). Plain HTTP passes
    # "Uses HTTPS" only because Lighthouse counts 127.0.0.1 as secure, as browsers do.
    settings.SITE_URL = live_server.url
    report = lighthouse_report(live_server.url + "/", tmp_path)
    assert report["finalDisplayedUrl"] == live_server.url + "/"
    assert report["configSettings"]["formFactor"] == "mobile"
    scores = {category: report["categories"][category]["score"] for category in CATEGORIES}
    failing = {category: failing_audits(report, category) for category in CATEGORIES}
    assert scores == dict.fromkeys(CATEGORIES, 1.0), json.dumps(failing, indent=2)
