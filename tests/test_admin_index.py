"""The admin's front page as a workplace: what waits for this member of staff, by group."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.registry import registry
from reports.models import Report
from tests.factories import ReportFactory, SignUpFactory
from tests.reports_support import verified_login

pytestmark = pytest.mark.django_db


def waiting(html: str) -> dict[str, str]:
    """{label: count} of the front page's "Waiting for you", or the label's note."""
    items = re.findall(r'<li class="staff-queues__item">(.*?)</li>', html, flags=re.S)
    found = {}
    for item in items:
        if match := re.match(r'<a href="[^"]+">([^<]+)</a> <strong[^>]*>(\d+)</strong>', item):
            found[match[1]] = match[2]
        else:
            label, _sep, note = item.partition(": ")
            found[label] = note
    return found


def test_a_verified_superuser_sees_every_queue_with_its_count(client, superuser):
    ReportFactory(), ReportFactory(), ReportFactory(status=Report.Status.APPROVED)
    SignUpFactory()
    verified_login(client, superuser)
    html = client.get("/admin/").content.decode()
    found = waiting(html)
    assert list(found) == [str(queue.label) for queue in registry.staff_queues]
    assert found["New crime reports"] == "2" and found["New program sign-ups"] == "1"
    assert found["New record requests"] == "0"
    assert '<a href="/admin/reports/report/?status__exact=submitted">New crime reports</a>' in html


def test_each_member_sees_only_their_groups_work(client, program_coordinator, report_reviewer):
    SignUpFactory()
    ReportFactory()
    client.force_login(program_coordinator)
    assert waiting(client.get("/admin/").content.decode()) == {"New program sign-ups": "1"}
    # A reviewer who signed in without two factors is told how to see the reports, not a count.
    client.force_login(report_reviewer)
    found = waiting(client.get("/admin/").content.decode())
    assert found == {"New crime reports": "sign in with your authenticator code to see them"}


def test_the_front_page_query_count_does_not_grow_with_the_rows(client, superuser):
    verified_login(client, superuser)
    client.get("/admin/")

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            client.get("/admin/")
        return len(captured)

    ReportFactory(), SignUpFactory()
    few = queries()
    for _n in range(10):
        ReportFactory(), SignUpFactory()
    assert queries() == few
