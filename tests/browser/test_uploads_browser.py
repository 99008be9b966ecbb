"""Upload progress in a real browser (core/uploads.py, static/js/site.js): a photo sent over a
slow connection shows how much has gone; without JavaScript the same form posts as before."""

import io

import pytest
from django.test import Client
from PIL import Image

from reports.models import DraftPhoto
from tests.browser.conftest import assert_accessible
from tests.reports_support import pass_eligibility

SLOW_UPLOAD = {  # bytes a second: a weak phone signal
    "offline": False,
    "latency": 40,
    "downloadThroughput": 2_000_000,
    "uploadThroughput": 120_000,
}


def phone_photo(path):
    """A photo-like JPEG of about half a megabyte (noise compresses like a real photo)."""
    out = io.BytesIO()
    Image.effect_noise((1100, 800), 64).convert("RGB").save(out, format="JPEG", quality=92)
    path.write_bytes(out.getvalue())
    return path


def at_the_photo_step(context, url):
    """A resident in the middle of a report, at its photo step: the journey's first answers
    given through the test client, its cookies handed to the browser."""
    client = Client()
    pass_eligibility(client)
    context.add_cookies(
        [
            {"name": name, "value": morsel.value, "url": url}
            for name, morsel in client.cookies.items()
        ]
    )


@pytest.fixture
def photo(tmp_path):
    return phone_photo(tmp_path / "IMG_2041.jpg")


def test_a_photo_over_a_slow_connection_shows_its_progress(site, demo, private_storage, photo):
    page = site["page"]
    at_the_photo_step(page.context, site["url"])
    page.goto(site["url"] + "/report/photos/")
    assert page.locator("[data-upload-progress-box]").is_hidden()  # until something is sent
    seen = []
    page.expose_function("note_progress", lambda value, text: seen.append((value, text)))
    page.evaluate(
        """setInterval(() => {
            const bar = document.querySelector("#upload-progress-bar");
            const text = document.querySelector("[data-upload-progress-text]");
            if (bar && !bar.closest("[hidden]")) window.note_progress(bar.value, text.textContent);
        }, 40)"""
    )
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", SLOW_UPLOAD)
    page.locator("input[type=file]").set_input_files(str(photo))
    with page.expect_navigation(timeout=60_000):
        page.locator("button[value=upload]").click()
    values = [value for value, _text in seen]
    # The bar moved: several values between nothing and all, in order, said as it went.
    between = sorted({value for value in values if 0 < value < 100})
    assert len(between) >= 3, values
    assert values == sorted(values)
    assert any(text.startswith("Sent: ") and text.endswith("%") for _value, text in seen)
    # Then the next page, and its message, as without JavaScript.
    assert page.url.endswith("/report/photos/")
    assert page.evaluate("document.activeElement.innerText") == "1 photo added."
    assert DraftPhoto.objects.count() == 1
    cdp.send("Network.emulateNetworkConditions", {**SLOW_UPLOAD, "uploadThroughput": -1})
    assert_accessible(page)


def test_the_same_upload_without_javascript_still_succeeds(
    browser, live_server, demo, private_storage, photo
):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        at_the_photo_step(context, live_server.url)
        page.goto(live_server.url + "/report/photos/")
        assert page.locator("[data-upload-progress-box]").is_hidden()
        page.locator("input[type=file]").set_input_files(str(photo))
        with page.expect_navigation():
            page.locator("button[value=upload]").click()
        assert "1 photo added." in page.locator(".messages").inner_text()
        assert "IMG_2041.jpg" in page.locator(".photo-list").inner_text()
        assert DraftPhoto.objects.count() == 1
    finally:
        context.close()
