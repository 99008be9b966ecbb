"""The documents staff attach to a request: a PDF, checked by its content, kept privately.

``check_document`` decides by what the file holds, never by its name or the browser's type:
at most RECORDS_DOCUMENT_MAX_MB, starting with ``%PDF-``, opened by pypdf, not encrypted (the
resident could not open it) and with at least one page. ``store`` writes it under a random name
in the private storage's "records/" folder, which has no URL; ``delete_stored`` removes files.
"""

import logging
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.utils.translation import gettext_lazy as _
from pypdf import PdfReader

from core.storage import private_storage

logger = logging.getLogger(__name__)

FOLDER = "records"
PDF_MAGIC = b"%PDF-"


class DocumentNotStored(Exception):
    """The private storage did not take the file (full disk, storage down)."""


@dataclass(frozen=True)
class CheckedDocument:
    upload: object  # the UploadedFile, rewound
    size: int
    pages: int


def max_bytes() -> int:
    return settings.RECORDS_DOCUMENT_MAX_MB * 1024 * 1024


def _refuse(message, code: str):
    raise ValidationError(message, code=code)


def check_document(upload) -> CheckedDocument:
    """The upload as a CheckedDocument, or ValidationError saying what is wrong with it."""
    size = upload.size or 0
    if size > max_bytes():
        _refuse(
            _("The file is larger than %(mb)s MB. Attach a smaller PDF.")
            % {"mb": settings.RECORDS_DOCUMENT_MAX_MB},
            "too_large",
        )
    upload.seek(0)
    if upload.read(len(PDF_MAGIC)) != PDF_MAGIC:
        _refuse(_("The file is not a PDF. Attach the record as a PDF file."), "not_pdf")
    upload.seek(0)
    try:
        reader = PdfReader(upload, strict=False)
        encrypted = reader.is_encrypted
        pages = 0 if encrypted else len(reader.pages)
    except Exception as error:  # pypdf raises many kinds on a damaged file
        logger.info("Refused a damaged PDF (%s)", type(error).__name__)
        _refuse(_("The PDF is damaged and cannot be opened. Save it again and attach it."), "bad")
    if encrypted:
        _refuse(
            _("The PDF is protected by a password. Attach a copy without a password."),
            "encrypted",
        )
    if pages < 1:
        _refuse(_("The PDF has no pages."), "no_pages")
    upload.seek(0)
    return CheckedDocument(upload=upload, size=size, pages=pages)


def store(checked: CheckedDocument) -> str:
    """Write the document under a random name in the private storage; its stored name."""
    name = f"{FOLDER}/{secrets.token_hex(16)}.pdf"
    checked.upload.seek(0)
    try:
        return private_storage.save(name, File(checked.upload))
    except OSError as error:
        logger.error("Could not store a record document (%s)", type(error).__name__)
        raise DocumentNotStored from None


def delete_stored(names) -> None:
    for name in names:
        if not name:
            continue
        try:
            private_storage.delete(name)
        except OSError as error:
            logger.warning("Could not delete a record document (%s)", type(error).__name__)
