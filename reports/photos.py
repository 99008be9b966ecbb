"""Evidence photos: a cheap check in the request, the full clean-up in the tasks worker.

In the request (reports.operations ``draft_add_photos`` and ``report_add_information``):

1. ``check_upload``: core.images.check_image, the site's one image check. By content only
   (JPEG, PNG or WebP), at most ``MAX_BYTES``, at most ``MAX_PIXELS`` as the header states
   them; no pixel is decoded, so a request never pays for a large or hostile image;
2. ``store_original``: the upload as it came, under a random name in the private storage's
   ``quarantine/`` folder, which nobody is ever shown; the photo row is "received".

In the worker (reports.tasks.process_photo), ``clean_photo`` decodes the original once, turns
it upright by its EXIF orientation, converts it to sRGB if it embeds a colour profile and
re-encodes it (JPEG at quality 85, or PNG when it has transparency) with no metadata at all:
no EXIF (GPS included), XMP, comments or colour profile. The result is stored under a random
name; the row becomes "ready" and the quarantine copy is deleted. A photo that cannot be
cleaned becomes "failed", with the reason, and its quarantine copy is deleted too.
"""

import json
import logging
import math
import secrets
import signal
import subprocess
import sys
import uuid
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.images import MAX_PIXELS, MAX_UPLOAD_BYTES, ImageHeader, check_image, upload_display_name
from reports import photo_child
from reports.models import PhotoFailure, PhotoState, private_storage

logger = logging.getLogger(__name__)

# The same limits as every image upload on the site (core/images.py).
MAX_BYTES = MAX_UPLOAD_BYTES
MAX_PHOTOS = 5
JPEG_QUALITY = 85

QUARANTINE = "quarantine"
DRAFT_FOLDER = "drafts"
REPORT_FOLDER = "reports"
# Every folder the photos' files live in: the orphan sweep (purge_reports) looks only here.
PHOTO_FOLDERS = (QUARANTINE, DRAFT_FOLDER, REPORT_FOLDER)

# Other apps' photo models built on PhotoFields (their uploads wait in the same quarantine):
# "app_label.Model" -> the folder of its cleaned files. The sweep counts their files as named.
other_photo_models: dict[str, str] = {}


def register_photo_model(label: str, *, folder: str) -> None:
    """Called in the app's ``AppConfig.ready()`` (concerns), so purge_reports sweeps its
    folder too and never takes its waiting uploads for orphans."""
    other_photo_models[label] = folder


# Bounds of the child process that decodes one photo: settings REPORTS_PHOTO_MEMORY_MB (1024)
# and REPORTS_PHOTO_TIMEOUT_SECONDS (30). Measured on 40-megapixel files (the largest allowed)
# turned upright: JPEG and PNG need about 370 MiB of address space, WebP about 680 MiB
# (Pillow's decoder holds more copies), and 1 to 4 seconds of CPU on one core.

NOT_STORED = _(
    "We could not store your photo just now. Your other answers are saved: try adding the "
    "photo again in a few minutes."
)
UPLOAD_KEY_BYTES = 16


def new_upload_key() -> str:
    """A fresh random key for one upload form (see PhotoFields.upload_key)."""
    return secrets.token_urlsafe(UPLOAD_KEY_BYTES)


# --- In the request -----------------------------------------------------------------------------


@dataclass(frozen=True)
class CheckedUpload:
    upload: object
    header: ImageHeader

    @property
    def display_name(self) -> str:
        return upload_display_name(self.upload)[:100]

    def row_fields(self) -> dict:
        """A received photo's fields: the upload's own type, size and header dimensions."""
        return {
            "content_type": self.header.content_type,
            "width": self.header.width,
            "height": self.header.height,
            "size": self.upload.size,
        }


def check_upload(upload) -> CheckedUpload:
    """The cheap check (core.images.check_image). Raises ValidationError naming the file."""
    return CheckedUpload(upload=upload, header=check_image(upload))


def check_uploads(uploads) -> tuple[list[tuple[int, CheckedUpload]], list[ValidationError]]:
    """(index in the post, checked upload) for those accepted, and the refusals."""
    accepted, refused = [], []
    for index, upload in enumerate(uploads):
        try:
            accepted.append((index, check_upload(upload)))
        except ValidationError as error:
            refused.append(error)
    return accepted, refused


class PhotoNotStored(Exception):
    """The private storage refused a file (a full disk, a storage that is down). Nothing of
    the file is left behind."""


def _save_new(folder: str, extension: str, content) -> str:
    """Save under a new random name. On a storage error, remove whatever was written of it
    (FileSystemStorage leaves a partial file when the disk fills) and raise PhotoNotStored."""
    storage = private_storage()
    name = f"{folder}/{uuid.uuid4().hex}.{extension}"
    try:
        return storage.save(name, content)
    except OSError as error:
        logger.error("Could not store a photo (%s, errno %s)", type(error).__name__, error.errno)
        delete_stored([name])  # a new random name: anything there is our own partial file
        raise PhotoNotStored from error


def store_original(checked: CheckedUpload) -> str:
    """The upload, as it came, in quarantine. Returns the stored name; raises PhotoNotStored."""
    checked.upload.seek(0)
    return _save_new(QUARANTINE, checked.header.extension, checked.upload)


# A photo still "received" this long after its upload lost its task (a worker killed mid-task
# leaves it unfinished for good); a stored file no row names this long after is an orphan.
STALE_AFTER = timedelta(hours=1)


def requeue_stalled(models, queue_processing, *, now=None, dry_run: bool = False) -> int:
    """Queue again, with ``queue_processing(photo)``, the photos of ``models`` still "received"
    STALE_AFTER after their upload, each in a transaction of its own. The task counts the
    attempts and marks a photo failed after MAX_PROCESSING_ATTEMPTS. Returns how many were
    (or would be) queued."""
    cutoff = (now or timezone.now()) - STALE_AFTER
    count = 0
    for model in models:
        for photo in model.objects.filter(state=PhotoState.RECEIVED, created_at__lt=cutoff):
            if not dry_run:
                with transaction.atomic():
                    queue_processing(photo)
            count += 1
    return count


def delete_stored(names) -> None:
    """Delete stored files, going on past any error: the orphan sweep removes what remains."""
    storage = private_storage()
    for name in names:
        if not name:
            continue
        try:
            storage.delete(name)
        except OSError as error:
            logger.warning("Could not delete a stored photo (%s)", type(error).__name__)


# --- In the worker --------------------------------------------------------------------------


@dataclass(frozen=True)
class CleanPhoto:
    data: bytes
    content_type: str
    width: int
    height: int

    @property
    def extension(self) -> str:
        return "png" if self.content_type == "image/png" else "jpg"


class PhotoFailed(Exception):
    """The photo cannot be cleaned; ``reason`` is a PhotoFailure. Retrying will not help."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class DecoderDidNotRun(Exception):
    """The child process failed for a reason of its own (it could not start or import
    Pillow), not because of the photo: worth another attempt later."""


CHILD_EXIT_REASONS = {
    photo_child.EXIT_DAMAGED: PhotoFailure.DAMAGED,
    photo_child.EXIT_TOO_MANY_PIXELS: PhotoFailure.TOO_MANY_PIXELS,
    photo_child.EXIT_OUT_OF_MEMORY: PhotoFailure.OUT_OF_MEMORY,
    # Signals: past RLIMIT_CPU (SIGXCPU, then SIGKILL at the hard limit).
    -signal.SIGXCPU: PhotoFailure.TIMED_OUT,
    -signal.SIGKILL: PhotoFailure.TIMED_OUT,
}


def processing_limits() -> tuple[int, float]:
    """(address space in bytes, wall-clock seconds) allowed to one photo."""
    memory_mb = settings.REPORTS_PHOTO_MEMORY_MB
    timeout = settings.REPORTS_PHOTO_TIMEOUT_SECONDS
    return int(memory_mb) * 1024 * 1024, float(timeout)


def clean_photo(data: bytes) -> CleanPhoto:
    """Decode and re-encode ``data`` (reports/photo_child.py). Raises PhotoFailed.

    The decode runs in a child process, never in the worker itself: Pillow's decoders are C
    code that a timeout in this process could not interrupt, and a memory limit here would
    bind the whole worker. The child is a fresh interpreter (not a fork of the worker, which
    would share its memory, threads and database connections) started with ``-I`` so its
    environment cannot change what it imports. It sets its own limits before it reads a
    pixel: RLIMIT_AS, so an allocation past the memory budget fails instead of swapping the
    machine; RLIMIT_CPU, so it stops even if this process dies. Here, ``subprocess.run``
    kills it (SIGKILL) once the wall-clock timeout passes, whatever it is doing. The pixel
    limit was checked from the header in the request and is checked again before decoding.
    """
    memory, timeout = processing_limits()
    command = [
        sys.executable,
        "-I",  # isolated: no PYTHON* variables, no user site, not the current folder
        "-B",  # it writes nothing, not even bytecode
        str(Path(photo_child.__file__)),
        str(memory),
        str(math.ceil(timeout) + 1),  # CPU seconds: a backstop behind the wall clock
        str(MAX_PIXELS),
        str(JPEG_QUALITY),
    ]
    try:
        done = subprocess.run(  # noqa: S603 - our interpreter, our script, numbers
            command, input=data, capture_output=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired:
        raise PhotoFailed(PhotoFailure.TIMED_OUT) from None
    if done.returncode in CHILD_EXIT_REASONS:
        raise PhotoFailed(CHILD_EXIT_REASONS[done.returncode])
    if done.returncode < 0:  # another signal: a decoder crashed on this file
        logger.warning("The photo decoder ended by signal %s", -done.returncode)
        raise PhotoFailed(PhotoFailure.DAMAGED)
    if done.returncode != 0:
        # Only the last line of Python's traceback: it names the error, not the photo.
        last_line = done.stderr.decode(errors="replace").strip().rsplit("\n", 1)[-1][:300]
        raise DecoderDidNotRun(f"status {done.returncode}: {last_line}")
    header, _newline, result = done.stdout.partition(b"\n")
    details = json.loads(header)
    return CleanPhoto(
        data=result,
        content_type=details["content_type"],
        width=details["width"],
        height=details["height"],
    )


def store_clean(clean: CleanPhoto, *, folder: str) -> str:
    """The cleaned photo under a new random name. Raises PhotoNotStored."""
    return _save_new(folder, clean.extension, ContentFile(clean.data))
