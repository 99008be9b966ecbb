"""Times of day as people type them: a.m. and p.m. in their usual spellings, in English and in
Spanish as the site itself writes times ("6:00 p. m."), or a 24-hour time."""

import datetime

import pytest
from django import forms
from django.utils import translation

from core.forms import ClockTimeField
from reports.forms import WhenForm

TIMES = [
    ("9:30 PM", datetime.time(21, 30)),
    ("9:30 pm", datetime.time(21, 30)),
    ("9:30pm", datetime.time(21, 30)),
    ("9:30 p.m.", datetime.time(21, 30)),
    ("9:30 p. m.", datetime.time(21, 30)),
    ("9:30 P. M.", datetime.time(21, 30)),
    ("12:15 a. m.", datetime.time(0, 15)),
    ("7 a.m.", datetime.time(7, 0)),
    ("21:30", datetime.time(21, 30)),
]


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize(("typed", "time"), TIMES)
def test_a_time_is_read_in_every_usual_spelling(typed, time, language):
    field = ClockTimeField(input_formats=["%I:%M %p", "%I %p", "%H:%M"])
    with translation.override(language):
        assert field.clean(typed) == time


@pytest.mark.parametrize("typed", ["9:30 pmx", "9:30 p", "am", "25:00", "9:30 q.m."])
def test_anything_else_is_still_refused(typed):
    field = ClockTimeField(input_formats=["%I:%M %p", "%I %p", "%H:%M"])
    with pytest.raises(forms.ValidationError):
        field.clean(typed)


def test_the_reports_when_step_takes_the_spanish_spelling():
    data = {"start_date": "3/27/2026", "start_time": "9:30 p. m.", "end_date": "3/27/2026"}
    data["end_time"] = "11 p.m."
    with translation.override("es"):
        form = WhenForm(data=data)
        assert form.is_valid(), form.errors
    assert form.cleaned_data["start_time"] == datetime.time(21, 30)
    assert form.cleaned_data["end_time"] == datetime.time(23, 0)
