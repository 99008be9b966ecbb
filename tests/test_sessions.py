"""Sessions in the database without Redis (core/sessions.py): one plain statement reads a
session, and whatever it cannot read goes through Django's own load, as before."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.sessions import SessionStore

pytestmark = pytest.mark.django_db


@pytest.fixture
def saved():
    session = SessionStore()
    session["report_draft"] = "a draft"
    session["step"] = 3
    session.save()
    return session.session_key


def test_the_site_uses_it_without_redis():
    assert not settings.REDIS_URL
    assert settings.SESSION_ENGINE == "core.sessions"


def test_a_saved_session_is_read_with_one_statement(saved):
    session = SessionStore(saved)
    with CaptureQueriesContext(connection) as queries:
        assert session["report_draft"] == "a draft" and session["step"] == 3
    (query,) = queries.captured_queries
    assert "session_data" in query["sql"] and "expire_date" in query["sql"]
    assert "LIMIT" not in query["sql"]  # not the ORM's get(), which asks for 21 rows
    assert session.session_key == saved


def test_a_changed_session_reads_back_changed(saved):
    session = SessionStore(saved)
    session["step"] = 4
    session.save()
    assert SessionStore(saved)["step"] == 4


def test_an_expired_session_is_empty_and_its_key_forgotten(saved):
    Session.objects.filter(pk=saved).update(expire_date=timezone.now() - timedelta(seconds=1))
    session = SessionStore(saved)
    assert session.load() == {}
    assert session.session_key is None


def test_an_unknown_key_is_empty_and_forgotten():
    session = SessionStore("k" * 32)
    assert dict(session.items()) == {}
    assert session.session_key is None


def test_tampered_data_is_empty(saved):
    Session.objects.filter(pk=saved).update(session_data="not-signed:by-us")
    assert SessionStore(saved).load() == {}


def test_a_visitor_with_a_session_keeps_it_from_page_to_page(client):
    response = client.post(reverse("reports:emergency"), {"answer": "no"})
    assert response.status_code == 302
    key = client.session.session_key
    assert key and client.get(reverse("reports:start")).status_code == 200
    assert client.session.session_key == key
