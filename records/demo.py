"""Demo requests for records: samples (``is_sample``, which send no email), sent through the
operations as residents and staff would, in each status. The fulfilled one has a one-page PDF
made here with pypdf. Loading adds only what is missing (by description)."""

import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from pypdf import PdfWriter

from records import documents, operations
from records.models import RecordRequest

Kind, Relationship, Status = RecordRequest.Kind, RecordRequest.Relationship, RecordRequest.Status

# (days before today it happened, submit fields, status to reach, refusal reason)
REQUESTS = [
    (
        3,
        {
            "kind": Kind.CRASH,
            "description": "Sample: two cars collided at the light; I drove the blue sedan.",
            "location": "Sample: Kildaire Farm Rd at Cary Pkwy",
            "requester_name": "Sample Driver",
            "requester_email": "sample.driver@example.org",
            "relationship": Relationship.DRIVER,
            "reason": "For my insurance claim.",
        },
        Status.RECEIVED,
        "",
    ),
    (
        12,
        {
            "kind": Kind.INCIDENT,
            "description": "Sample: my bicycle was stolen from the garage.",
            "location": "Sample: a house on Walnut St",
            "case_number": "2026-004512",
            "requester_name": "Sample Resident",
            "requester_email": "sample.resident@example.org",
            "relationship": Relationship.INVOLVED,
        },
        Status.IN_PROGRESS,
        "",
    ),
    (
        30,
        {
            "kind": Kind.CRASH,
            "description": "Sample: a rear-end collision on the highway ramp.",
            "location": "Sample: US 1 ramp to Walnut St",
            "requester_name": "Sample Insurer",
            "requester_email": "claims@example.org",
            "relationship": Relationship.INSURER,
            "reason": "Claim 55-1234.",
        },
        Status.FULFILLED,
        "",
    ),
    (
        45,
        {
            "kind": Kind.OTHER,
            "description": "Sample: the investigation file of a burglary next door.",
            "location": "Sample: Maynard Rd",
            "requester_name": "Sample Neighbor",
            "requester_email": "sample.neighbor@example.org",
            "relationship": Relationship.OTHER,
        },
        Status.REFUSED,
        "Records of a criminal investigation are not public records under North Carolina law "
        "(N.C.G.S. 132-1.4). You can ask for the incident report's public information instead.",
    ),
]


def sample_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=612, height=792)  # US Letter
    writer.add_metadata({"/Title": "Sample crash report (demo)"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def load() -> int:
    created = 0
    today = timezone.localdate()
    for days, fields, status, refusal in REQUESTS:
        if RecordRequest.objects.filter(is_sample=True, description=fields["description"]).exists():
            continue
        record_request = operations.record_request_submit(
            **fields, incident_date=today - datetime.timedelta(days=days), is_sample=True
        )
        if status != Status.RECEIVED:
            record_request = operations.record_request_confirm_email(record_request=record_request)
        if status in (Status.IN_PROGRESS, Status.FULFILLED, Status.REFUSED):
            record_request = operations.record_request_start(
                record_request=record_request, actor=None
            )
        if status == Status.FULFILLED:
            upload = SimpleUploadedFile("sample.pdf", sample_pdf(), "application/pdf")
            record_request = operations.record_request_attach_document(
                record_request=record_request,
                actor=None,
                document=documents.check_document(upload),
            )
            record_request = operations.record_request_download(record_request=record_request)
        if status == Status.REFUSED:
            operations.record_request_refuse(
                record_request=record_request, actor=None, reason=refusal
            )
        created += 1
    return created
