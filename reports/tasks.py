"""The evidence photos' background task: clean one received photo (reports/photos.py).

``process_photo`` is queued with the upload's own write (core.tasks): by the database backend
in the same transaction, by the immediate backend once it commits. It is safe to run twice or
late: only a photo still "received" is processed, the result is recorded under a row lock, and
a photo removed or sent meanwhile is looked up where it is now (a sent draft's photos keep their
ids in the report). A storage error is retried with growing delays; a photo that cannot be
cleaned is marked failed at once, with the reason, for staff to see.
"""

import logging
from datetime import timedelta

from django.tasks import task
from django.utils import timezone

from reports import operations, photos
from reports.models import PhotoFailure

logger = logging.getLogger(__name__)

# Seconds to wait before attempts 2, 3 and 4 after a storage error (or a decoder that did not
# start). operations.MAX_PROCESSING_ATTEMPTS counts every start, a killed worker's included.
RETRY_DELAYS = (30, 300, 1800)


class PhotoNotProcessed(Exception):
    """One attempt failed for a reason that may pass (storage, the decoder's start); another
    attempt is queued, or the photo is marked failed after the last one."""


@task()
def process_photo(photo_id: str) -> str:
    """Clean the photo ``photo_id``. Returns its state afterwards, for the task's result."""
    started = operations.photo_start_processing(photo_id=photo_id)
    if started is None:
        return "nothing to do"
    original, folder, attempt = started
    try:
        with photos.private_storage().open(original, "rb") as file:
            data = file.read()
        clean = photos.clean_photo(data)
        name = photos.store_clean(clean, folder=folder)
    except photos.PhotoFailed as failed:
        operations.photo_mark_failed(photo_id=photo_id, failure=failed.reason)
        return "failed"
    except (OSError, photos.PhotoNotStored, photos.DecoderDidNotRun) as error:
        return _retry_or_fail(photo_id, attempt, error)
    try:
        recorded = operations.photo_mark_ready(photo_id=photo_id, clean=clean, name=name)
    except BaseException:
        photos.delete_stored([name])
        raise
    if not recorded:  # removed, or processed by another run, meanwhile
        photos.delete_stored([name])
        return "nothing to do"
    return "ready"


def _retry_or_fail(photo_id: str, attempt: int, error: Exception) -> str:
    reason = type(error).__name__
    backend = process_photo.get_backend()
    if attempt < operations.MAX_PROCESSING_ATTEMPTS and backend.supports_defer:
        delay = RETRY_DELAYS[min(attempt, len(RETRY_DELAYS)) - 1]
        process_photo.using(run_after=timezone.now() + timedelta(seconds=delay)).enqueue(photo_id)
        logger.warning(
            "Could not process photo %s (%s), attempt %d; retrying in %d s",
            *(photo_id, reason, attempt, delay),
        )
        raise PhotoNotProcessed(f"photo {photo_id}: {reason} (attempt {attempt}, retry queued)")
    logger.error(
        "Could not process photo %s (%s), attempt %d; giving up", photo_id, reason, attempt
    )
    failure = PhotoFailure.STORAGE if not isinstance(error, photos.DecoderDidNotRun) else None
    operations.photo_mark_failed(photo_id=photo_id, failure=failure or PhotoFailure.GAVE_UP)
    return "failed"
