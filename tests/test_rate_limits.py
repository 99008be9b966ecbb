"""Rate limits on what one client address sends (core/ratelimits.py).

Each limit answers 429 with Retry-After once it is reached, on the same form page with the
resident's answers still in it and the message in the error summary; invalid posts never count
(the status lookup excepted: every lookup is a guess it guards against). The rates are lowered
here; their defaults are in cary_pd/settings.py. tests/test_scale_out.py shows a count shared by
two servers.
"""

import re
import subprocess
import sys

import pytest
from django.test import Client
from django.urls import reverse

from outreach.models import Registration
from programs.models import SignUp
from reports.models import Report, ReportAddition, ReportDraft
from reports.photos import new_upload_key
from tests.factories import EventFactory, ProgramFactory, ReportFactory, WatchGroupFactory
from tests.reports_support import (
    fill_details,
    info_link,
    jpeg_bytes,
    pass_eligibility,
    submit,
    upload,
)
from tests.servers import ROOT, production_env

pytestmark = pytest.mark.django_db

TOO_MANY = "Too many attempts from your connection"


def html(response) -> str:
    return response.content.decode()


def assert_refused_with_answers(response, *values):
    """429 with Retry-After, never cached, the message at the top and the answers kept."""
    page = html(response)
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 3600
    assert "no-store" in response["Cache-Control"]
    summary = page.split('class="error-summary"', 1)[1].split("</div>", 1)[0]
    assert "paused" in summary and re.search(r"again in \d+ minutes?\b", summary)
    assert "<title>Error: " in page
    assert page.count("from your connection") == 1  # in the summary, not again in the form
    for value in values:
        assert value in page, value
    return page


# --- Program sign-ups and Neighborhood Watch requests ------------------------------------------


def signup_data(**overrides):
    data = {"name": "Jamie Rivera", "email": "jamie@example.org", "consent": "on", **overrides}
    return {key: value for key, value in data.items() if value is not None}


def signup_url(program) -> str:
    return reverse("programs:signup", args=[program.slug])


def test_signups_are_limited_after_the_rate_and_keep_the_answers(client, settings, mailoutbox):
    settings.PROGRAMS_SIGNUP_RATE = "2/h"
    program = ProgramFactory()
    for _ in range(4):  # invalid: no consent, a broken address
        invalid = client.post(signup_url(program), signup_data(consent=None, email="jamie@"))
        assert invalid.status_code == 200 and "<title>Error: " in html(invalid)
    for n in range(2):
        done = client.post(signup_url(program), signup_data(email=f"resident{n}@example.org"))
        assert done.status_code == 302
    sent = len(mailoutbox)

    refused = client.post(
        signup_url(program), signup_data(name="Sam Other", email="sam@example.org")
    )

    page = assert_refused_with_answers(refused, 'value="Sam Other"', 'value="sam@example.org"')
    assert TOO_MANY in page
    assert SignUp.objects.filter(program=program).count() == 2
    assert len(mailoutbox) == sent  # nobody was mailed
    other = Client(REMOTE_ADDR="192.0.2.7")  # another address has its own count
    assert other.post(signup_url(program), signup_data(email="x@example.org")).status_code == 302


def test_watch_group_requests_have_their_own_limit(client, settings):
    settings.PROGRAMS_SIGNUP_RATE = "1/h"
    settings.PROGRAMS_WATCH_GROUP_RATE = "2/h"
    group = WatchGroupFactory()
    program = group.program
    street = {"neighborhood": "Maple Hollow Drive"}
    for _ in range(3):  # invalid: joining without choosing a group
        invalid = client.post(signup_url(program), signup_data(intent="join", **street))
        assert invalid.status_code == 200 and "<title>Error: " in html(invalid)
    join = signup_data(intent="join", watch_group=group.pk, email="a@example.org", **street)
    start = signup_data(intent="start", email="b@example.org", **street)
    assert client.post(signup_url(program), join).status_code == 302
    assert client.post(signup_url(program), start).status_code == 302
    # A plain sign-up counts apart: the watch-group requests have not used it up.
    assert client.post(signup_url(ProgramFactory()), signup_data()).status_code == 302

    refused = client.post(
        signup_url(program), signup_data(intent="start", email="c@example.org", **street)
    )

    page = assert_refused_with_answers(refused, 'value="c@example.org"', "Maple Hollow Drive")
    assert re.search(r'value="start"[^>]*checked', page)
    assert SignUp.objects.filter(program=program).count() == 2
    # "Not sure yet" on the same program is an ordinary sign-up, whose count is used up too.
    not_sure = signup_data(intent="not_sure", email="d@example.org", **street)
    assert client.post(signup_url(program), not_sure).status_code == 429


# --- Event registrations ----------------------------------------------------------------------


def test_registrations_are_limited_after_the_rate_and_keep_the_answers(
    client, settings, mailoutbox
):
    settings.EVENTS_REGISTRATION_RATE = "2/h"
    event = EventFactory(registration_required=True, capacity=20)
    url = reverse("outreach:event_register", kwargs={"slug": event.slug})
    data = {"name": "Pat Resident", "email": "pat@example.org", "party_size": "1"}
    for _ in range(4):
        assert client.post(url, {**data, "email": "not-an-email"}).status_code == 400
    for n in range(2):
        assert client.post(url, {**data, "email": f"pat{n}@example.org"}).status_code == 302
    sent = len(mailoutbox)

    refused = client.post(url, {**data, "name": "Lee Third", "email": "lee@example.org"})

    assert_refused_with_answers(refused, 'value="Lee Third"', 'value="lee@example.org"')
    assert Registration.objects.filter(event=event).count() == 2
    assert len(mailoutbox) == sent


# --- Online reports -----------------------------------------------------------------------------


@pytest.fixture
def reports(report_content, private_storage):
    """Incident types, report settings and a private storage folder of the test's own."""


def eligible_client() -> Client:
    client = Client()
    for step, answer in (("emergency", "no"), ("in_cary", "yes"), ("suspect", "no")):
        client.post(reverse(f"reports:{step}"), {"answer": answer})
    return client


def test_drafts_are_limited_after_the_rate_and_keep_the_answer(reports, settings):
    settings.REPORTS_DRAFT_RATE = "2/h"
    url = reverse("reports:incident_type")
    for _ in range(3):  # invalid: nothing chosen
        assert eligible_client().post(url, {}).status_code == 200
    for _ in range(2):
        assert eligible_client().post(url, {"answer": "theft"}).status_code == 302

    refused = eligible_client().post(url, {"answer": "theft"})

    page = assert_refused_with_answers(refused)
    assert re.search(r'value="theft"[^>]*checked', page)
    assert ReportDraft.objects.count() == 2


def test_a_draft_in_progress_changes_its_type_without_counting(reports, settings):
    settings.REPORTS_DRAFT_RATE = "1/h"
    client = eligible_client()
    url = reverse("reports:incident_type")
    assert client.post(url, {"answer": "theft"}).status_code == 302
    assert client.post(url + "?change=1", {"answer": "vandalism"}).status_code == 302
    assert ReportDraft.objects.get().answers["incident_type"] == "vandalism"


def photo(name="bike.jpg"):
    return upload(name, jpeg_bytes())


def post_photos(client, *files, action="upload", key=None):
    data = {"photos": list(files), "action": action, "upload_key": key or new_upload_key()}
    return client.post(reverse("reports:photos"), data)


def test_photos_are_counted_one_by_one_and_limited(client, reports, settings):
    settings.REPORTS_PHOTO_RATE = "3/h"
    pass_eligibility(client)
    for _ in range(3):  # invalid: an empty file
        invalid = post_photos(client, upload("empty.jpg", b""))
        assert invalid.status_code == 200 and "The submitted file is empty" in html(invalid)
    assert post_photos(client, action="continue").status_code == 302  # no photos: nothing counted
    key = new_upload_key()
    assert post_photos(client, photo("a.jpg"), photo("b.jpg"), key=key).status_code == 302
    # The browser sends the same form again (a lost response): nothing added, nothing counted.
    assert post_photos(client, photo("a.jpg"), photo("b.jpg"), key=key).status_code == 302
    assert post_photos(client, photo("c.jpg")).status_code == 302

    refused = post_photos(client, photo("d.jpg"))

    page = assert_refused_with_answers(refused)
    assert "Too many photos have been sent from your connection" in page
    assert ReportDraft.objects.get().photos.count() == 3
    # The resident carries on without them: the step's Continue uploads nothing.
    assert post_photos(client, action="continue").status_code == 302


def test_more_information_photos_share_the_photo_limit_and_keep_the_text(client, reports, settings):
    settings.REPORTS_PHOTO_RATE = "1/h"
    url = info_link(ReportFactory())
    for _ in range(3):  # invalid: neither text nor a photo
        assert client.post(url, {"text": ""}).status_code == 200
    sent = client.post(url, {"text": "The serial number", "photos": [photo()]})
    assert sent["Location"] == reverse("reports:more_information_sent")

    second = info_link(ReportFactory())
    refused = client.post(second, {"text": "A second answer", "photos": [photo()]})

    assert_refused_with_answers(refused, "A second answer")
    assert ReportAddition.objects.count() == 1
    # Text alone is not a photo: it is still taken.
    assert client.post(second, {"text": "A second answer"}).status_code == 302


def test_report_submissions_count_only_reports_ready_to_send(reports, settings):
    settings.REPORTS_SUBMIT_RATE = "2/h"
    unfinished = Client()
    pass_eligibility(unfinished)
    assert submit(unfinished).status_code == 200  # steps missing: not counted
    residents = [Client(), Client(), Client()]
    for resident in residents:
        pass_eligibility(resident)
        fill_details(resident)
        for _ in range(4):  # the declaration box missed: not counted
            missed = resident.post(reverse("reports:check"), {})
            assert missed.status_code == 200 and "<title>Error: " in html(missed)
    for resident in residents[:2]:
        assert submit(resident)["Location"] == reverse("reports:confirmation")

    refused = submit(residents[2])

    page = assert_refused_with_answers(refused, "My bike was taken from the rack.")
    assert TOO_MANY in page
    assert Report.objects.count() == 2
    assert ReportDraft.objects.filter(report=None).count() == 2  # the draft waits, unsent


def test_status_lookups_count_every_lookup_even_invalid_ones(client, settings):
    settings.REPORTS_STATUS_RATE = "2/h"
    url = reverse("reports:status")
    for _ in range(2):
        assert client.post(url, {"reference": "", "email": ""}).status_code == 200

    refused = client.post(url, {"reference": "CPD-2026-000001", "email": "a@b.org"})

    assert_refused_with_answers(refused, 'value="CPD-2026-000001"')


def test_an_empty_rate_turns_a_limit_off(client, settings):
    settings.PROGRAMS_SIGNUP_RATE = None
    program = ProgramFactory()
    for n in range(12):
        response = client.post(signup_url(program), signup_data(email=f"r{n}@example.org"))
        assert response.status_code == 302


def rates_read_by_a_server(**env) -> subprocess.CompletedProcess:
    script = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.PROGRAMS_SIGNUP_RATE, s.REPORTS_PHOTO_RATE, s.EVENTS_REGISTRATION_RATE)"
    )
    return subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=production_env(**env),
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_a_server_reads_the_rates_and_refuses_a_malformed_one():
    read = rates_read_by_a_server(
        DJANGO_PROGRAMS_SIGNUP_RATE="", DJANGO_REPORTS_PHOTO_RATE="30/15m"
    )
    assert read.returncode == 0, read.stderr
    assert read.stdout.split() == ["None", "30/15m", "10/h"]

    refused = rates_read_by_a_server(DJANGO_EVENTS_REGISTRATION_RATE="10 an hour")
    assert refused.returncode != 0
    assert "DJANGO_EVENTS_REGISTRATION_RATE must be a rate like 10/h" in refused.stderr
