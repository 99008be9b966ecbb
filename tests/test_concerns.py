"""Concerns and tips (issue 14, item 2): routing by location to the right district's queue, the
anonymous tip that keeps nothing of its sender, receipt, confirmation and status pages, the
form's errors and limits, the district staff's queue with two-factor sign-in (allowed and
refused), the district page's sections and the retention command."""

import io
import os
import re
import time
from datetime import timedelta

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from concerns import operations
from concerns.models import REFERENCE_PREFIX, Concern, ConcernEvent, ConcernPhoto, new_reference
from core.references import REFERENCE_ALPHABET, normalise_reference
from reports.models import PhotoState, ReportingGuideEntry
from tests.factories import StaffUserFactory
from tests.factories_concerns import (
    EAST_ADDRESS,
    EAST_POINT,
    WEST_ADDRESS,
    WEST_POINT,
    ConcernFactory,
    two_districts,
)
from tests.reports_support import admin_login, committed, jpeg_bytes, sign_in, upload

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("private_storage", "fast_password_hashing"),
]

DISTRICT_STAFF = "District staff"
CLIENT_ADDRESS = "203.0.113.77"
USER_AGENT = "ConcernTestBrowser/9.9 (unique-agent-string)"


def html(response) -> str:
    return response.content.decode()


def form_data(**overrides) -> dict:
    data = {
        "kind": "traffic",
        "location": WEST_ADDRESS,
        "when_happens": "Weekday mornings 7 to 8",
        "description": "Cars speed past the school crossing.",
        "contact": "contact",
        "contact_name": "Jamie Rivera",
        "contact_email": "jamie@example.org",
        "contact_phone": "(919) 555-0199",
    }
    data.update(overrides)
    return data


def submit(client, path=None, **overrides):
    with committed():
        return client.post(
            path or reverse("concerns:start"),
            form_data(**overrides),
            REMOTE_ADDR=CLIENT_ADDRESS,
            HTTP_USER_AGENT=USER_AGENT,
        )


@pytest.fixture
def districts(db):
    return two_districts()


@pytest.fixture
def staff_of(districts):
    """A member of "District staff" for each district, each signed in with a real TOTP code
    through the admin form when asked (``sign_in(client, user)``)."""
    west, east = districts
    west_staff = StaffUserFactory(username="wes-west", groups=[DISTRICT_STAFF])
    east_staff = StaffUserFactory(username="eve-east", groups=[DISTRICT_STAFF])
    west.staff_members.add(west_staff)
    east.staff_members.add(east_staff)
    return {"west": west_staff, "east": east_staff}


def changelist(client) -> str:
    response = client.get(reverse("admin:concerns_concern_changelist"))
    assert response.status_code == 200
    return html(response)


# --- Routing: each side of a boundary reaches its own queue only ---------------------------------


@pytest.mark.parametrize(
    ("side", "location"),
    [
        ("west", {"location": WEST_ADDRESS}),
        ("east", {"location": EAST_ADDRESS}),
        (
            "west",
            {"location": "Near the pond", "latitude": WEST_POINT[0], "longitude": WEST_POINT[1]},
        ),
        (
            "east",
            {"location": "Near the pond", "latitude": EAST_POINT[0], "longitude": EAST_POINT[1]},
        ),
        # The point wins over the address it contradicts.
        ("east", {"location": WEST_ADDRESS, "latitude": EAST_POINT[0], "longitude": EAST_POINT[1]}),
    ],
)
def test_concern_on_each_side_of_the_boundary_reaches_that_districts_queue_only(
    client, districts, staff_of, side, location
):
    west, east = districts
    response = submit(client, **location)
    assert response.status_code == 302 and response["Location"] == reverse("concerns:confirmation")
    concern = Concern.objects.get()
    assert concern.district == {"west": west, "east": east}[side]

    other = "east" if side == "west" else "west"
    mine = sign_in(client.__class__(), staff_of[side])
    assert concern.reference in changelist(mine)
    assert mine.get(reverse("admin:concerns_concern_change", args=[concern.pk])).status_code == 200

    theirs = sign_in(client.__class__(), staff_of[other])
    assert concern.reference not in changelist(theirs)
    change = theirs.get(reverse("admin:concerns_concern_change", args=[concern.pk]))
    assert change.status_code == 302  # Django's admin: "does not exist", back to the list
    assert concern.reference not in html(theirs.get(change["Location"]))
    status = theirs.post(
        reverse("admin:concerns_concern_status", args=[concern.pk]),
        {"status": "seen", "public_note": "Not mine"},
    )
    assert status.status_code == 404
    concern.refresh_from_db()
    assert concern.status == Concern.Status.RECEIVED


def test_an_unrouted_concern_is_shown_to_superusers_only(client, staff_of, superuser):
    submit(client, location="Somewhere without a number")
    concern = Concern.objects.get()
    assert concern.district is None
    for user in staff_of.values():
        assert concern.reference not in changelist(sign_in(client.__class__(), user))
    assert concern.reference in changelist(sign_in(client.__class__(), superuser))


# --- The anonymous tip keeps nothing of its sender ---------------------------------------------


def every_stored_value(instance) -> list[str]:
    return [str(getattr(instance, field.attname)) for field in instance._meta.concrete_fields]


def test_anonymous_tip_stores_no_contact_details_and_no_client_address(client, districts):
    response = submit(client, contact="anonymous")  # contact details typed, then anonymous
    assert response.status_code == 302
    concern = Concern.objects.get()
    assert concern.anonymous is True
    assert (concern.contact_name, concern.contact_email, concern.contact_phone) == ("", "", "")
    for row in [concern, *ConcernEvent.objects.filter(concern=concern)]:
        values = " ".join(every_stored_value(row))
        for personal in ("Jamie", "jamie@example.org", "555-0199", CLIENT_ADDRESS, USER_AGENT):
            assert personal not in values, (type(row).__name__, personal)
    # Nowhere in the database either (the admin's sign-in log is the only place that keeps
    # addresses, and no one signed in here).
    for model in apps.get_models():
        for row in model._default_manager.all():
            values = " ".join(every_stored_value(row))
            assert CLIENT_ADDRESS not in values, model._meta.label
            assert USER_AGENT not in values, model._meta.label
            assert "jamie@example.org" not in values, model._meta.label
    assert mail.outbox == []  # no receipt: no address to send it to


def test_the_database_refuses_an_anonymous_concern_with_contact_details(districts):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        ConcernFactory(anonymous=True, contact_phone="919 555 0100")


def test_operation_drops_contact_details_of_an_anonymous_tip(districts):
    concern = operations.concern_submit(
        kind="drugs",
        location=WEST_ADDRESS,
        description="Cars stop for a minute at the corner house all evening.",
        anonymous=True,
        contact_name="Jamie",
        contact_email="jamie@example.org",
    )
    assert (concern.contact_name, concern.contact_email) == ("", "")
    assert mail.outbox == []


# --- Receipt, confirmation, status -------------------------------------------------------------


def test_receipt_is_emailed_only_when_an_email_is_given(client, districts):
    submit(client)
    concern = Concern.objects.get()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["jamie@example.org"]
    assert concern.reference in message.subject and concern.reference in message.body
    assert "Westside" in message.body
    mail.outbox.clear()
    submit(client, contact_email="", contact_phone="(919) 555-0100")
    assert mail.outbox == []


def test_receipt_is_in_the_residents_language(client, districts):
    submit(client, "/es" + reverse("concerns:start"))
    concern = Concern.objects.get()
    assert concern.language == "es"
    assert len(mail.outbox) == 1


def test_confirmation_shows_the_reference_once_and_posts_to_its_status_page(client, districts):
    response = submit(client, contact="anonymous")
    concern = Concern.objects.get()
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "no-cache" in page["Cache-Control"] or "no-store" in page["Cache-Control"]
    body = html(page)
    assert concern.reference in body
    assert f'value="{concern.reference}"' in body and reverse("concerns:status") in body
    again = client.get(reverse("concerns:confirmation"))
    assert again.status_code == 302 and again["Location"] == reverse("concerns:start")


def test_status_page_shows_the_public_note_and_nothing_personal(client, districts, staff_of):
    submit(client)
    concern = Concern.objects.get()
    operations.concern_change_status(
        concern=concern,
        actor=staff_of["west"],
        status=Concern.Status.PASSED_TO_TOWN,
        public_note="We asked the Town for a speed sign.",
    )
    response = client.post(reverse("concerns:status"), {"reference": concern.reference.lower()})
    body = html(response)
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]
    assert "Passed to the Town of Cary" in body
    assert "We asked the Town for a speed sign." in body
    assert "Westside" in body and "Speeding or dangerous driving" in body
    for personal in ("Jamie", "jamie@example.org", "555-0199", "Boundary", "school crossing"):
        assert personal not in body


def test_status_lookup_of_an_unknown_reference_says_so_clearly(client, districts):
    response = client.post(reverse("concerns:status"), {"reference": "TIP-ABCDEFGHJK"})
    assert response.status_code == 200
    assert "We could not find a concern with that reference" in html(response)
    empty = client.post(reverse("concerns:status"), {"reference": ""})
    assert "Enter your reference number" in html(empty) and "There is a problem" in html(empty)


def test_references_are_random_from_the_unambiguous_alphabet():
    references = {new_reference() for _i in range(200)}
    assert len(references) == 200
    for reference in references:
        assert re.fullmatch(f"TIP-[{REFERENCE_ALPHABET}]{{10}}", reference)
    assert normalise_reference(" tip abcd 2345 xy ", REFERENCE_PREFIX) == "TIP-ABCD2345XY"


# --- Form errors and limits --------------------------------------------------------------------


def test_bad_input_comes_back_with_a_summary_and_every_entry_kept(client, districts):
    response = submit(client, kind="", description="", contact_email="not-an-email")
    body = html(response)
    assert response.status_code == 200
    assert "There is a problem" in body
    assert 'href="#id_kind_0"' in body and 'href="#id_description"' in body
    assert "Choose what your concern is about" in body and "Describe what is happening" in body
    assert "Enter an email address like name@example.com" in body
    assert 'value="42 Boundary St, Cary, NC 27511"' in body
    assert 'value="Weekday mornings 7 to 8"' in body and 'value="Jamie Rivera"' in body
    assert "<title>Error:" in body
    assert Concern.objects.count() == 0


def test_contact_chosen_without_email_or_phone_is_refused(client, districts):
    response = submit(client, contact_email="", contact_phone="")
    assert "Enter an email address or a phone number, or choose anonymous" in html(response)
    assert Concern.objects.count() == 0


def test_every_field_is_bounded(client, districts):
    response = submit(client, location="x" * 201, description="y" * 3001)
    body = html(response)
    assert "Ensure this value has at most 200 characters" in body
    assert "Ensure this value has at most 3000 characters" in body
    assert Concern.objects.count() == 0


def test_a_file_that_is_not_a_photo_is_refused_with_every_entry_kept(client, districts):
    response = client.post(
        reverse("concerns:start"),
        {**form_data(), "photo": upload("notes.jpg", b"%PDF-1.4 not a photo", "image/jpeg")},
    )
    body = html(response)
    assert response.status_code == 200 and "There is a problem" in body
    assert 'href="#id_photo"' in body and "notes.jpg" in body
    assert 'value="42 Boundary St, Cary, NC 27511"' in body and "Cars speed past" in body
    assert Concern.objects.count() == 0 and ConcernPhoto.objects.count() == 0


def test_a_photo_is_cleaned_by_the_report_pipeline_and_served_to_district_staff_only(
    client, districts, staff_of, private_storage
):
    from tests.reports_support import gps_exif

    photo = upload("street.jpg", jpeg_bytes(size=(320, 240), exif=gps_exif()))
    with committed():
        response = client.post(reverse("concerns:start"), {**form_data(), "photo": photo})
    assert response.status_code == 302
    stored = ConcernPhoto.objects.get()
    assert stored.state == PhotoState.READY, stored.failure
    assert stored.original.name == "" and stored.file.name.startswith("concerns/")
    data = stored.file.open("rb").read()
    assert b"PhoneMaker" not in data and b"Exif" not in data[:200]
    url = reverse("admin:concerns_concern_photo", args=[stored.pk])
    mine = sign_in(client.__class__(), staff_of["west"])
    served = mine.get(url)
    assert served.status_code == 200 and "no-store" in served["Cache-Control"]
    assert b"".join(served.streaming_content)[:2] == b"\xff\xd8"
    theirs = sign_in(client.__class__(), staff_of["east"])
    assert theirs.get(url).status_code == 404
    assert client.__class__().get(url).status_code == 302  # anonymous: to the sign-in


def test_honeypot_answers_as_if_sent_and_stores_nothing(client, districts):
    response = submit(client, website="http://spam.example")
    assert response.status_code == 200 and "Concern received" in html(response)
    assert Concern.objects.count() == 0


def test_over_the_rate_limit_answers_429_with_entries_kept(client, districts, settings):
    settings.CONCERNS_SUBMIT_RATE = "2/h"
    assert submit(client).status_code == 302
    assert submit(client).status_code == 302
    refused = submit(client, description="Third time today.")
    assert refused.status_code == 429 and "Retry-After" in refused
    body = html(refused)
    assert "Too many attempts from your connection" in body and "Third time today." in body
    assert Concern.objects.count() == 2


def test_status_lookups_are_rate_limited(client, districts, settings):
    settings.CONCERNS_STATUS_RATE = "2/h"
    for _i in range(2):
        client.post(reverse("concerns:status"), {"reference": "TIP-ABCDEFGHJK"})
    refused = client.post(reverse("concerns:status"), {"reference": "TIP-ABCDEFGHJK"})
    assert refused.status_code == 429


def test_form_pages_are_never_cached(client, districts):
    for name in ("concerns:start", "concerns:status"):
        response = client.get(reverse(name))
        assert response.status_code == 200
        assert "public" not in response.get("Cache-Control", "")
        assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]


# --- The queue: allowed and refused --------------------------------------------------------------


@pytest.fixture
def routed(client, districts):
    submit(client)
    return Concern.objects.get()


def queue_urls(concern) -> dict[str, str]:
    return {
        "list": reverse("admin:concerns_concern_changelist"),
        "change": reverse("admin:concerns_concern_change", args=[concern.pk]),
        "status": reverse("admin:concerns_concern_status", args=[concern.pk]),
        "agenda": reverse("admin:concerns_concern_agenda", args=[concern.pk]),
    }


@pytest.mark.parametrize(
    "who",
    [
        "anonymous",
        "content_editor",
        "report_reviewer",
        "no_group",
        "unverified_district_staff",
        "unverified_superuser",
    ],
)
@pytest.mark.parametrize("name", ["list", "change", "status", "agenda"])
def test_the_queue_is_refused_to_everyone_but_verified_district_staff(
    client,
    routed,
    staff_of,
    who,
    name,
    content_editor,
    report_reviewer,
    staff_without_groups,
    superuser,
):
    users = {
        "unverified_superuser": superuser,
        "content_editor": content_editor,
        "report_reviewer": report_reviewer,
        "no_group": staff_without_groups,
        "unverified_district_staff": staff_of["west"],  # password only, no second factor
    }
    if who == "report_reviewer":
        sign_in(client, report_reviewer)  # verified, but reports only
    elif who in users:
        assert admin_login(client, users[who]).status_code == 302
    response = client.get(queue_urls(routed)[name])
    if who == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))
    else:
        assert response.status_code == 403
    assert routed.reference not in html(response) and "Jamie" not in html(response)


def test_unverified_district_staff_are_told_how_to_get_two_factor(client, staff_of):
    response = admin_login(client, staff_of["west"])
    page = html(client.get(response["Location"]))
    assert "Concerns need two-factor authentication." in page


def test_district_staff_work_their_queue_through_the_operations(client, routed, staff_of):
    staff = sign_in(client.__class__(), staff_of["west"])
    page = html(staff.get(queue_urls(routed)["change"]))
    assert "Jamie Rivera" in page and "Change the status" in page
    response = staff.post(
        queue_urls(routed)["status"],
        {"status": "acted_on", "public_note": "Officers watched the crossing."},
    )
    assert response.status_code == 302
    routed.refresh_from_db()
    assert routed.status == Concern.Status.ACTED_ON
    assert routed.public_note == "Officers watched the crossing."
    event = routed.events.order_by("-created_at", "-pk").first()
    assert (event.action, event.actor, event.from_status, event.to_status) == (
        "status",
        staff_of["west"],
        "received",
        "acted_on",
    )
    # The bulk action: mark seen.
    ConcernFactory(district=routed.district, reference="TIP-BULKSEEN22")
    staff.post(
        queue_urls(routed)["list"],
        {
            "action": "mark_seen",
            "_selected_action": list(Concern.objects.values_list("pk", flat=True)),
        },
    )
    assert Concern.objects.get(reference="TIP-BULKSEEN22").status == Concern.Status.SEEN
    assert Concern.objects.get(pk=routed.pk).status == Concern.Status.ACTED_ON  # not moved back


def test_changelist_queries_do_not_grow_with_the_rows(client, districts, staff_of):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    west = districts[0]
    staff = sign_in(client.__class__(), staff_of["west"])
    ConcernFactory(district=west)
    staff.get(reverse("admin:concerns_concern_changelist"))  # the session's first reads
    with CaptureQueriesContext(connection) as one:
        staff.get(reverse("admin:concerns_concern_changelist"))
    for _i in range(5):
        ConcernFactory(district=west)
    with CaptureQueriesContext(connection) as several:
        staff.get(reverse("admin:concerns_concern_changelist"))
    assert len(one) == len(several)


def test_the_district_staff_group_has_only_the_concerns_permissions():
    group = Group.objects.get(name=DISTRICT_STAFF)
    assert set(group.permissions.values_list("codename", flat=True)) == {
        "view_concern",
        "change_concern",
        "view_concernevent",
        "view_concernphoto",
    }


# --- Agenda and the district page ----------------------------------------------------------------


def test_a_question_goes_on_the_agenda_in_staffs_words_only(client, districts, staff_of):
    submit(client, kind="question", description="Why do my neighbours at 40 Elm keep parking?")
    concern = Concern.objects.get()
    staff = sign_in(client.__class__(), staff_of["west"])
    staff.post(
        reverse("admin:concerns_concern_agenda", args=[concern.pk]),
        {"on_agenda": "on", "agenda_text": "Parking enforcement on residential streets"},
    )
    concern.refresh_from_db()
    assert concern.on_agenda and concern.agenda_text.startswith("Parking enforcement")
    assert concern.events.filter(action="agenda").exists()
    page = html(client.get(districts[0].get_absolute_url()))
    assert "Questions for the next community meeting" in page
    assert "Parking enforcement on residential streets" in page
    assert "40 Elm" not in page and "neighbours" not in page
    assert "Parking enforcement" not in html(client.get(districts[1].get_absolute_url()))


def test_only_questions_go_on_the_agenda(districts):
    concern = ConcernFactory(district=districts[0], kind="traffic")
    with pytest.raises(operations.ConcernError):
        operations.concern_put_on_agenda(concern=concern, actor=None, agenda_text="Speed")


def test_district_page_counts_recent_concerns_by_kind_with_no_personal_text(client, districts):
    west, east = districts
    for kind in ["traffic", "traffic", "drugs"]:
        ConcernFactory(district=west, kind=kind, description="SECRET-TEXT", location="SECRET-PLACE")
    ConcernFactory(district=east, kind="traffic")
    ConcernFactory(district=west, kind="property", created_at=timezone.now() - timedelta(days=91))
    page = html(client.get(west.get_absolute_url()))
    section = page[page.index("data-district-concerns") :]
    section = section[: section.index("</section>")]
    counts = dict(
        re.findall(r'data-kind="(\w+)"><th scope="row">[^<]+</th><td[^>]*>(\d+)<', section)
    )
    assert counts == {
        "traffic": "2",
        "suspicious": "0",
        "property": "0",
        "drugs": "1",
        "question": "0",
        "other": "0",
    }
    assert "3 concerns and tips in the last 90 days" in section
    assert "SECRET" not in page and reverse("concerns:start") in section


def test_district_page_shows_the_next_community_meeting_of_the_district(client, districts):
    from outreach.models import Event

    west = districts[0]
    start = timezone.now() + timedelta(days=3)
    Event.objects.create(
        title="West community meeting",
        slug="west-community-meeting",
        kind=Event.Kind.COMMUNITY_MEETING,
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        district=west,
        is_published=True,
        location_name="Library",
        address="310 S Academy St",
        summary="Meet your officers.",
    )
    section = html(client.get(west.get_absolute_url()))
    assert "West community meeting" in section[section.index("data-district-agenda") :]


# --- Guide, report start page, sitemap ---------------------------------------------------------


def test_the_reporting_guide_and_the_report_start_page_point_here(client):
    entry = ReportingGuideEntry.objects.get(title_en__startswith="A problem on your street")
    assert "/concerns/" in entry.body_en and "/es/concerns/" in entry.body_es
    assert entry.title_es
    start = html(client.get(reverse("reports:start")))
    assert f'href="{reverse("concerns:start")}"' in start
    assert "Not a crime? Share a concern or a tip" in start


def test_the_form_page_is_in_the_sitemap(client):
    body = client.get("/sitemap.xml").content.decode()
    assert "/concerns/</loc>" in body
    assert "/concerns/status/" not in body


# --- Retention -------------------------------------------------------------------------------


def test_purge_concerns_deletes_concerns_past_retention_with_their_photos(
    districts, settings, private_storage
):
    settings.CONCERNS_RETENTION_DAYS = 30
    old = ConcernFactory(district=districts[0], reference="TIP-OLDOLDOLD2")
    ConcernEvent.objects.create(concern=old, action="submitted", to_status="received")
    recent = ConcernFactory(district=districts[0], reference="TIP-NEWNEWNEW2")
    photo_path = private_storage / "concerns" / "old.jpg"
    photo_path.parent.mkdir(parents=True, exist_ok=True)
    photo_path.write_bytes(jpeg_bytes())
    ConcernPhoto.objects.create(
        concern=old,
        state=PhotoState.READY,
        file="concerns/old.jpg",
        content_type="image/jpeg",
        width=64,
        height=48,
        size=100,
    )
    # Move the clock: the old one last changed 31 days ago.
    Concern.objects.filter(pk=old.pk).update(status_changed_at=timezone.now() - timedelta(days=31))

    out = io.StringIO()
    call_command("purge_concerns", "--dry-run", stdout=out)
    assert "Would delete TIP-OLDOLDOLD2" in out.getvalue()
    assert Concern.objects.count() == 2 and photo_path.exists()

    out = io.StringIO()
    with committed():
        call_command("purge_concerns", stdout=out)
    assert "Deleted TIP-OLDOLDOLD2" in out.getvalue()
    assert list(Concern.objects.values_list("reference", flat=True)) == [recent.reference]
    assert not ConcernEvent.objects.filter(concern_id=old.pk).exists()
    assert not ConcernPhoto.objects.exists()
    assert not photo_path.exists()


def test_purge_concerns_queues_a_photo_that_lost_its_task_again(client, districts, private_storage):
    photo = upload("street.jpg", jpeg_bytes(size=(320, 240)))
    # Outside committed(): the processing queued at the commit never runs (a killed worker).
    response = client.post(reverse("concerns:start"), {**form_data(), "photo": photo})
    assert response.status_code == 302
    stored = ConcernPhoto.objects.get()
    assert stored.state == PhotoState.RECEIVED and stored.original.name.startswith("quarantine/")

    out = io.StringIO()
    with committed():
        call_command("purge_concerns", stdout=out)  # received just now: left alone
    assert "Queued 0 photo(s)" in out.getvalue()
    ConcernPhoto.objects.update(created_at=timezone.now() - timedelta(hours=2))
    out = io.StringIO()
    with committed():
        call_command("purge_concerns", stdout=out)
    assert "Queued 1 photo(s) still waiting for processing again." in out.getvalue()
    stored.refresh_from_db()
    assert stored.state == PhotoState.READY and stored.file.name.startswith("concerns/")


def test_purge_reports_keeps_a_concerns_waiting_upload_and_sweeps_its_orphans(
    districts, private_storage
):
    """Concern photos wait in the quarantine reports' photos use: the report sweep must know
    their rows (reports.photos.register_photo_model) and sweep the concerns folder too."""
    waiting = private_storage / "quarantine" / "waiting.jpg"
    orphan = private_storage / "concerns" / "orphan.jpg"
    for path in (waiting, orphan):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(jpeg_bytes())
        hours_ago = time.time() - 3 * 3600
        os.utime(path, (hours_ago, hours_ago))
    ConcernPhoto.objects.create(
        concern=ConcernFactory(district=districts[0]),
        state=PhotoState.RECEIVED,
        original="quarantine/waiting.jpg",
        content_type="image/jpeg",
        width=64,
        height=48,
        size=100,
    )

    call_command("purge_reports", stdout=io.StringIO())

    assert waiting.exists() and not orphan.exists()


# --- Demo content ------------------------------------------------------------------------------


def test_demo_adds_sample_concerns_in_the_demo_districts_once(demo):
    from concerns import demo as concerns_demo

    samples = Concern.objects.filter(is_sample=True).select_related("district")
    assert samples.count() == len(concerns_demo.CONCERNS)
    assert all(concern.district and concern.district.is_sample for concern in samples)
    assert samples.filter(anonymous=True).exists()
    assert samples.filter(kind="question", on_agenda=True).exclude(agenda_text="").exists()
    assert len({concern.status for concern in samples}) >= 3
    assert concerns_demo.load() == 0
    assert Concern.objects.filter(is_sample=True).count() == len(concerns_demo.CONCERNS)


def test_a_status_change_purges_its_district_page_only(districts, monkeypatch):
    from core import http_cache

    purged = []
    monkeypatch.setattr(http_cache, "purge", lambda *keys: purged.extend(keys))
    west, east = districts
    concern = ConcernFactory(district=west)
    purged.clear()
    operations.concern_change_status(concern=concern, actor=None, status="seen", public_note="")
    assert http_cache.object_key(type(west), west.pk) in purged
    assert http_cache.object_key(type(east), east.pk) not in purged


def test_an_anonymous_tip_keeps_its_point_only_to_about_100_m(districts):
    latitude, longitude = 35.791234, -78.801234
    tip = operations.concern_submit(
        kind="traffic",
        location="By the pond",
        description="Racing.",
        latitude=latitude,
        longitude=longitude,
        anonymous=True,
    )
    assert tip.district == districts[0]
    assert (tip.latitude, tip.longitude) == (35.791, -78.801)
    named = operations.concern_submit(
        kind="traffic",
        location="By the pond",
        description="Racing.",
        latitude=latitude,
        longitude=longitude,
        anonymous=False,
        contact_phone="919 555 0100",
    )
    assert (named.latitude, named.longitude) == (35.79123, -78.80123)
