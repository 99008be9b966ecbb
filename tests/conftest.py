"""Named users for every access level (see STYLE.md): the anonymous resident, a content editor,
a report reviewer and a superuser. Browser fixtures live in tests/browser/conftest.py."""

import pytest

from tests.factories import StaffUserFactory, UserFactory

CONTENT_EDITORS = "Content editors"
REPORT_REVIEWERS = "Report reviewers"


@pytest.fixture(autouse=True)
def _clear_cache():
    # The cache is process-wide (local memory in tests); no test may see another's entries.
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def content_editor(db):
    return StaffUserFactory(username="edith-editor", groups=[CONTENT_EDITORS])


@pytest.fixture
def report_reviewer(db):
    return StaffUserFactory(username="rita-reviewer", groups=[REPORT_REVIEWERS])


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
    from django_otp import DEVICE_ID_SESSION_KEY

    from tests.factories import TOTPDeviceFactory

    device = TOTPDeviceFactory(user=superuser)
    client.force_login(superuser)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


@pytest.fixture
def page_cache_off(settings):
    """Render every page afresh (cary_pd/caching.py): query-count tests count the queries of the
    render itself; tests/test_caching.py checks that a page served from the cache makes none."""
    settings.PAGE_CACHE_SECONDS = 0
