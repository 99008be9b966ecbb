"""The steps of the report journey, and what a draft's answers amount to.

Eligibility questions (1-4) store nothing on the server: passing one is remembered in a signed
cookie, so their stop pages leave the database untouched. Choosing an incident type that can be
reported online creates the draft; the detail steps (5-11) fill it; step 12 checks and sends it.
"""

from dataclasses import dataclass

from django.template.defaultfilters import date as date_filter
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from reports import forms
from reports.models import IncidentType, Report

ELIGIBILITY_COOKIE = "report_checks"
ELIGIBILITY_SALT = "reports.eligibility"
ELIGIBILITY_MAX_AGE = 4 * 60 * 60

# The questions whose "safe" answer is remembered in the cookie, in order.
ELIGIBILITY = ["emergency", "in_cary", "suspect"]
# The answers that let a resident go on; a draft starts with them recorded.
SAFE_ANSWERS = {"emergency": "no", "in_cary": "yes", "suspect": "no"}


@dataclass(frozen=True)
class Step:
    key: str
    url_name: str
    title: str
    form_class: type | None = None
    template: str = "reports/step.html"
    required: bool = True

    @property
    def number(self) -> int:
        return STEP_NUMBERS[self.key]

    def url(self, *, change: bool = False) -> str:
        url = reverse(f"reports:{self.url_name}")
        return f"{url}?change=1" if change else url


QUESTIONS = [
    Step("emergency", "emergency", forms.EmergencyForm.question, forms.EmergencyForm),
    Step("in_cary", "in_cary", forms.InCaryForm.question, forms.InCaryForm),
    Step("suspect", "suspect", forms.SuspectForm.question, forms.SuspectForm),
    Step(
        "incident_type", "incident_type", _("What do you want to report?"), forms.IncidentTypeForm
    ),
]
DETAILS = [
    Step("when", "when", forms.WhenForm.title, forms.WhenForm),
    Step("location", "location", forms.LocationForm.title, forms.LocationForm),
    Step("what", "what", forms.WhatHappenedForm.title, forms.WhatHappenedForm),
    Step(
        "property",
        "property",
        _("Was anything stolen, lost or damaged?"),
        template="reports/property.html",
        required=False,
    ),
    Step(
        "suspect_vehicle",
        "suspect_vehicle",
        forms.SuspectVehicleForm.title,
        forms.SuspectVehicleForm,
        required=False,
    ),
    Step("photos", "photos", _("Photos"), template="reports/photos.html", required=False),
    Step("about_you", "about_you", forms.AboutYouForm.title, forms.AboutYouForm),
]
CHECK = Step("check", "check", _("Check your answers before sending your report"))
STEPS = [*QUESTIONS, *DETAILS, CHECK]
STEP_NUMBERS = {step.key: index for index, step in enumerate(STEPS, start=1)}
TOTAL_STEPS = len(STEPS)
BY_KEY = {step.key: step for step in STEPS}


def previous_step(step: Step) -> Step | None:
    index = STEPS.index(step)
    return STEPS[index - 1] if index else None


def next_step(step: Step) -> Step:
    return STEPS[STEPS.index(step) + 1]


def accepted_type(slug: str | None) -> IncidentType | None:
    if not slug:
        return None
    return IncidentType.objects.accepted_online().filter(slug=slug).first()


def photo_summary(photo) -> str:
    """One photo as the resident sees it: received (processed or not), or not usable."""
    details = {"name": photo.display_name or _("Photo"), "size": filesizeformat(photo.size)}
    if photo.has_failed:
        return _("%(name)s (%(size)s): we could not use this photo") % details
    return _("%(name)s (%(size)s): received") % details


class DraftAnswers:
    """Read a draft's answers: validated again from what the resident entered."""

    def __init__(self, draft):
        self.draft = draft
        self.answers = draft.answers or {}
        self._forms = {}

    def form(self, key):
        if key not in self._forms:
            data = self.answers.get(key)
            step = BY_KEY[key]
            self._forms[key] = step.form_class(data=data) if data is not None else None
        return self._forms[key]

    def cleaned(self, key) -> dict | None:
        form = self.form(key)
        if form is None or not form.is_valid():
            return None
        return form.cleaned_data

    def property_formset(self):
        items = self.answers.get("property") or []
        data = {"item-TOTAL_FORMS": str(len(items)), "item-INITIAL_FORMS": "0"}
        for index, item in enumerate(items):
            for name, value in item.items():
                data[f"item-{index}-{name}"] = value
        return forms.PropertyFormSet(data=data, prefix="item")

    def property_items(self) -> list[dict] | None:
        formset = self.property_formset()
        if not formset.is_valid():
            return None
        return [
            form.cleaned_data
            for form in formset.forms
            if form.has_content() and not form.cleaned_data.get("DELETE")
        ]

    def incident_type(self) -> IncidentType | None:
        return accepted_type(self.answers.get("incident_type"))

    def problems(self) -> list[tuple[Step, str]]:
        """Steps still to answer (or answered in a way no longer valid), with a message each."""
        problems = []
        if self.incident_type() is None:
            problems.append((BY_KEY["incident_type"], _("Select what you want to report")))
        messages = {
            "when": _("Tell us when it happened"),
            "location": _("Tell us where it happened"),
            "what": _("Tell us what happened"),
            "suspect_vehicle": _("Check the description of the person or vehicle"),
            "about_you": _("Tell us about yourself, so we can contact you"),
        }
        for key, message in messages.items():
            step = BY_KEY[key]
            if self.cleaned(key) is None and (step.required or key in self.answers):
                problems.append((step, message))
        if self.property_items() is None:
            problems.append((BY_KEY["property"], _("Check the items you listed")))
        return problems

    # --- The check-your-answers summary ---------------------------------------------------

    def summary(self, photos) -> list[dict]:
        """Rows of (question, answer lines, change link) for the check-your-answers page."""
        rows = []

        def row(key, label, lines):
            rows.append(
                {
                    "key": key,
                    "label": label,
                    "lines": [line for line in lines if line] or [_("Not given")],
                    "change_url": BY_KEY[key].url(change=True),
                }
            )

        incident_type = self.incident_type()
        row("incident_type", _("What you are reporting"), [incident_type and incident_type.name])

        when = self.cleaned("when")
        if when:
            start = date_filter(when["start_date"], "F j, Y")
            if when.get("start_time"):
                start = f"{start}, {date_filter(when['start_time'], 'g:i A')}"
            lines = [start]
            if when.get("end_date"):
                end = date_filter(when["end_date"], "F j, Y")
                if when.get("end_time"):
                    end = f"{end}, {date_filter(when['end_time'], 'g:i A')}"
                lines = [_("From %(start)s") % {"start": start}, _("Until %(end)s") % {"end": end}]
            row("when", _("When it happened"), lines)
        else:
            row("when", _("When it happened"), [])

        location = self.cleaned("location") or {}
        row("location", _("Where it happened"), [location.get("address"), location.get("details")])

        what = self.cleaned("what") or {}
        row("what", _("What happened"), [what.get("description")])

        items = self.property_items() or []
        lines = []
        for item in items:
            parts = [item["description"]]
            if item.get("brand"):
                parts.append(item["brand"])
            if item.get("serial_number"):
                parts.append(_("serial number %(s)s") % {"s": item["serial_number"]})
            if item.get("value") is not None:
                parts.append(f"${item['value']:,.2f}")
            lines.append(", ".join(str(part) for part in parts))
        row("property", _("Property"), lines or [_("None")])

        people = self.cleaned("suspect_vehicle") or {}
        row(
            "suspect_vehicle",
            _("The person involved"),
            [people.get("suspect_description") or _("Not given")],
        )
        row(
            "suspect_vehicle",
            _("Vehicle"),
            [people.get("vehicle_description") or _("Not given")],
        )

        row(
            "photos",
            _("Photos"),
            [photo_summary(photo) for photo in photos] or [_("None")],
        )

        about = self.cleaned("about_you") or {}
        contact = dict(Report.ContactMethod.choices).get(about.get("contact_method"), "")
        row("about_you", _("Your name"), [about.get("name")])
        row("about_you", _("Email"), [about.get("email")])
        row("about_you", _("Phone"), [about.get("phone")])
        row("about_you", _("Address"), [about.get("address")])
        row("about_you", _("Preferred language"), [about.get("preferred_language")])
        row("about_you", _("Contact me by"), [contact])
        return rows
