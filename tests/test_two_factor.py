"""Staff two-factor sign-in that a leaked password cannot open (accounts/two_factor.py):
setting up an authenticator takes a superuser's one-time enrolment link, backup codes work once
each, every failed sign-in gets the same answer and counts once, one address is throttled across
usernames, and every two-factor change is in the audit, for superusers only."""

import io
import logging
import re

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import operations
from accounts.models import EnrolmentInvitation, TwoFactorEvent, token_hash
from tests.concurrency import run_at_once
from tests.factories import StaffUserFactory
from tests.reports_support import PASSWORD, add_totp_device, admin_login, current_token

pytestmark = [
    pytest.mark.django_db,
    # Signing in through the real form many times: a cheap hasher keeps these quick.
    pytest.mark.usefixtures("fast_password_hashing"),
]

Action = TwoFactorEvent.Action
REPORTS = "admin:reports_report_changelist"
STAFF_LIST = "admin:accounts_stafftwofactor_changelist"
AUDIT = "admin:accounts_twofactorevent_changelist"
LINK = re.compile(r'<code class="enrolment-link">(https?://[^<]+)</code>')
BACKUP_CODE = re.compile(r"<li><code>([a-z2-7]{8})</code></li>")
# What differs in every response: the CSRF token and the CSP nonce.
PER_RESPONSE = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"|nonce="[^"]+"')
GENERIC_ERROR = "Enter a correct username and password, and the code from your authenticator app"


def html(response) -> str:
    return response.content.decode()


def path_of(url: str) -> str:
    return url.removeprefix(settings.SITE_URL or "http://localhost:8000")


def unthrottle(user):
    """What a person's pause between attempts does: django-otp makes a device wait a second or
    more after a wrong code, and refuses a 30-second code it has taken once already."""
    no_failures = {"throttling_failure_count": 0, "throttling_failure_timestamp": None}
    TOTPDevice.objects.filter(user=user).update(last_t=-1, **no_failures)
    StaticDevice.objects.filter(user=user).update(**no_failures)


def failures() -> int:
    return sum(AccessAttempt.objects.values_list("failures_since_start", flat=True))


@pytest.fixture
def signed_in_superuser(superuser):
    """A superuser signed in through the real form with a real authenticator code."""
    client = Client()
    device = add_totp_device(superuser)
    assert admin_login(client, superuser, token=current_token(device)).status_code == 302
    return client


def issue_links(admin_client, *users):
    """Issue enrolment links through the admin action, as a superuser would; the links shown."""
    response = admin_client.post(
        reverse(STAFF_LIST),
        {"action": "issue_enrolment_links", "_selected_action": [user.pk for user in users]},
    )
    assert response.status_code == 200, html(response)[:2000]
    assert "no-store" in response["Cache-Control"]
    return [path_of(url) for url in LINK.findall(html(response))]


def enrol(client, link: str, user) -> list[str]:
    """Open an enrolment link, confirm the authenticator with a real code, return backup codes."""
    assert client.get(link).status_code == 302
    page = client.get(reverse("two_factor_setup"))
    assert page.status_code == 200 and 'class="qr-code"' in html(page)
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post(reverse("two_factor_setup"), {"token": current_token(device)})
    assert response.status_code == 200, html(response)[:2000]
    return BACKUP_CODE.findall(html(response))


# --- Enrolment takes a link from a superuser signed in with two factors ---------------------------


def test_a_password_alone_cannot_enrol_a_device_and_a_superusers_link_can(
    client, report_reviewer, content_editor, signed_in_superuser
):
    # The attack: a reviewer's leaked password, through the real sign-in form.
    assert admin_login(client, report_reviewer).status_code == 302
    refused = client.get(reverse("two_factor_setup"))
    assert refused.status_code == 403
    assert "Ask a website administrator" in html(refused) and "qr-code" not in html(refused)
    posted = client.post(reverse("two_factor_setup"), {"token": "123456"})
    assert posted.status_code == 403
    assert not TOTPDevice.objects.filter(user=report_reviewer).exists()
    assert client.get(reverse(REPORTS)).status_code == 403

    # A verified superuser issues a link for the reviewer; only its hash is stored.
    [link] = issue_links(signed_in_superuser, report_reviewer)
    token = link.rstrip("/").rsplit("/", 1)[-1]
    invitation = EnrolmentInvitation.objects.get(user=report_reviewer)
    assert invitation.token_hash == token_hash(token) and token not in invitation.token_hash

    # Not for another account, even signed in.
    editor = Client()
    admin_login(editor, content_editor)
    assert editor.get(link).status_code == 403
    assert editor.get(reverse("two_factor_setup")).status_code == 403
    assert not TOTPDevice.objects.filter(user=content_editor).exists()

    # The reviewer uses it: a real code confirms the app, and the backup codes show once.
    codes = enrol(client, link, report_reviewer)
    assert len(codes) == 10 and len(set(codes)) == 10
    assert TOTPDevice.objects.get(user=report_reviewer).confirmed
    stored = StaticToken.objects.filter(device__user=report_reviewer)
    assert sorted(stored.values_list("token", flat=True)) == sorted(codes)
    assert client.get(reverse(REPORTS)).status_code == 200
    later = html(client.get(reverse("two_factor_backup_codes")))
    assert "You have 10 backup codes left." in later and not any(c in later for c in codes)

    # It works once.
    invitation.refresh_from_db()
    assert invitation.used_at is not None
    assert client.get(link).status_code == 403


def test_a_link_opened_signed_out_leads_through_the_sign_in(client, report_reviewer):
    issued = operations.invitation_issue(user=report_reviewer)
    response = client.get(issued.path)
    assert response.status_code == 302 and response["Location"].startswith(reverse("admin:login"))
    signed_in = client.post(
        response["Location"],
        {"username": report_reviewer.username, "password": PASSWORD, "next": issued.path},
    )
    assert signed_in["Location"] == issued.path
    assert len(enrol(client, issued.path, report_reviewer)) == 10


def test_an_expired_link_is_refused(client, report_reviewer, superuser):
    issued = operations.invitation_issue(user=report_reviewer, issued_by=superuser)
    EnrolmentInvitation.objects.filter(pk=issued.invitation.pk).update(expires_at=timezone.now())
    admin_login(client, report_reviewer)
    assert client.get(issued.path).status_code == 403
    assert client.get(reverse("two_factor_setup")).status_code == 403


def test_a_link_that_expires_during_the_set_up_is_refused_at_the_confirmation(
    client, report_reviewer, superuser
):
    issued = operations.invitation_issue(user=report_reviewer, issued_by=superuser)
    admin_login(client, report_reviewer)
    client.get(issued.path)
    client.get(reverse("two_factor_setup"))
    EnrolmentInvitation.objects.update(expires_at=timezone.now())
    device = TOTPDevice.objects.get(user=report_reviewer)
    response = client.post(reverse("two_factor_setup"), {"token": current_token(device)})
    assert response.status_code == 403
    assert not TOTPDevice.objects.filter(user=report_reviewer, confirmed=True).exists()


def test_a_new_link_replaces_an_unused_one(client, report_reviewer, superuser):
    old = operations.invitation_issue(user=report_reviewer, issued_by=superuser)
    new = operations.invitation_issue(user=report_reviewer, issued_by=superuser)
    admin_login(client, report_reviewer)
    assert client.get(old.path).status_code == 403
    assert client.get(new.path).status_code == 302


def test_links_expire_after_the_configured_hours(report_reviewer, superuser, settings):
    settings.TWO_FACTOR_INVITATION_HOURS = 5
    issued = operations.invitation_issue(user=report_reviewer, issued_by=superuser)
    hours = (issued.invitation.expires_at - issued.invitation.created_at).total_seconds() / 3600
    assert round(hours, 3) == 5


def test_a_superuser_signed_in_with_a_password_only_cannot_issue_links_or_reset(
    superuser_client, report_reviewer
):
    page = superuser_client.get(reverse(STAFF_LIST))
    assert page.status_code == 200 and report_reviewer.username in html(page)
    assert "Sign in with the code from your authenticator app" in html(page)
    assert "issue_enrolment_links" not in html(page)
    device = add_totp_device(report_reviewer)
    for action in ["issue_enrolment_links", "reset_two_factor"]:
        superuser_client.post(
            reverse(STAFF_LIST),
            {"action": action, "_selected_action": [report_reviewer.pk], "post": "yes"},
        )
    assert not EnrolmentInvitation.objects.exists()
    assert TOTPDevice.objects.filter(pk=device.pk).exists()
    assert not TwoFactorEvent.objects.exists()


def test_a_superuser_password_cannot_add_a_device_in_the_admin(superuser_client):
    # django-otp's own device admins (keys, backup codes, "add device") are removed.
    assert superuser_client.get("/admin/otp_totp/totpdevice/add/").status_code == 404
    assert superuser_client.get("/admin/otp_static/staticdevice/").status_code == 404


def test_staff_list_and_actions_are_for_superusers_only(client, report_reviewer):
    device = add_totp_device(report_reviewer)
    admin_login(client, report_reviewer, token=current_token(device))  # verified, not superuser
    assert client.get(reverse(STAFF_LIST)).status_code == 403
    response = client.post(
        reverse(STAFF_LIST),
        {"action": "issue_enrolment_links", "_selected_action": [report_reviewer.pk]},
    )
    assert response.status_code == 403
    assert not EnrolmentInvitation.objects.exists()
    assert "stafftwofactor" not in html(client.get(reverse("admin:index")))


def test_issue_enrolment_link_command_for_the_first_superuser(client, superuser):
    out = io.StringIO()
    call_command("issue_enrolment_link", superuser.username, stdout=out)
    [link] = re.findall(r"https?://\S+", out.getvalue())
    admin_login(client, superuser)  # no device yet: a password-only session
    assert len(enrol(client, path_of(link), superuser)) == 10
    event = TwoFactorEvent.objects.get(action=Action.INVITATION_ISSUED)
    assert event.actor is None and event.actor_username == ""
    with pytest.raises(CommandError):
        call_command("issue_enrolment_link", "nobody-here")


def test_staff_list_query_count_is_the_same_for_one_and_several(
    signed_in_superuser, report_reviewer
):
    def count():
        with CaptureQueriesContext(connection) as queries:
            page = signed_in_superuser.get(reverse(STAFF_LIST))
        assert page.status_code == 200
        return len(queries), html(page)

    count()  # the first request of a session does more (content types, the session itself)
    one, page = count()
    assert report_reviewer.username in page
    for n in range(3):
        user = StaffUserFactory(username=f"staff-{n}")
        add_totp_device(user)
        operations.backup_codes_regenerate(user=user)
        operations.invitation_issue(user=user)
    several, page = count()
    assert "staff-2" in page
    assert one == several == 9


# --- Replacing an authenticator, and resetting ----------------------------------------------------


def test_replacing_an_authenticator_needs_a_session_verified_with_it(client, report_reviewer):
    old = add_totp_device(report_reviewer)
    client.force_login(report_reviewer)  # a password-only session
    assert client.get(reverse("two_factor_setup")).status_code == 403
    assert list(TOTPDevice.objects.filter(user=report_reviewer)) == [old]

    client.logout()
    admin_login(client, report_reviewer, token=current_token(old))
    operations.backup_codes_regenerate(user=report_reviewer)
    client.get(reverse("two_factor_setup"))
    new = TOTPDevice.objects.get(user=report_reviewer, confirmed=False)
    response = client.post(reverse("two_factor_setup"), {"token": current_token(new)})
    assert response.status_code == 302  # the backup codes stay: nothing new to show
    assert list(TOTPDevice.objects.filter(user=report_reviewer)) == [new]
    assert operations.backup_codes_left(report_reviewer) == 10
    assert TwoFactorEvent.objects.filter(action=Action.AUTHENTICATOR_REPLACED).exists()


def test_a_setup_page_never_confirms_a_device_another_session_made(client, report_reviewer):
    # An unconfirmed device someone else saw the key of (from before enrolment took a link).
    planted = TOTPDevice.objects.create(user=report_reviewer, name="planted", confirmed=False)
    planted_code = current_token(planted)
    issued = operations.invitation_issue(user=report_reviewer)
    admin_login(client, report_reviewer)
    client.get(issued.path)
    client.get(reverse("two_factor_setup"))
    refused = client.post(reverse("two_factor_setup"), {"token": planted_code})
    assert refused.status_code == 200 and "The code is not right" in html(refused)
    assert not TOTPDevice.objects.filter(pk=planted.pk).exists()
    assert not TOTPDevice.objects.filter(user=report_reviewer, confirmed=True).exists()


def test_a_verified_superuser_resets_two_factor(client, report_reviewer, signed_in_superuser):
    device = add_totp_device(report_reviewer)
    operations.backup_codes_regenerate(user=report_reviewer)
    admin_login(client, report_reviewer, token=current_token(device))
    assert client.get(reverse(REPORTS)).status_code == 200

    data = {"action": "reset_two_factor", "_selected_action": [report_reviewer.pk]}
    confirm = signed_in_superuser.post(reverse(STAFF_LIST), data)
    assert confirm.status_code == 200 and "Yes, reset two-factor authentication" in html(confirm)
    assert TOTPDevice.objects.filter(user=report_reviewer).exists()
    done = signed_in_superuser.post(reverse(STAFF_LIST), {**data, "post": "yes"})
    assert done.status_code == 302
    assert not TOTPDevice.objects.filter(user=report_reviewer).exists()
    assert not StaticDevice.objects.filter(user=report_reviewer).exists()
    # The reviewer's session was verified with a device that is gone: reports close at once.
    assert client.get(reverse(REPORTS)).status_code == 403


# --- Backup codes ---------------------------------------------------------------------------------


@pytest.fixture
def reviewer_with_codes(report_reviewer):
    device = add_totp_device(report_reviewer)
    return device, operations.backup_codes_regenerate(user=report_reviewer)


def test_each_backup_code_signs_in_once(client, report_reviewer, reviewer_with_codes):
    _device, codes = reviewer_with_codes
    response = admin_login(client, report_reviewer, token=codes[0])
    assert response.status_code == 302
    page = html(client.get(response["Location"]))
    assert "You signed in with a backup code. You have 9 backup codes left." in page
    assert client.get(reverse(REPORTS)).status_code == 200
    event = TwoFactorEvent.objects.get(action=Action.BACKUP_CODE_USED)
    assert event.user == report_reviewer and event.ip_address == "10.1.2.3"

    client.logout()
    again = admin_login(client, report_reviewer, token=codes[0])
    assert again.status_code == 200 and GENERIC_ERROR in html(again)
    assert "_auth_user_id" not in client.session
    unthrottle(report_reviewer)
    # Typed with spaces and in capitals, another code still works.
    spaced = f"{codes[1][:4].upper()} {codes[1][4:].upper()}"
    assert admin_login(client, report_reviewer, token=spaced).status_code == 302
    assert operations.backup_codes_left(report_reviewer) == 8


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: SQLite runs one writer at a time, so nothing races "
    "(run with DATABASE_URL=postgres://...)",
)
def test_one_backup_code_sent_five_times_at_once_signs_in_once(report_reviewer, settings):
    settings.AXES_FAILURE_LIMIT = 100  # the four refusals must not lock the fifth attempt out
    add_totp_device(report_reviewer)
    code = operations.backup_codes_regenerate(user=report_reviewer)[0]
    statuses = run_at_once(
        5, lambda n: admin_login(Client(), report_reviewer, token=code).status_code
    )
    assert sorted(statuses) == [200, 200, 200, 200, 302]
    assert operations.backup_codes_left(report_reviewer) == 9


def test_a_backup_code_is_only_for_its_own_account(client, report_reviewer, reviewer_with_codes):
    _device, codes = reviewer_with_codes
    other = StaffUserFactory(username="other-reviewer", groups=["Report reviewers"])
    add_totp_device(other)
    assert admin_login(client, other, token=codes[0]).status_code == 200
    assert operations.backup_codes_left(report_reviewer) == 10


def test_new_backup_codes_end_the_old_set_and_need_a_verified_session(
    client, report_reviewer, reviewer_with_codes
):
    device, old_codes = reviewer_with_codes
    client.force_login(report_reviewer)  # a password-only session
    assert client.post(reverse("two_factor_backup_codes")).status_code == 403
    assert operations.backup_codes_left(report_reviewer) == 10

    client.logout()
    admin_login(client, report_reviewer, token=current_token(device))
    response = client.post(reverse("two_factor_backup_codes"))
    new_codes = BACKUP_CODE.findall(html(response))
    assert len(new_codes) == 10 and not set(new_codes) & set(old_codes)
    client.logout()
    assert admin_login(client, report_reviewer, token=old_codes[0]).status_code == 200
    unthrottle(report_reviewer)
    assert admin_login(client, report_reviewer, token=new_codes[0]).status_code == 302


# --- One answer for every failed sign-in ----------------------------------------------------------


def test_a_wrong_password_and_a_right_one_without_the_code_answer_the_same(client, report_reviewer):
    device = add_totp_device(report_reviewer)
    sent = []

    def count_signal(sender, credentials, request=None, **kwargs):
        sent.append(credentials.get("username"))

    user_login_failed.connect(count_signal)
    try:
        attempts = {
            "wrong password": admin_login(client, report_reviewer, password="not-the-password"),
            "no code": admin_login(client, report_reviewer),
            "wrong code": admin_login(
                client, report_reviewer, token=f"{(int(current_token(device)) + 1) % 10**6:06d}"
            ),
            "not a code": admin_login(client, report_reviewer, token="abcdefgh"),
        }
    finally:
        user_login_failed.disconnect(count_signal)

    bodies = {name: PER_RESPONSE.sub("", html(r)) for name, r in attempts.items()}
    assert {r.status_code for r in attempts.values()} == {200}
    assert GENERIC_ERROR in bodies["wrong password"]
    assert len(set(bodies.values())) == 1, "a failed sign-in tells which part was wrong"
    assert "_auth_user_id" not in client.session
    # Each attempt counted once, by one signal.
    assert sent == [report_reviewer.username] * 4
    assert failures() == 4


def test_a_right_password_without_a_code_counts_towards_the_lockout(client, report_reviewer):
    add_totp_device(report_reviewer)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert admin_login(client, report_reviewer).status_code == 200
    assert admin_login(client, report_reviewer).status_code == 429


def test_a_right_password_of_an_account_that_is_not_staff_fails_and_counts_the_same(client):
    former = StaffUserFactory(username="former-staff", is_staff=False)
    wrong = admin_login(client, former, password="not-the-password")
    right = admin_login(client, former)
    assert PER_RESPONSE.sub("", html(wrong)) == PER_RESPONSE.sub("", html(right))
    assert GENERIC_ERROR in html(right)
    assert failures() == 2


def test_a_content_editor_without_a_device_signs_in_with_a_password(client, content_editor):
    wrong = admin_login(client, content_editor, password="not-the-password")
    assert GENERIC_ERROR in html(wrong)
    assert admin_login(client, content_editor).status_code == 302


# --- Throttling per address, across usernames -----------------------------------------------------


def test_one_address_trying_many_usernames_is_locked_out(client, content_editor):
    limit = settings.SIGN_IN_ADDRESS_FAILURE_LIMIT
    assert limit > settings.AXES_FAILURE_LIMIT
    address = {"REMOTE_ADDR": "10.7.7.7"}
    for n in range(limit):
        response = client.post(
            reverse("admin:login"), {"username": f"guess-{n}", "password": PASSWORD}, **address
        )
        assert response.status_code == 200, n  # each username failed only once
    locked = client.post(
        reverse("admin:login"),
        {"username": content_editor.username, "password": PASSWORD},
        **address,
    )
    assert locked.status_code == 429
    assert "too many failed attempts to sign in from your connection" in html(locked)
    assert "_auth_user_id" not in client.session
    # The refused attempt counts too (axes' default): trying on keeps the pause going.
    assert failures() == limit + 1
    # Another address is not affected.
    assert admin_login(client, content_editor).status_code == 302


# --- The audit ------------------------------------------------------------------------------------


def test_every_two_factor_event_is_audited_and_logged(
    client, report_reviewer, signed_in_superuser, staff_without_groups, caplog
):
    caplog.set_level(logging.INFO, logger="accounts.two_factor")
    admin_login(client, report_reviewer)
    [link] = issue_links(signed_in_superuser, report_reviewer)
    codes = enrol(client, link, report_reviewer)
    client.post(reverse("two_factor_backup_codes"))
    client.logout()
    admin_login(client, report_reviewer, token=codes[0])  # the old set: refused
    unthrottle(report_reviewer)
    new_code = StaticToken.objects.filter(device__user=report_reviewer).first().token
    admin_login(client, report_reviewer, token=new_code)
    signed_in_superuser.post(
        reverse(STAFF_LIST),
        {"action": "reset_two_factor", "_selected_action": [report_reviewer.pk], "post": "yes"},
    )

    events = list(TwoFactorEvent.objects.order_by("created_at", "pk"))
    assert [e.action for e in events] == [
        Action.INVITATION_ISSUED,
        Action.ENROLLED,
        Action.BACKUP_CODES_REGENERATED,
        Action.BACKUP_CODE_USED,
        Action.RESET,
    ]
    assert {e.username for e in events} == {report_reviewer.username}
    assert [e.actor_username for e in events] == [
        "sam-superuser",
        report_reviewer.username,
        report_reviewer.username,
        report_reviewer.username,
        "sam-superuser",
    ]
    # Sign-ins came from 10.1.2.3 (tests/reports_support.py), the other requests from the
    # test client's default address.
    assert [e.ip_address for e in events] == ["127.0.0.1"] * 3 + ["10.1.2.3", "127.0.0.1"]
    logged = [r.getMessage() for r in caplog.records if r.name == "accounts.two_factor"]
    assert len(logged) == 5 and all(report_reviewer.username in line for line in logged)

    audit = signed_in_superuser.get(reverse(AUDIT))
    assert audit.status_code == 200
    for label in ["Enrolment link issued", "Authenticator app set up", "Backup code used"]:
        assert label in html(audit)
    event = events[0]
    change = reverse("admin:accounts_twofactorevent_change", args=[event.pk])
    assert signed_in_superuser.get(change).status_code == 200  # read-only view
    assert signed_in_superuser.post(change, {"detail": "edited"}).status_code == 403
    delete = reverse("admin:accounts_twofactorevent_delete", args=[event.pk])
    assert signed_in_superuser.post(delete, {"post": "yes"}).status_code == 403
    assert signed_in_superuser.get(reverse("admin:accounts_twofactorevent_add")).status_code == 403
    assert TwoFactorEvent.objects.count() == 5

    staff = Client()
    staff.force_login(staff_without_groups)
    assert staff.get(reverse(AUDIT)).status_code == 403
    assert "twofactorevent" not in html(staff.get(reverse("admin:index")))


# --- The signed-in user, read on every request ----------------------------------------------------


def test_a_signed_in_session_follows_changes_to_its_account_at_once(client, content_editor):
    admin = reverse("admin:index")
    client.force_login(content_editor)
    assert client.get(admin).status_code == 200

    content_editor.first_name = "Renamed"
    content_editor.save()
    assert "Renamed" in html(client.get(admin))  # the admin greets the user by name

    content_editor.is_active = False
    content_editor.save()
    assert client.get(admin).status_code == 302  # a deactivated account is signed out

    content_editor.is_active = True
    content_editor.set_password("a-new-password-for-the-editor")
    content_editor.save()
    assert client.get(admin).status_code == 302  # a new password ends the other sessions

    client.force_login(content_editor)
    content_editor.delete()
    assert client.get(admin).status_code == 302


def test_the_backend_reads_the_same_user_as_the_orm(content_editor):
    from django.contrib.auth import get_user_model

    from accounts.two_factor import ThrottledModelBackend

    read = ThrottledModelBackend().get_user(content_editor.pk)
    stored = get_user_model().objects.get(pk=content_editor.pk)
    names = [field.attname for field in get_user_model()._meta.concrete_fields]
    assert [getattr(read, name) for name in names] == [getattr(stored, name) for name in names]
    read.first_name = "Saved"
    read.save()  # an update of the row it came from, not a new user
    assert get_user_model().objects.get(pk=content_editor.pk).first_name == "Saved"
    assert get_user_model().objects.count() == 1
    assert ThrottledModelBackend().get_user(content_editor.pk + 1000) is None
