"""The resident's journey: start page, guide, eligibility and stop pages, details, check your
answers, sending once, confirmation, status lookup, rate limits and privacy."""

import re
from datetime import datetime
from decimal import Decimal

import pytest
from django.contrib.sessions.models import Session
from django.core import mail
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from reports import views
from reports.journey import DraftAnswers
from reports.models import IncidentType, PropertyItem, Report, ReportDraft, ReportEvent
from tests.factories import ReportFactory
from tests.reports_support import (
    ABOUT_YOU,
    file_report,
    fill_details,
    jpeg_bytes,
    pass_eligibility,
    row_counts,
    submit,
    upload,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("report_content")]


def html(response) -> str:
    return response.content.decode()


# --- Start page and guide ------------------------------------------------------------------------


def test_start_page_says_what_can_and_cannot_be_reported(client):
    page = html(client.get(reverse("reports:start")))
    assert "Report a crime online" in page
    for accepted in ["Theft", "Theft from a vehicle", "Lost property", "Fraud or a scam"]:
        assert f"<strong>{accepted}</strong>" in page
    assert "burglary of a home, assault" in page
    assert "Making a false report to the police is a crime." in page
    assert "public record" in page
    assert "interpreter" in page
    assert 'href="tel:+19194694012"' in page
    # A link, styled as a button: a role="button" would promise Space, which links ignore.
    start = f'<a class="btn btn-primary btn-lg btn-start" href="{reverse("reports:emergency")}">'
    assert start in page


def test_start_page_query_count_does_not_grow_with_types(
    client, django_assert_num_queries, forget_kept_parts
):
    client.get(reverse("reports:start"))  # warm the settings caches
    forget_kept_parts()
    with django_assert_num_queries(1):  # the incident types
        client.get(reverse("reports:start"))
    with django_assert_num_queries(0):  # the parts that list them are kept
        client.get(reverse("reports:start"))
    for n in range(10):
        IncidentType.objects.create(name=f"Extra {n}", slug=f"extra-{n}")
    # A save forgets the next clock change (core/http_cache.py) and the kept parts' versions:
    # the first render asks again, and lists the new types.
    assert "Extra 9" in client.get(reverse("reports:start")).content.decode()
    forget_kept_parts()
    with django_assert_num_queries(1):
        client.get(reverse("reports:start"))


def test_where_to_report_guide_is_staff_markdown(client, django_assert_num_queries):
    client.get(reverse("reports:where"))
    with django_assert_num_queries(1):
        page = html(client.get(reverse("reports:where")))
    assert "<h2" in page and "Online fraud and scams" in page
    assert '<a href="https://www.ic3.gov/" rel="noopener noreferrer">ic3.gov</a>' in page
    assert "Town of Cary" in page and "Wake County Sheriff" in page
    assert page.index("Someone is in danger") < page.index("It happened outside Cary")


def test_navigation_home_and_header_link_to_the_report(client):
    page = html(client.get("/"))
    assert page.count(f'href="{reverse("reports:start")}"') >= 2  # header, home page
    assert 'href="tel:+19194694012"' in page


# --- Eligibility and stop pages -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("answers", "stop_url", "phrase"),
    [
        ([("emergency", "yes")], "reports:stop_emergency", "Call 911 now"),
        ([("emergency", "no"), ("in_cary", "no")], "reports:stop_not_in_cary", "Wake County"),
        (
            [("emergency", "no"), ("in_cary", "yes"), ("suspect", "yes")],
            "reports:stop_known_suspect",
            "Call us to report this",
        ),
    ],
)
def test_stop_pages_leave_the_database_unchanged(client, answers, stop_url, phrase):
    client.get(reverse("reports:start"))
    before = row_counts()
    for url_name, answer in answers:
        response = client.post(reverse(f"reports:{url_name}"), {"answer": answer})
    assert response.status_code == 302
    assert response["Location"] == reverse(stop_url)
    page = html(client.get(response["Location"]))
    assert phrase in page
    assert 'href="tel:+19194694012"' in page
    assert row_counts() == before


def test_emergency_stop_page_has_tap_to_call_911(client):
    page = html(client.get(reverse("reports:stop_emergency")))
    assert 'href="tel:911"' in page and "text 911" in page


@pytest.mark.parametrize("slug", ["burglary-of-a-home", "assault", "other"])
def test_types_not_accepted_online_stop_without_writing(client, slug):
    client.get(reverse("reports:start"))  # settings records exist on a live site
    before = row_counts()
    response = pass_eligibility(client, incident_type=slug)
    assert response["Location"] == reverse("reports:stop_not_online", args=[slug])
    page = html(client.get(response["Location"]))
    assert "Call us to report this" in page and 'href="tel:+19194694012"' in page
    assert row_counts() == before


def test_stop_page_shows_staff_message_for_the_type(client):
    page = html(client.get(reverse("reports:stop_not_online", args=["burglary-of-a-home"])))
    assert "<strong>Do not touch or clean up anything</strong>" in page


def test_accepted_type_has_no_stop_page(client):
    assert client.get(reverse("reports:stop_not_online", args=["theft"])).status_code == 404


def test_questions_must_be_answered_in_order(client):
    response = client.get(reverse("reports:suspect"))
    assert response["Location"] == reverse("reports:emergency")
    response = client.get(reverse("reports:incident_type"))
    assert response["Location"] == reverse("reports:emergency")
    client.post(reverse("reports:emergency"), {"answer": "no"})
    assert client.get(reverse("reports:incident_type"))["Location"] == reverse("reports:in_cary")


def test_question_error_links_to_first_radio_and_page_is_titled_error(client):
    response = client.post(reverse("reports:emergency"), {})
    page = html(response)
    assert response.status_code == 200
    assert "<title>Error: Is anyone in danger" in page
    assert '<a href="#id_answer_0">Select yes if anyone is in danger' in page
    assert '<legend class="question__legend"><h1 class="question__heading">' in page
    assert "Step 1 of 12" in page
    assert f'class="back-link" href="{reverse("reports:start")}"' in page


def test_detail_steps_need_a_draft(client):
    assert client.get(reverse("reports:when"))["Location"] == reverse("reports:start")
    assert client.get(reverse("reports:check"))["Location"] == reverse("reports:start")


# --- Details, check your answers, sending -------------------------------------------------------


def test_choosing_an_accepted_type_creates_a_server_side_draft(client):
    response = pass_eligibility(client)
    assert response["Location"] == reverse("reports:when")
    draft = ReportDraft.objects.get()
    assert client.session[views.SESSION_KEY] == str(draft.pk)
    assert draft.answers["incident_type"] == "theft"


def test_errors_show_a_summary_linked_to_fields_and_keep_entries(client):
    pass_eligibility(client)
    response = client.post(reverse("reports:when"), {"start_date": "31/31/2026", "end_time": "7"})
    page = html(response)
    assert "There is a problem" in page
    assert '<a href="#id_start_date">Enter the date as month/day/year' in page
    assert 'value="31/31/2026"' in page
    assert "Step 5 of 12" in page
    assert f'class="back-link" href="{reverse("reports:incident_type")}"' in page

    response = client.post(reverse("reports:about_you"), {**ABOUT_YOU, "email": "not-an-email"})
    page = html(response)
    assert '<a href="#id_email">Enter an email address like name@example.com</a>' in page
    assert 'value="Alex Resident"' in page and 'value="(919) 555-0123"' in page


def test_future_date_and_phone_contact_without_phone_are_refused(client):
    pass_eligibility(client)
    page = html(client.post(reverse("reports:when"), {"start_date": "1/1/2099"}))
    assert "must be today or in the past" in page
    page = html(
        client.post(
            reverse("reports:about_you"), {**ABOUT_YOU, "phone": "", "contact_method": "phone"}
        )
    )
    assert "Enter a phone number, so we can call you" in page


def test_property_items_add_another_and_remove_without_javascript(client):
    pass_eligibility(client)
    url = reverse("reports:property")
    page = html(client.get(url))
    assert "Item 1" in page and "Item 2" not in page
    response = client.post(
        url,
        {
            "item-TOTAL_FORMS": "1",
            "item-INITIAL_FORMS": "0",
            "item-0-description": "Laptop",
            "item-0-brand": "Acme",
            "item-0-serial_number": "SN-1",
            "item-0-value": "999.99",
            "action": "add",
        },
    )
    assert response["Location"].startswith(f"{url}?add=1")
    page = html(client.get(response["Location"]))
    assert 'value="Laptop"' in page and "Item 2" in page
    response = client.post(
        url,
        {
            "item-TOTAL_FORMS": "2",
            "item-INITIAL_FORMS": "1",
            "item-0-description": "Laptop",
            "item-0-DELETE": "on",
            "item-1-description": "Phone",
            "item-1-value": "300",
            "action": "continue",
        },
    )
    assert response["Location"] == reverse("reports:suspect_vehicle")
    assert ReportDraft.objects.get().answers["property"] == [
        {"description": "Phone", "brand": "", "serial_number": "", "value": "300"}
    ]


@pytest.mark.parametrize("typed", ["1,200", "$1,200.00", " 1200 ", "$ 1,200"])
def test_property_value_takes_what_people_type(client, typed):
    pass_eligibility(client)
    data = {"item-TOTAL_FORMS": "1", "item-INITIAL_FORMS": "0", "action": "continue"}
    data |= {"item-0-description": "Laptop", "item-0-value": typed}
    response = client.post(reverse("reports:property"), data)
    assert response["Location"] == reverse("reports:suspect_vehicle")
    # Kept as typed, and read as 1,200 dollars when the report is checked and sent.
    draft = ReportDraft.objects.get()
    assert draft.answers["property"][0]["value"] == typed.strip()
    assert DraftAnswers(draft).property_items()[0]["value"] == Decimal("1200")


def test_enter_in_a_property_box_continues_rather_than_adding_an_item(client):
    # Enter submits with a form's first submit button (HTML's implicit submission).
    pass_eligibility(client)
    form = html(client.get(reverse("reports:property"))).split('class="site-form report-form"')[1]
    buttons = re.findall(r'<button type="submit" name="action" value="(\w+)"', form)
    assert buttons == ["continue", "add"]


def test_property_item_errors_are_summarised(client):
    pass_eligibility(client)
    page = html(
        client.post(
            reverse("reports:property"),
            {
                "item-TOTAL_FORMS": "1",
                "item-INITIAL_FORMS": "0",
                "item-0-brand": "Acme",
                "item-0-value": "lots",
                "action": "continue",
            },
        )
    )
    assert '<a href="#id_item-0-description">Say what item 1 is</a>' in page
    assert '<a href="#id_item-0-value">Enter the value as a number' in page
    assert 'value="Acme"' in page


def test_full_journey_sends_one_report_with_receipt(
    client, mailoutbox, settings, django_capture_on_commit_callbacks
):
    settings.STAFF_NOTIFICATION_EMAILS = ["desk@example.org"]
    photo = upload("bike.jpg", jpeg_bytes())
    pass_eligibility(client)
    fill_details(
        client,
        photos=[photo],
        items=[
            {"description": "Blue mountain bike", "brand": "Trek", "serial_number": "WTU123"},
            {"description": "Bike lock", "value": "35.50"},
        ],
    )
    check = client.get(reverse("reports:check"))
    page = html(check)
    assert "Step 12 of 12" in page
    for expected in [
        "Theft",
        "March 1, 2026, 9:30 PM",
        "316 N. Academy St",
        "Blue mountain bike, Trek, serial number WTU123",
        "Bike lock, $35.50",
        "bike.jpg",
        "Alex.Resident@Example.org",
    ]:
        assert expected in page, expected
    assert page.count('>Change<span class="visually-hidden">') >= 10

    with django_capture_on_commit_callbacks(execute=True):
        response = submit(client)
    assert response["Location"] == reverse("reports:confirmation")
    report = Report.objects.get()
    assert re.fullmatch(r"CPD-20\d\d-\d{6}", report.reference)
    assert report.status == Report.Status.SUBMITTED
    assert report.photos.count() == 1
    assert list(report.property_items.values_list("description", flat=True)) == [
        "Blue mountain bike",
        "Bike lock",
    ]
    assert report.events.get().action == ReportEvent.Action.SUBMITTED
    assert report.reporter_email == "Alex.Resident@Example.org"
    assert report.occurred_until is None

    confirmation = html(client.get(reverse("reports:confirmation")))
    assert report.reference in confirmation
    assert "This is not your case number." in confirmation
    assert "5 working days" in confirmation
    assert "data-print" in confirmation

    receipt, staff = mailoutbox
    assert receipt.to == ["Alex.Resident@Example.org"]
    assert report.reference in receipt.subject and report.reference in receipt.body
    assert "This is not your case number" in receipt.body
    assert "http://testserver/report/status/" in receipt.body
    assert staff.to == ["desk@example.org"]
    assert "Alex" not in staff.body and "Resident" not in staff.body  # no personal data


def test_change_link_returns_to_check_your_answers(client):
    pass_eligibility(client)
    fill_details(client)
    page = html(client.get(reverse("reports:check")))
    assert f'href="{reverse("reports:location")}?change=1"' in page
    change = client.get(f"{reverse('reports:location')}?change=1")
    assert f'class="back-link" href="{reverse("reports:check")}"' in html(change)
    assert 'value="316 N. Academy St"' in html(change)
    response = client.post(
        f"{reverse('reports:location')}?change=1", {"address": "120 Wilkinson Ave"}
    )
    assert response["Location"] == reverse("reports:check")
    assert "120 Wilkinson Ave" in html(client.get(reverse("reports:check")))
    response = client.post(f"{reverse('reports:incident_type')}?change=1", {"answer": "fraud"})
    assert response["Location"] == reverse("reports:check")


def test_declaration_is_required_and_missing_steps_are_listed(client):
    pass_eligibility(client)
    response = client.post(reverse("reports:check"), {})
    page = html(response)
    assert "Your report is not finished" in page
    assert f'<a href="{reverse("reports:when")}?change=1">Tell us when it happened</a>' in page
    assert "Confirm that the information is true" in page
    assert Report.objects.count() == 0


def test_sending_twice_or_going_back_gives_the_same_single_report(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        file_report(client)
        assert submit(client)["Location"] == reverse("reports:confirmation")
    assert client.get(reverse("reports:check"))["Location"] == reverse("reports:confirmation")
    assert client.get(reverse("reports:about_you"))["Location"] == reverse("reports:confirmation")
    assert Report.objects.count() == 1
    assert len(mailoutbox) == 1


def test_same_draft_sent_from_two_browsers_tabs_gives_one_report(client):
    from reports.operations import report_submit

    pass_eligibility(client)
    fill_details(client)
    draft = ReportDraft.objects.get()
    first = report_submit(draft=draft)
    second = report_submit(draft=draft)
    assert first.pk == second.pk
    assert Report.objects.count() == 1


def test_session_holds_only_the_draft_id_and_urls_hold_no_personal_data(client):
    pass_eligibility(client)
    fill_details(client)
    response = submit(client)
    session = Session.objects.get()
    data = session.get_decoded()
    assert set(data) == {views.SESSION_KEY}
    for url in [response["Location"], *[r for r in client.cookies]]:
        assert "Alex" not in url and "example.org" not in url.lower()


def test_answers_are_removed_from_the_draft_once_sent(client):
    file_report(client)
    draft = ReportDraft.objects.get()
    assert draft.answers == {"incident_type": "theft"}
    assert draft.report is not None


def test_start_again_discards_the_draft(client):
    pass_eligibility(client)
    assert "Continue your report" in html(client.get(reverse("reports:start")))
    response = client.post(reverse("reports:start_again"))
    assert response["Location"] == reverse("reports:emergency")
    assert ReportDraft.objects.count() == 0


def test_the_start_page_offers_to_continue_only_a_draft_not_sent(client):
    file_report(client)  # the session still names the draft, now sent
    page = html(client.get(reverse("reports:start")))
    assert "Continue your report" not in page and "Start now" in page


def test_a_session_naming_no_draft_shows_a_fresh_start(client):
    for named in ("not-a-uuid", "7d1c0b5e-0000-4000-8000-000000000000"):  # garbage, or gone
        session = client.session
        session["report_draft"] = named
        session.save()
        page = html(client.get(reverse("reports:start")))
        assert "Continue your report" not in page and "Start now" in page
        assert client.get(reverse("reports:check"))["Location"] == reverse("reports:start")


def test_new_report_after_sending_starts_a_new_draft(client):
    file_report(client)
    pass_eligibility(client)
    fill_details(client, about={**ABOUT_YOU, "email": "second@example.org"})
    submit(client)
    assert Report.objects.count() == 2
    assert len(set(Report.objects.values_list("reference", flat=True))) == 2


def test_journey_pages_are_never_cached_and_keep_posted_data_out_of_error_reports(client, rf):
    pass_eligibility(client)
    response = client.get(reverse("reports:about_you"))
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    request = rf.post("/report/about-you/", ABOUT_YOU)
    request.session = {}
    views.detail_step(request, key="about_you")
    assert request.sensitive_post_parameters == "__ALL__"


def test_honeypot_on_final_step_stores_nothing(client, mailoutbox):
    pass_eligibility(client)
    fill_details(client)
    response = submit(client, website="http://spam.example")
    assert response.status_code == 200
    assert "Report received" in html(response)
    assert Report.objects.count() == 0 and mailoutbox == []


def test_confirmation_shows_tips_for_the_type_when_the_catalogue_has_them(client):
    try:
        from programs.models import Tip
    except ImportError:  # pragma: no cover - the catalogue is not there
        pytest.skip("programs.Tip does not exist")
    Tip.objects.create(
        title="Lock up your bike",
        slug="lock-up-your-bike",
        category="home",
        summary="Use a D-lock.",
    )
    Tip.objects.create(
        title="Hide valuables", slug="hide-valuables", category="vehicle", summary="-"
    )
    file_report(client)
    page = html(client.get(reverse("reports:confirmation")))
    assert "Lock up your bike" in page and "Hide valuables" not in page


# --- Status lookup ------------------------------------------------------------------------------


def test_status_shows_status_date_message_and_case_number(client):
    report = ReportFactory(
        status=Report.Status.APPROVED, case_number="2026-001234", resident_message="Thanks."
    )
    response = client.post(
        reverse("reports:status"),
        {"reference": report.reference.lower(), "email": "ALEX@example.org"},
    )
    page = html(response)
    assert "Approved" in page and "2026-001234" in page and "Thanks." in page
    assert report.status_changed_at.strftime("%B") in page


def timeline(page: str) -> list[tuple[str, str, bool]]:
    """(label, date or "Not yet", current) of each step of a status page's timeline."""
    steps = re.findall(
        r'<li class="timeline__step[^"]*"( aria-current="step")?>\s*'
        r'<span class="timeline__label">([^<]+)</span>\s*<[^>]+>([^<]+)<',
        page,
    )
    return [(label, when, bool(current)) for current, label, when in steps]


def test_status_shows_where_a_new_report_is_and_what_comes_next(client):
    submitted = timezone.make_aware(datetime(2026, 11, 30, 10, 0))
    report = ReportFactory(submitted_at=submitted)
    page = html(
        client.post(
            reverse("reports:status"), {"reference": report.reference, "email": "alex@example.org"}
        )
    )
    assert timeline(page) == [
        ("Received", "November 30, 2026", True),
        ("Being reviewed", "Not yet", False),
        ("Decided", "Not yet", False),
    ]


def test_status_timeline_follows_the_reports_history(client, django_assert_num_queries):
    day = lambda n: timezone.make_aware(datetime(2026, 11, n, 9, 0))  # noqa: E731
    report = ReportFactory(submitted_at=day(2), status=Report.Status.APPROVED)
    Action = ReportEvent.Action
    for action, when in [
        (Action.SUBMITTED, day(2)),
        (Action.ASSIGNED, day(3)),
        (Action.INFO_REQUESTED, day(4)),
        (Action.INFO_ADDED, day(5)),
        (Action.APPROVED, day(6)),
    ]:
        ReportEvent.objects.create(report=report, action=action, to_status="x", created_at=when)
    with django_assert_num_queries(1):  # the history alone
        steps = report.timeline()
    assert [str(step["label"]) for step in steps] == [
        "Received",
        "Being reviewed",
        "More information asked for",
        "You added information",
        "Approved",
    ]
    page = html(
        client.post(
            reverse("reports:status"), {"reference": report.reference, "email": "alex@example.org"}
        )
    )
    assert timeline(page)[-1] == ("Approved", "November 6, 2026", True)
    assert [current for _label, _when, current in timeline(page)] == [False] * 4 + [True]


def test_status_accepts_reference_without_padding(client):
    report = ReportFactory(reference_number=123, reference="CPD-2026-000123")
    page = html(
        client.post(
            reverse("reports:status"), {"reference": "cpd 2026 123", "email": report.reporter_email}
        )
    )
    assert "Received" in page


def test_unknown_reference_and_wrong_email_give_the_same_answer(client):
    report = ReportFactory()
    unknown = client.post(
        reverse("reports:status"), {"reference": "CPD-2026-999999", "email": "alex@example.org"}
    )
    wrong = client.post(
        reverse("reports:status"), {"reference": report.reference, "email": "eve@example.org"}
    )

    def answer(response):
        page = html(response)
        page = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)
        return (
            page.replace(report.reference, "REF")
            .replace("CPD-2026-999999", "REF")
            .replace("eve@example.org", "EMAIL")
            .replace("alex@example.org", "EMAIL")
        )

    assert unknown.status_code == wrong.status_code == 200
    assert answer(unknown) == answer(wrong)
    assert "We could not find a report with those details" in html(wrong)
    assert "Received" not in html(wrong)


@override_settings(REPORTS_STATUS_RATE="3/h")
def test_status_lookup_is_rate_limited(client):
    for _ in range(3):
        client.post(reverse("reports:status"), {"reference": "CPD-2026-000001", "email": "a@b.org"})
    response = client.post(
        reverse("reports:status"), {"reference": "CPD-2026-000001", "email": "a@b.org"}
    )
    assert response.status_code == 429
    assert "Too many attempts" in html(response)


def test_status_lookup_never_puts_details_in_the_url(client):
    response = client.get(reverse("reports:status"))
    assert 'method="post"' in html(response)


def test_property_values_are_kept_as_money(client):
    file_report(client, items=[{"description": "Ring", "value": "1250.5"}])
    assert str(PropertyItem.objects.get().value) == "1250.50"


def test_checks_cookie_is_signed_and_cleared_after_sending(client):
    client.post(reverse("reports:emergency"), {"answer": "no"})
    cookie = client.cookies["report_checks"]
    assert cookie["httponly"] and ":" in cookie.value
    client.cookies["report_checks"] = "emergency,in_cary,suspect"  # forged: not signed
    assert client.get(reverse("reports:incident_type"))["Location"] == reverse("reports:emergency")


def test_no_mail_failure_turns_into_a_server_error(
    client, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    from django.core.mail import EmailMessage

    def broken(*args, **kwargs):
        raise ConnectionRefusedError("smtp down for alex@example.org")

    monkeypatch.setattr(EmailMessage, "send", broken)
    with django_capture_on_commit_callbacks(execute=True):
        response = file_report(client)
    assert response["Location"] == reverse("reports:confirmation")
    assert Report.objects.count() == 1
    assert "Could not send the receipt email" in caplog.text
    assert "alex" not in caplog.text.lower()


def test_emails_use_no_html_escaping(client, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        file_report(client, about={**ABOUT_YOU, "name": "Pat O'Brien & Co"})
    assert "Dear Pat O'Brien & Co," in mailoutbox[0].body


def test_mail_outbox_is_the_django_outbox(mailoutbox):
    assert mailoutbox is mail.outbox


@pytest.mark.parametrize(
    "url_name",
    ["when", "location", "what", "property", "suspect_vehicle", "photos", "about_you", "check"],
)
def test_each_step_has_one_form_with_its_fields_inside(client, url_name):
    pass_eligibility(client)
    page = html(client.get(reverse(f"reports:{url_name}")))
    main = page[page.index("<main") : page.index("</main>")]
    assert main.count("<form") == 1, "a nested <form> would leave the buttons outside it"
    assert main.index("<form") < main.index('type="submit"') < main.index("</form>")


# --- The language of the report -------------------------------------------------------------------

# The one assertion that needs the Spanish catalogue (locale/es), which is merged later: until then
# the words of the emails stay English. Once it is merged this test passes: remove the mark.


@pytest.fixture
def spanish_report(client, settings, mailoutbox, django_capture_on_commit_callbacks):
    """A report filed under /es/report/: (the report, its receipt, the staff notice)."""
    settings.STAFF_NOTIFICATION_EMAILS = ["desk@example.org"]
    IncidentType.objects.filter(slug="theft").update(name_es="Robo")
    with translation.override("es"), django_capture_on_commit_callbacks(execute=True):
        assert reverse("reports:check").startswith("/es/report/")
        response = file_report(client)
        assert response["Location"] == reverse("reports:confirmation")
    receipt, staff = mailoutbox
    return Report.objects.get(), receipt, staff


def in_language(language: str, value, format_name: str) -> str:
    with translation.override(language):
        return date_format(timezone.localtime(value), format_name)


def test_a_report_filed_in_spanish_records_it_and_its_receipt_is_in_spanish(spanish_report):
    report, receipt, staff = spanish_report
    assert report.language == "es"
    assert receipt.to == ["Alex.Resident@Example.org"] and report.reference in receipt.subject
    # Rendered with Spanish active: the Spanish link, staff-edited text and date.
    assert "http://testserver/es/report/status/" in receipt.body
    assert "Robo" in receipt.body and "Theft" not in receipt.body
    sent = in_language("es", report.submitted_at, "SHORT_DATETIME_FORMAT")
    assert " de " in sent and sent in receipt.body
    assert in_language("en", report.submitted_at, "DATE_FORMAT") not in receipt.body
    # The staff notice stays in the site's default language.
    assert f"({report.incident_type.name_en})" in staff.body and "Robo" not in staff.body
    assert "/es/" not in staff.body


def test_the_spanish_receipt_subject_is_translated(spanish_report):
    report, receipt, _staff = spanish_report
    assert receipt.subject == f"Su reporte de delito {report.reference}"


def test_a_report_filed_in_english_records_english(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    IncidentType.objects.filter(slug="theft").update(name_es="Robo")
    with django_capture_on_commit_callbacks(execute=True):
        file_report(client)
    report = Report.objects.get()
    assert report.language == "en"
    receipt = mailoutbox[0]
    assert receipt.subject == f"Your crime report {report.reference}"
    assert "http://testserver/report/status/" in receipt.body and "/es/" not in receipt.body
    assert "What you reported: Theft" in receipt.body and "Robo" not in receipt.body
    sent = in_language("en", report.submitted_at, "SHORT_DATETIME_FORMAT")
    assert f"Sent: {sent}" in receipt.body


def test_the_confirmation_offers_a_dated_copy_of_the_answers_to_its_own_session(
    client, django_assert_max_num_queries
):
    items = [{"description": "Blue mountain bike", "brand": "Trek", "value": "1,200"}]
    file_report(client, items=items)
    report = Report.objects.get()
    confirmation = html(client.get(reverse("reports:confirmation")))
    assert f'<a href="{reverse("reports:copy")}">' in confirmation
    with django_assert_max_num_queries(6):  # session, draft, report, its items (no growth)
        page = html(client.get(reverse("reports:copy")))
    assert f"<h1>Your report {report.reference}</h1>" in page
    sent = date_format(timezone.localtime(report.submitted_at), "DATETIME_FORMAT")
    assert f"on {sent}." in page and "This copy was made on" in page
    for answer in ("316 N. Academy St", "My bike was taken from the rack.", "Tall, red jacket"):
        assert answer in page
    assert "<td>Blue mountain bike</td><td>Trek</td><td></td><td>$1,200.00</td>" in page
    assert "0 photos" in page
    # Anyone else (another browser, a link passed on) is sent to the start.
    other = Client()
    assert other.get(reverse("reports:copy"))["Location"] == reverse("reports:start")
