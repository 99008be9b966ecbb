"""Email alerts at scale, in the production shape: 10,000 confirmed subscribers, two real task
workers (``manage.py db_worker``) on the test database and a mail server of the test's own
(tests/servers.py). One alert is published; the test counts what the mail server received:
exactly 10,000 emails, one per subscriber, the first within a second of publishing.

Figures for the closing note are printed (``pytest -s``). PostgreSQL only, as the other
production-shape tests: the workers share the test database (SKIP LOCKED claims batches)."""

import time

import pytest
from django.db import connection
from django.utils import timezone

from alerts import operations
from alerts.models import Delivery, Mailing, Subscriber
from tests.factories_alerts import topic as alert_topic
from tests.servers import RecordingSMTPServer, Worker, production_env

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: the workers share the test database",
    ),
]

SUBSCRIBERS = 10_000
WORKERS = 2
MESSAGES = {
    "en": {"subject": "Road closed on Main St", "body": "Avoid Main St.", "url": "https://x/en"},
    "es": {"subject": "Calle Main cerrada", "body": "Evite la calle Main.", "url": "https://x/es"},
}


@pytest.fixture
def mail_server():
    with RecordingSMTPServer() as server:
        yield server


@pytest.fixture
def workers(transactional_db, mail_server, tmp_path):
    """Two workers polling every 50 ms, mailing through the test's server; stopped before the
    test database is emptied."""
    env = production_env(
        DJANGO_TASKS_BACKEND="database",
        DJANGO_EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        DJANGO_EMAIL_HOST="127.0.0.1",
        DJANGO_EMAIL_PORT=str(mail_server.port),
        DJANGO_EMAIL_TIMEOUT="5",
        DJANGO_EMAIL_RETRY_SECONDS="1,1,2,2",
        DJANGO_SITE_URL="https://police.example.org",
        DJANGO_LOG_LEVEL="INFO",  # the worker says when it has started
    )
    started = [
        Worker(env=env, log_path=tmp_path / f"worker-{n}.log", interval=0.05)
        for n in range(WORKERS)
    ]
    try:
        deadline = time.monotonic() + 60
        for worker in started:
            while "Starting worker" not in worker.log():
                assert worker.process.poll() is None, worker.log()
                assert time.monotonic() < deadline, f"the worker did not start:\n{worker.log()}"
                time.sleep(0.05)
        yield started
    finally:
        for worker in started:
            worker.stop()


def add_subscribers(topic) -> int:
    """SUBSCRIBERS confirmed subscribers of ``topic`` (a third in Spanish), plus some who must
    get nothing; returns how many are Spanish."""
    now = timezone.now()
    rows = Subscriber.objects.bulk_create(
        [
            Subscriber(
                email=f"resident{n}@example.org", language="es" if n % 3 == 0 else "en",
                confirmed_at=now,
            )
            for n in range(SUBSCRIBERS)
        ]
        + [Subscriber(email=f"waiting{n}@example.org") for n in range(20)]
        + [
            Subscriber(email=f"left{n}@example.org", confirmed_at=now, unsubscribed_at=now)
            for n in range(20)
        ],
        batch_size=2000,
    )  # fmt: skip
    through = Subscriber.topics.through
    through.objects.bulk_create(
        [through(subscriber_id=row.pk, topic_id=topic.pk) for row in rows], batch_size=2000
    )
    return sum(row.language == "es" for row in rows[:SUBSCRIBERS])


def wait_until(condition, timeout: float, step: float = 0.005) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"not done in {timeout} s")
        time.sleep(step)


def test_one_alert_reaches_ten_thousand_subscribers_exactly_once(workers, mail_server, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}  # the workers'
    topic = alert_topic("crime-alerts")
    spanish = add_subscribers(topic)

    published = time.monotonic()
    mailing, created = operations.mailing_publish(
        source_key="outreach.newsitem:1", topics=[topic], messages=MESSAGES,
        publish_at=timezone.now(),
    )  # fmt: skip
    assert created
    wait_until(lambda: mail_server.messages, timeout=10)
    first = time.monotonic() - published
    wait_until(lambda: len(mail_server.messages) >= SUBSCRIBERS, timeout=100)
    everything = time.monotonic() - published
    wait_until(lambda: Mailing.objects.get(pk=mailing.pk).state == Mailing.State.SENT, timeout=30)
    time.sleep(0.5)  # anything sent twice would arrive by now
    total = time.monotonic() - published

    recipients = [address for addresses, _body in mail_server.messages for address in addresses]
    assert len(mail_server.messages) == SUBSCRIBERS
    assert len(recipients) == SUBSCRIBERS and len(set(recipients)) == SUBSCRIBERS
    assert set(recipients) == {f"resident{n}@example.org" for n in range(SUBSCRIBERS)}
    assert (
        Delivery.objects.filter(mailing=mailing, state=Delivery.State.SENT).count() == SUBSCRIBERS
    )
    assert Delivery.objects.count() == SUBSCRIBERS
    bodies = [body for _addresses, body in mail_server.messages]
    assert sum(b"Subject: Calle Main cerrada" in body for body in bodies) == spanish
    assert all(b"List-Unsubscribe-Post: List-Unsubscribe=One-Click" in body for body in bodies)
    assert all(b"List-Unsubscribe: <https://police.example.org/" in body for body in bodies)
    print(
        f"\nalerts scale: {SUBSCRIBERS} emails, {WORKERS} workers: first after {first:.3f} s, "
        f"all received after {everything:.1f} s, mailing sent after {total:.1f} s "
        f"({SUBSCRIBERS / everything:.0f} emails/s)"
    )
    assert first < 1.0
    assert everything < 90
