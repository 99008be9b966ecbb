"""Email alerts (alerts/): subscribe with double opt-in, confirm, manage, leave with one click,
and mailings sent once per subscriber, in their language, with the RFC 8058 headers.

The suite's tasks backend is the immediate one: tasks run once the transaction commits
(``django_capture_on_commit_callbacks(execute=True)`` inside a test's transaction). Tests of the
queue itself switch TASKS to the database backend. The real workers and mail server at scale:
tests/test_alerts_scale.py."""

import email.policy
import io
import re
from datetime import timedelta

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks_db.models import DBTaskResult

from alerts import operations, tasks, tokens
from alerts.apps import district_alerts
from alerts.models import Delivery, Mailing, Subscriber, Topic
from districts.models import District
from outreach.models import NewsItem
from tests.factories import NewsItemFactory
from tests.factories_alerts import SubscriberFactory, topic

pytestmark = pytest.mark.django_db

SUBSCRIBE = "/alerts/"
LINK = re.compile(r"http://testserver(/\S+)")


@pytest.fixture
def run_tasks(django_capture_on_commit_callbacks):
    """Run what the request or call queues, as the immediate backend does after a commit."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def db_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    return settings


def subscribe_data(**overrides):
    return {
        "email": "resident@example.org",
        "topics": [topic("crime-alerts").pk, topic("traffic-advisories").pk],
        "language": "en",
        **overrides,
    }


def link_in(message) -> str:
    return LINK.search(message.body).group(1)


def publish(*slugs, key="outreach.newsitem:1", publish_at=None, messages=None):
    return operations.mailing_publish(
        source_key=key,
        topics=[topic(slug) for slug in slugs],
        messages=messages
        or {
            "en": {"subject": "Road closed", "body": "Avoid Main St.", "url": "http://x/en"},
            "es": {"subject": "Calle cerrada", "body": "Evite Main St.", "url": "http://x/es"},
        },
        publish_at=publish_at or timezone.now(),
    )


# --- Subscribing -------------------------------------------------------------------------------


def test_topics_come_with_the_migrations_in_both_languages():
    crime = topic("crime-alerts")
    assert crime.kind == Topic.Kind.CRIME_ALERTS and crime.district is None
    assert (crime.name_en, crime.name_es) == ("Crime alerts", "Alertas de delitos")
    assert set(Topic.objects.exclude(kind="district").values_list("slug", flat=True)) == {
        "crime-alerts", "traffic-advisories", "community-events",
    }  # fmt: skip


def test_subscribe_page_offers_every_topic_and_the_current_language(client):
    District.objects.create(name="District 7", slug="district-7", number=7)
    html = client.get("/es/alerts/").content.decode()
    assert 'value="es"' in re.search(r'<input[^>]*value="es"[^>]*>', html).group(0)
    assert "checked" in re.search(r'<input[^>]*value="es"[^>]*>', html).group(0)
    for slug in ["crime-alerts", "traffic-advisories", "community-events", "district-district-7"]:
        assert f'value="{topic(slug).pk}"' in html
    assert 'name="website"' in html  # the honeypot


def test_a_topic_in_the_link_is_chosen_already(client):
    crime = topic("crime-alerts")
    html = client.get(SUBSCRIBE, {"topic": "crime-alerts"}).content.decode()
    assert "checked" in re.search(rf'<input[^>]*value="{crime.pk}"[^>]*>', html).group(0)
    traffic = topic("traffic-advisories")
    assert "checked" not in re.search(rf'<input[^>]*value="{traffic.pk}"[^>]*>', html).group(0)


def test_subscribe_queues_one_confirmation_in_the_chosen_language(client, mailoutbox, run_tasks):
    with run_tasks():
        response = client.post(SUBSCRIBE, subscribe_data(language="es"))
    assert response.status_code == 302 and response.url == reverse("alerts:check_email")
    subscriber = Subscriber.objects.get()
    assert subscriber.confirmed_at is None and subscriber.language == "es"
    assert set(subscriber.topics.values_list("slug", flat=True)) == {
        "crime-alerts", "traffic-advisories",
    }  # fmt: skip
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["resident@example.org"]
    with translation.override("es"):  # Spanish once the catalogue has it (the lead compiles)
        assert message.subject == translation.gettext("Confirm your email alerts")
    assert link_in(message).startswith("/es/alerts/confirm/")


def test_confirm_link_shows_a_button_and_only_the_post_confirms(client, mailoutbox, run_tasks):
    with run_tasks():
        client.post(SUBSCRIBE, subscribe_data())
    url = link_in(mailoutbox[0])
    page = client.get(url)  # a mail scanner following the link
    assert page.status_code == 200 and "Confirm my alerts" in page.content.decode()
    assert Subscriber.objects.get().confirmed_at is None
    response = client.post(url)
    assert response.status_code == 200 and "Your email alerts are on" in response.content.decode()
    subscriber = Subscriber.objects.get()
    assert subscriber.is_subscribed
    assert client.post(url).status_code == 200  # again: nothing changes
    assert Subscriber.objects.get().confirmed_at == subscriber.confirmed_at


def check_email_answer(client, **data):
    response = client.post(SUBSCRIBE, subscribe_data(**data), follow=True)
    html = response.content.decode()
    return response.status_code, response.redirect_chain, re.sub(r'value="[^"]{30,}"', "", html)


def test_the_answer_is_the_same_for_new_unconfirmed_and_subscribed_addresses(
    client, mailoutbox, run_tasks
):
    SubscriberFactory(email="Subscribed@Example.org", topics=[topic("crime-alerts")])
    SubscriberFactory(email="waiting@example.org", confirmed_at=None)
    with run_tasks():
        answers = [
            check_email_answer(client, email=email)
            for email in ["new@example.org", "waiting@example.org", "subscribed@example.org"]
        ]
    assert answers[0] == answers[1] == answers[2]
    assert answers[0][0] == 200 and "Check your email" in answers[0][2]
    # Only the mailbox learns more: the subscribed address gets a manage link, its topics as
    # they were (nobody but its owner changes them).
    by_address = {message.to[0]: message for message in mailoutbox}
    assert "/alerts/confirm/" in by_address["new@example.org"].body
    assert "/alerts/confirm/" in by_address["waiting@example.org"].body
    assert "/alerts/manage/" in by_address["Subscribed@Example.org"].body
    subscribed = Subscriber.objects.get(email__iexact="subscribed@example.org")
    assert list(subscribed.topics.values_list("slug", flat=True)) == ["crime-alerts"]
    assert Subscriber.objects.count() == 3  # the same address in other letters is not new


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"email": "not-an-address"}, "Enter an email address in the correct format"),
        ({"email": ""}, "Enter your email address."),
        ({"topics": []}, "Choose at least one topic."),
        ({"topics": ["999999"]}, "Choose topics from the list."),
        ({"language": "fr"}, "Choose the language of the emails."),
    ],
)
def test_a_mistake_keeps_the_answers_and_says_what_is_wrong(client, mailoutbox, data, message):
    response = client.post(SUBSCRIBE, subscribe_data(**{"email": "kept@example.org", **data}))
    html = response.content.decode()
    assert response.status_code == 400
    assert 'class="error-summary"' in html and message in html
    assert "<title>Error: Email alerts" in html
    if "email" not in data:
        assert 'value="kept@example.org"' in html
    if "topics" not in data:
        crime = topic("crime-alerts").pk
        assert "checked" in re.search(rf'<input[^>]*value="{crime}"[^>]*>', html).group(0)
    assert not Subscriber.objects.exists() and mailoutbox == []


def test_a_filled_honeypot_looks_like_success_and_stores_nothing(client, mailoutbox, run_tasks):
    with run_tasks():
        response = client.post(SUBSCRIBE, subscribe_data(website="https://spam.example"))
    assert response.status_code == 302 and response.url == reverse("alerts:check_email")
    assert not Subscriber.objects.exists() and mailoutbox == []


def test_over_the_rate_limit_the_form_comes_back_with_the_answers(client, settings, run_tasks):
    settings.ALERTS_SUBSCRIBE_RATE = "1/h"
    with run_tasks():
        assert client.post(SUBSCRIBE, subscribe_data()).status_code == 302
        response = client.post(SUBSCRIBE, subscribe_data(email="second@example.org"))
    assert response.status_code == 429 and "Retry-After" in response
    assert 'value="second@example.org"' in response.content.decode()
    assert Subscriber.objects.count() == 1


def test_an_address_gets_at_most_one_link_per_interval(client, mailoutbox, run_tasks):
    with run_tasks():
        client.post(SUBSCRIBE, subscribe_data())
        again = client.post(SUBSCRIBE, subscribe_data(topics=[topic("community-events").pk]))
    assert again.status_code == 302  # the same answer, no second email
    assert len(mailoutbox) == 1
    subscriber = Subscriber.objects.get()
    assert list(subscriber.topics.values_list("slug", flat=True)) == ["community-events"]
    Subscriber.objects.update(emailed_at=timezone.now() - timedelta(minutes=3))
    with run_tasks():
        client.post(SUBSCRIBE, subscribe_data())
    assert len(mailoutbox) == 2


def test_the_purge_forgets_unconfirmed_and_long_departed_addresses(run_tasks):
    from django.core.management import call_command

    now = timezone.now()
    old = SubscriberFactory(confirmed_at=None)
    Subscriber.objects.filter(pk=old.pk).update(created_at=now - timedelta(days=8))
    fresh = SubscriberFactory(confirmed_at=None)
    departed = SubscriberFactory(topics=[topic("crime-alerts")])
    with run_tasks():
        mailing, _created = publish("crime-alerts")
    Subscriber.objects.filter(pk=departed.pk).update(unsubscribed_at=now - timedelta(days=31))
    recent = SubscriberFactory(unsubscribed_at=now - timedelta(days=2))
    subscribed = SubscriberFactory()
    call_command("purge_alert_subscribers", "--dry-run", stdout=io.StringIO())
    assert Subscriber.objects.count() == 5
    out = io.StringIO()
    call_command("purge_alert_subscribers", stdout=out)
    assert "Deleted 1 unconfirmed and 1 unsubscribed" in out.getvalue()
    assert set(Subscriber.objects.all()) == {fresh, recent, subscribed}
    delivery = Delivery.objects.get(mailing=mailing)  # the send log keeps it
    assert delivery.subscriber is None and delivery.state == Delivery.State.SENT


# --- Signed links ----------------------------------------------------------------------------


@pytest.mark.parametrize("purpose", [tokens.CONFIRM, tokens.MANAGE, tokens.UNSUBSCRIBE])
def test_a_tampered_link_is_refused_with_a_clear_page(client, purpose):
    subscriber = SubscriberFactory()
    token = tokens.make(subscriber, purpose)
    url = reverse(tokens.URL_NAMES[purpose], kwargs={"token": token[:-2] + "xx"})
    for response in (client.get(url), client.post(url)):
        assert response.status_code == 400
        assert "This link does not work" in response.content.decode()
    assert Subscriber.objects.get().unsubscribed_at is None


def test_a_token_for_another_purpose_or_an_old_key_is_refused(client):
    subscriber = SubscriberFactory(confirmed_at=None)
    manage = tokens.make(subscriber, tokens.MANAGE)
    assert client.post(reverse("alerts:confirm", kwargs={"token": manage})).status_code == 400
    forged = signing.dumps([subscriber.pk, "guessed-key"], salt=tokens.CONFIRM, compress=True)
    assert client.post(reverse("alerts:confirm", kwargs={"token": forged})).status_code == 400
    assert Subscriber.objects.get().confirmed_at is None


def test_an_expired_confirmation_link_says_so(client, monkeypatch):
    subscriber = SubscriberFactory(confirmed_at=None)
    url = reverse("alerts:confirm", kwargs={"token": tokens.make(subscriber, tokens.CONFIRM)})
    monkeypatch.setattr(tokens, "CONFIRM_MAX_AGE", timedelta(seconds=-1))
    response = client.post(url)
    assert response.status_code == 400 and "This link has expired" in response.content.decode()
    assert Subscriber.objects.get().confirmed_at is None


# --- Managing and leaving --------------------------------------------------------------------


def test_the_manage_link_changes_topics_and_language(client):
    subscriber = SubscriberFactory(topics=[topic("crime-alerts")])
    url = reverse("alerts:manage", kwargs={"token": tokens.make(subscriber, tokens.MANAGE)})
    html = client.get(url).content.decode()
    crime = topic("crime-alerts").pk
    assert "checked" in re.search(rf'<input[^>]*value="{crime}"[^>]*>', html).group(0)
    community = topic("community-events").pk
    response = client.post(url, {"topics": [community], "language": "es"})
    assert response.status_code == 200 and "Your choices are saved" in response.content.decode()
    subscriber.refresh_from_db()
    assert list(subscriber.topics.values_list("slug", flat=True)) == ["community-events"]
    assert subscriber.language == "es"
    response = client.post(url, {"topics": [], "language": "es"})
    assert response.status_code == 400 and "Choose at least one topic." in response.content.decode()
    assert subscriber.topics.count() == 1


def test_leave_all_from_the_manage_page(client):
    subscriber = SubscriberFactory(topics=[topic("crime-alerts")])
    url = reverse("alerts:manage", kwargs={"token": tokens.make(subscriber, tokens.MANAGE)})
    response = client.post(url, {"leave": "1"})
    assert response.status_code == 200 and "You have unsubscribed" in response.content.decode()
    assert not Subscriber.objects.get().is_subscribed


def unsubscribe_url(subscriber) -> str:
    return reverse(
        "alerts:unsubscribe", kwargs={"token": tokens.make(subscriber, tokens.UNSUBSCRIBE)}
    )


def test_one_click_unsubscribe_needs_no_session_or_csrf_token_and_is_idempotent():
    subscriber = SubscriberFactory(topics=[topic("crime-alerts")])
    mail_program = Client(enforce_csrf_checks=True)  # no cookie, no token: as RFC 8058 posts
    url = unsubscribe_url(subscriber)
    body = "List-Unsubscribe=One-Click"
    response = mail_program.post(url, body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200
    assert not response.cookies and "Set-Cookie" not in response
    assert "no-store" in response["Cache-Control"]
    left = Subscriber.objects.get().unsubscribed_at
    assert left is not None
    again = mail_program.post(url, body, content_type="application/x-www-form-urlencoded")
    assert again.status_code == 200 and "You have unsubscribed" in again.content.decode()
    assert Subscriber.objects.get().unsubscribed_at == left  # nothing changed


def test_the_unsubscribe_link_shows_a_button_and_changes_nothing_by_itself(client):
    subscriber = SubscriberFactory()
    response = client.get(unsubscribe_url(subscriber))
    html = response.content.decode()
    assert response.status_code == 200 and "<button" in html and "Unsubscribe" in html
    assert not response.cookies  # no CSRF token either: the POST needs none
    assert Subscriber.objects.get().is_subscribed


def test_subscribing_again_after_leaving_needs_a_new_confirmation(client, mailoutbox, run_tasks):
    subscriber = SubscriberFactory(unsubscribed_at=timezone.now())
    with run_tasks():
        client.post(SUBSCRIBE, subscribe_data(email=subscriber.email))
    subscriber.refresh_from_db()
    assert subscriber.confirmed_at is None and subscriber.unsubscribed_at is None
    assert "/alerts/confirm/" in mailoutbox[0].body


# --- Mailings --------------------------------------------------------------------------------


def test_a_mailing_reaches_each_subscriber_once_in_their_language(mailoutbox, run_tasks, settings):
    settings.ALERTS_BATCH_SIZE = 2  # several batches
    english = SubscriberFactory(topics=[topic("crime-alerts"), topic("traffic-advisories")])
    spanish = SubscriberFactory(language="es", topics=[topic("traffic-advisories")])
    third = SubscriberFactory(topics=[topic("crime-alerts")])
    SubscriberFactory(topics=[topic("community-events")])  # another topic
    SubscriberFactory(confirmed_at=None, topics=[topic("crime-alerts")])  # not confirmed
    SubscriberFactory(unsubscribed_at=timezone.now(), topics=[topic("crime-alerts")])  # left
    with run_tasks():
        mailing, created = publish("crime-alerts", "traffic-advisories")
    assert created
    subjects = {message.to[0]: message.subject for message in mailoutbox}
    assert subjects == {
        english.email: "Road closed",
        spanish.email: "Calle cerrada",
        third.email: "Road closed",
    }
    mailing.refresh_from_db()
    assert mailing.state == Mailing.State.SENT and mailing.recipient_count == 3
    assert set(mailing.deliveries.values_list("state", flat=True)) == {Delivery.State.SENT}
    spanish_body = next(m.body for m in mailoutbox if m.to == [spanish.email])
    assert "Evite Main St." in spanish_body and "/es/alerts/manage/" in spanish_body
    # The start and a batch run again (a worker restarted): nobody gets a second email.
    with run_tasks():
        tasks.mailing_start.call(mailing.pk)
        tasks.mailing_send_batch.call(mailing.pk, 0, 10**9)
    assert len(mailoutbox) == 3 and Delivery.objects.count() == 3


def test_each_alert_carries_the_one_click_unsubscribe_headers(client, mailoutbox, run_tasks):
    subscriber = SubscriberFactory(topics=[topic("crime-alerts")])
    with run_tasks():
        publish("crime-alerts")
    message = mailoutbox[0]
    url = f"http://testserver{unsubscribe_url(subscriber)}"
    assert message.extra_headers["List-Unsubscribe"] == f"<{url}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # On the wire: the URL whole on its line, not folded into encoded words.
    wire = message.message(policy=email.policy.SMTP).as_bytes()
    assert f"\r\nList-Unsubscribe: <{url}>\r\n".encode() in wire
    assert url in message.body and "/alerts/manage/" in message.body
    # The header's link does what it says with the mail program's POST.
    path = url.removeprefix("http://testserver")
    assert Client(enforce_csrf_checks=True).post(path).status_code == 200
    assert not Subscriber.objects.get().is_subscribed


def test_publishing_the_same_item_twice_creates_one_mailing(mailoutbox, run_tasks):
    SubscriberFactory(topics=[topic("crime-alerts")])
    with run_tasks():
        first, created = publish("crime-alerts")
    with run_tasks():
        second, created_again = publish("crime-alerts", messages={"en": {"subject": "Again"}})
    assert created and not created_again and first == second
    assert Mailing.objects.count() == 1 and len(mailoutbox) == 1
    assert Mailing.objects.get().subject() == "Road closed"  # started: nothing changed


def test_a_failed_send_is_retried_later_and_a_sent_one_never_again(db_queue, monkeypatch):
    ok = SubscriberFactory(topics=[topic("crime-alerts")])
    refused = SubscriberFactory(topics=[topic("crime-alerts")])
    mailing = Mailing.objects.create(source_key="test:1", publish_at=timezone.now(), messages={
        "en": {"subject": "S", "body": "B", "url": ""}
    })  # fmt: skip
    mailing.topics.set([topic("crime-alerts")])
    tasks.mailing_start.call(mailing.pk)
    sent: list[str] = []
    refused_address = refused.email

    class Mailer:
        def open(self):
            return True

        def close(self):
            pass

        def send_messages(self, messages):
            if messages[0].to == [refused_address]:
                raise ConnectionResetError("refused for " + refused_address)
            sent.extend(messages[0].to)
            return 1

    monkeypatch.setattr(tasks.mailers.__class__, "default", property(lambda self: Mailer()))
    assert tasks.mailing_send_batch.call(mailing.pk, ok.pk, refused.pk) == 1
    failed = Delivery.objects.get(subscriber=refused)
    assert (failed.state, failed.attempts, failed.error) == ("pending", 1, "ConnectionResetError")
    retry = DBTaskResult.objects.filter(task_path__endswith="mailing_send_batch").order_by(
        "-enqueued_at"
    )[0]
    assert retry.run_after > timezone.now() and retry.args_kwargs["kwargs"] == {"attempt": 2}
    mailing.refresh_from_db()
    assert mailing.state == Mailing.State.SENDING  # one is still to go
    refused.email = "fixed@example.org"
    refused.save()
    assert tasks.mailing_send_batch.call(mailing.pk, ok.pk, refused.pk, attempt=2) == 1
    assert sent == [ok.email, "fixed@example.org"]  # the first never twice
    mailing.refresh_from_db()
    assert mailing.state == Mailing.State.SENT


def test_a_mailing_gives_up_after_the_last_attempt(db_queue, monkeypatch):
    subscriber = SubscriberFactory(topics=[topic("crime-alerts")])
    mailing, _created = publish("crime-alerts")
    tasks.mailing_start.call(mailing.pk)

    class DeadMailer:
        def open(self):
            raise ConnectionRefusedError

    monkeypatch.setattr(tasks.mailers.__class__, "default", property(lambda self: DeadMailer()))
    for attempt in range(1, tasks.MAX_ATTEMPTS + 1):
        tasks.mailing_send_batch.call(mailing.pk, subscriber.pk, subscriber.pk, attempt=attempt)
    delivery = Delivery.objects.get()
    assert (delivery.state, delivery.attempts) == ("failed", tasks.MAX_ATTEMPTS)
    mailing.refresh_from_db()
    assert mailing.state == Mailing.State.SENT  # done: nothing is waiting any more


def test_a_scheduled_mailing_starts_at_its_time(db_queue):
    SubscriberFactory(topics=[topic("crime-alerts")])
    later = timezone.now() + timedelta(hours=2)
    mailing, _created = publish("crime-alerts", publish_at=later)
    start = DBTaskResult.objects.get(task_path="alerts.tasks.mailing_start")
    assert start.run_after == later and start.args_kwargs["args"] == [mailing.pk]
    assert tasks.mailing_start.call(mailing.pk) == 0  # a worker early by mistake: not yet
    assert not Delivery.objects.exists()
    # Moved later before its time: a task for the new time, the old one finds it not due.
    publish("crime-alerts", publish_at=later + timedelta(hours=1))
    runs = DBTaskResult.objects.filter(task_path="alerts.tasks.mailing_start")
    assert sorted(run.run_after for run in runs) == [later, later + timedelta(hours=1)]


def test_a_cancelled_mailing_is_never_sent(mailoutbox, db_queue):
    SubscriberFactory(topics=[topic("crime-alerts")])
    mailing, _created = publish("crime-alerts")
    assert operations.mailing_cancel(source_key=mailing.source_key)
    assert tasks.mailing_start.call(mailing.pk) == 0
    assert mailoutbox == [] and not Delivery.objects.exists()


def test_mailings_a_stopped_worker_left_are_queued_again_and_sent_once(db_queue, mailoutbox):
    from django.core.management import call_command

    done = SubscriberFactory(topics=[topic("crime-alerts")])
    waiting = SubscriberFactory(topics=[topic("crime-alerts")])
    long_ago = timezone.now() - timedelta(hours=1)
    mailing, _created = publish("crime-alerts", publish_at=long_ago)
    lost, _created = publish("traffic-advisories", key="test:lost", publish_at=long_ago)
    tasks.mailing_start.call(mailing.pk)  # then the worker died mid-batch: one sent, one not
    Mailing.objects.filter(pk=mailing.pk).update(started_at=long_ago)
    Delivery.objects.filter(subscriber=done).update(state="sent", sent_at=long_ago, attempts=1)
    DBTaskResult.objects.all().delete()  # the tasks it held are never run again
    call_command("resume_alert_mailings", stdout=io.StringIO())
    queued = sorted(DBTaskResult.objects.values_list("task_path", "args_kwargs"))
    assert queued == [
        (
            "alerts.tasks.mailing_send_batch",
            {"args": [mailing.pk, waiting.pk, waiting.pk], "kwargs": {}},
        ),
        ("alerts.tasks.mailing_start", {"args": [lost.pk], "kwargs": {}}),
    ]
    tasks.mailing_send_batch.call(mailing.pk, waiting.pk, waiting.pk)
    assert [message.to for message in mailoutbox] == [[waiting.email]]
    mailing.refresh_from_db()
    assert mailing.state == Mailing.State.SENT


# --- News items in the admin -----------------------------------------------------------------


def news_form(**overrides):
    now = timezone.localtime()
    return {
        "title_en": "Road closed on Main St",
        "title_es": "Calle Main cerrada",
        "slug": "road-closed",
        "kind": NewsItem.Kind.TRAFFIC_ADVISORY,
        "summary_en": "Main St is closed for repairs.",
        "summary_es": "La calle Main está cerrada por reparaciones.",
        "body_en": "",
        "body_es": "",
        "published_at_0": now.strftime("%Y-%m-%d"),
        "published_at_1": now.strftime("%H:%M:%S"),
        "is_published": "on",
        "alert_topics": [topic("traffic-advisories").pk],
        **overrides,
    }


def test_publishing_a_news_item_with_topics_mails_it_once(editor_client, mailoutbox, run_tasks):
    english = SubscriberFactory(topics=[topic("traffic-advisories")])
    spanish = SubscriberFactory(language="es", topics=[topic("traffic-advisories")])
    SubscriberFactory(topics=[topic("crime-alerts")])
    with run_tasks():
        response = editor_client.post(reverse("admin:outreach_newsitem_add"), news_form())
    assert response.status_code == 302
    item = NewsItem.objects.get()
    mailing = Mailing.objects.get()
    assert mailing.source_key == f"outreach.newsitem:{item.pk}"
    subjects = {message.to[0]: message.subject for message in mailoutbox}
    assert subjects == {
        english.email: "Road closed on Main St",
        spanish.email: "Calle Main cerrada",
    }
    spanish_body = next(m.body for m in mailoutbox if m.to == [spanish.email])
    assert "http://testserver/es/news/road-closed/" in spanish_body
    assert "cerrada por reparaciones" in spanish_body
    change = reverse("admin:outreach_newsitem_change", args=[item.pk])
    with run_tasks():
        response = editor_client.post(change, news_form(title_en="Road closed (updated)"))
    assert response.status_code == 302
    assert Mailing.objects.count() == 1 and len(mailoutbox) == 2  # saved again: no new mail


def test_a_news_item_without_topics_or_unpublished_mails_nothing(editor_client, run_tasks):
    SubscriberFactory(topics=[topic("traffic-advisories")])
    with run_tasks():
        editor_client.post(reverse("admin:outreach_newsitem_add"), news_form(alert_topics=[]))
        editor_client.post(
            reverse("admin:outreach_newsitem_add"), news_form(slug="draft", is_published="")
        )
    assert NewsItem.objects.count() == 2 and not Mailing.objects.exists()


def test_a_scheduled_news_item_is_mailed_at_its_publish_time(editor_client, db_queue):
    SubscriberFactory(topics=[topic("traffic-advisories")])
    later = timezone.localtime() + timedelta(days=1)
    data = news_form(
        published_at_0=later.strftime("%Y-%m-%d"), published_at_1=later.strftime("%H:%M:%S")
    )
    assert editor_client.post(reverse("admin:outreach_newsitem_add"), data).status_code == 302
    item = NewsItem.objects.get()
    start = DBTaskResult.objects.get(task_path="alerts.tasks.mailing_start")
    assert start.run_after == item.published_at
    assert Mailing.objects.get().state == Mailing.State.SCHEDULED
    # Unpublished before its time: the mailing is cancelled.
    change = reverse("admin:outreach_newsitem_change", args=[item.pk])
    editor_client.post(change, {**data, "is_published": ""})
    assert Mailing.objects.get().state == Mailing.State.CANCELLED


def test_the_news_item_hook_is_a_named_operation(mailoutbox, run_tasks):
    from outreach.operations import news_item_send_alerts

    SubscriberFactory(topics=[topic("crime-alerts")])
    item = NewsItemFactory(title="Break-ins on Oak St")
    item.alert_topics.set([topic("crime-alerts")])
    with run_tasks():
        news_item_send_alerts(item=item)
        news_item_send_alerts(item=item)
    assert [message.subject for message in mailoutbox] == ["Break-ins on Oak St"]


# --- The send log and the other admin pages --------------------------------------------------


@pytest.fixture
def sent_mailing(run_tasks):
    SubscriberFactory(email="private@example.org", topics=[topic("crime-alerts")])
    with run_tasks():
        mailing, _created = publish("crime-alerts")
    return mailing


def test_content_editors_read_the_send_log_without_addresses(editor_client, sent_mailing):
    html = editor_client.get(reverse("admin:alerts_mailing_changelist")).content.decode()
    assert "Road closed" in html and "outreach.newsitem:1" in html
    page = editor_client.get(reverse("admin:alerts_mailing_change", args=[sent_mailing.pk]))
    assert page.status_code == 200 and "Calle cerrada" in page.content.decode()
    deliveries = editor_client.get(
        reverse("admin:alerts_delivery_changelist"), {"mailing__id__exact": sent_mailing.pk}
    ).content.decode()
    assert "Subscriber " in deliveries and "private@example.org" not in deliveries
    assert editor_client.get(reverse("admin:alerts_subscriber_changelist")).status_code == 403
    # Read-only for everyone: nothing to add, change or delete.
    assert editor_client.get(reverse("admin:alerts_mailing_add")).status_code == 403


def test_superusers_see_addresses_in_the_send_log(superuser_client, sent_mailing):
    deliveries = superuser_client.get(reverse("admin:alerts_delivery_changelist")).content.decode()
    assert "private@example.org" in deliveries
    subscribers = superuser_client.get(reverse("admin:alerts_subscriber_changelist"))
    assert "private@example.org" in subscribers.content.decode()


def test_staff_in_no_group_see_no_alerts_admin(client, staff_without_groups, sent_mailing):
    client.force_login(staff_without_groups)
    for name in ["mailing", "delivery", "subscriber", "topic"]:
        assert client.get(reverse(f"admin:alerts_{name}_changelist")).status_code == 403


def test_content_editors_rename_topics(editor_client):
    crime = topic("crime-alerts")
    url = reverse("admin:alerts_topic_change", args=[crime.pk])
    response = editor_client.post(
        url,
        {"name_en": "Crime alerts", "name_es": "Alertas", "slug": "crime-alerts",
         "display_order": 5, "is_active": "on"},
    )  # fmt: skip
    assert response.status_code == 302
    crime.refresh_from_db()
    assert (crime.name_es, crime.display_order) == ("Alertas", 5)


# --- Districts, links, sitemap ---------------------------------------------------------------


def test_each_district_has_its_topic_kept_in_step():
    district = District.objects.create(name="District 9", name_es="Distrito 9", slug="d9", number=9)
    district_topic = Topic.objects.get(district=district)
    assert district_topic.kind == Topic.Kind.DISTRICT and district_topic.slug == "district-d9"
    assert (district_topic.name_en, district_topic.name_es) == ("District 9", "Distrito 9")
    district.name_en, district.name_es = "North District", "Distrito Norte"
    district.save()
    district_topic.refresh_from_db()
    assert (district_topic.name_en, district_topic.name_es) == ("North District", "Distrito Norte")
    assert Topic.objects.filter(district=district).count() == 1
    assert district_alerts(district) == {"topic": district_topic}


def test_the_district_page_links_to_its_alerts(client):
    district = District.objects.create(name="District 8", slug="d8", number=8)
    html = client.get(reverse("districts:detail", kwargs={"slug": district.slug})).content.decode()
    assert "/alerts/?topic=district-d8" in html and "Get this district's alerts by email" in html


def test_footer_news_page_and_sitemap_link_to_alerts(client):
    assert 'href="/alerts/"' in client.get("/").content.decode()
    assert 'href="/alerts/"' in client.get("/news/").content.decode()
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "http://testserver/alerts/" in sitemap and "http://testserver/es/alerts/" in sitemap


def test_no_alert_page_is_kept_by_the_shared_cache(client):
    subscriber = SubscriberFactory()
    for url in [
        SUBSCRIBE,
        reverse("alerts:check_email"),
        reverse("alerts:confirm", kwargs={"token": tokens.make(subscriber, tokens.CONFIRM)}),
        reverse("alerts:manage", kwargs={"token": tokens.make(subscriber, tokens.MANAGE)}),
        unsubscribe_url(subscriber),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "public" not in response["Cache-Control"] and "no-store" in response["Cache-Control"]


def test_the_spanish_page_posts_to_itself_and_names_topics_in_spanish(client):
    html = client.get("/es/alerts/").content.decode()
    assert '<html lang="es"' in html and 'action="/es/alerts/"' in html
    assert "Alertas de delitos" in html and "Avisos de tráfico" in html
