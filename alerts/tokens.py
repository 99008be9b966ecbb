"""The signed links in a subscriber's emails (django.core.signing), absolute on DJANGO_SITE_URL.

A token names the subscriber's id and their ``key`` and nothing personal. The confirmation link
expires (``CONFIRM_MAX_AGE``); the manage and unsubscribe links in every alert never do, so the
oldest email can still leave. Each purpose has its own salt: a manage token confirms nothing.
"""

from datetime import timedelta

from django.core import signing
from django.urls import reverse
from django.utils import translation

from alerts.models import Subscriber
from core import links

CONFIRM = "alerts.confirm"
MANAGE = "alerts.manage"
UNSUBSCRIBE = "alerts.unsubscribe"
CONFIRM_MAX_AGE = timedelta(days=7)
URL_NAMES = {CONFIRM: "alerts:confirm", MANAGE: "alerts:manage", UNSUBSCRIBE: "alerts:unsubscribe"}


class TokenExpired(Exception):
    pass


class TokenInvalid(Exception):
    pass


def make(subscriber: Subscriber, purpose: str) -> str:
    return signing.dumps([subscriber.pk, subscriber.key], salt=purpose, compress=True)


def subscriber_for(token: str, purpose: str) -> Subscriber:
    """The subscriber a token names; TokenExpired or TokenInvalid (tampered, another purpose's,
    or for a subscriber since deleted)."""
    max_age = CONFIRM_MAX_AGE if purpose == CONFIRM else None
    try:
        pk, key = signing.loads(token, salt=purpose, max_age=max_age)
    except signing.SignatureExpired:
        raise TokenExpired from None
    except (signing.BadSignature, ValueError, TypeError):
        raise TokenInvalid from None
    subscriber = Subscriber.objects.filter(pk=pk).first()
    if subscriber is None or not isinstance(key, str) or subscriber.key != key:
        raise TokenInvalid
    return subscriber


def url(subscriber: Subscriber, purpose: str, *, language: str | None = None) -> str:
    """The link's absolute URL, in the subscriber's language by default."""
    with translation.override(language or subscriber.language):
        path = reverse(URL_NAMES[purpose], kwargs={"token": make(subscriber, purpose)})
    return links.absolute_url(path)
