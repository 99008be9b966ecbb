"""The references residents follow their requests with (core/references.py)."""

import pytest
from django.db import IntegrityError

from concerns.models import Concern
from core import references
from tests.factories_concerns import ConcernFactory


def test_normalise_reference_reads_what_people_type():
    assert references.normalise_reference(" tip abcd 2345 xy ", "TIP-") == "TIP-ABCD2345XY"
    assert references.normalise_reference("ABCD\u20132345\u2013XY", "TIP-") == "TIP-ABCD2345XY"
    assert references.normalise_reference("REC-ABCD2345XY", "TIP-") == "REC-ABCD2345XY"


@pytest.mark.django_db
def test_a_reference_that_is_taken_gives_way_to_a_fresh_one(monkeypatch):
    taken = ConcernFactory()
    fresh = "TIP-FRESH23456"
    made = iter([taken.reference, fresh])
    monkeypatch.setattr(references, "new_reference", lambda prefix: next(made))
    fields = {"kind": Concern.Kind.OTHER, "location": "Town Hall", "description": "A test."}
    concern = references.create_with_new_reference(Concern, "TIP-", {**fields, "anonymous": True})
    assert concern.reference == fresh
    assert Concern.objects.filter(reference=taken.reference).count() == 1


@pytest.mark.django_db
def test_a_reference_always_taken_is_an_error_not_a_duplicate(monkeypatch):
    taken = ConcernFactory()
    monkeypatch.setattr(references, "new_reference", lambda prefix: taken.reference)
    fields = {"kind": Concern.Kind.OTHER, "location": "Town Hall", "description": "A test."}
    with pytest.raises(IntegrityError):
        references.create_with_new_reference(Concern, "TIP-", {**fields, "anonymous": True})
    assert Concern.objects.count() == 1
