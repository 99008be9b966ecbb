"""Email alerts in a real browser: subscribe by keyboard alone, confirm, manage, unsubscribe;
axe on every page and the error state; 320 px without sideways scrolling."""

import re

import pytest
from django.core import mail

from alerts import tokens
from alerts.models import Subscriber
from tests.browser.conftest import assert_accessible, assert_no_horizontal_scroll, assert_stays_on
from tests.browser.support import tab_to
from tests.factories_alerts import SubscriberFactory, topic

LINK = re.compile(r"http://testserver(/\S+)")


@pytest.fixture
def subscriber(topics):
    return SubscriberFactory(email="pat@example.org", topics=[topic("crime-alerts")])


@pytest.fixture
def topics(transactional_db):
    return [topic(slug) for slug in ("crime-alerts", "traffic-advisories", "community-events")]


def test_subscribe_and_confirm_by_keyboard_alone(site, topics):
    page = site["page"]
    page.goto(site["url"] + "/alerts/")
    assert page.title().startswith("Email alerts")
    assert_accessible(page)
    tab_to(page, "#id_email")
    page.keyboard.type("pat@example.org")
    tab_to(page, "#id_topics_0")
    page.keyboard.press("Space")  # crime alerts
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # traffic advisories
    tab_to(page, "main form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/alerts/check-your-email/")
    assert page.locator("h1").inner_text() == "Check your email"
    assert_accessible(page)

    subscriber = Subscriber.objects.get()
    assert set(subscriber.topics.values_list("slug", flat=True)) == {
        "crime-alerts", "traffic-advisories",
    }  # fmt: skip
    [message] = mail.outbox
    page.goto(site["url"] + LINK.search(message.body).group(1))
    assert page.locator("h1").inner_text() == "Confirm your email alerts"
    assert_accessible(page)
    assert Subscriber.objects.get().confirmed_at is None  # opening the link is not enough
    tab_to(page, "main form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Your email alerts are on")
    assert Subscriber.objects.get().is_subscribed
    assert_accessible(page)
    assert_stays_on(site)


def test_the_error_state_is_accessible_and_keeps_entries(site, topics):
    page = site["page"]
    page.goto(site["url"] + "/alerts/")
    tab_to(page, "#id_email")
    page.keyboard.type("not-an-address")
    tab_to(page, "main form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_selector(".error-summary")
    assert page.title().startswith("Error: Email alerts")
    assert page.locator("#id_email").input_value() == "not-an-address"
    assert "Choose at least one topic." in page.locator(".error-summary").inner_text()
    assert_accessible(page)


def test_manage_and_unsubscribe_pages_by_keyboard(site, subscriber):
    page = site["page"]
    page.goto(site["url"] + tokens.url(subscriber, tokens.MANAGE).removeprefix("http://testserver"))
    assert page.locator("h1").inner_text() == "Manage your email alerts"
    assert_accessible(page)
    tab_to(page, "#id_topics_2")
    page.keyboard.press("Space")  # community events too
    tab_to(page, "main form button[type=submit]:not([name=leave])")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Your choices are saved")
    assert_accessible(page)
    assert set(subscriber.topics.values_list("slug", flat=True)) == {
        "crime-alerts", "community-events",
    }  # fmt: skip

    page.goto(
        site["url"] + tokens.url(subscriber, tokens.UNSUBSCRIBE).removeprefix("http://testserver")
    )
    assert page.locator("h1").inner_text() == "Unsubscribe from email alerts"
    assert_accessible(page)
    tab_to(page, "main form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=You have unsubscribed")
    assert_accessible(page)
    subscriber.refresh_from_db()
    assert not subscriber.is_subscribed


@pytest.mark.parametrize(
    "purpose", [None, "check", tokens.CONFIRM, tokens.MANAGE, tokens.UNSUBSCRIBE]
)
def test_alert_pages_fit_320px(site, subscriber, purpose):
    page = site["page"]
    page.set_viewport_size({"width": 320, "height": 800})
    if purpose is None:
        path = "/alerts/"
    elif purpose == "check":
        path = "/alerts/check-your-email/"
    else:
        path = tokens.url(subscriber, purpose).removeprefix("http://testserver")
    page.goto(site["url"] + path)
    assert_no_horizontal_scroll(page)
