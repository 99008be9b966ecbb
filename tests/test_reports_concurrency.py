"""Final submissions racing each other on PostgreSQL: every report gets its own reference number
and all its photos, and one draft posted twice at once still makes one report."""

import threading

import pytest
from django.conf import settings
from django.core import mail
from django.db import connection
from django.test import Client
from django.urls import reverse

from reports import demo, views
from reports.models import DraftPhoto, Report, ReportDraft, ReportPhoto
from tests.reports_support import ABOUT_YOU, jpeg_bytes, make_draft, upload, use_private_storage

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite runs one writer at a time, so nothing races "
        "(run with DATABASE_URL=postgres://...)",
    ),
]

REPORTS = 50
PHOTOS_EACH = 2


@pytest.fixture(autouse=True)
def private_folder(tmp_path, settings):
    use_private_storage(settings, tmp_path / "private")
    yield tmp_path / "private"
    use_private_storage(settings, None)


def complete_answers(number: int) -> dict:
    """A finished draft's answers, in the form the journey's pages store them."""
    return {
        "incident_type": "theft",
        "when": {"start_date": "3/1/2026", "start_time": "9:30 PM", "end_date": "", "end_time": ""},
        "location": {"address": f"{number} Maple St", "details": ""},
        "what": {"description": f"Bike number {number} was taken."},
        "property": [{"description": "Bike", "brand": "", "serial_number": "", "value": "100"}],
        "suspect_vehicle": {"suspect_description": "", "vehicle_description": ""},
        "photos": True,
        "about_you": {**ABOUT_YOU, "email": f"resident{number}@example.org"},
    }


def draft_with_photos(number: int) -> ReportDraft:
    photos = [upload(f"{number}-{index}.jpg", jpeg_bytes()) for index in range(PHOTOS_EACH)]
    return make_draft(answers=complete_answers(number), photos=photos)


def client_for(draft: ReportDraft, address: str) -> Client:
    client = Client(REMOTE_ADDR=address)
    session = client.session
    session[views.SESSION_KEY] = str(draft.pk)
    session.save()
    client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
    return client


def post_all_at_once(clients) -> list:
    barrier = threading.Barrier(len(clients))
    results = [None] * len(clients)

    def send(index, client):
        try:
            barrier.wait(timeout=30)
            response = client.post(reverse("reports:check"), {"declaration": "on"})
            results[index] = (response.status_code, response.get("Location"))
        except Exception as error:  # reported by the assertion below
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=pair) for pair in enumerate(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def test_fifty_simultaneous_submissions_get_fifty_unique_references():
    demo.load()
    drafts = [draft_with_photos(number) for number in range(REPORTS)]
    clients = [client_for(draft, f"10.20.0.{n + 1}") for n, draft in enumerate(drafts)]
    mail.outbox = []

    results = post_all_at_once(clients)

    assert results == [(302, reverse("reports:confirmation"))] * REPORTS
    assert Report.objects.count() == REPORTS
    references = list(Report.objects.values_list("reference", flat=True))
    assert len(set(references)) == REPORTS
    numbers = sorted(Report.objects.values_list("reference_number", flat=True))
    assert numbers == list(range(numbers[0], numbers[0] + REPORTS))  # no gaps, no repeats
    assert ReportPhoto.objects.count() == REPORTS * PHOTOS_EACH
    for report in Report.objects.all():
        assert report.photos.count() == PHOTOS_EACH
        assert report.draft.pk in {draft.pk for draft in drafts}
    assert DraftPhoto.objects.count() == 0
    receipts = [m for m in mail.outbox if m.to[0].startswith("resident")]
    assert len(receipts) == REPORTS


def test_the_same_draft_posted_twice_at_once_makes_one_report():
    demo.load()
    draft = draft_with_photos(1)
    clients = [client_for(draft, "10.30.0.1"), client_for(draft, "10.30.0.2")]

    results = post_all_at_once(clients)

    assert results == [(302, reverse("reports:confirmation"))] * 2
    assert Report.objects.count() == 1
    assert Report.objects.get().photos.count() == PHOTOS_EACH
