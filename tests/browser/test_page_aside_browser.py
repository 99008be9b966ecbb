"""The shared side column in a real browser: beside the main column at 992 px and up with the
main column kept to a readable measure, below it on phones, accessible at both widths."""

import pytest

from tests.browser.conftest import assert_accessible, assert_no_horizontal_scroll
from tests.test_page_aside import ASIDE_PAGES


def _boxes(page):
    main = page.locator(".with-aside__main").bounding_box()
    aside = page.locator("aside.page-aside").bounding_box()
    return main, aside


@pytest.mark.parametrize("path", ASIDE_PAGES)
def test_the_aside_sits_beside_the_text_on_a_wide_screen(site, demo, path):
    page = site["page"]
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site["url"] + path)
    main, aside = _boxes(page)
    container = page.locator("#main-content .container").bounding_box()
    assert aside["x"] >= main["x"] + main["width"]  # beside, not below
    assert aside["y"] == pytest.approx(main["y"], abs=2)
    # The row is used to its end, and the main column keeps its measure (43rem).
    assert aside["x"] + aside["width"] >= container["x"] + container["width"] - 12 - 2
    assert main["width"] <= 43 * 16 + 1
    assert_accessible(page)


@pytest.mark.parametrize("path", ["/report/", "/tips/lock-doors-and-windows/", "/search/?q=watch"])
def test_the_aside_follows_the_text_on_a_phone(site, demo, path):
    page = site["page"]
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(site["url"] + path)
    main, aside = _boxes(page)
    assert aside["y"] >= main["y"] + main["height"]
    assert_no_horizontal_scroll(page)
    assert_accessible(page)
