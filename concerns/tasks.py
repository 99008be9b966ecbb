"""The concern photo's background task: clean one received photo with the report's pipeline.

reports/photos.py does the work (``clean_photo`` in a bounded child process, metadata stripped,
``store_clean`` under a random name); concerns.operations records the result on the
ConcernPhoto under a row lock, as reports.tasks does for a report's photos. Safe to run twice
or late: only a photo still "received" is processed.
"""

import logging
from datetime import timedelta

from django.tasks import task
from django.utils import timezone

from concerns import operations
from reports import photos
from reports.models import PhotoFailure

logger = logging.getLogger(__name__)

RETRY_DELAYS = (30, 300, 1800)


class PhotoNotProcessed(Exception):
    """One attempt failed for a reason that may pass; another attempt is queued."""


@task()
def process_concern_photo(photo_id: str) -> str:
    started = operations.photo_start_processing(photo_id=photo_id)
    if started is None:
        return "nothing to do"
    original, attempt = started
    try:
        with photos.private_storage().open(original, "rb") as file:
            data = file.read()
        clean = photos.clean_photo(data)
        name = photos.store_clean(clean, folder=operations.PHOTO_FOLDER)
    except photos.PhotoFailed as failed:
        operations.photo_mark_failed(photo_id=photo_id, failure=failed.reason)
        return "failed"
    except (OSError, photos.PhotoNotStored, photos.DecoderDidNotRun) as error:
        return retry_or_fail(photo_id, attempt, error)
    try:
        recorded = operations.photo_mark_ready(photo_id=photo_id, clean=clean, name=name)
    except BaseException:
        photos.delete_stored([name])
        raise
    if not recorded:
        photos.delete_stored([name])
        return "nothing to do"
    return "ready"


def retry_or_fail(photo_id: str, attempt: int, error: Exception) -> str:
    reason = type(error).__name__
    backend = process_concern_photo.get_backend()
    if attempt < operations.MAX_PROCESSING_ATTEMPTS and backend.supports_defer:
        delay = RETRY_DELAYS[min(attempt, len(RETRY_DELAYS)) - 1]
        process_concern_photo.using(run_after=timezone.now() + timedelta(seconds=delay)).enqueue(
            photo_id
        )
        logger.warning("Could not process concern photo %s (%s); retrying", photo_id, reason)
        raise PhotoNotProcessed(f"photo {photo_id}: {reason} (attempt {attempt}, retry queued)")
    logger.error("Could not process concern photo %s (%s); giving up", photo_id, reason)
    failure = PhotoFailure.GAVE_UP if isinstance(error, photos.DecoderDidNotRun) else None
    operations.photo_mark_failed(photo_id=photo_id, failure=failure or PhotoFailure.STORAGE)
    return "failed"
