"""Absolute links come from DJANGO_SITE_URL, never from the request's Host header; slug URLs are
reversed once per view."""

import pytest
from django.urls import NoReverseMatch, reverse, set_script_prefix

from core.links import LOCAL_SITE_URL, slug_url
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


@pytest.mark.parametrize(
    ("view_name", "slug"),
    [("services:detail", "patrol"), ("tips:detail", "lock-up_2"), ("outreach:news_detail", "a")],
)
def test_slug_urls_are_what_reverse_gives(view_name, slug):
    assert slug_url(view_name, slug) == reverse(view_name, kwargs={"slug": slug})


def test_slug_urls_follow_the_script_prefix():
    set_script_prefix("/police/")
    try:
        assert slug_url("services:detail", "patrol") == "/police/services/patrol/"
    finally:
        set_script_prefix("/")
    assert slug_url("services:detail", "patrol") == "/services/patrol/"


@pytest.mark.parametrize("slug", ["", "two words", "../x"])
def test_slug_urls_refuse_what_is_not_a_slug(slug):
    with pytest.raises(NoReverseMatch):
        slug_url("services:detail", slug)
