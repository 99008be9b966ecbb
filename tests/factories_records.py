"""Factories for requests for copies of records (issue 15, item 1), and the PDFs staff attach:
real ones made with pypdf, an encrypted one, and files that only pretend to be PDFs."""

import datetime
import io

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfWriter

from records.models import RecordRequest
from tests.reports_support import png_with_metadata


class RecordRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RecordRequest

    reference = factory.Sequence(lambda n: f"REC-FACTRY{n:04d}")
    kind = RecordRequest.Kind.CRASH
    description = "Two cars collided at the light."
    incident_date = datetime.date(2026, 11, 20)
    location = "Kildaire Farm Rd at Cary Pkwy"
    requester_name = "Jamie Rivera"
    requester_email = "jamie@example.org"
    relationship = RecordRequest.Relationship.DRIVER


def pdf_bytes(pages: int = 1, password: str | None = None) -> bytes:
    writer = PdfWriter()
    for _page in range(pages):
        writer.add_blank_page(width=612, height=792)
    if password:
        writer.encrypt(password)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pdf_upload(name="record.pdf", data: bytes | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, pdf_bytes() if data is None else data, "application/pdf")


def png_named_pdf() -> SimpleUploadedFile:
    return SimpleUploadedFile("record.pdf", png_with_metadata(), "application/pdf")


def truncated_pdf() -> SimpleUploadedFile:
    return SimpleUploadedFile("record.pdf", pdf_bytes()[:60], "application/pdf")


def garbage_pdf() -> SimpleUploadedFile:
    return SimpleUploadedFile("record.pdf", b"%PDF-1.7\n" + b"\x00garbage" * 50, "application/pdf")


def encrypted_pdf() -> SimpleUploadedFile:
    return SimpleUploadedFile("record.pdf", pdf_bytes(password="s3cret"), "application/pdf")
