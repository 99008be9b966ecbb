"""A program's waiting list: joining it when the program is full, what the resident is told, and
moving up when a place frees (staff cancel or decline a sign-up, or raise the capacity)."""

from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse

from programs import operations
from programs.models import SignUp
from programs.operations import signup_create
from tests.concurrency import run_at_once
from tests.factories import ProgramFactory, SignUpFactory
from tests.test_admin_index import waiting as staff_queues
from tests.test_programs import signup_data, signup_url
from tests.test_tasks_email import STAFF_DESK, db_queue, run_worker  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db

WAITING = SignUp.Status.WAITING


def full_program(**fields):
    """A program with one place, taken."""
    program = ProgramFactory(capacity=1, **fields)
    SignUpFactory(program=program, email="first@example.org")
    return program


def join(program, email: str) -> SignUp:
    return signup_create(program=program, name="R", email=email, consent=True).signup


@pytest.fixture
def coordinator_client(client, program_coordinator):
    client.force_login(program_coordinator)
    return client


class FormValues(HTMLParser):
    """The values a browser would post back from an admin change form, unchanged."""

    def __init__(self):
        super().__init__()
        self.data, self._select, self._textarea = {}, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in {"submit", "button", "file"}:
            if attrs.get("type") in {"checkbox", "radio"}:
                if "checked" in attrs:
                    self.data.setdefault(name, []).append(attrs.get("value", "on"))
            else:
                self.data[name] = attrs.get("value") or ""
        elif tag == "select" and name:
            self._select = name
            self.data.setdefault(name, [])
        elif tag == "option" and self._select and "selected" in attrs:
            self.data[self._select].append(attrs.get("value", ""))
        elif tag == "textarea" and name:
            self._textarea = name
            self.data[name] = ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea] += data.removeprefix("\n")


def change_form_data(client, url: str) -> dict:
    parser = FormValues()
    parser.feed(client.get(url).content.decode())
    return parser.data


# --- Joining -------------------------------------------------------------------------------------


def test_a_full_program_offers_its_waiting_list_on_every_page(client):
    program = full_program(name="Citizens Police Academy")
    detail = client.get(program.get_absolute_url()).content.decode()
    assert f'href="{signup_url(program)}">Join the waiting list</a>' in detail
    assert "Join the waiting list for Citizens Police Academy" in detail
    assert "Full: waiting list open" in detail and "Sign up online" not in detail
    assert "if a place becomes free, it goes to the first person on the list" in detail
    assert "Full: waiting list open" in client.get(reverse("programs:list")).content.decode()

    page = client.get(signup_url(program)).content.decode()
    assert "<title>Join the waiting list: Citizens Police Academy |" in page
    assert "<h1>Join the waiting list for Citizens Police Academy</h1>" in page
    assert '<button type="submit" class="btn btn-primary btn-lg">Join the waiting list' in page
    assert 'name="email"' in page  # the same sign-up form


def test_joining_when_full_stores_a_waiting_signup_says_so_and_emails_it(
    client, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.STAFF_NOTIFICATION_EMAILS = ["programs@example.org"]
    program = full_program(name="Citizens Police Academy")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(signup_url(program), signup_data())
    assert response.status_code == 302
    signup = SignUp.objects.get(email="jamie@example.org")
    assert signup.status == WAITING
    assert program.signups.holding_place().count() == 1  # no second place taken

    html = client.get(response["Location"]).content.decode()
    assert "<h1>You are on the waiting list for Citizens Police Academy</h1>" in html
    assert "you are not signed up yet" in html and "You have signed up" not in html
    assert "If a place becomes free, we email you straight away." in html

    receipt, notice = mailoutbox
    assert receipt.to == ["jamie@example.org"]
    assert receipt.subject.startswith("You are on the waiting list for Citizens Police Academy")
    assert "you are on its waiting list: you are not signed up yet" in receipt.body
    assert "Thank you for signing up" not in receipt.body
    assert notice.subject == "New name on the waiting list for Citizens Police Academy"
    assert "jamie@example.org" not in notice.body


def test_while_others_wait_a_newcomer_waits_too():
    program = full_program()
    first = join(program, "a@example.org")
    # A place frees without anyone moving up (a direct change, not through the operations).
    program.signups.filter(email="first@example.org").update(status=SignUp.Status.DECLINED)
    assert join(program, "b@example.org").status == WAITING  # nobody jumps the queue
    assert SignUp.objects.get(pk=first.pk).status == WAITING


def test_signing_up_twice_while_waiting_says_already_on_the_waiting_list(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    program = full_program(name="Youth programs")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(signup_url(program), signup_data())
        response = client.post(signup_url(program), signup_data(email="JAMIE@example.org"))
    html = client.get(response["Location"]).content.decode()
    assert "You are already on the waiting list for Youth programs" in html
    assert program.signups.count() == 2 and len(mailoutbox) == 1


def test_a_program_without_a_limit_never_has_a_waiting_list():
    program = ProgramFactory(capacity=None)
    assert [join(program, f"r{n}@example.org").status for n in range(3)] == ["new"] * 3
    assert not program.has_waiting_list()


# --- Moving up -----------------------------------------------------------------------------------


def test_declining_in_the_admin_moves_the_first_waiting_up_and_emails_them(
    coordinator_client, mailoutbox, django_capture_on_commit_callbacks
):
    program = full_program(name="Citizens Police Academy")
    first_waiting = join(program, "second@example.org")
    next_waiting = join(program, "third@example.org")
    taken = program.signups.get(email="first@example.org")
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(
            reverse("admin:programs_signup_changelist"),
            {"action": "mark_declined", "_selected_action": [taken.pk]},
            follow=True,
        )
    assert "1 person moved up from the waiting list and was emailed." in response.content.decode()
    statuses = dict(program.signups.values_list("email", "status"))
    assert statuses == {
        "first@example.org": "declined",
        "second@example.org": "new",  # staff now follow it up as a new sign-up
        "third@example.org": "waiting",
    }
    (email,) = mailoutbox
    assert email.to == [first_waiting.email] and next_waiting.email not in email.to
    assert email.subject.startswith("A place is yours: Citizens Police Academy")
    assert "it is now yours" in email.body and "/programs/" in email.body


def test_cancelling_on_the_change_form_gives_the_place_to_the_waiting_list(
    coordinator_client, mailoutbox, django_capture_on_commit_callbacks
):
    program = full_program()
    waiting = join(program, "second@example.org")
    taken = program.signups.get(email="first@example.org")
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post(
            reverse("admin:programs_signup_change", args=[taken.pk]),
            {"status": "cancelled", "staff_notes": "Moved away"},
        )
    taken.refresh_from_db()
    waiting.refresh_from_db()
    assert (taken.status, taken.staff_notes, waiting.status) == ("cancelled", "Moved away", "new")
    assert [m.to for m in mailoutbox] == [["second@example.org"]]


def test_raising_the_capacity_in_the_admin_moves_people_up_in_order(
    editor_client, mailoutbox, django_capture_on_commit_callbacks
):
    program = full_program()
    waiting = [join(program, f"w{n}@example.org") for n in range(3)]
    mailoutbox.clear()
    change = reverse("admin:programs_program_change", args=[program.pk])
    data = {**change_form_data(editor_client, change), "capacity": "3"}
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(change, data, follow=True)
    assert "2 people moved up from the waiting list and were emailed." in (
        response.content.decode()
    )
    statuses = [SignUp.objects.get(pk=signup.pk).status for signup in waiting]
    assert statuses == ["new", "new", "waiting"]  # first come, first served
    assert sorted(m.to[0] for m in mailoutbox) == ["w0@example.org", "w1@example.org"]


def test_nobody_moves_up_while_sign_ups_are_closed_until_they_open_again():
    program = full_program()
    waiting = join(program, "second@example.org")
    program.signups_open = False
    program.save()
    taken = program.signups.get(email="first@example.org")
    assert operations.signup_set_status(signup=taken, status=SignUp.Status.DECLINED) == []
    assert SignUp.objects.get(pk=waiting.pk).status == WAITING
    program.signups_open = True
    program.save()
    assert operations.waiting_list_promote(program=program) == [waiting]


def test_a_waiting_signup_declined_frees_no_place():
    program = full_program()
    waiting, behind = join(program, "a@example.org"), join(program, "b@example.org")
    assert operations.signup_set_status(signup=waiting, status=SignUp.Status.DECLINED) == []
    assert SignUp.objects.get(pk=behind.pk).status == WAITING


@pytest.mark.django_db(transaction=True)
def test_the_promotion_email_is_a_task_the_worker_sends(db_queue, mailoutbox):  # noqa: F811
    program = full_program(name="Neighborhood Watch")
    waiting = join(program, "pat@example.org")
    run_worker()
    mailoutbox.clear()
    taken = program.signups.get(email="first@example.org")
    operations.signup_set_status(signup=taken, status=SignUp.Status.CANCELLED)
    assert mailoutbox == []  # queued, not sent by the request
    run_worker()
    (email,) = mailoutbox
    assert email.to == [waiting.email] and "Neighborhood Watch" in email.subject


# --- The admin -----------------------------------------------------------------------------------


def test_staff_see_and_filter_the_waiting_list_and_the_queue_counts_new_ones_only(
    coordinator_client, content_editor
):
    program = full_program(name="Citizens Police Academy")
    SignUpFactory(program=program, name="Wendy Waiting", status=WAITING)
    SignUpFactory(program=program, name="Walt Waiting", status=WAITING)
    changelist = reverse("admin:programs_signup_changelist")
    html = coordinator_client.get(changelist, {"status__exact": "waiting"}).content.decode()
    assert "Wendy Waiting" in html and "Walt Waiting" in html and "first@example.org" not in html
    assert "On the waiting list" in html
    # Only the one new sign-up waits for staff; a waiting one has nothing to follow up yet.
    assert staff_queues(coordinator_client.get("/admin/").content.decode()) == {
        "New program sign-ups": "1"
    }
    editor = Client()  # not the coordinator's: programs are the content editors'
    editor.force_login(content_editor)
    programs = editor.get(reverse("admin:programs_program_changelist")).content.decode()
    assert "1 / 1, 2 waiting" in programs


# --- Query counts --------------------------------------------------------------------------------


@pytest.mark.parametrize("count", [1, 20])
def test_a_full_program_page_query_count_does_not_grow_with_its_waiting_list(
    client, django_assert_num_queries, count, forget_kept_parts
):
    program = ProgramFactory(capacity=1)
    SignUpFactory(program=program)
    SignUpFactory.create_batch(count, program=program, status=WAITING)
    client.get(program.get_absolute_url())  # fills the site-wide caches, as on a live site
    forget_kept_parts()
    with django_assert_num_queries(4):  # the program, its places and waiting list, services, tips
        html = client.get(program.get_absolute_url()).content.decode()
    assert "Join the waiting list" in html
    forget_kept_parts()
    with django_assert_num_queries(2):  # the program, its places and waiting list
        html = client.get(signup_url(program)).content.decode()
    assert "<h1>Join the waiting list for" in html


# --- At the same moment (SQLite and PostgreSQL) --------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_twenty_simultaneous_signups_for_five_places_never_overbook(settings):
    settings.PROGRAMS_SIGNUP_RATE = None  # twenty residents, all from the test's one address
    program = ProgramFactory(capacity=5)

    def sign_up(n):
        return join(program, f"resident{n}@example.org").status

    statuses = run_at_once(20, sign_up)
    assert statuses.count("new") == 5 and statuses.count("waiting") == 15
    assert program.signups.holding_place().count() == 5
    assert program.signups.waiting().count() == 15


@pytest.mark.django_db(transaction=True)
def test_simultaneous_cancellations_and_signups_move_each_waiting_person_up_once():
    program = ProgramFactory(capacity=3)
    for n in range(6):
        join(program, f"r{n}@example.org")
    taken = list(program.signups.holding_place())
    expected = [s.pk for s in program.signups.waiting()]

    def work(n):
        if n < 3:
            cancelled = operations.signup_set_status(
                signup=taken[n], status=SignUp.Status.CANCELLED
            )
            return [s.pk for s in cancelled]
        join(program, f"late{n}@example.org")  # arrives while places free: waits behind
        return []

    promoted = [pk for batch in run_at_once(6, work) for pk in batch]
    assert sorted(promoted) == sorted(expected)  # each of the three once, nobody else
    assert program.signups.holding_place().count() == 3
    assert program.signups.waiting().count() == 3
    assert not program.signups.waiting().filter(pk__in=expected).exists()


def test_someone_who_cancelled_can_sign_up_again_at_the_end_of_the_queue(
    mailoutbox, django_capture_on_commit_callbacks
):
    program = full_program()
    cancelled = SignUpFactory(program=program, email="sam@example.org", status="cancelled")
    waiting = join(program, "a@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        outcome = signup_create(
            program=program, name="Sam Again", email="SAM@example.org", consent=True
        )
    assert outcome.created and outcome.signup.pk == cancelled.pk  # one row per email
    signup = SignUp.objects.get(pk=cancelled.pk)
    assert signup.status == WAITING and signup.name == "Sam Again"
    assert list(program.signups.waiting()) == [waiting, signup]  # behind who waited already
    assert mailoutbox[0].to == ["sam@example.org"]  # the receipt


def test_a_declined_sign_up_is_not_reopened_by_signing_up_again():
    program = ProgramFactory(capacity=10)
    declined = SignUpFactory(program=program, email="sam@example.org", status="declined")
    outcome = signup_create(program=program, name="Sam", email="sam@example.org", consent=True)
    assert not outcome.created and outcome.signup.status == "declined"
    assert SignUp.objects.get(pk=declined.pk).status == "declined"
