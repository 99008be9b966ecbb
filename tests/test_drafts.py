"""Drafts are for staff (core/drafts.py), and a published page never reads who is asking."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.factories import NewsItemFactory, ProgramFactory, ServiceFactory

pytestmark = pytest.mark.django_db

DRAFTS = [
    (ServiceFactory, "Draft: only staff can see this service."),
    (ProgramFactory, "Draft: only staff can see this program."),
    (NewsItemFactory, None),
]


@pytest.mark.parametrize(("factory", "notice"), DRAFTS)
def test_a_draft_is_found_for_staff_only(editor_client, factory, notice):
    draft = factory(is_published=False)
    assert Client().get(draft.get_absolute_url()).status_code == 404
    response = editor_client.get(draft.get_absolute_url())
    assert response.status_code == 200
    if notice:
        assert notice in response.content.decode()


@pytest.mark.parametrize(("factory", "notice"), DRAFTS)
def test_a_published_page_reads_no_session_user_or_device(editor_client, factory, notice):
    item = factory()
    editor_client.get(item.get_absolute_url())
    with CaptureQueriesContext(connection) as queries:
        assert editor_client.get(item.get_absolute_url()).status_code == 200
    tables = " ".join(query["sql"] for query in queries.captured_queries)
    for table in ("django_session", "cary_pd_user", "otp_totp_totpdevice"):
        assert table not in tables


def test_a_scheduled_news_item_says_so_to_staff_and_is_hidden_from_the_public(editor_client):
    from datetime import timedelta

    from django.utils import timezone

    item = NewsItemFactory(published_at=timezone.now() + timedelta(days=2))
    html = editor_client.get(item.get_absolute_url()).content.decode()
    assert "Scheduled: only staff can see this item until" in html
    assert "Draft:" not in html
    assert Client().get(item.get_absolute_url()).status_code == 404
    item.published_at = timezone.now() - timedelta(minutes=1)
    item.save()
    assert "Scheduled:" not in editor_client.get(item.get_absolute_url()).content.decode()
