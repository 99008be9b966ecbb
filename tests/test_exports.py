"""The one CSV format of every staff export (core/exports.py)."""

import csv
import io

from core.exports import csv_response


def test_csv_starts_with_a_bom_escapes_formulas_and_leaves_empty_cells_empty():
    response = csv_response(
        "list.csv", ["Name", "Note"], [['=HYPERLINK("http://evil")', None], ["Ana Núñez", "-1"]]
    )
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(body.removeprefix("\ufeff"))))
    assert rows == [
        ["Name", "Note"],
        ['\'=HYPERLINK("http://evil")', ""],
        ["Ana Núñez", "'-1"],
    ]
    assert response["Content-Disposition"] == 'attachment; filename="list.csv"'
    assert "no-store" in response["Cache-Control"]
