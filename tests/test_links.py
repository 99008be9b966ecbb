"""Absolute links come from DJANGO_SITE_URL, never from the request's Host header."""

import pytest
from django.urls import reverse

from core.links import LOCAL_SITE_URL
from tests.factories import ProgramFactory

pytestmark = pytest.mark.django_db

VISITOR_HOST = "localhost:8443"  # an allowed host name, with a port the visitor chose


@pytest.mark.parametrize(
    ("site_url", "expected"),
    [("https://police.example.org", "https://police.example.org"), ("", LOCAL_SITE_URL)],
)
def test_emails_and_canonical_links_ignore_the_requests_host(
    site_url, expected, client, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.SITE_URL = site_url  # unset only on a local run: production fails check --deploy
    settings.STAFF_NOTIFICATION_EMAILS = ["programs@example.org"]
    program = ProgramFactory()
    data = {"name": "Jamie Rivera", "email": "jamie@example.org", "consent": "on"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("programs:signup", args=[program.slug]), data, HTTP_HOST=VISITOR_HOST
        )
    assert response.status_code == 302
    receipt, notice = mailoutbox
    assert f"{expected}{program.get_absolute_url()}" in receipt.body
    assert f"{expected}/admin/programs/signup/" in notice.body
    page = client.get(program.get_absolute_url(), HTTP_HOST=VISITOR_HOST).content.decode()
    assert f'rel="canonical" href="{expected}{program.get_absolute_url()}"' in page
    for text in (receipt.body, notice.body, page):
        assert VISITOR_HOST not in text
