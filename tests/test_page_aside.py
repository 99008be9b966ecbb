"""The shared side column (templates/layouts/with_aside.html) on single-column pages: the
department's contact card and the things residents can do online, from the context only."""

import re

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory

from core.models import DepartmentSettings

ASIDE_PAGES = [
    "/tips/lock-doors-and-windows/",
    "/news/vehicle-break-ins-warning/",
    "/officers/sample-officer-jordan-reyes/",
    "/report/",
    "/report/where/",
    "/records/",
    "/concerns/",
    "/search/?q=watch",
    "/community-policing/",
]


def _aside(html: str) -> str:
    match = re.search(r'<aside class="page-aside"[^>]*>(.*?)</aside>', html, re.S)
    assert match, "no page aside"
    return match.group(1)


@pytest.mark.parametrize("path", ASIDE_PAGES)
def test_single_column_pages_have_the_contact_aside_after_the_main_content(client, demo, path):
    html = client.get(path).content.decode()
    assert html.count('class="page-aside"') == 1
    assert '<aside class="page-aside" aria-label="Contact and more">' in html
    # The main content (and its h1) comes first; the aside follows it, also on narrow screens.
    assert html.index("<h1") < html.index('class="page-aside"')
    aside = _aside(html)
    department = DepartmentSettings.load()
    assert department.non_emergency_phone in aside
    assert department.street_address in aside
    assert 'href="/requests/"' in aside
    # The aside's own headings are h2s, under the page's h1.
    assert re.findall(r"<h(\d)", aside) and set(re.findall(r"<h(\d)", aside)) == {"2"}


def test_the_aside_links_to_what_residents_do_online_but_not_to_the_page_itself(client, demo):
    aside = _aside(client.get("/report/").content.decode())
    assert 'href="/report/"' not in aside
    assert 'href="/concerns/"' in aside
    assert 'href="/report/status/"' in aside
    aside = _aside(client.get("/concerns/").content.decode())
    assert 'href="/concerns/"' not in aside
    assert 'href="/report/"' in aside


def test_a_tips_related_links_move_into_the_aside(client, demo):
    html = client.get("/tips/lock-doors-and-windows/").content.decode()
    aside = _aside(html)
    assert 'id="related-heading"' in aside
    assert 'href="/programs/crime-prevention-seminars/"' in aside
    assert html.count('id="related-heading"') == 1


def test_the_aside_needs_no_queries_of_its_own(db, django_assert_num_queries):
    request = RequestFactory().get("/tips/")
    department = DepartmentSettings.load()
    context = {"department": department, "request": request}  # as the context processor gives
    with django_assert_num_queries(0):
        html = render_to_string("includes/aside_contact.html", context) + render_to_string(
            "includes/aside_online.html", context
        )
    assert department.non_emergency_phone in html
    assert 'href="/report/"' in html


def test_spanish_pages_have_the_aside_too(client, demo):
    html = client.get("/es/report/").content.decode()
    assert 'class="page-aside"' in html
