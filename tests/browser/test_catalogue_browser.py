"""Services, programs, tips and search in a real browser: axe on every page (error states too),
320 px without sideways scrolling, and a program sign-up by keyboard alone, from the program's
page to its sign-up page."""

import re

import pytest
from playwright.sync_api import expect

from programs.models import Program, SignUp
from tests.browser.conftest import assert_accessible, assert_no_horizontal_scroll, assert_stays_on

PAGES = [
    "/",
    "/services/",
    "/services/patrol/",
    "/services/report-a-crime/",
    "/programs/",
    "/programs/neighborhood-watch/",
    "/programs/citizens-police-academy/",
    "/programs/neighborhood-watch/groups/",
    "/programs/neighborhood-watch/groups/?q=maple",
    "/programs/neighborhood-watch/groups/?q=zebra",
    "/programs/citizens-police-academy/sign-up/",
    "/programs/neighborhood-watch/sign-up/",
    "/programs/neighborhood-watch/sign-up/?intent=start",
    "/tips/",
    "/tips/?category=online",
    "/tips/report-suspicious-activity/",
    "/search/",
    "/search/?q=burglary",
    "/search/?q=xylophone",
]
ACADEMY = "/programs/citizens-police-academy/"
ACADEMY_SIGNUP = ACADEMY + "sign-up/"


def focused(page) -> dict:
    return page.evaluate(
        "({id: document.activeElement.id, text: document.activeElement.textContent.trim(),"
        " tag: document.activeElement.tagName})"
    )


def tab_until(page, predicate, limit=80) -> dict:
    for _ in range(limit):
        page.keyboard.press("Tab")
        element = focused(page)
        if predicate(element):
            return element
    raise AssertionError(f"never reached the element; last focus was {focused(page)}")


def skip_to_the_form(page) -> dict:
    """On a form page: the skip link, then the first field is the next stop."""
    page.keyboard.press("Tab")
    assert page.locator("a.skip-link").evaluate("el => el === document.activeElement")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    return focused(page)


@pytest.mark.parametrize("path", PAGES)
def test_page_has_no_axe_violations(site, demo, path):
    page = site["page"]
    response = page.goto(site["url"] + path)
    assert response.status == 200
    assert "Cary Police Department" in page.title()
    assert_accessible(page)
    assert_stays_on(site)


@pytest.mark.parametrize("path", PAGES)
def test_page_fits_320px_without_sideways_scrolling(site, demo, path):
    page = site["page"]
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(site["url"] + path)
    assert_no_horizontal_scroll(page)
    assert_accessible(page)


def test_program_signup_by_keyboard_alone(site, demo, mailoutbox):
    page = site["page"]
    page.goto(site["url"] + ACADEMY)
    tab_until(page, lambda el: el["text"] == "Sign up online")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/sign-up/$"))
    assert page.title().startswith("Sign up: Citizens Police Academy")
    assert skip_to_the_form(page)["id"] == "id_name"
    page.keyboard.type("Jamie Rivera")
    page.keyboard.press("Tab")
    page.keyboard.type("jamie@example.org")
    page.keyboard.press("Tab")
    page.keyboard.type("(919) 555-0123")
    page.keyboard.press("Tab")
    page.keyboard.type("Maple Hollow Drive")
    page.keyboard.press("Tab")
    assert focused(page)["id"] == "id_message"
    page.keyboard.type("Evenings are best.")
    page.keyboard.press("Tab")
    assert focused(page)["id"] == "id_consent"
    page.keyboard.press("Space")
    page.keyboard.press("Tab")  # the honeypot is skipped: it is not in the tab order
    assert focused(page)["text"] == "Sign up"
    page.keyboard.press("Enter")

    page.wait_for_url(re.compile(r"/signed-up/$"))
    assert page.locator("h1").inner_text() == "You have signed up for Citizens Police Academy"
    signup = SignUp.objects.get()
    assert (signup.name, signup.email, signup.consent) == (
        "Jamie Rivera",
        "jamie@example.org",
        True,
    )
    assert signup.program == Program.objects.get(slug="citizens-police-academy")
    assert [message.to for message in mailoutbox][:1] == [["jamie@example.org"]]
    assert_accessible(page)
    assert_stays_on(site)


def test_joining_a_watch_group_by_keyboard_alone(site, demo):
    page = site["page"]
    page.goto(site["url"] + "/programs/neighborhood-watch/groups/")
    tab_until(page, lambda el: el["id"] == "group-search-q")
    page.keyboard.type("Oak Crest")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"\?q=Oak"))
    assert "1 group matches" in page.locator(".results-heading").inner_text()
    tab_until(page, lambda el: el["text"].startswith("Join this group"))
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/sign-up/\?group=\d+$"))
    assert page.locator("#id_intent_0").is_checked()
    assert "Oak Crest" in page.locator("#id_watch_group option:checked").inner_text()
    assert_accessible(page)
    assert skip_to_the_form(page)["id"] == "id_name"
    page.keyboard.type("Sam Lee")
    page.keyboard.press("Tab")
    page.keyboard.type("sam@example.org")
    tab_until(page, lambda el: el["id"] == "id_neighborhood")
    page.keyboard.type("Oak Crest Court")
    tab_until(page, lambda el: el["id"] == "id_consent")
    page.keyboard.press("Space")
    tab_until(page, lambda el: el["text"] == "Sign up")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/signed-up/$"))
    signup = SignUp.objects.get()
    assert signup.watch_group.name == "Sample group: Oak Crest"
    assert signup.intent == SignUp.Intent.JOIN_GROUP


def test_invalid_signup_shows_a_linked_error_summary_and_keeps_entries(site, demo):
    page = site["page"]
    page.goto(site["url"] + ACADEMY_SIGNUP)
    page.locator("#id_name").focus()
    page.keyboard.type("Jamie Rivera")
    page.keyboard.press("Tab")
    page.keyboard.type("jamie@")
    page.keyboard.press("Enter")  # submit with the consent box left empty

    summary = page.locator("[data-error-summary]")
    summary.wait_for()
    assert page.title().startswith("Error: Sign up: Citizens Police Academy")
    assert summary.evaluate("el => el === document.activeElement")  # announced first
    links = summary.locator("a")
    assert [links.nth(i).get_attribute("href") for i in range(links.count())] == [
        "#id_email",
        "#id_consent",
    ]
    assert page.locator("#id_name").input_value() == "Jamie Rivera"
    assert page.locator("#id_email").input_value() == "jamie@"
    assert page.locator("#id_email").get_attribute("aria-invalid") == "true"
    assert "id_email_error" in page.locator("#id_email").get_attribute("aria-describedby")
    assert_accessible(page)

    page.keyboard.press("Tab")
    assert focused(page)["text"].startswith("Enter an email address in the correct format")
    page.keyboard.press("Enter")
    assert focused(page)["id"] == "id_email"
    assert not SignUp.objects.exists()

    page.set_viewport_size({"width": 320, "height": 800})
    assert_no_horizontal_scroll(page)
    assert_accessible(page)


def test_a_full_program_and_its_waiting_list_are_accessible(site, demo):
    academy = Program.objects.get(slug="citizens-police-academy")
    academy.capacity = 1
    academy.save()
    page = site["page"]
    page.goto(site["url"] + ACADEMY_SIGNUP)
    page.locator("#id_name").fill("First Person")
    page.locator("#id_email").fill("first@example.org")
    page.locator("#id_consent").check()
    # The place is taken by someone else before this resident presses the button: they are
    # told they are on the waiting list, not signed up.
    SignUp.objects.create(program=academy, name="Someone", email="else@example.org", consent=True)
    page.locator("button[type=submit]", has_text="Sign up").click()
    expect(page.locator("h1")).to_have_text(
        "You are on the waiting list for Citizens Police Academy"
    )
    assert SignUp.objects.get(email="first@example.org").status == SignUp.Status.WAITING
    assert_accessible(page)
    page.goto(site["url"] + ACADEMY)
    assert "This program is full. Join the waiting list" in page.locator("main").inner_text()
    assert page.get_by_role("link", name="Sign up online").count() == 0
    assert page.get_by_role("link", name="Join the waiting list").count() >= 1
    assert_accessible(page)
    page.goto(site["url"] + ACADEMY_SIGNUP)
    expect(page.locator("main button[type=submit]")).to_have_text("Join the waiting list")
    assert_accessible(page)


def test_search_from_the_header_by_keyboard(site, demo):
    page = site["page"]
    page.goto(site["url"] + "/")
    tab_until(page, lambda el: el["id"] == "header-search-q")
    page.keyboard.type("neighbors")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q=neighbors"))
    assert page.locator("h1").inner_text() == "Search results"
    assert page.locator("#results-tips").is_visible()
    assert_accessible(page)
