"""Find your district (issue 14, item 1): the street index and the boundaries find a
resident's district, staff upload boundaries (GeoJSON) and streets (CSV) all or nothing, and
the public pages show the map, the list and each district with its meetings and news."""

import io
import json
import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.registry import registry
from districts import operations
from districts.lookup import (
    district_for_address,
    district_for_point,
    normalise_street,
    parse_address,
)
from districts.maps import district_map
from districts.models import District, StreetRange
from tests.factories import EventFactory, NewsItemFactory
from tests.factories_districts import (
    EAST_HALF,
    WEST_HALF,
    DistrictFactory,
    StreetRangeFactory,
    square,
)

pytestmark = pytest.mark.django_db

BOUNDARY_URL = "/admin/districts/district/upload-boundaries/"
STREETS_URL = "/admin/districts/streetrange/import/"


@pytest.fixture
def two_districts():
    """District 1 west of Kildaire Farm Rd (its odd numbers), District 2 east (its even
    numbers); High House Rd 1-999 all in District 1, 1000-1999 in District 2."""
    west = DistrictFactory(number=1, boundary=WEST_HALF)
    east = DistrictFactory(number=2, boundary=EAST_HALF)
    StreetRangeFactory(street="KILDAIRE FARM RD", from_number=1, to_number=3999, parity="odd",
                       district=west)  # fmt: skip
    StreetRangeFactory(street="KILDAIRE FARM RD", from_number=2, to_number=3998, parity="even",
                       district=east)  # fmt: skip
    StreetRangeFactory(street="HIGH HOUSE RD", from_number=1, to_number=999, district=west)
    StreetRangeFactory(street="HIGH HOUSE RD", from_number=1000, to_number=1999, district=east)
    return west, east


# --- Normalising and parsing ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kildaire Farm Road", "KILDAIRE FARM RD"),
        ("kildaire farm rd.", "KILDAIRE FARM RD"),
        ("  KILDAIRE   FARM  RD ", "KILDAIRE FARM RD"),
        ("North Academy Street", "N ACADEMY ST"),
        ("N. Academy St", "N ACADEMY ST"),
        ("Walnut Street", "WALNUT ST"),
        ("Harrison Avenue", "HARRISON AVE"),
        ("Maynard Drive", "MAYNARD DR"),
        ("Oak Lane", "OAK LN"),
        ("Fox Court", "FOX CT"),
        ("Weston Parkway", "WESTON PKWY"),
        ("Cary Boulevard", "CARY BLVD"),
        ("Lake Circle", "LAKE CIR"),
        ("Pine Way", "PINE WAY"),
        ("Elm Place", "ELM PL"),
        ("Chatham Street West", "CHATHAM ST W"),
        ("East Chatham Street", "E CHATHAM ST"),
        ("SE Maynard Rd", "SE MAYNARD RD"),
        # A word that is a suffix only at the start stays: "Court Street" is COURT ST.
        ("Court Street", "COURT ST"),
    ],
)
def test_normalise_street(text, expected):
    assert normalise_street(text) == expected


@pytest.mark.parametrize(
    ("address", "number", "street"),
    [
        ("1234 Kildaire Farm Road", 1234, "KILDAIRE FARM RD"),
        ("1234 Kildaire Farm Road, Cary, NC 27511", 1234, "KILDAIRE FARM RD"),
        ("1234 kildaire farm rd cary nc 27511", 1234, "KILDAIRE FARM RD"),
        ("316 N. Academy St., Cary, NC 27513-1234", 316, "N ACADEMY ST"),
        ("316 North Academy Street Apt 4B", 316, "N ACADEMY ST"),
        ("316 N Academy St, Suite 200, Cary, NC", 316, "N ACADEMY ST"),
        ("316 N Academy St #12", 316, "N ACADEMY ST"),
        ("120 Wilkinson Ave Unit 3, Cary NC", 120, "WILKINSON AVE"),
    ],
)
def test_parse_address(address, number, street):
    parsed = parse_address(address)
    assert (parsed.number, parsed.street) == (number, street)


@pytest.mark.parametrize("address", ["", "Kildaire Farm Road", "Cary, NC", "12", "x" * 300])
def test_unreadable_addresses_parse_to_none(address):
    assert parse_address(address) is None
    assert district_for_address(address) is None


# --- Lookup --------------------------------------------------------------------------------


def test_addresses_on_both_sides_of_a_boundary_street(two_districts):
    west, east = two_districts
    assert district_for_address("101 Kildaire Farm Rd") == west
    assert district_for_address("102 Kildaire Farm Road, Cary, NC 27511") == east
    assert district_for_address("3999 KILDAIRE FARM RD") == west
    assert district_for_address("3998 kildaire farm road") == east
    assert district_for_address("4001 Kildaire Farm Rd") is None  # past the ranges


def test_number_ranges_pick_the_district(two_districts):
    west, east = two_districts
    assert district_for_address("999 High House Rd") == west
    assert district_for_address("1000 High House Road Apt 2") == east
    assert district_for_address("2000 High House Rd") is None
    assert district_for_address("5 Nowhere Ln") is None


def test_an_odd_or_even_range_wins_over_one_for_all_numbers(two_districts):
    west, east = two_districts
    StreetRangeFactory(street="WALNUT ST", from_number=1, to_number=999, district=west)
    StreetRangeFactory(street="WALNUT ST", from_number=500, to_number=599, parity="even",
                       district=east)  # fmt: skip
    assert district_for_address("510 Walnut St") == east
    assert district_for_address("511 Walnut St") == west


def test_points_on_each_side_of_a_polygon_edge(two_districts):
    west, east = two_districts
    assert district_for_point(35.78, -78.8001) == west
    assert district_for_point(35.78, -78.7999) == east
    assert district_for_point(35.90, -78.80) is None  # north of Cary
    assert district_for_point(999, 0) is None
    assert district_for_point("x", "y") is None


def test_point_lookup_follows_a_changed_boundary(two_districts):
    west, _east = two_districts
    assert district_for_point(35.78, -78.85) == west
    west.boundary = square(-79.5, 35.0, -79.4, 35.1)
    west.save()
    assert district_for_point(35.78, -78.85) is None
    assert district_for_point(35.05, -79.45) == west


def test_point_lookup_reads_the_boundaries_once_per_change(
    two_districts, django_assert_num_queries
):
    west, _east = two_districts
    district_for_point(35.78, -78.85)
    with django_assert_num_queries(2):  # the version, the district found
        assert district_for_point(35.78, -78.85) == west


def test_street_names_are_normalised_on_save(two_districts):
    west, _east = two_districts
    street = StreetRange.objects.create(
        street="Oak Lane", from_number=1, to_number=9, district=west
    )
    assert street.street == "OAK LN"


# --- Boundary upload ---------------------------------------------------------------------------


def feature(district, geometry):
    return {"type": "Feature", "properties": {"district": district}, "geometry": geometry}


def collection(*features):
    return json.dumps({"type": "FeatureCollection", "features": list(features)}).encode()


def upload(client, url, content: bytes, name="file.geojson"):
    file = io.BytesIO(content)
    file.name = name
    return client.post(url, {"file": file})


def boundaries():
    return dict(District.objects.values_list("slug", "boundary"))


def problems(response) -> str:
    html = response.content.decode()
    assert 'id="upload-problems"' in html or "errorlist" in html, html[:2000]
    return re.sub(r"\s+", " ", html)


def test_a_valid_boundary_file_replaces_every_boundary(editor_client, two_districts):
    west, _east = two_districts
    third = DistrictFactory(number=3, boundary=square(-78.7, 35.7, -78.6, 35.8))
    new_west = square(-78.95, 35.70, -78.80, 35.85)
    content = collection(feature("district-1", new_west), feature(2, EAST_HALF))
    response = upload(editor_client, BOUNDARY_URL, content)
    assert response.status_code == 302
    assert boundaries() == {"district-1": new_west, "district-2": EAST_HALF, "district-3": None}
    messages = editor_client.get(response.url).content.decode()
    assert "2 district boundaries updated." in messages
    assert district_for_point(35.71, -78.90) == west
    assert district_for_point(35.75, -78.65) is None  # District 3 has no boundary now
    assert third.pk


def test_a_multipolygon_is_accepted(editor_client, two_districts):
    parts = {
        "type": "MultiPolygon",
        "coordinates": [
            square(-78.90, 35.73, -78.85, 35.75)["coordinates"],
            square(-78.84, 35.73, -78.80, 35.75)["coordinates"],
        ],
    }
    content = collection(feature("district-1", parts), feature("district-2", EAST_HALF))
    assert upload(editor_client, BOUNDARY_URL, content).status_code == 302
    assert District.objects.get(number=1).boundary == parts


BOWTIE = {
    "type": "Polygon",
    "coordinates": [[[-78.9, 35.7], [-78.8, 35.8], [-78.8, 35.7], [-78.9, 35.8], [-78.9, 35.7]]],
}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"this is not json {", "The file is not JSON"),
        (b"\xff\xfe\x00garbage", "The file is not JSON"),
        (json.dumps({"type": "Feature"}).encode(), "not a GeoJSON FeatureCollection"),
        (json.dumps([1, 2]).encode(), "not a GeoJSON FeatureCollection"),
        (collection(), "has no features"),
        (
            collection(feature("district-1", {"type": "Point", "coordinates": [-78.8, 35.7]})),
            "Feature 1 (district &quot;district-1&quot;) is not a Polygon or MultiPolygon.",
        ),
        (
            collection(feature("district-1", WEST_HALF), feature("district-2", BOWTIE)),
            "Feature 2 (district &quot;district-2&quot;) is not a valid polygon (Self-intersection",
        ),
        (
            collection(feature("district-9", WEST_HALF)),
            "Feature 1 (district &quot;district-9&quot;) names no district on the site",
        ),
        (
            collection({"type": "Feature", "properties": {}, "geometry": WEST_HALF}),
            "Feature 1 has no &quot;district&quot; property",
        ),
        (
            collection(feature("district-1", WEST_HALF), feature(1, EAST_HALF)),
            "Feature 2: District 1 is in the file twice.",
        ),
        (
            collection(feature("district-1", square(35.73, -78.90, 35.83, -98.80))),
            "has coordinates outside longitude -180 to 180 and latitude -90 to 90",
        ),
        (
            collection(feature("district-1", {"type": "Polygon", "coordinates": [[[1, 2]]]})),
            "Feature 1 (district &quot;district-1&quot;) has coordinates that do not make a",
        ),
        (
            collection(feature("district-1", {"type": "Polygon", "coordinates": "x"})),
            "has coordinates that do not make a polygon",
        ),
    ],
    ids=[
        "not-json",
        "not-text",
        "wrong-type",
        "a-list",
        "no-features",
        "a-point",
        "self-intersecting",
        "unknown-district",
        "no-district",
        "district-twice",
        "swapped-coordinates",
        "too-few-points",
        "coordinates-not-a-list",
    ],
)
def test_a_malformed_boundary_file_is_refused_and_changes_nothing(
    editor_client, two_districts, content, message
):
    before = boundaries()
    response = upload(editor_client, BOUNDARY_URL, content)
    assert response.status_code == 200
    assert message in problems(response)
    assert "nothing changed" in response.content.decode()
    assert boundaries() == before


def test_every_problem_of_a_boundary_file_is_listed(editor_client, two_districts):
    content = collection(feature("district-7", WEST_HALF), feature("district-2", BOWTIE))
    page = problems(upload(editor_client, BOUNDARY_URL, content))
    assert "Feature 1 (district &quot;district-7&quot;)" in page
    assert "Feature 2 (district &quot;district-2&quot;) is not a valid polygon" in page


def test_a_boundary_file_too_large_is_refused(editor_client, two_districts, monkeypatch):
    monkeypatch.setattr(operations, "MAX_BOUNDARY_BYTES", 1000)
    before = boundaries()
    content = collection(feature("district-1", WEST_HALF)) + b" " * 2000
    response = upload(editor_client, BOUNDARY_URL, content)
    assert "The file is larger than" in response.content.decode()
    assert boundaries() == before
    # The real limit: 2 MB, checked before the file is read.
    monkeypatch.undo()
    response = upload(editor_client, BOUNDARY_URL, b" " * (2 * 1024 * 1024 + 1))
    assert "The file is larger than 2 MB." in response.content.decode()
    assert boundaries() == before


# --- Street CSV import -------------------------------------------------------------------------


def streets():
    return sorted(
        StreetRange.objects.values_list(
            "street", "from_number", "to_number", "parity", "district__slug"
        )
    )


def test_a_valid_street_file_replaces_the_streets_of_the_districts_it_lists(
    editor_client, two_districts
):
    west, east = two_districts
    third = DistrictFactory(number=3)
    StreetRangeFactory(street="TRYON RD", from_number=1, to_number=99, district=third)
    content = (
        b"street,from,to,parity,district\n"
        b"Kildaire Farm Road,1,1999,odd,district-1\n"
        b'"Kildaire Farm Road",2,1998,even,2\n'
        b"\n"
        b"north academy street,1,999,ALL,district-2\n"
        b"Walnut St,10,20,,1\n"
    )
    response = upload(editor_client, STREETS_URL, content, name="streets.csv")
    assert response.status_code == 302
    assert streets() == [
        ("KILDAIRE FARM RD", 1, 1999, "odd", "district-1"),
        ("KILDAIRE FARM RD", 2, 1998, "even", "district-2"),
        ("N ACADEMY ST", 1, 999, "all", "district-2"),
        ("TRYON RD", 1, 99, "all", "district-3"),  # District 3 is not in the file: kept
        ("WALNUT ST", 10, 20, "all", "district-1"),
    ]
    assert "4 street ranges imported." in editor_client.get(response.url).content.decode()
    assert district_for_address("316 N Academy St, Cary, NC 27513") == east
    assert district_for_address("15 Walnut Street") == west


@pytest.mark.parametrize(
    ("content", "messages"),
    [
        (b"street;from;to\n", ["Line 1 must be the header: street,from,to,parity,district."]),
        (b"", ["The submitted file is empty."]),
        (b"street,from,to,parity,district\n", ["The file has no streets after its header."]),
        (b"\xff\xfe\xfa", ["The file is not text in UTF-8"]),
        (
            b"street,from,to,parity,district\n"
            b"Oak Ln,1,99,all,district-1\n"
            b"Oak Ln,1,99,all\n"
            b",1,99,all,district-1\n"
            b"Oak Ln,one,99,all,district-1\n"
            b"Oak Ln,100,99,all,district-1\n"
            b"Oak Ln,1,99,both,district-1\n"
            b"Oak Ln,1,99,all,district-9\n"
            b"Oak Ln,-5,99,all,district-1\n",
            [
                "Line 3 has 4 fields; it needs 5: street,from,to,parity,district.",
                "Line 4: the street field is empty.",
                "Line 5: from is not a whole number (one).",
                "Line 6: from (100) is greater than to (99).",
                "Line 7: parity must be all, odd or even (not both).",
                "Line 8: no district district-9 (use a district&#x27;s slug or number).",
                "Line 9: from is not a whole number (-5).",
            ],
        ),
    ],
    ids=["wrong-header", "empty", "header-only", "not-utf8", "bad-lines"],
)
def test_a_malformed_street_file_is_refused_and_changes_nothing(
    editor_client, two_districts, content, messages
):
    before = streets()
    response = upload(editor_client, STREETS_URL, content, name="streets.csv")
    assert response.status_code == 200
    page = problems(response)
    for message in messages:
        assert message in page
    assert streets() == before


def test_a_street_file_too_large_or_too_long_is_refused(editor_client, two_districts, monkeypatch):
    before = streets()
    line = b"Oak Ln,1,99,all,district-1\n"
    monkeypatch.setattr(operations, "MAX_STREET_ROWS", 3)
    content = b"street,from,to,parity,district\n" + line * 4
    page = upload(editor_client, STREETS_URL, content, name="s.csv").content.decode()
    assert "The file has more than 3 lines." in page
    monkeypatch.undo()
    content = b"street,from,to,parity,district\n" + line * (2 * 1024 * 1024 // len(line) + 1)
    page = upload(editor_client, STREETS_URL, content, name="s.csv").content.decode()
    assert "The file is larger than 2 MB." in page
    assert streets() == before


# --- Permissions -------------------------------------------------------------------------------


@pytest.mark.parametrize("url", [BOUNDARY_URL, STREETS_URL])
def test_editors_and_superusers_may_upload(client, content_editor, superuser, url):
    for user in (content_editor, superuser):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200
        assert 'type="file"' in response.content.decode()


@pytest.mark.parametrize("url", [BOUNDARY_URL, STREETS_URL])
def test_staff_in_no_group_and_visitors_may_not_upload(client, staff_without_groups, url):
    district = DistrictFactory(number=1)
    content = collection(feature("district-1", WEST_HALF))
    response = upload(client, url, content)
    assert response.status_code == 302 and "/login/" in response.url
    client.force_login(staff_without_groups)
    assert client.get(url).status_code == 403
    assert upload(client, url, content).status_code == 403
    district.refresh_from_db()
    assert district.boundary is None


def test_content_editors_have_the_districts_permissions():
    editors = Group.objects.get(name="Content editors")
    codenames = set(
        editors.permissions.filter(content_type__app_label="districts").values_list(
            "codename", flat=True
        )
    )
    assert codenames == {
        f"{action}_{model}"
        for model in ("district", "streetrange")
        for action in ("add", "change", "delete", "view")
    }


def test_the_change_list_links_to_the_uploads(editor_client):
    page = editor_client.get(reverse("admin:districts_district_changelist")).content.decode()
    assert BOUNDARY_URL in page
    page = editor_client.get(reverse("admin:districts_streetrange_changelist")).content.decode()
    assert STREETS_URL in page


def test_only_superusers_see_and_set_district_staff(client, content_editor, superuser):
    district = DistrictFactory(number=1)
    url = reverse("admin:districts_district_change", args=[district.pk])
    client.force_login(content_editor)
    assert 'name="staff_members"' not in client.get(url).content.decode()
    client.force_login(superuser)
    assert 'name="staff_members"' in client.get(url).content.decode()
    data = {
        "name_en": "District 1",
        "name_es": "",
        "slug": "district-1",
        "number": 1,
        "description_en": "",
        "description_es": "",
        "captain_name": "Captain",
        "phone": "",
        "email": "",
        "display_order": 100,
        "boundary": "null",
        "staff_members": [content_editor.pk],
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert list(district.staff_members.all()) == [content_editor]
    # An editor saving the district leaves its staff as they are.
    client.force_login(content_editor)
    response = client.post(url, {**data, "captain_name": "New", "staff_members": []})
    assert response.status_code == 302
    district.refresh_from_db()
    assert district.captain_name == "New"
    assert list(district.staff_members.all()) == [content_editor]


# --- Public pages ------------------------------------------------------------------------------


def test_index_shows_the_map_the_list_and_the_form(client, two_districts):
    west, _east = two_districts
    html = client.get(reverse("districts:index")).content.decode()
    assert "<h1>Your police district</h1>" in html
    assert html.count('class="district-area district-area--') == 2
    assert f'href="{west.get_absolute_url()}" class="district-map__link"' in html
    assert "Captain 1 Smith" in html and "district2@carync.gov" in html
    assert 'autocomplete="address-line1"' in html
    assert 'maxlength="200"' in html
    assert "/static/districts/locate." in html
    assert "Use my location" not in html.split("<main")[1].split("data-locate-label")[0]
    assert "style=" not in html
    assert "data-sample-notice" not in html


def test_index_without_boundaries_lists_the_districts(client):
    DistrictFactory(number=1)
    html = client.get(reverse("districts:index")).content.decode()
    assert "district-map__svg" not in html
    assert "Captain 1 Smith" in html


def test_sample_districts_say_so(client):
    district = DistrictFactory(number=1, is_sample=True, boundary=WEST_HALF)
    assert "data-sample-notice" in client.get(reverse("districts:index")).content.decode()
    html = client.get(district.get_absolute_url()).content.decode()
    assert "data-sample-notice" in html and "Sample boundary." in html


def test_the_map_projection_keeps_north_up_and_cary_unstretched():
    west = District(number=1, boundary=WEST_HALF)
    east = District(number=2, boundary=EAST_HALF)
    drawn = district_map([west, east])
    assert drawn.width == 600
    # 0.17 degrees of longitude by 0.10 of latitude at 35.78 N: about 1.38 times as wide.
    assert 1.3 < (drawn.width - 16) / (drawn.height - 16) < 1.45
    first = drawn.areas[0].path
    assert first.startswith("M8,")  # the west edge at the left
    assert drawn.areas[0].colour != drawn.areas[1].colour


def test_find_by_address_redirects_to_the_district(client, two_districts):
    west, east = two_districts
    url = reverse("districts:find")
    response = client.get(url, {"address": "101 Kildaire Farm Rd, Cary, NC 27511"})
    assert response.status_code == 302 and response.url == west.get_absolute_url()
    response = client.get(url, {"address": "102 Kildaire Farm Road"})
    assert response.url == east.get_absolute_url()


def test_find_by_point_redirects_to_the_district(client, two_districts):
    _west, east = two_districts
    response = client.get(reverse("districts:find"), {"latitude": "35.78", "longitude": "-78.75"})
    assert response.status_code == 302 and response.url == east.get_absolute_url()


def test_an_address_in_no_district_keeps_the_entry_and_gives_the_number(client, two_districts):
    response = client.get(reverse("districts:find"), {"address": "5 Nowhere Lane"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "data-error-summary" in html
    assert "We could not find this address in a Cary police district." in html
    assert 'value="5 Nowhere Lane"' in html
    assert 'href="tel:+19194694012"' in html
    assert "<title>Error: Your police district" in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"address": ""}, "Enter your street address"),
        ({"address": "Kildaire Farm Rd"}, "Enter the house number and the street"),
        ({"address": "1 Main St\x00"}, "Enter this on one line"),
        ({"address": "1" * 201}, "Ensure this value has at most 200 characters"),
        ({"latitude": "north", "longitude": "-78.8"}, "Your location could not be read"),
    ],
)
def test_bad_input_shows_the_error_summary_with_the_entry_kept(
    client, two_districts, query, message
):
    response = client.get(reverse("districts:find"), query)
    assert response.status_code == 400
    html = response.content.decode()
    assert "data-error-summary" in html and message in html
    if query.get("address") and "\x00" not in query["address"]:
        assert f'value="{query["address"]}"' in html


def test_a_point_in_no_district_says_so(client, two_districts):
    response = client.get(reverse("districts:find"), {"latitude": "36.5", "longitude": "-79"})
    assert response.status_code == 200
    assert "Your location is not in a Cary police district." in response.content.decode()


def test_find_without_anything_goes_to_the_index(client):
    response = client.get(reverse("districts:find"))
    assert response.status_code == 302 and response.url == reverse("districts:index")


def test_detail_shows_the_captain_contact_outline_meetings_and_news_of_that_district_only(
    client, two_districts
):
    west, east = two_districts
    EventFactory(title="West meeting", district=west)
    EventFactory(title="East meeting", district=east)
    EventFactory(title="Old west meeting", district=west,
                 starts_at=timezone.now() - timedelta(days=10),
                 ends_at=timezone.now() - timedelta(days=10, hours=-1))  # fmt: skip
    EventFactory(title="Draft west meeting", district=west, is_published=False)
    NewsItemFactory(title="West news", district=west)
    NewsItemFactory(title="East news", district=east)
    NewsItemFactory(title="Future west news", district=west,
                    published_at=timezone.now() + timedelta(days=1))  # fmt: skip
    html = client.get(west.get_absolute_url()).content.decode()
    assert "<h1>District 1</h1>" in html
    assert "Captain 1 Smith" in html
    assert 'href="tel:+19194694012"' in html and 'href="mailto:district1@carync.gov"' in html
    assert 'class="district-outline__svg"' in html
    assert "West meeting" in html and "West news" in html
    for other in ("East meeting", "East news", "Old west meeting", "Draft west meeting",
                  "Future west news"):  # fmt: skip
        assert other not in html
    assert "style=" not in html


def test_detail_of_an_unknown_district_is_404(client):
    assert client.get("/districts/no-such-district/").status_code == 404


def _queries(client, url) -> int:
    client.get(url)  # after a save, the first page finds the next clock change again
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_query_counts_do_not_grow_with_districts_or_events(client):
    first = DistrictFactory(number=1, boundary=WEST_HALF)
    EventFactory(district=first)
    NewsItemFactory(district=first)
    client.get("/")  # warm the cached department settings and alerts
    index_one = _queries(client, reverse("districts:index"))
    detail_one = _queries(client, first.get_absolute_url())
    for number in range(2, 7):
        DistrictFactory(number=number, boundary=square(-78.7 + number, 35.7, -78.6 + number, 35.8))
    for _ in range(5):
        EventFactory(district=first)
        NewsItemFactory(district=first)
    assert _queries(client, reverse("districts:index")) == index_one
    assert _queries(client, first.get_absolute_url()) == detail_one


# --- Registry ------------------------------------------------------------------------------------


def test_the_district_pages_are_registered():
    assert {"districts:index", "districts:detail"} <= registry.cached_views
    assert "districts.District" in registry.public_models
    assert {"districts_index", "districts"} <= set(registry.sitemaps)
    assert any(entry.url_name == "districts:index" for entry in registry.navigation)
    assert any(name == "districts" for name, _load in registry.demo_loaders)


def test_the_sitemap_lists_the_index_and_each_district(client, two_districts):
    xml = client.get("/sitemap.xml").content.decode()
    assert "/districts/</loc>" in xml
    assert "/districts/district-1/</loc>" in xml and "/districts/district-2/</loc>" in xml


def test_search_finds_a_district_by_its_captain(client, two_districts):
    html = client.get("/search/", {"q": "Captain 2 Smith"}).content.decode()
    assert 'href="/districts/district-2/"' in html


def test_saving_an_event_of_a_district_purges_the_district_page(client, two_districts, settings):
    west, _east = two_districts
    response = client.get(west.get_absolute_url())
    keys = response.headers.get(settings.HTTP_CACHE_KEY_HEADER, "")
    assert "outreach.event" in keys and "outreach.newsitem" in keys and "districts.district" in keys


# --- Demo ------------------------------------------------------------------------------------


def test_demo_districts_are_samples_and_split_kildaire_farm_road(demo):
    districts = {d.number: d for d in District.objects.all()}
    assert set(districts) >= {1, 2, 3}
    assert all(d.is_sample for d in districts.values())
    assert not StreetRange.objects.filter(is_sample=False).exists()
    assert district_for_address("1201 Kildaire Farm Rd") == districts[1]
    assert district_for_address("1200 Kildaire Farm Rd") == districts[2]
    assert district_for_address("2400 Kildaire Farm Rd") == districts[3]
    assert district_for_address("316 N Academy St, Cary, NC 27513") == districts[2]
    assert district_for_point(35.80, -78.85) == districts[1]
    assert district_for_point(35.80, -78.76) == districts[2]
    assert district_for_point(35.75, -78.76) == districts[3]
    assert districts[1].events.exists()
    assert districts[1].news_items.exists()
