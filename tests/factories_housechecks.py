"""Factories for vacation house checks (issue 15, item 2), in the two small districts of
tests/factories_concerns.py (``two_districts``: Boundary St 1-99 in Westside, 100-199 in
Eastside)."""

from datetime import timedelta

import factory
from django.utils import timezone

from housechecks.models import HouseCheck, HouseCheckVisit
from tests.factories_concerns import DistrictFactory, two_districts  # noqa: F401 (re-exported)

WEST_ADDRESS = "42 Boundary St, Cary, NC 27511"
EAST_ADDRESS = "142 Boundary Street"
UNROUTED_ADDRESS = "7 Nowhere Lane"

# Personal details no row may keep after the purge.
NAME = "Morgan Quill-Harrow"
EMAIL = "morgan.quill@example.org"
PHONE = "(919) 555-0177"
ADDRESS = "77 Boundary St"


class HouseCheckFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HouseCheck

    reference = factory.Sequence(lambda n: f"HC-FACTRY{n:04d}")
    address = factory.Sequence(lambda n: f"{n + 1} Boundary St")
    leave_date = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=1))
    return_date = factory.LazyAttribute(lambda check: check.leave_date + timedelta(days=7))
    resident_name = "Sam Sample"
    email = "sam@example.org"
    phone = "(919) 555-0100"
    emergency_name = "Pat Contact"
    emergency_phone = "(919) 555-0111"


class VisitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HouseCheckVisit

    house_check = factory.SubFactory(HouseCheckFactory)
    visited_at = factory.LazyFunction(timezone.now)
    outcome = HouseCheckVisit.Outcome.ALL_SECURE
