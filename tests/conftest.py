"""Fixtures shared by the test files: demo content, a private storage folder of the test's own,
and named users for every access level (see STYLE.md): the anonymous resident (pytest-django's
``client``), a content editor, a report reviewer, coordinators, district staff, staff in no
group and a superuser. Browser fixtures live in tests/browser/conftest.py (their helpers in
tests/browser/support.py); helpers for tests that run requests at the same moment in
tests/concurrency.py."""

import io

import pytest
from django.core.management import call_command

from tests.factories import StaffUserFactory, UserFactory
from tests.reports_support import use_private_storage, verified_login

CONTENT_EDITORS = "Content editors"
REPORT_REVIEWERS = "Report reviewers"
DISTRICT_STAFF = "District staff"


@pytest.fixture(autouse=True)
def _clear_cache():
    # The cache is process-wide (local memory in tests); no test may see another's entries.
    from django.core.cache import cache, caches

    cache.clear()
    caches["fragments"].clear()
    yield
    cache.clear()
    caches["fragments"].clear()


@pytest.fixture(autouse=True)
def _english_between_tests():
    # A request to /es/ leaves Spanish active in the test's thread: factories called after it
    # would write their text into the Spanish columns (django-modeltranslation).
    from django.utils import translation

    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture
def forget_kept_parts():
    """Call it before a render whose own queries a test counts: page parts kept from an earlier
    render (core/fragments.py) would otherwise run none of them."""
    from django.core.cache import caches

    return caches["fragments"].clear


# --- Content ----------------------------------------------------------------------------------


@pytest.fixture
def demo(db):
    """The demo content of every app, as `make run` loads it (``manage.py load_demo_content``).
    tests/browser/conftest.py has the same for the live server's transactional database."""
    call_command("load_demo_content", stdout=io.StringIO())


@pytest.fixture
def report_content(db):
    """Only the online reports' demo content: incident types and report settings."""
    from reports import demo as reports_demo

    reports_demo.load()


@pytest.fixture
def private_storage(tmp_path, settings):
    """STORAGES["private"] (evidence photos) in a folder of the test's own, which it returns."""
    folder = tmp_path / "private"
    use_private_storage(settings, folder)
    yield folder
    use_private_storage(settings, None)


@pytest.fixture
def fast_password_hashing(settings):
    """A cheap hasher for tests that sign in through the real form many times."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


# --- Named users --------------------------------------------------------------------------------


@pytest.fixture
def content_editor(db):
    return StaffUserFactory(username="edith-editor", groups=[CONTENT_EDITORS])


@pytest.fixture
def report_reviewer(db):
    return StaffUserFactory(username="rita-reviewer", groups=[REPORT_REVIEWERS])


@pytest.fixture
def program_coordinator(db):
    return StaffUserFactory(
        username="cora-coordinator", email="cora@example.org", groups=["Program coordinators"]
    )


@pytest.fixture
def event_coordinator(db):
    return StaffUserFactory(username="evan-coordinator", groups=["Event coordinators"])


@pytest.fixture
def staff_without_groups(db):
    """Staff in no group: signed in to the admin, allowed to change nothing."""
    return StaffUserFactory(username="no-groups")


@pytest.fixture
def district_staff(db):
    """A member of "District staff" (concerns' group), which no other app's private data is for."""
    return StaffUserFactory(username="dee-district", groups=[DISTRICT_STAFF])


@pytest.fixture
def superuser(db):
    return UserFactory(username="sam-superuser", is_staff=True, is_superuser=True)


@pytest.fixture
def editor_client(client, content_editor):
    client.force_login(content_editor)
    return client


@pytest.fixture
def superuser_client(client, superuser):
    client.force_login(superuser)
    return client


@pytest.fixture
def verified_superuser_client(client, superuser):
    """A superuser whose session passed two-factor authentication, as crime reports require.
    (tests/test_reports_staff.py signs reviewers in through the real form with a real code.)"""
    return verified_login(client, superuser)
