"""Helpers shared by the browser tests: moving through a page by keyboard alone (Tab to a
field, type into it, pick a radio with the arrow keys, press a button with Enter), the check
every page and error state gets (axe-core, no sideways scroll at 320 px), a staff group with
the permissions its data migration grants, and a staff member signed in to the admin through
the real form with a real TOTP code, in a browser page of their own."""

import datetime

from django.contrib.auth.models import Group, Permission

from tests.browser.conftest import assert_accessible, assert_no_horizontal_scroll
from tests.factories import StaffUserFactory
from tests.reports_support import PASSWORD, add_totp_device, current_token

NARROW = {"width": 320, "height": 800}  # the narrowest screen WCAG 2.2 reflow asks for
PRIMARY_BUTTON = "button[type=submit].btn-primary"
SITE_FORM_BUTTON = "form.site-form button[type=submit]"  # the send button of a public form


# --- Keyboard only -----------------------------------------------------------------------------


def active(page, script: str):
    """``script`` evaluated with ``el`` the element that has the focus."""
    return page.evaluate(f"(() => {{ const el = document.activeElement; return {script}; }})()")


def tab_to(page, selector: str, limit: int = 120):
    """Press Tab until the focused element matches the CSS selector."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if active(page, f"el.matches({selector!r})"):
            return
    raise AssertionError(
        f"Tab never reached {selector}; focus is on {active(page, 'el.outerHTML')}"
    )


def choose(page, name: str | None, value: str, tries: int = 10):
    """Pick a radio of the group ``name`` (the first group Tab reaches when None) by keyboard:
    Tab into it, Space, then arrow keys."""
    tab_to(page, f"input[type=radio][name={name}]" if name else "input[type=radio]")
    page.keyboard.press("Space")
    for _ in range(tries):
        if active(page, "el.value") == value:
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"no radio {name or ''}={value}")


def type_into(page, selector: str, text: str):
    """Tab to the field and type ``text`` over what it holds."""
    tab_to(page, selector)
    page.keyboard.press("Control+A")
    page.keyboard.type(text)


def type_date(page, selector: str, day: datetime.date):
    """A date typed into the browser's date field segment by segment (Chromium's en-US order:
    month, day, year)."""
    tab_to(page, selector)
    page.keyboard.type(f"{day:%m%d%Y}")
    assert page.locator(selector).input_value() == day.isoformat()


def press_button(page, selector: str = PRIMARY_BUTTON):
    """Tab to the button and press Enter; returns once the next page has loaded."""
    tab_to(page, selector)
    with page.expect_navigation():
        page.keyboard.press("Enter")


# --- Every page and error state -----------------------------------------------------------------


def check(page, heading: str | None = None):
    """The page (with ``heading`` in its h1 when given) has no axe-core violations and does not
    scroll sideways."""
    if heading:
        assert heading in page.locator("h1").first.inner_text()
    assert_accessible(page)
    assert_no_horizontal_scroll(page)


# --- Staff ------------------------------------------------------------------------------------


def staff_group(name: str, app_label: str, codenames: list[str]) -> Group:
    """The staff group ``name`` with the permissions its data migration grants (pass the
    migration's constants). A browser test's database is flushed after it, so a later test
    finds neither the group nor its permissions."""
    group, _created = Group.objects.get_or_create(name=name)
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
    )
    return group


def staff_member(username: str, group: Group, **fields):
    """A staff member (password tests/reports_support.PASSWORD) in ``group``."""
    member = StaffUserFactory(username=username, **fields)
    member.groups.add(group)
    return member


def signed_in_staff_page(browser, url: str, user):
    """A page in a browser context of its own where ``user`` has signed in through the real admin
    login form with their password and a real TOTP code from a new authenticator device."""
    device = add_totp_device(user)
    staff = browser.new_context().new_page()
    staff.goto(f"{url}/admin/login/")
    staff.fill("#id_username", user.username)
    staff.fill("#id_password", PASSWORD)
    staff.fill("#id_otp_token", current_token(device))
    with staff.expect_navigation():
        staff.click("input[type=submit]")
    return staff
