"""CSV exports for staff (sign-ups, registrations, reports): one format for all of them.

Every file starts with a UTF-8 byte order mark, so spreadsheet programs read names with accents
correctly; every cell a resident could have typed is made safe against formula injection; an
empty value is an empty cell. Exports hold personal data: never cached, anywhere.
"""

import csv
from collections.abc import Iterable

from django.http import HttpResponse
from django.utils.http import content_disposition_header

# Spreadsheets run cells that start with these as formulas (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_response(filename: str, header: Iterable, rows: Iterable[Iterable]) -> HttpResponse:
    """A CSV download: the header row, then each row, every cell through ``csv_safe``."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["Cache-Control"] = "private, no-store"
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow([csv_safe(label) for label in header])
    for row in rows:
        writer.writerow([csv_safe(value) for value in row])
    return response
