"""Page parts kept until what they show changes (core/fragments.py, {% fragment %})."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core import http_cache
from core.fragments import render_fragment
from tests.factories import NewsItemFactory, ProgramFactory, ServiceFactory, SignUpFactory
from tests.test_http_cache import clock, keys  # noqa: F401 - clock is a fixture

pytestmark = pytest.mark.django_db


def get(path: str):
    response = Client().get(path)
    assert response.status_code == 200
    return response


def reads_services(queries: CaptureQueriesContext) -> bool:
    return any('"services_service"' in query["sql"] for query in queries.captured_queries)


def test_a_list_is_rendered_once_then_kept():
    ServiceFactory.create_batch(3)
    with CaptureQueriesContext(connection) as miss:
        rendered = get("/services/")
    with CaptureQueriesContext(connection) as hit:
        kept = get("/services/")
    assert kept.content == rendered.content
    assert reads_services(miss) and not reads_services(hit)
    # The front still purges the page for what the kept part shows.
    assert keys(kept) == keys(rendered)
    assert {"services.service", "services.servicecategory"} <= keys(kept)


def test_saving_or_deleting_what_a_part_shows_renders_it_again():
    service = ServiceFactory(name="Patrol")
    assert b"Patrol" in get("/services/").content
    service.name = "Traffic safety"
    service.save()
    content = get("/services/").content
    assert b"Traffic safety" in content and b"Patrol" not in content
    ServiceFactory(name="Victim services", category=service.category)
    assert b"Victim services" in get("/services/").content
    service.delete()
    assert b"Traffic safety" not in get("/services/").content


def test_a_sign_up_renders_its_programs_pages_again():
    program = ProgramFactory(capacity=2)
    assert b"2 places left" in get(program.get_absolute_url()).content
    assert b"Full" not in get("/programs/").content
    SignUpFactory(program=program)
    assert b"1 place left" in get(program.get_absolute_url()).content
    SignUpFactory(program=program)
    assert b"Full" in get(program.get_absolute_url()).content
    assert b"Full" in get("/programs/").content


def test_a_news_item_published_by_the_clock_shows_without_a_save(clock):  # noqa: F811
    clock.now = timezone.make_aware(timezone.datetime(2026, 12, 2, 9, 0))
    NewsItemFactory(title="Road closure tonight", published_at=clock.now + timedelta(minutes=30))
    assert b"Road closure tonight" not in get("/news/").content
    assert b"Road closure tonight" not in get("/").content
    clock.now += timedelta(minutes=31)
    assert b"Road closure tonight" in get("/news/").content
    assert b"Road closure tonight" in get("/").content


def test_nothing_is_kept_while_the_cache_cannot_give_versions(settings):
    ServiceFactory(name="Patrol")
    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
    }
    get("/services/")
    with CaptureQueriesContext(connection) as again:
        assert b"Patrol" in get("/services/").content
    assert reads_services(again)


def test_outside_a_page_a_part_is_rendered_every_time():
    renders = []

    def render():
        renders.append(1)
        return "<p>part</p>"

    render_fragment("test-part", [], render)
    render_fragment("test-part", [], render)
    assert len(renders) == 2  # nobody collects the keys: what it shows is unknown
    with http_cache.collecting_keys():
        render_fragment("test-part", [], render)
        assert render_fragment("test-part", [], render) == "<p>part</p>"
    assert len(renders) == 3
