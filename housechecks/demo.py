"""Demo house checks in the demo districts: samples (``is_sample``), sent through the
operations as residents and officers would. Addresses are on the sample streets of
districts/demo.py, so each routes to its district: some checks are active today, one starts
next week, and one is over, with its visits recorded and its summary still to send. Loading
adds only what is missing (by address); nothing is loaded until the districts' demo has made
its sample districts. Dates are relative to the day the demo is loaded."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from districts.models import District
from housechecks import operations
from housechecks.models import HouseCheck, HouseCheckVisit, today

# (address, days from today to the leave date, days away, fields, visits: (day, hour, outcome))
CHECKS = [
    (
        "101 High House Rd, Cary, NC",  # District 1
        -3,
        10,
        {
            "resident_name": "Sample Resident One",
            "has_alarm": True,
            "alarm_company": "Sample Alarm Co.",
            "vehicles": "Sample: grey sedan in the driveway",
            "notes": "Sample: porch lights on a timer, 7 pm to 11 pm.",
        },
        [(-2, 21, HouseCheckVisit.Outcome.ALL_SECURE)],
    ),
    (
        "200 N Academy St, Cary, NC",  # District 2
        -1,
        7,
        {
            "resident_name": "Sample Resident Two",
            "key_holder_name": "Sample Neighbor",
            "key_holder_phone": "(919) 555-0142",
            "notes": "Sample: a house sitter waters the plants on Tuesdays.",
        },
        [],
    ),
    (
        "300 Tryon Rd, Cary, NC",  # District 3
        0,
        14,
        {"resident_name": "Sample Resident Three", "vehicles": "Sample: none"},
        [],
    ),
    (
        "500 Walnut St, Cary, NC",  # District 3, starts next week
        7,
        5,
        {"resident_name": "Sample Resident Four"},
        [],
    ),
    (
        "150 W Chatham St, Cary, NC",  # District 1, over: back two days ago
        -12,
        10,
        {"resident_name": "Sample Resident Five", "has_alarm": True},
        [
            (-11, 14, HouseCheckVisit.Outcome.ALL_SECURE),
            (-8, 22, HouseCheckVisit.Outcome.TO_REPORT),
            (-4, 10, HouseCheckVisit.Outcome.ALL_SECURE),
        ],
    ),
]


def _at(day, hour):
    return timezone.make_aware(datetime.combine(day, time(hour)))


def load() -> int:
    if not District.objects.filter(is_sample=True).exists():
        return 0
    created = 0
    start = today()
    for address, leave_in, days, fields, visits in CHECKS:
        if HouseCheck.objects.filter(is_sample=True, address=address).exists():
            continue
        leave = start + timedelta(days=leave_in)
        check = operations.house_check_submit(
            address=address,
            leave_date=leave,
            return_date=leave + timedelta(days=days),
            email="sample.resident@example.org",
            phone="(919) 555-0100",
            emergency_name="Sample Contact",
            emergency_phone="(919) 555-0199",
            is_sample=True,
            **fields,
        )
        for day, hour, outcome in visits:
            note = "Sample: side gate found open, closed it." if outcome == "to_report" else ""
            operations.visit_record(
                check=check,
                actor=None,
                visited_at=_at(start + timedelta(days=day), hour),
                outcome=outcome,
                note=note,
                note_for_resident=bool(note),
            )
        created += 1
    return created
