"""The signed links in a requester's emails (django.core.signing), absolute on DJANGO_SITE_URL.

A token names the request's id and a random key, never the reference or anything personal.
Each purpose has its own salt, so a confirmation token downloads nothing and the other way
round:

- ``CONFIRM``: confirms the email address; it names the request's ``key`` and works for
  RECORDS_CONFIRM_DAYS days.
- ``DOWNLOAD``: the document's link; it names the request's ``document_key``, which a new
  document replaces (an older link then stops working), and works for RECORDS_DOWNLOAD_DAYS.
"""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import translation

from core import links
from records.models import RecordRequest

CONFIRM = "records.confirm-email"
DOWNLOAD = "records.download"
URL_NAMES = {CONFIRM: "records:confirm", DOWNLOAD: "records:download"}


class TokenExpired(Exception):
    pass


class TokenInvalid(Exception):
    """Tampered, cut short, another purpose's, or for a request or document since replaced."""


def max_age(purpose: str) -> timedelta:
    days = settings.RECORDS_CONFIRM_DAYS if purpose == CONFIRM else settings.RECORDS_DOWNLOAD_DAYS
    return timedelta(days=days)


def _key(record_request: RecordRequest, purpose: str) -> str:
    return record_request.key if purpose == CONFIRM else record_request.document_key


def make(record_request: RecordRequest, purpose: str) -> str:
    return signing.dumps(
        [record_request.pk, _key(record_request, purpose)], salt=purpose, compress=True
    )


def request_for(token: str, purpose: str) -> RecordRequest:
    """The request a token names; TokenExpired or TokenInvalid."""
    try:
        pk, key = signing.loads(token, salt=purpose, max_age=max_age(purpose))
    except signing.SignatureExpired:
        raise TokenExpired from None
    except (signing.BadSignature, ValueError, TypeError):
        raise TokenInvalid from None
    if not isinstance(pk, int) or not isinstance(key, str) or not key:
        raise TokenInvalid
    record_request = RecordRequest.objects.filter(pk=pk).first()
    if record_request is None or _key(record_request, purpose) != key:
        raise TokenInvalid
    return record_request


def url(record_request: RecordRequest, purpose: str) -> str:
    """The link's absolute URL, in the requester's language."""
    with translation.override(record_request.language):
        path = reverse(URL_NAMES[purpose], kwargs={"token": make(record_request, purpose)})
    return links.absolute_url(path)
