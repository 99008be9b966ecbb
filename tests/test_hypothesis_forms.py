"""Random and hostile input to every public form never gets a server error.

Hypothesis writes the input: missing, duplicated and unexpected fields; huge, unicode, NUL and
control characters; SQL, HTML, script and template syntax; numbers of every size and sign;
impossible dates; file uploads that are not images; bodies that are not what their content type
says. Each page may refuse the input (400, 404, 409, 429, a form with errors), but never with a
500: the test client re-raises any exception a view lets escape, and Hypothesis shrinks it to
the smallest input that fails.

Rate limits are raised for these tests so that a 429 does not hide what the form would do.
"""

import os
from urllib.parse import quote, urlencode

import pytest
from django.conf import settings as django_settings
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, example, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from outreach import notifications
from reports import journey, operations, views
from reports.forms import MAX_PROPERTY_ITEMS
from reports.models import Report, ReportDraft
from tests.factories import (
    EventFactory,
    NewsItemFactory,
    ProgramFactory,
    RegistrationFactory,
    ReportFactory,
    TipFactory,
    WatchGroupFactory,
)
from tests.reports_support import jpeg_bytes, png_header_bomb

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("private_storage", "fast_password_hashing"),
]

EXAMPLES = int(os.environ.get("HYPOTHESIS_FORM_EXAMPLES", "40"))
fuzz = hypothesis_settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,  # no .hypothesis/ folder in the repository; failures print their input
    suppress_health_check=[
        # One site per test (created by fixtures), shared by its examples on purpose.
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)

# --- Input --------------------------------------------------------------------------------------

NASTY = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\r\n\t\x0b\x0c",
    "\x1b[31mred\x1b[0m",
    "\u202eevil\u202c",
    "\ufeff",
    "\u0000\u0001\u0002\u007f",
    "'; DROP TABLE programs_signup; --",
    "' OR '1'='1",
    '"><script>alert(1)</script>',
    "<img src=x onerror=alert(1)>",
    "javascript:alert(1)",
    "{{ settings.SECRET_KEY }}",
    "{% debug %}",
    "%s%s%s%n",
    "../../../../etc/passwd",
    "C:\\Windows\\win.ini",
    "Zoë Ñúñez 李小龍 محمد 🚓🚨",
    "-1",
    "0",
    "-0",
    "1e309",
    "NaN",
    "-Infinity",
    "99999999999999999999999999999999",
    "0x41",
    "2026-02-30",
    "13/45/2026",
    "0/0/0",
    "9999-12-31",
    "0001-01-01",
    "25:61 PM",
    "null",
    "[]",
    "{}",
    "true",
]

# Long input, built on demand (a failing example's report stays readable).
huge = st.sampled_from([300, 2_000, 10_000, 100_000]).flatmap(
    lambda size: st.sampled_from(["A", "é", "\U0001d57f", "<b>", "\x00", "🚓"]).map(
        lambda c: c * size
    )
)
text = st.one_of(
    st.sampled_from(NASTY),
    huge,
    st.text(st.characters(exclude_categories=("Cs",)), max_size=300),
    st.integers(min_value=-(10**40), max_value=10**40).map(str),
    st.floats().map(str),
)


@st.composite
def form_data(draw, plausible: dict) -> list[tuple[str, str]]:
    """Pairs to post: each field missing, plausible, hostile or sent more than once, and a few
    fields nobody asked for."""
    pairs = []
    for name, good in plausible.items():
        how = draw(st.sampled_from(["missing", "plausible", "hostile", "twice"]))
        if how == "plausible":
            pairs.append((name, draw(good)))
        elif how == "hostile":
            pairs.append((name, draw(text)))
        elif how == "twice":
            pairs += [(name, draw(st.one_of(good, text))), (name, draw(text))]
    extra = draw(st.lists(st.tuples(st.text(max_size=30), text), max_size=2))
    return pairs + extra


def one_of(*values):
    return st.sampled_from(values)


def post(client, url, pairs):
    return client.post(url, urlencode(pairs), content_type="application/x-www-form-urlencoded")


def assert_no_server_error(response):
    assert response.status_code < 500, response.content[:2000]
    assert b"Traceback" not in response.content


# --- The site -----------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def generous_rate_limits(settings):
    for name in [
        "REPORTS_DRAFT_RATE",
        "REPORTS_PHOTO_RATE",
        "REPORTS_SUBMIT_RATE",
        "REPORTS_STATUS_RATE",
        "PROGRAMS_SIGNUP_RATE",
        "PROGRAMS_WATCH_GROUP_RATE",
        "EVENTS_REGISTRATION_RATE",
    ]:
        setattr(settings, name, "100000/h")
    settings.AXES_FAILURE_LIMIT = 100_000
    settings.SIGN_IN_ADDRESS_FAILURE_LIMIT = 100_000


@pytest.fixture
def site(report_content):
    group = WatchGroupFactory(name="Maynard Road watch")
    event = EventFactory(registration_required=True, capacity=3, kind="seminar")
    EventFactory(title="Last year's meeting", starts_at=event.starts_at.replace(year=2020))
    NewsItemFactory(is_published=True)
    TipFactory()
    return {
        "program": ProgramFactory(capacity=5),
        "watch_program": group.program,
        "group": group,
        "event": event,
        "registration": RegistrationFactory(event=event),
    }


def client_with_draft(answers: dict | None = None) -> Client:
    """A resident in the middle of a report: the draft's id in their session."""
    draft = ReportDraft.objects.create(answers=answers or complete_answers())
    client = Client()
    session = client.session
    session[views.SESSION_KEY] = str(draft.pk)
    session.save()
    client.cookies[django_settings.SESSION_COOKIE_NAME] = session.session_key
    return client


def client_past_questions(passed=("emergency", "in_cary", "suspect")) -> Client:
    client = Client()
    signer = signing.get_cookie_signer(salt=journey.ELIGIBILITY_COOKIE + journey.ELIGIBILITY_SALT)
    client.cookies[journey.ELIGIBILITY_COOKIE] = signer.sign(",".join(passed))
    return client


def complete_answers() -> dict:
    return {
        "eligibility": {"emergency": "no", "in_cary": "yes", "suspect": "no"},
        "incident_type": "theft",
        "when": {"start_date": "3/1/2026", "start_time": "9:30 PM", "end_date": "", "end_time": ""},
        "location": {"address": "316 N. Academy St", "details": ""},
        "what": {"description": "My bike was taken."},
        "property": [{"description": "Bike", "brand": "", "serial_number": "", "value": "100"}],
        "suspect_vehicle": {"suspect_description": "", "vehicle_description": ""},
        "photos": True,
        "about_you": {
            "name": "Alex Resident",
            "email": "alex@example.org",
            "phone": "(919) 555-0123",
            "address": "",
            "preferred_language": "",
            "contact_method": "email",
        },
    }


# Addresses that pass a loose check and then break something: longer than the column (a 500 on
# PostgreSQL when the forms were unbounded), at an IP address or a dotless host, with a header
# smuggled in after a line break.
odd_emails = st.one_of(
    st.integers(250, 330).map(lambda n: "a" * n + "@example.org"),
    st.integers(60, 70).map(lambda n: "alex@" + ".".join(["b" * 60] * 4) + "x" * n + ".org"),
    one_of(
        "user@[127.0.0.1]",
        "user@[IPv6:::1]",
        "user@localhost",
        "alex@example.org\r\nBcc: everyone@example.org",
        "alex@example.org\n",
        "\u202ealex@example.org",
    ),
)
emails = st.one_of(st.emails(), odd_emails, one_of("alex@example.org", "ALEX@EXAMPLE.ORG", "a@b"))
names = st.one_of(
    st.text(min_size=1, max_size=40),
    one_of("Alex Resident", "Alex\r\nBcc: everyone@example.org", "Alex\u202eResident"),
    st.integers(140, 400).map(lambda n: "A" * n),
)
dates = st.one_of(st.dates().map(lambda d: d.strftime("%m/%d/%Y")), one_of("3/1/2026"))
times = one_of("9:30 PM", "21:30", "12:00 AM", "12 PM", "9pm")
file_names = st.one_of(
    one_of("photo.jpg", "PHOTO.JPEG", "photo.png", "../../x.jpg", "noext", "a" * 300 + ".jpg"),
    text,
).filter(lambda name: os.path.basename(name) not in {"", ".", ".."})  # the browser sends a name
uploads = st.builds(
    SimpleUploadedFile,
    name=file_names,
    content=st.one_of(
        st.binary(max_size=3000),
        st.just(jpeg_bytes()),
        st.just(png_header_bomb()),
        st.just(jpeg_bytes()[:200]),  # truncated
        st.just(b"GIF89a" + b"\0" * 20),
        st.just(b"%PDF-1.7\n"),
    ),
    content_type=one_of("image/jpeg", "image/png", "application/octet-stream", "text/html", ""),
)


# --- Programs and events ------------------------------------------------------------------------

SIGNUP = {
    "name": names,
    "email": emails,
    "phone": one_of("(919) 555-0123", "919.555.0123 ext 12", "555"),
    "neighborhood": one_of("Maynard Road", ""),
    "intent": one_of("join", "start", "not_sure"),
    "watch_group": st.integers(-5, 10**6).map(str),
    "message": one_of("Evenings are best.", ""),
    "consent": one_of("on", "true", "1", "off"),
    "website": one_of("", "http://spam.example"),
}


LONG_EMAIL = "a" * 300 + "@example.org"  # passed the forms, then failed the column: a 500


@fuzz
@given(data=form_data(SIGNUP), watch=st.booleans())
@example(data=[("name", "Alex"), ("email", LONG_EMAIL), ("consent", "on")], watch=False)
@example(
    data=[("name", "Alex"), ("email", LONG_EMAIL), ("consent", "on"), ("intent", "start")],
    watch=True,
)
def test_program_signup_never_fails(site, data, watch):
    program = site["watch_program"] if watch else site["program"]
    url = reverse("programs:signup", args=[program.slug])
    assert_no_server_error(post(Client(), url, data))


REGISTRATION = {
    "name": names,
    "email": emails,
    "party_size": st.integers(-3, 12).map(str),
    "website": one_of("", "x"),
}


@fuzz
@given(data=form_data(REGISTRATION))
@example(data=[("name", "Alex"), ("email", LONG_EMAIL), ("party_size", "1")])
def test_event_registration_never_fails(site, data):
    url = reverse("outreach:event_register", args=[site["event"].slug])
    assert_no_server_error(post(Client(), url, data))


QUERIES = {
    "q": one_of("watch", "bike theft", "K-9", "Maynard Rd"),
    "kind": one_of("seminar", "news", "crime_alert", "community_meeting"),
    "month": one_of("2026-12", "2026-13", "0-0", "2026"),
    "page": one_of("1", "2", "last", "0", "-1", "99999999999999999999"),
    "category": one_of("home", "vehicle", "online"),
    "group": one_of("1", "999999"),
    "intent": one_of("join", "start"),
}


@fuzz
@given(
    path=one_of(
        "/search/",
        "/events/",
        "/events/past/",
        "/news/",
        "/tips/",
        "watch_groups",
        "watch_signup",
        "/report/incident-type/",
    ),
    params=form_data(QUERIES),
)
# NUL characters were 500s on PostgreSQL (its text cannot hold them): search and group finder.
@example(path="/search/", params=[("q", "watch"), ("q", "\x00")])
@example(path="watch_groups", params=[("q", "Maynard\x00Road")])
@example(path="watch_signup", params=[("group", "²")])  # was a 500 on any database
def test_searches_and_filters_never_fail(site, path, params):
    if path == "watch_groups":
        path = reverse("programs:watch_groups", args=[site["watch_program"].slug])
    elif path == "watch_signup":
        path = reverse("programs:signup", args=[site["watch_program"].slug])
    assert_no_server_error(Client().get(f"{path}?{urlencode(params)}"))


# --- The report journey -------------------------------------------------------------------------

ANSWER = {"answer": one_of("yes", "no", "theft", "other", "assault", "vandalism")}


@fuzz
@given(
    step=one_of("emergency", "in_cary", "suspect", "incident_type"),
    passed=st.booleans(),
    with_draft=st.booleans(),
    data=form_data(ANSWER),
)
def test_report_questions_never_fail(site, step, passed, with_draft, data):
    client = client_with_draft() if with_draft else Client()
    if passed:
        client.cookies.update(client_past_questions().cookies)
    assert_no_server_error(post(client, journey.BY_KEY[step].url(), data))


DETAILS = {
    "when": {"start_date": dates, "start_time": times, "end_date": dates, "end_time": times},
    "location": {"address": one_of("316 N. Academy St"), "details": one_of("", "By the rack")},
    "what": {"description": one_of("My bike was taken from the rack.")},
    "suspect_vehicle": {
        "suspect_description": one_of("Tall, red jacket", ""),
        "vehicle_description": one_of("Blue sedan", ""),
    },
    "about_you": {
        "name": names,
        "email": emails,
        "phone": one_of("(919) 555-0123", ""),
        "address": one_of("100 Maple St", ""),
        "preferred_language": one_of("Spanish", ""),
        "contact_method": one_of("email", "phone", "carrier pigeon"),
    },
}


@fuzz
@given(step=one_of(*DETAILS), change=st.booleans(), data=st.data())
def test_report_detail_steps_never_fail(site, step, change, data):
    pairs = data.draw(form_data(DETAILS[step]), label="data")
    url = journey.BY_KEY[step].url(change=change)
    assert_no_server_error(post(client_with_draft(), url, pairs))


PROPERTY = {
    "item-TOTAL_FORMS": st.one_of(st.integers(-2, 30), st.integers(min_value=0)).map(str),
    "item-INITIAL_FORMS": st.integers(-2, 30).map(str),
    "item-MIN_NUM_FORMS": one_of("0", "1000"),
    "item-MAX_NUM_FORMS": one_of("20", "-1", "1000000"),
    "item-0-description": one_of("Blue mountain bike", ""),
    "item-0-brand": one_of("Trek", ""),
    "item-0-serial_number": one_of("WTU123", ""),
    "item-0-value": one_of("450", "450.00", "$450", "-5", "1e6", "99999999999999999"),
    "item-0-DELETE": one_of("on", ""),
    "item-1-description": one_of("Helmet"),
    "item-25-description": one_of("Beyond the last item"),
    "action": one_of("add", "continue"),
}


@fuzz
@given(data=form_data(PROPERTY))
def test_report_property_step_never_fails(site, data):
    assert_no_server_error(post(client_with_draft(), reverse("reports:property"), data))


def test_a_huge_form_count_builds_no_more_forms_than_a_resident_may_send(site):
    client = client_with_draft()
    data = [("item-TOTAL_FORMS", "1000000000"), ("item-INITIAL_FORMS", "0")]
    response = post(client, reverse("reports:property"), data)
    assert_no_server_error(response)
    # One more than the limit, so the resident is told they sent too many.
    assert len(response.context["formset"].forms) <= MAX_PROPERTY_ITEMS + 1


@fuzz
@given(
    files=st.lists(uploads, max_size=7),
    action=one_of("upload", "continue", "", "delete everything"),
    remove=st.one_of(st.none(), text, st.uuids().map(str)),
)
def test_report_photos_step_never_fails(site, files, action, remove):
    data = {"photos": files, "action": action}
    if remove is not None:
        data["remove"] = remove
    assert_no_server_error(client_with_draft().post(reverse("reports:photos"), data))


CHECK = {"declaration": one_of("on", "yes", "0"), "website": one_of("", "spam")}


@fuzz
@given(data=form_data(CHECK), complete=st.booleans(), email=emails, name=names)
@example(data=[("declaration", "on")], complete=True, email=LONG_EMAIL, name="A")
def test_report_check_and_send_never_fails(site, data, complete, email, name):
    answers = complete_answers() if complete else {"incident_type": "theft"}
    if complete:  # the answers as a draft holds them: the strings the resident entered
        answers["about_you"].update(email=email, name=name)
    assert_no_server_error(post(client_with_draft(answers), reverse("reports:check"), data))


STATUS = {
    "reference": st.one_of(
        one_of("CPD-2026-000001", "cpd 2026 1", "CPD-0000-000000000"),
        st.integers(0, 10**12).map(lambda n: f"CPD-2026-{n}"),
    ),
    "email": emails,
    "website": one_of("", "x"),
}


@fuzz
@given(data=form_data(STATUS))
def test_report_status_lookup_never_fails(site, data):
    assert_no_server_error(post(Client(), reverse("reports:status"), data))


@pytest.fixture
def report_waiting_for_information(site):
    report = ReportFactory(reporter_email="alex@example.org")
    operations.report_request_info(report=report, actor=None, note="Which bike?")
    return report


def open_information_link(report) -> str:
    """A valid link for the report; asks again when an example answered the last request."""
    report.refresh_from_db()
    if report.status != Report.Status.INFO_REQUESTED:
        operations.report_request_info(report=report, actor=None, note="And its colour?")
    event = report.events.filter(action="info_requested").order_by("-created_at", "-pk").first()
    token = operations.info_link_token(report=report, event=event, days=14)
    return reverse("reports:more_information", args=[token])


@fuzz
@given(text_value=st.one_of(st.none(), text), files=st.lists(uploads, max_size=6), bot=text)
def test_resident_adding_information_never_fails(
    report_waiting_for_information, text_value, files, bot
):
    data = {"photos": files, "website": bot}
    if text_value is not None:
        data["text"] = text_value
    url = open_information_link(report_waiting_for_information)
    assert_no_server_error(Client().post(url, data))


@fuzz
@given(
    token=st.one_of(text, st.text(max_size=100)),
    page=one_of("reports:more_information", "outreach:registration_cancel"),
    method=one_of("get", "post"),
)
def test_forged_signed_links_never_fail(site, token, page, method):
    url = reverse(page, args=["TOKEN"]).replace("TOKEN", quote(token, safe="") or "x")
    response = getattr(Client(), method)(url)
    assert_no_server_error(response)


def test_a_real_cancel_link_works_once_then_stays_harmless(site):
    registration = site["registration"]
    url = reverse("outreach:registration_cancel", args=[notifications.cancel_token(registration)])
    for _ in range(3):
        assert_no_server_error(Client().post(url))
    registration.refresh_from_db()
    assert registration.status == "cancelled"


LOGIN = {
    "username": one_of("rita-reviewer", "admin"),
    "password": one_of("correct-horse-battery-staple"),
    "otp_token": st.integers(-1, 10**7).map(str),
    "next": one_of("/admin/", "https://evil.example/", "//evil.example"),
}


LONG_USERNAME = [("username", "0" * 256), ("password", "correct-horse-battery-staple")]


@fuzz
@given(data=form_data(LOGIN))
@example(data=LONG_USERNAME)  # was a 500 on PostgreSQL: accounts/signin.py
def test_staff_sign_in_form_never_fails(site, report_reviewer, data):
    assert_no_server_error(post(Client(), reverse("admin:login"), data))


def test_a_failed_sign_in_with_a_very_long_username_is_throttled_not_a_500(db):
    from axes.models import AccessAttempt

    response = post(Client(), reverse("admin:login"), LONG_USERNAME)
    assert response.status_code == 200 and "Enter a correct" in response.content.decode()
    assert AccessAttempt.objects.get().username == "0" * 255


# --- Bodies that are not what they claim ---------------------------------------------------------

POST_PAGES = [
    "program",
    "event",
    "/report/emergency/",
    "/report/incident-type/",
    "/report/when/",
    "/report/property/",
    "/report/photos/",
    "/report/about-you/",
    "/report/check-your-answers/",
    "/report/status/",
    "/report/start-again/",
    "/admin/login/",
]
CONTENT_TYPES = [
    "application/x-www-form-urlencoded",
    "multipart/form-data; boundary=XyZ",
    "multipart/form-data",
    "multipart/form-data; boundary=",
    "multipart/form-data; boundary=" + "b" * 500,
    "application/json",
    "text/plain; charset=utf-16",
    "application/x-www-form-urlencoded; charset=nonexistent-charset",
]


def page_url(site, page):
    if page == "program":
        return reverse("programs:signup", args=[site["program"].slug])
    if page == "event":
        return reverse("outreach:event_register", args=[site["event"].slug])
    return page


multipart_ish = st.builds(
    lambda parts: b"".join(parts),
    st.lists(
        st.one_of(
            st.binary(max_size=200),
            st.just(b"--XyZ\r\n"),
            st.just(b'Content-Disposition: form-data; name="photos"; filename="a.jpg"\r\n\r\n'),
            st.just(b'Content-Disposition: form-data; name="name"\r\n\r\n'),
            st.just(b"Content-Type: image/jpeg\r\n"),
            st.just(b"Content-Transfer-Encoding: base64\r\n"),
            st.just(b"\r\n--XyZ--\r\n"),
        ),
        max_size=12,
    ),
)


@fuzz
@given(
    page=st.sampled_from(POST_PAGES),
    body=st.one_of(st.binary(max_size=3000), multipart_ish),
    content_type=st.sampled_from(CONTENT_TYPES),
)
def test_malformed_bodies_never_fail(site, page, body, content_type):
    client = client_with_draft()
    response = client.generic("POST", page_url(site, page), body, content_type=content_type)
    assert_no_server_error(response)


@pytest.mark.parametrize("target", POST_PAGES)
def test_a_body_over_the_upload_limit_is_refused_not_a_server_error(site, target):
    too_big = urlencode({"name": "A" * (django_settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)})
    response = client_with_draft().generic(
        "POST", page_url(site, target), too_big, content_type="application/x-www-form-urlencoded"
    )
    assert_no_server_error(response)
    assert response.status_code in (302, 400), response.status_code
