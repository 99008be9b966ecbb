"""Vacation house checks (issue 15, item 2): the resident's form and its errors, routing by the
address, the receipt, confirmation, status and cancel pages; the Patrol group's admin with
two-factor sign-in (allowed and refused), the printable list of a district's active checks,
visits and their history; the summary sent once on return, and the purge that leaves nothing
personal behind."""

import io
from datetime import datetime, time, timedelta

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.references import REFERENCE_ALPHABET, normalise_reference
from housechecks import operations, sections
from housechecks.models import (
    REFERENCE_PREFIX,
    HouseCheck,
    HouseCheckEvent,
    HouseCheckVisit,
    new_reference,
)
from reports.models import ReportingGuideEntry
from tests.factories import StaffUserFactory
from tests.factories_housechecks import (
    ADDRESS,
    EAST_ADDRESS,
    EMAIL,
    NAME,
    PHONE,
    UNROUTED_ADDRESS,
    WEST_ADDRESS,
    HouseCheckFactory,
    VisitFactory,
    two_districts,
)
from tests.reports_support import (
    add_totp_device,
    admin_login,
    committed,
    current_token,
    verified_login,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_password_hashing")]

PATROL = "Patrol"
CLIENT_ADDRESS = "203.0.113.78"


def html(response) -> str:
    return response.content.decode()


def today():
    return timezone.localdate()


def form_data(**overrides) -> dict:
    data = {
        "address": WEST_ADDRESS,
        "leave_date": (today() + timedelta(days=2)).isoformat(),
        "return_date": (today() + timedelta(days=12)).isoformat(),
        "resident_name": "Jamie Rivera",
        "email": "jamie@example.org",
        "phone": "(919) 555-0199",
        "emergency_name": "Alex Rivera",
        "emergency_phone": "(919) 555-0188",
        "has_alarm": "yes",
        "alarm_company": "Acme Alarms",
        "vehicles": "Blue pickup in the garage",
        "key_holder_name": "Kim Next-Door",
        "key_holder_phone": "(919) 555-0166",
        "notes": "Lights on a timer.",
    }
    data.update(overrides)
    return data


def submit(client, **overrides):
    with committed():
        return client.post(
            reverse("housechecks:start"), form_data(**overrides), REMOTE_ADDR=CLIENT_ADDRESS
        )


def lookup(client, reference):
    return client.post(
        reverse("housechecks:status"), {"reference": reference}, REMOTE_ADDR=CLIENT_ADDRESS
    )


@pytest.fixture
def districts(db):
    return two_districts()


@pytest.fixture
def patrol(db):
    return StaffUserFactory(
        username="pat-patrol", first_name="Pat", last_name="Officer", groups=[PATROL]
    )


def on_day(day, hour=12):
    return timezone.make_aware(datetime.combine(day, time(hour)))


# --- The resident: submit, routing, receipt, confirmation ----------------------------------------


@pytest.mark.parametrize(
    ("address", "side"),
    [(WEST_ADDRESS, "west"), (EAST_ADDRESS, "east"), (UNROUTED_ADDRESS, None)],
)
def test_a_request_is_routed_by_its_address_or_kept_as_not_routed(client, districts, address, side):
    west, east = districts
    response = submit(client, address=address)
    assert response.status_code == 302
    assert response["Location"] == reverse("housechecks:confirmation")
    check = HouseCheck.objects.get()
    assert check.district == {"west": west, "east": east, None: None}[side]
    assert check.reference.startswith("HC-")
    event = check.events.get()
    assert event.action == HouseCheckEvent.Action.SUBMITTED and event.actor is None


def test_submit_stores_every_answer_and_emails_a_receipt(client, districts):
    submit(client)
    check = HouseCheck.objects.get()
    assert (check.resident_name, check.email, check.emergency_name) == (
        "Jamie Rivera",
        "jamie@example.org",
        "Alex Rivera",
    )
    assert check.has_alarm and check.alarm_company == "Acme Alarms"
    assert check.leave_date == today() + timedelta(days=2)
    assert check.return_date == today() + timedelta(days=12)
    assert check.key_holder_phone == "(919) 555-0166" and check.notes == "Lights on a timer."
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["jamie@example.org"]
    assert check.reference in message.subject and check.reference in message.body
    assert "/house-checks/status/" in message.body


def test_no_alarm_drops_the_alarm_company(client, districts):
    submit(client, has_alarm="no")
    check = HouseCheck.objects.get()
    assert not check.has_alarm and check.alarm_company == ""


def test_receipt_is_in_the_residents_language(client, districts):
    with committed():
        client.post("/es/house-checks/", form_data(), REMOTE_ADDR=CLIENT_ADDRESS)
    check = HouseCheck.objects.get()
    assert check.language == "es"
    assert len(mail.outbox) == 1


def test_confirmation_shows_the_reference_once_and_never_in_a_url(client, districts):
    response = submit(client)
    assert "HC-" not in response["Location"]
    check = HouseCheck.objects.get()
    page = html(client.get(reverse("housechecks:confirmation")))
    assert check.reference in page and "jamie@example.org" in page
    assert f'action="{reverse("housechecks:status")}"' in page
    again = client.get(reverse("housechecks:confirmation"))
    assert again.status_code == 302 and again["Location"] == reverse("housechecks:start")


def test_references_are_random_from_the_unambiguous_alphabet():
    references = {new_reference() for _i in range(200)}
    assert len(references) == 200
    for reference in references:
        assert reference.startswith("HC-") and len(reference) == 13
        assert set(reference[3:]) <= set(REFERENCE_ALPHABET)
    assert normalise_reference(" hc abcd 2345 xy ", REFERENCE_PREFIX) == "HC-ABCD2345XY"


# --- The resident: validation --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"leave_date": "yesterday"}, "leave_date", "Enter the day you leave as a date"),
        ({"leave_date": (today() - timedelta(days=1)).isoformat()}, "leave_date", "in the past"),
        ({"leave_date": (today() + timedelta(days=400)).isoformat()}, "leave_date", "at most"),
        (
            {"return_date": (today() + timedelta(days=2)).isoformat()},
            "return_date",
            "must be after the day you leave",
        ),
        (
            {"return_date": (today() + timedelta(days=1)).isoformat()},
            "return_date",
            "must be after the day you leave",
        ),
        (
            {"return_date": (today() + timedelta(days=48)).isoformat()},
            "return_date",
            "at most 45 days",
        ),
        ({"address": "Main Street"}, "address", "with its house number"),
        ({"address": "1 " + "Long " * 50 + "St"}, "address", "at most 200 characters"),
        ({"email": ""}, "email", "Enter your email address"),
        ({"email": "not-an-email"}, "email", "like name@example.com"),
        ({"emergency_phone": ""}, "emergency_phone", "emergency contact"),
        ({"has_alarm": ""}, "has_alarm", "Choose whether your home has an alarm"),
        ({"notes": "x" * 2001}, "notes", "at most 2000 characters"),
        ({"resident_name": "Jamie\nRivera"}, "resident_name", "on one line"),
    ],
)
def test_bad_input_comes_back_with_a_summary_and_every_entry_kept(
    client, districts, overrides, field, message
):
    response = submit(client, **overrides)
    assert response.status_code == 200
    page = html(response)
    assert "There is a problem" in page
    assert f'href="#id_{field}' in page  # the summary links to the field
    assert message in page
    assert "Error: Ask for a vacation house check" in page
    for name in ("address", "resident_name", "alarm_company", "key_holder_name", "notes"):
        if name not in overrides:
            assert form_data()[name] in page, name  # every other entry kept
    assert not HouseCheck.objects.exists() and mail.outbox == []


def test_the_longest_absence_is_a_setting(client, districts, settings):
    settings.HOUSECHECKS_MAX_DAYS = 5
    response = submit(client)
    assert "at most 5 days" in html(response)
    assert not HouseCheck.objects.exists()


def test_the_database_refuses_a_return_before_the_leave(districts):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        HouseCheckFactory(leave_date=today(), return_date=today())
    with pytest.raises(operations.HouseCheckError):
        operations.house_check_submit(
            address=WEST_ADDRESS,
            leave_date=today(),
            return_date=today() - timedelta(days=1),
            resident_name="A",
            email="a@example.org",
            emergency_name="B",
            emergency_phone="1",
        )


def test_every_field_is_bounded():
    from housechecks.forms import HouseCheckForm

    form = HouseCheckForm()
    for name, field in form.fields.items():
        if hasattr(field, "max_length"):
            assert field.max_length, name


def test_honeypot_answers_as_if_sent_and_stores_nothing(client, districts):
    response = submit(client, website="http://spam.example")
    assert response.status_code == 200
    assert not HouseCheck.objects.exists() and mail.outbox == []


def test_over_the_rate_limit_answers_429_with_entries_kept(client, districts, settings):
    settings.HOUSECHECKS_SUBMIT_RATE = "1/h"
    assert submit(client).status_code == 302
    response = submit(client, resident_name="Second Try")
    assert response.status_code == 429 and "Retry-After" in response
    assert 'value="Second Try"' in html(response)
    assert HouseCheck.objects.count() == 1


def test_status_lookups_and_cancels_are_rate_limited(client, districts, settings):
    settings.HOUSECHECKS_STATUS_RATE = "2/h"
    check = HouseCheckFactory()
    assert lookup(client, check.reference).status_code == 200
    assert lookup(client, "HC-WRONGWRONG").status_code == 200
    assert lookup(client, check.reference).status_code == 429
    response = client.post(
        reverse("housechecks:cancel"), {"reference": check.reference}, REMOTE_ADDR=CLIENT_ADDRESS
    )
    assert response.status_code == 429
    check.refresh_from_db()
    assert not check.is_cancelled


def test_form_pages_are_never_cached(client, districts):
    for name in ("housechecks:start", "housechecks:status"):
        response = client.get(reverse(name))
        assert response.status_code == 200
        assert "public" not in response.get("Cache-Control", "")
        assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]


# --- The resident: status and cancel -------------------------------------------------------------


def test_status_page_shows_dates_and_visits_but_no_officer_notes(client, districts):
    west, _east = districts
    check = HouseCheckFactory(district=west, notes="Spare key under the frog")
    VisitFactory(
        house_check=check,
        visited_at=on_day(today(), 9),
        outcome=HouseCheckVisit.Outcome.TO_REPORT,
        note="Internal: the neighbour's dog barked",
    )
    VisitFactory(house_check=check, visited_at=on_day(today() - timedelta(days=1), 20))
    page = html(lookup(client, check.reference.lower()))
    assert check.reference in page
    assert "Active: officers are looking in" in page
    assert '<dd class="summary-list__value" data-visit-count>2</dd>' in page
    assert "Westside" in page
    for private in ("the neighbour", "Spare key", check.resident_name, check.emergency_phone):
        assert private not in page
    assert "Cancel the house check" in page


def test_status_lookup_of_an_unknown_reference_says_so(client, districts):
    page = html(lookup(client, "HC-ABCDEFGHJK"))
    assert "We could not find a house check with that reference" in page


def test_the_resident_cancels_from_the_status_page(client, districts):
    check = HouseCheckFactory(district=districts[0])
    response = client.post(
        reverse("housechecks:cancel"), {"reference": check.reference}, REMOTE_ADDR=CLIENT_ADDRESS
    )
    assert response.status_code == 200
    page = html(response)
    assert "Your house check is cancelled" in page and "Cancel the house check" not in page
    check.refresh_from_db()
    assert check.is_cancelled and check.state() == "cancelled"
    assert check.events.filter(action=HouseCheckEvent.Action.CANCELLED).count() == 1
    # Once cancelled, it is off the day's list and cannot be cancelled again.
    assert not HouseCheck.objects.active_on(today()).exists()
    with pytest.raises(operations.HouseCheckError):
        operations.house_check_cancel(check=check)


def test_cancel_needs_a_real_reference_and_a_post(client, districts):
    assert client.get(reverse("housechecks:cancel")).status_code == 405
    response = client.post(reverse("housechecks:cancel"), {"reference": "HC-ABCDEFGHJK"})
    assert "We could not find a house check" in html(response)


def test_a_finished_check_cannot_be_cancelled(districts):
    check = HouseCheckFactory(
        leave_date=today() - timedelta(days=10), return_date=today() - timedelta(days=1)
    )
    assert not check.can_be_cancelled and check.state() == "finished"


# --- Staff: allowed and refused ------------------------------------------------------------------


def staff_urls(check) -> dict[str, str]:
    return {
        "list": reverse("admin:housechecks_housecheck_changelist"),
        "change": reverse("admin:housechecks_housecheck_change", args=[check.pk]),
        "today": reverse("admin:housechecks_housecheck_today") + f"?district={check.district.slug}",
        "visit": reverse("admin:housechecks_housecheck_visit", args=[check.pk]),
    }


@pytest.mark.parametrize(
    "who", ["anonymous", "no_group", "unverified_patrol", "district_staff", "content_editor"]
)
@pytest.mark.parametrize("name", ["list", "change", "today", "visit"])
def test_house_checks_are_refused_to_everyone_but_verified_patrol(
    client, districts, patrol, district_staff, content_editor, staff_without_groups, who, name
):
    check = HouseCheckFactory(district=districts[0], resident_name="Jordan Secret")
    if who == "no_group":
        verified_login(client, staff_without_groups)
    elif who == "district_staff":
        verified_login(client, district_staff)
    elif who == "content_editor":
        verified_login(client, content_editor)
    elif who == "unverified_patrol":
        assert admin_login(client, patrol).status_code == 302  # password only
    response = client.get(staff_urls(check)[name])
    if who == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))
    else:
        assert response.status_code == 403
    assert check.reference not in html(response) and "Jordan Secret" not in html(response)


@pytest.mark.parametrize("name", ["list", "change", "today", "visit"])
def test_verified_patrol_sees_every_check_of_every_district(client, districts, patrol, name):
    check = HouseCheckFactory(district=districts[1], resident_name="Jordan Secret")
    verified_login(client, patrol)
    response = client.get(staff_urls(check)[name])
    assert response.status_code == 200
    if name != "visit":
        assert check.reference in html(response)


def test_patrol_signs_in_with_a_real_code(client, districts, patrol):
    check = HouseCheckFactory(district=districts[0])
    device = add_totp_device(patrol)
    assert admin_login(client, patrol, token=current_token(device)).status_code == 302
    assert check.reference in html(client.get(staff_urls(check)["list"]))


def test_unverified_patrol_are_told_how_to_get_two_factor(client, patrol):
    response = admin_login(client, patrol)
    page = html(client.get(response["Location"]))
    assert "House checks need two-factor authentication." in page


def test_the_patrol_group_has_only_the_house_check_permissions():
    group = Group.objects.get(name=PATROL)
    assert set(group.permissions.values_list("codename", flat=True)) == {
        "view_housecheck",
        "view_housecheckvisit",
        "add_housecheckvisit",
        "view_housecheckevent",
    }


# --- Staff: the day's printable list --------------------------------------------------------------


def today_list(client, district, day=None):
    url = reverse("admin:housechecks_housecheck_today") + f"?district={district.slug}"
    if day:
        url += f"&date={day.isoformat()}"
    response = client.get(url)
    assert response.status_code == 200
    return html(response)


def test_the_days_list_shows_exactly_the_active_checks_of_that_district(client, districts, patrol):
    west, east = districts
    day = today() + timedelta(days=3)
    shown = [
        HouseCheckFactory(
            district=west,
            reference="HC-SHOWNCOVER",
            leave_date=day - timedelta(days=2),
            return_date=day + timedelta(days=2),
            emergency_name="Casey Contact",
            vehicles="Red van",
            has_alarm=True,
            alarm_company="Acme Alarms",
        ),
        HouseCheckFactory(
            district=west, reference="HC-SHOWNLEAVE", leave_date=day, return_date=day + timedelta(1)
        ),
        HouseCheckFactory(
            district=west,
            reference="HC-SHOWNRETRN",
            leave_date=day - timedelta(days=5),
            return_date=day,
        ),
    ]
    hidden = [
        HouseCheckFactory(district=east, reference="HC-HIDDENEAST"),  # other district
        HouseCheckFactory(
            district=None,
            reference="HC-HIDDENNONE",
            leave_date=day - timedelta(1),
            return_date=day + timedelta(1),
        ),
        HouseCheckFactory(
            district=west,
            reference="HC-HIDDENFUTR",
            leave_date=day + timedelta(days=1),
            return_date=day + timedelta(days=4),
        ),
        HouseCheckFactory(
            district=west,
            reference="HC-HIDDENPAST",
            leave_date=day - timedelta(days=9),
            return_date=day - timedelta(days=1),
        ),
        HouseCheckFactory(
            district=west,
            reference="HC-HIDDENCNCL",
            leave_date=day - timedelta(days=1),
            return_date=day + timedelta(days=1),
            cancelled_at=timezone.now(),
        ),
    ]
    VisitFactory(house_check=shown[0], visited_at=on_day(today()))
    verified_login(client, patrol)
    page = today_list(client, west, day)
    for check in shown:
        assert f'data-reference="{check.reference}"' in page
    for check in hidden:
        assert check.reference not in page
    assert "3 homes to check." in page
    assert "Casey Contact" in page and "Red van" in page and "Acme Alarms" in page
    assert "<td data-visits>1</td>" in page
    assert "house-check-table__tick" in page
    assert "housechecks/today" in page and ".css" in page  # the print stylesheet
    assert 'style="' not in page.split('id="content-main"')[1]


def test_the_days_list_of_the_unrouted(client, districts, patrol):
    HouseCheckFactory(district=None, reference="HC-UNROUTEDD2")
    verified_login(client, patrol)
    page = html(client.get(reverse("admin:housechecks_housecheck_today") + "?district=none"))
    assert "HC-UNROUTEDD2" in page and "not routed" in page


def test_the_days_list_takes_a_constant_number_of_queries(client, districts, patrol):
    west = districts[0]
    HouseCheckFactory(district=west)
    verified_login(client, patrol)
    today_list(client, west)  # the session's first reads
    with CaptureQueriesContext(connection) as one:
        page = today_list(client, west)
    assert "1 home to check." in page
    for _i in range(6):
        check = HouseCheckFactory(district=west)
        VisitFactory(house_check=check)
    with CaptureQueriesContext(connection) as several:
        page = today_list(client, west)
    assert "7 homes to check." in page
    assert len(one) == len(several)


def test_the_changelist_takes_a_constant_number_of_queries(client, districts, patrol):
    HouseCheckFactory(district=districts[0])
    verified_login(client, patrol)
    url = reverse("admin:housechecks_housecheck_changelist")
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for _i in range(5):
        VisitFactory(house_check=HouseCheckFactory(district=districts[1]))
    with CaptureQueriesContext(connection) as several:
        client.get(url)
    assert len(one) == len(several)


# --- Staff: visits, routing, history -------------------------------------------------------------


def test_an_officer_records_a_visit_as_themselves(client, districts, patrol):
    check = HouseCheckFactory(district=districts[0])
    verified_login(client, patrol)
    url = reverse("admin:housechecks_housecheck_visit", args=[check.pk])
    page = html(client.get(url))
    assert "Pat Officer" in page
    when = timezone.localtime().replace(second=0, microsecond=0) - timedelta(minutes=30)
    today_url = reverse("admin:housechecks_housecheck_today")
    response = client.post(
        url,
        {
            "visited_at": when.strftime("%Y-%m-%dT%H:%M"),
            "outcome": "to_report",
            "note": "Back gate open; closed it.",
            "note_for_resident": "on",
            "next": today_url,
        },
    )
    assert response.status_code == 302 and response["Location"] == today_url
    visit = check.visits.get()
    assert (visit.officer, visit.outcome, visit.visited_at) == (patrol, "to_report", when)
    assert visit.note_for_resident
    event = check.events.get(action=HouseCheckEvent.Action.VISIT)
    assert event.actor == patrol and "Something to report" in event.note
    change = html(client.get(reverse("admin:housechecks_housecheck_change", args=[check.pk])))
    assert "Pat Officer" in change and "Back gate open" in change


def test_the_visit_form_goes_back_to_no_other_site(client, districts, patrol):
    check = HouseCheckFactory(district=districts[0])
    verified_login(client, patrol)
    response = client.post(
        reverse("admin:housechecks_housecheck_visit", args=[check.pk]),
        {
            "visited_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "outcome": "all_secure",
            "next": "https://evil.example/admin/housechecks/housecheck/today/",
        },
    )
    assert response["Location"] == reverse("admin:housechecks_housecheck_change", args=[check.pk])


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"visited_at": "future"}, "in the future"),
        ({"visited_at": "before"}, "between the leave date and the return date"),
        ({"cancelled": True}, "cancelled"),
    ],
)
def test_a_visit_outside_the_away_period_is_refused(client, districts, patrol, change, message):
    check = HouseCheckFactory(district=districts[0], leave_date=today())
    if change.get("cancelled"):
        operations.house_check_cancel(check=check)
    when = {
        "future": timezone.localtime() + timedelta(hours=3),
        "before": timezone.localtime() - timedelta(days=2),
    }.get(change.get("visited_at"), timezone.localtime())
    verified_login(client, patrol)
    response = client.post(
        reverse("admin:housechecks_housecheck_visit", args=[check.pk]),
        {"visited_at": when.strftime("%Y-%m-%dT%H:%M"), "outcome": "all_secure"},
    )
    assert response.status_code == 200 and message in html(response)
    assert not check.visits.exists()


def test_routing_takes_a_supervisors_permission(client, districts, patrol, superuser):
    from django.contrib.auth.models import Permission

    west, _east = districts
    check = HouseCheckFactory(district=None)
    url = reverse("admin:housechecks_housecheck_route", args=[check.pk])
    verified_login(client, patrol)
    assert client.get(url).status_code == 403
    patrol.user_permissions.add(Permission.objects.get(codename="route_housecheck"))
    response = client.post(url, {"district": west.pk})
    assert response.status_code == 302
    check.refresh_from_db()
    assert check.district == west
    assert check.events.get(action=HouseCheckEvent.Action.ROUTED).actor == patrol


# --- Summary on return ---------------------------------------------------------------------------


def test_the_summary_is_sent_once_after_the_return_with_shared_notes_only(districts):
    back = HouseCheckFactory(
        district=districts[0],
        email="home@example.org",
        leave_date=today() - timedelta(days=8),
        return_date=today() - timedelta(days=1),
    )
    VisitFactory(
        house_check=back,
        visited_at=on_day(today() - timedelta(days=6), 21),
        outcome="to_report",
        note="Found a package on the porch; put it behind the planter.",
        note_for_resident=True,
    )
    VisitFactory(
        house_check=back,
        visited_at=on_day(today() - timedelta(days=3), 10),
        note="Internal: suspect vehicle plate ABC-123 nearby",
    )
    still_away = HouseCheckFactory(district=districts[0], return_date=today() + timedelta(1))
    returns_today = HouseCheckFactory(
        district=districts[0], leave_date=today() - timedelta(3), return_date=today()
    )

    out = io.StringIO()
    with committed():
        call_command("send_house_check_summaries", stdout=out)
    assert back.reference in out.getvalue()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["home@example.org"] and back.reference in message.subject
    assert "2 times" in message.body
    assert "Something to report" in message.body and "All secure" in message.body
    assert "package on the porch" in message.body
    assert "ABC-123" not in message.body
    back.refresh_from_db()
    assert back.summary_sent_at is not None
    assert back.events.filter(action=HouseCheckEvent.Action.SUMMARY).count() == 1

    with committed():
        call_command("send_house_check_summaries", stdout=io.StringIO())
    assert len(mail.outbox) == 1  # once
    for check in (still_away, returns_today):
        check.refresh_from_db()
        assert check.summary_sent_at is None


def test_a_cancelled_check_gets_its_summary_too(districts):
    check = HouseCheckFactory(district=districts[0])
    operations.house_check_cancel(check=check)
    with committed():
        references = operations.summaries_send()
    assert references == [check.reference] and len(mail.outbox) == 1


def test_the_summary_dry_run_sends_nothing(districts):
    HouseCheckFactory(leave_date=today() - timedelta(9), return_date=today() - timedelta(2))
    out = io.StringIO()
    with committed():
        call_command("send_house_check_summaries", "--dry-run", stdout=out)
    assert "Would queue" in out.getvalue() and mail.outbox == []
    assert not HouseCheck.objects.filter(summary_sent_at__isnull=False).exists()


# --- Retention ---------------------------------------------------------------------------------


def personal_rows() -> list[tuple[str, str]]:
    """Every row of the app's tables that holds any of the personal details (any text column)."""
    found = []
    for model in apps.get_app_config("housechecks").get_models():
        for row in model.objects.values():
            text = " ".join(str(value) for value in row.values())
            for needle in (NAME, EMAIL, PHONE, ADDRESS):
                if needle in text:
                    found.append((model.__name__, needle))
    return found


@pytest.fixture
def clock(monkeypatch):
    """Move the clock: ``clock(moment)`` makes django.utils.timezone.now (and so localdate, the
    site's "today") answer ``moment``."""

    def move_to(moment):
        monkeypatch.setattr(timezone, "now", lambda: moment)

    return move_to


def test_purge_deletes_checks_past_retention_and_leaves_nothing_personal(
    client, districts, patrol, settings, clock
):
    settings.HOUSECHECKS_RETENTION_DAYS = 30
    # Noon in Cary: an hour more never crosses midnight (the purge counts days from the
    # return date; from 11 pm on, "36 days and an hour" had been day 37 and the test failed).
    start = timezone.make_aware(datetime.combine(today(), time(12)))
    with committed():
        check = operations.house_check_submit(
            address=ADDRESS,
            leave_date=today(),
            return_date=today() + timedelta(days=5),
            resident_name=NAME,
            email=EMAIL,
            phone=PHONE,
            emergency_name=NAME,
            emergency_phone=PHONE,
            notes=f"Call {NAME} at {PHONE}",
        )
        operations.visit_record(
            check=check,
            actor=patrol,
            visited_at=timezone.now(),
            outcome="to_report",
            note=f"Spoke to {NAME} on {PHONE} about {ADDRESS}",
            note_for_resident=True,
        )
    keep = HouseCheckFactory(district=districts[0])
    assert personal_rows()

    # 30 days after the return: still kept. 31 days after: gone.
    clock(start + timedelta(days=35))
    assert operations.house_checks_purge(retention_days=30) == []
    clock(start + timedelta(days=36, hours=1))
    out = io.StringIO()
    call_command("purge_house_checks", "--dry-run", stdout=out)
    assert f"Would delete {check.reference}" in out.getvalue()
    assert HouseCheck.objects.filter(pk=check.pk).exists()
    call_command("purge_house_checks", stdout=out)
    assert f"Deleted {check.reference}" in out.getvalue()
    assert personal_rows() == []
    assert not HouseCheckVisit.objects.filter(house_check_id=check.pk).exists()
    assert not HouseCheckEvent.objects.filter(house_check_id=check.pk).exists()
    assert list(HouseCheck.objects.values_list("pk", flat=True)) == [keep.pk]


def test_purge_deletes_a_cancelled_check_after_retention_from_its_cancellation(districts):
    check = HouseCheckFactory(return_date=today() + timedelta(days=40))
    HouseCheck.objects.filter(pk=check.pk).update(cancelled_at=timezone.now() - timedelta(days=31))
    assert operations.house_checks_purge(retention_days=30) == [check.reference]
    assert not HouseCheck.objects.exists()


# --- Registry, guide, sitemap, service page, demo ----------------------------------------------


def test_listed_as_a_resident_request():
    from core.registry import registry

    entries = [
        entry for entry in registry.resident_requests if entry.url_name == "housechecks:start"
    ]
    assert len(entries) == 1 and entries[0].order == 40
    assert str(entries[0].label) == "Ask for a vacation house check"


def test_the_reporting_guide_points_here():
    entry = ReportingGuideEntry.objects.get(title_en="Going away? Ask for a house check")
    assert "/house-checks/" in entry.body_en and "/es/house-checks/" in entry.body_es
    assert entry.title_es and entry.is_published


def test_the_form_page_is_in_the_sitemap(client):
    body = client.get("/sitemap.xml").content.decode()
    assert "/house-checks/</loc>" in body
    assert "/house-checks/status/" not in body


def test_the_patrol_service_page_has_the_callout_and_makes_no_query(django_assert_num_queries):
    from django.template.loader import render_to_string

    class Service:
        slug = "patrol"

    with django_assert_num_queries(0):
        shown = render_to_string(
            "housechecks/includes/service_callout.html", sections.service_callout(Service)
        )
    assert "Ask for a house check online" in shown and reverse("housechecks:start") in shown
    Service.slug = "k9"
    hidden = render_to_string(
        "housechecks/includes/service_callout.html", sections.service_callout(Service)
    )
    assert hidden.strip() == ""


def test_the_patrol_service_page_shows_the_callout(client, demo):
    from services.models import Service

    service = Service.objects.get(slug="patrol")
    page = html(client.get(service.get_absolute_url()))
    assert "Ask for a house check online" in page


def test_demo_adds_sample_checks_in_the_demo_districts_once(demo):
    from housechecks import demo as housechecks_demo

    samples = HouseCheck.objects.filter(is_sample=True).select_related("district")
    assert samples.count() == len(housechecks_demo.CHECKS)
    assert {check.district.slug for check in samples} == {
        "district-1",
        "district-2",
        "district-3",
    }
    assert HouseCheck.objects.active_on(today()).filter(is_sample=True).count() >= 3
    returned = samples.filter(return_date__lt=today())
    assert returned.count() == 1 and returned.get().visits.count() == 3
    assert housechecks_demo.load() == 0
    assert HouseCheck.objects.filter(is_sample=True).count() == len(housechecks_demo.CHECKS)
