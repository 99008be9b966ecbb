"""Times in the admin: 12-hour, with the zone named (and no "N hours ahead of server time"
note), typed as "4:30 PM", "4:30 p. m." or "16:30". The private queues' "History" button: the
row's own history, not Django's (always empty) log of admin edits."""

import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms import SplitDateTimeField
from django.test import RequestFactory
from django.utils import timezone, translation
from django.utils.formats import date_format

from alerts.models import Subscriber
from concerns.models import ConcernEvent
from feedback.models import FeedbackEvent
from housechecks.models import HouseCheckEvent
from outreach.models import Event
from records.models import RecordRequestEvent
from reports.models import ReportEvent
from tests.factories import EventFactory, ReportFactory
from tests.factories_concerns import ConcernFactory
from tests.factories_feedback import FeedbackFactory
from tests.factories_housechecks import HouseCheckFactory
from tests.factories_records import RecordRequestFactory

pytestmark = pytest.mark.django_db

SUBMITTED = datetime.datetime(2026, 12, 6, 21, 30, tzinfo=datetime.UTC)  # 4:30 PM in Cary


def test_a_date_and_time_names_the_zone_in_12_hour_format_in_both_languages():
    local = timezone.localtime(SUBMITTED, ZoneInfo(settings.TIME_ZONE))
    assert date_format(local, "DATETIME_FORMAT") == "Sunday, December 6, 2026, 4:30 PM EST"
    with translation.override("es"):
        spanish = date_format(local, "DATETIME_FORMAT")
    assert spanish.startswith("domingo 6 de diciembre de 2026, 4:30 p") and spanish.endswith(" EST")
    summer = datetime.datetime(2026, 7, 4, 16, 30, tzinfo=ZoneInfo(settings.TIME_ZONE))
    assert date_format(summer, "DATETIME_FORMAT").endswith("4:30 PM EDT")


def test_a_reports_times_show_with_the_zone_on_its_change_page(verified_superuser_client):
    report = ReportFactory(submitted_at=SUBMITTED)
    page = verified_superuser_client.get(f"/admin/reports/report/{report.pk}/change/")
    assert "Sunday, December 6, 2026, 4:30 PM EST" in page.content.decode()


def test_the_admins_time_boxes_take_12_and_24_hour_times(superuser):
    request = RequestFactory().get("/admin/outreach/event/add/")
    request.user = superuser
    form = admin.site._registry[Event].get_form(request)()
    starts = form.fields["starts_at"]
    expected = datetime.datetime(2026, 12, 6, 16, 30, tzinfo=ZoneInfo(settings.TIME_ZONE))
    for typed in ("4:30 PM", "4:30pm", "4:30 p.m.", "4:30 p. m.", "16:30", "16:30:00"):
        assert starts.clean(["2026-12-06", typed]) == expected, typed
    with translation.override("es"):
        for typed in ("4:30 PM", "4:30 p. m."):
            assert starts.clean(["2026-12-06", typed]) == expected, typed
    with pytest.raises(ValidationError, match="Enter a valid time"):
        starts.clean(["2026-12-06", "4:30 x.m."])
    with pytest.raises(ValidationError, match="This field is required"):
        starts.clean(["", ""])  # still required


def test_an_alert_subscribers_time_boxes_take_a_m_and_p_m_too(superuser):
    request = RequestFactory().get("/admin/alerts/subscriber/add/")
    request.user = superuser
    form = admin.site._registry[Subscriber].get_form(request)()
    times = [name for name, field in form.fields.items() if isinstance(field, SplitDateTimeField)]
    assert times  # the subscriber admin has its own date-and-time boxes
    expected = datetime.datetime(2026, 12, 6, 9, 5, tzinfo=ZoneInfo(settings.TIME_ZONE))
    assert form.fields[times[0]].clean(["2026-12-06", "9:05 a. m."]) == expected


def test_a_date_and_time_box_names_the_zone_and_the_servers_note_is_hidden(superuser_client):
    event = EventFactory()
    page = superuser_client.get(f"/admin/outreach/event/{event.pk}/change/").content.decode()
    assert page.count("Eastern time (America/New_York)") >= 2  # starts and ends
    css = (Path(settings.BASE_DIR) / "static/css/admin.css").read_text()
    assert ".timezonewarning { display: none; }" in css


# --- History -------------------------------------------------------------------------------


def test_a_reports_history_button_shows_its_own_history(verified_superuser_client, superuser):
    report = ReportFactory()
    ReportEvent.objects.create(report=report, action="submitted", to_status="submitted")
    ReportEvent.objects.create(
        report=report, action="assigned", actor=superuser, from_status="submitted"
    )
    page = verified_superuser_client.get(f"/admin/reports/report/{report.pk}/history/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Submitted by the resident" in html and "Assigned" in html
    assert "sam-superuser" in html
    assert html.index("Submitted by the resident") < html.index("Assigned")
    assert "change history" not in html  # Django's own page for an empty log
    assert "2 entries" in html


def test_a_reports_history_needs_two_factors(superuser_client):
    report = ReportFactory()
    assert superuser_client.get(f"/admin/reports/report/{report.pk}/history/").status_code == 403


@pytest.mark.parametrize(
    ("factory", "event_model", "url"),
    [
        (RecordRequestFactory, RecordRequestEvent, "records/recordrequest"),
        (HouseCheckFactory, HouseCheckEvent, "housechecks/housecheck"),
        (FeedbackFactory, FeedbackEvent, "feedback/feedback"),
        (ConcernFactory, ConcernEvent, "concerns/concern"),
    ],
)
def test_each_private_queues_history_button_shows_its_own_history(
    verified_superuser_client, factory, event_model, url
):
    row = factory()
    link = next(
        f.name for f in event_model._meta.get_fields() if f.many_to_one and f.name != "actor"
    )
    action = event_model.Action.choices[0]
    event_model.objects.create(**{link: row, "action": action[0]})
    html = verified_superuser_client.get(f"/admin/{url}/{row.pk}/history/").content.decode()
    assert str(action[1]) in html and "1 entry" in html
