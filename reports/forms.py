"""The report journey's forms: one question (or one small group of questions) per page.

Answers are kept in the draft as the strings the resident entered (``answers_from``), and every
step's form is validated again from them when the report is sent (``report_submit``).
"""

import datetime
import re

from django import forms
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.forms import (
    ClockTimeField,
    HoneypotMixin,
    MultiLineField,
    PlainEmailField,
    PublicFormMixin,
    RadioSelect,
    SingleLineField,
)
from reports.models import IncidentType, RejectionReason, Report
from reports.photos import new_upload_key

DATE_FORMATS = ["%m/%d/%Y", "%m/%d/%y", "%m-%d-%Y", "%Y-%m-%d"]
TIME_FORMATS = ["%I:%M %p", "%I:%M%p", "%I %p", "%I%p", "%H:%M", "%H:%M:%S"]
OTHER_TYPE = "other"


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultiplePhotoField(forms.FileField):
    """Several photos in one file input. Each is checked by reports.operations (reports.photos)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget",
            MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultiplePhotoField, self).clean(item, initial) for item in data if item]
        return [super().clean(data, initial)] if data else []


UPLOAD_KEY = re.compile(r"[A-Za-z0-9_-]{16,64}")


class UploadKeyMixin:
    """A hidden random key per upload form (reports.photos.new_upload_key): the same form
    posted twice, as a browser does when it retries after a lost response, adds its photos
    once. A key that is missing or malformed is ignored (cleaned to "")."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["upload_key"] = forms.CharField(
            required=False, max_length=64, widget=forms.HiddenInput
        )
        if not self.is_bound:
            self.fields["upload_key"].initial = new_upload_key()

    def clean_upload_key(self):
        key = self.cleaned_data.get("upload_key") or ""
        return key if UPLOAD_KEY.fullmatch(key) else ""

    def renew_upload_key(self) -> None:
        """Give the form shown again after a post a new key: it is a new attempt, whose
        photos must not be taken for the ones already added."""
        data = self.data.copy()
        data[self.add_prefix("upload_key")] = new_upload_key()
        self.data = data


def _optional(label) -> str:
    return gettext("%(label)s (optional)") % {"label": label}


# Lazy: labels are made when the module loads, and written in the language of each request.
optional = lazy(_optional, str)


# One question per page: the radios' legend is the page's heading (reports/question.html).
QUESTION_TEMPLATE = "reports/forms/question_radios.html"


class StepForm(PublicFormMixin, forms.Form):
    """A page of the journey. ``answers_from`` gives what is kept in the draft."""

    def answers_from(self) -> dict:
        return {name: self.data.get(self.add_prefix(name), "") for name in self.fields}

    @classmethod
    def initial_from(cls, answers: dict) -> dict:
        return dict(answers or {})


class YesNoForm(StepForm):
    YES, NO = "yes", "no"
    question = ""
    hint = ""
    required_message = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["answer"] = forms.ChoiceField(
            label=self.question,
            help_text=self.hint,
            choices=[(self.YES, _("Yes")), (self.NO, _("No"))],
            widget=RadioSelect,
            error_messages={"required": self.required_message},
            template_name=QUESTION_TEMPLATE,
        )


class EmergencyForm(YesNoForm):
    question = _("Is anyone in danger or hurt, or is the crime happening now?")
    hint = _("This includes if the person who did it is still there or nearby.")
    required_message = _("Select yes if anyone is in danger or the crime is happening now")


class InCaryForm(YesNoForm):
    question = _("Did it happen in the Town of Cary?")
    hint = _(
        "We can only take reports about things that happened in Cary. If you are not sure, "
        "check the address with the Town of Cary."
    )
    required_message = _("Select yes if it happened in the Town of Cary")


class SuspectForm(YesNoForm):
    question = _("Do you know the name and address of the person who did it?")
    hint = _("Select no if you only know what they looked like.")
    required_message = _("Select yes if you know the name and address of the person who did it")


class IncidentTypeForm(StepForm):
    def __init__(self, *args, incident_types=None, **kwargs):
        super().__init__(*args, **kwargs)
        types = list(
            incident_types if incident_types is not None else IncidentType.objects.active()
        )
        choices = [(t.slug, t.name) for t in types] + [(OTHER_TYPE, _("Something else"))]
        self.fields["answer"] = forms.ChoiceField(
            label=_("What do you want to report?"),
            help_text=_("Choose the one that fits best. A reviewer can change it later."),
            choices=choices,
            widget=RadioSelect,
            error_messages={"required": _("Select what you want to report")},
            template_name=QUESTION_TEMPLATE,
        )


class WhenForm(StepForm):
    title = _("When did it happen?")
    template_name = "reports/forms/when.html"  # the latest date and time in a fieldset

    start_date = forms.DateField(
        label=_("Date"),
        help_text=_(
            "If you do not know the exact date, give the earliest it could have been. "
            "For example, 3/27/2026."
        ),
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(format="%m/%d/%Y", attrs={"autocomplete": "off"}),
        error_messages={
            "required": _("Enter the date it happened"),
            "invalid": _("Enter the date as month/day/year, for example 3/27/2026"),
        },
    )
    start_time = ClockTimeField(
        label=optional(_("Time")),
        required=False,
        help_text=_("For example, 9:30 PM."),
        input_formats=TIME_FORMATS,
        widget=forms.TimeInput(format="%I:%M %p", attrs={"autocomplete": "off"}),
        error_messages={"invalid": _("Enter the time like 9:30 PM")},
    )
    end_date = forms.DateField(
        label=optional(_("Latest date it could have happened")),
        required=False,
        help_text=_("Only if you do not know exactly when. For example, 3/28/2026."),
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(format="%m/%d/%Y", attrs={"autocomplete": "off"}),
        error_messages={"invalid": _("Enter the date as month/day/year, for example 3/28/2026")},
    )
    end_time = ClockTimeField(
        label=optional(_("Latest time")),
        required=False,
        help_text=_("For example, 7:00 AM."),
        input_formats=TIME_FORMATS,
        widget=forms.TimeInput(format="%I:%M %p", attrs={"autocomplete": "off"}),
        error_messages={"invalid": _("Enter the time like 7:00 AM")},
    )

    def clean(self):
        cleaned = super().clean()
        start_date, end_date = cleaned.get("start_date"), cleaned.get("end_date")
        today = timezone.localdate()
        if start_date and start_date > today:
            self.add_error("start_date", _("The date it happened must be today or in the past"))
        if end_date and end_date > today:
            self.add_error("end_date", _("The latest date must be today or in the past"))
        if cleaned.get("end_time") and not end_date:
            self.add_error("end_date", _("Enter the latest date as well as the latest time"))
        if start_date and end_date and not self.errors:
            start, end = occurred_range(cleaned)
            if end < start:
                self.add_error("end_date", _("The latest date must be after the first date"))
        return cleaned


def occurred_range(cleaned: dict) -> tuple[datetime.datetime, datetime.datetime | None]:
    """The (from, until) datetimes of a valid WhenForm's answers, in the site's time zone."""
    tz = timezone.get_current_timezone()
    start_time = cleaned.get("start_time") or datetime.time(0, 0)
    start = datetime.datetime.combine(cleaned["start_date"], start_time, tzinfo=tz)
    end = None
    if cleaned.get("end_date"):
        end_time = cleaned.get("end_time") or datetime.time(23, 59)
        end = datetime.datetime.combine(cleaned["end_date"], end_time, tzinfo=tz)
    elif cleaned.get("start_time") is None:
        end = datetime.datetime.combine(cleaned["start_date"], datetime.time(23, 59), tzinfo=tz)
    return start, end


class LocationForm(StepForm):
    title = _("Where did it happen?")
    stored_in = {
        "address": "reports.Report.location_address",
        "details": "reports.Report.location_details",
    }

    address = SingleLineField(
        label=_("Address or place in Cary"),
        max_length=200,
        help_text=_("A street address, or the nearest cross streets or landmark."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
        error_messages={"required": _("Enter the address or place where it happened")},
    )
    details = SingleLineField(
        label=optional(_("More about the place")),
        max_length=300,
        required=False,
        help_text=_('For example, "parking lot behind the store" or "my front yard".'),
    )


class WhatHappenedForm(StepForm):
    title = _("What happened?")
    stored_in = {"description": "reports.Report.description"}

    description = MultiLineField(
        label=_("Tell us what happened"),
        max_length=5000,
        help_text=_(
            "In your own words and in order: what you saw, what was taken or damaged, and how "
            "you found out. Do not include bank card numbers or passwords."
        ),
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": _("Tell us what happened")},
    )


class DollarsField(forms.DecimalField):
    """An amount as people type it, and as the check page shows it: "$1,200.00", "1,200" and
    "1200" are the same. Only the dollar sign, spaces and US thousands separators go."""

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().removeprefix("$").replace(",", "").replace(" ", "")
        return super().to_python(value)


class PropertyItemForm(PublicFormMixin, forms.Form):
    stored_in = {
        "description": "reports.PropertyItem.description",
        "brand": "reports.PropertyItem.brand",
        "serial_number": "reports.PropertyItem.serial_number",
    }

    description = SingleLineField(
        label=_("What is it?"),
        max_length=200,
        required=False,
        help_text=_('For example, "blue mountain bike" or "iPhone 15".'),
    )
    brand = SingleLineField(label=optional(_("Brand or make")), max_length=100, required=False)
    serial_number = SingleLineField(
        label=optional(_("Serial number")), max_length=100, required=False
    )
    value = DollarsField(
        label=optional(_("Value in US dollars")),
        required=False,
        min_value=0,
        max_digits=10,
        decimal_places=2,
        help_text=_("Your best estimate. For example, 450."),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        error_messages={"invalid": _("Enter the value as a number, for example 450")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        number = (self.prefix or "item-0").rsplit("-", 1)[-1]
        self.item_number = int(number) + 1 if number.isdigit() else 1

    def has_content(self) -> bool:
        return any((self.data.get(self.add_prefix(name)) or "").strip() for name in ITEM_FIELDS)

    def clean(self):
        cleaned = super().clean()
        if self.has_content() and not cleaned.get("description"):
            self.add_error("description", _("Say what item %(n)s is") % {"n": self.item_number})
        return cleaned


ITEM_FIELDS = ("description", "brand", "serial_number", "value")


class BasePropertyFormSet(forms.BaseFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        form.fields["DELETE"].label = _("Remove this item")
        if not form.is_bound and not form.initial:
            # A new, empty row: nothing to remove yet.
            form.shown_fields = ITEM_FIELDS

    def items(self) -> list[dict]:
        """The filled-in rows that are not being removed, as the strings entered."""
        rows = []
        for form in self.forms:
            if form.has_content() and not self._should_delete_form(form):
                rows.append(
                    {
                        name: (form.data.get(form.add_prefix(name)) or "").strip()
                        for name in ITEM_FIELDS
                    }
                )
        return rows


MAX_PROPERTY_ITEMS = 20

PropertyFormSet = forms.formset_factory(
    PropertyItemForm,
    formset=BasePropertyFormSet,
    extra=0,
    max_num=MAX_PROPERTY_ITEMS,
    validate_max=True,
    # Build at most one form more than allowed, so a resident who sends too many is told
    # (validate_max) and a forged TOTAL_FORMS cannot make the server build a million forms.
    absolute_max=MAX_PROPERTY_ITEMS + 1,
    can_delete=True,
)


class SuspectVehicleForm(StepForm):
    title = _("The person and vehicle involved")
    stored_in = {
        "suspect_description": "reports.Report.suspect_description",
        "vehicle_description": "reports.Report.vehicle_description",
    }

    suspect_description = MultiLineField(
        label=optional(_("What did the person or people look like?")),
        max_length=3000,
        required=False,
        help_text=_("Height, build, clothing, anything you noticed, and which way they went."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    vehicle_description = MultiLineField(
        label=optional(_("Was a vehicle involved?")),
        max_length=2000,
        required=False,
        help_text=_("Make, model, color and license plate, if you know them."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class PhotosForm(UploadKeyMixin, PublicFormMixin, forms.Form):
    photos = MultiplePhotoField(
        label=optional(_("Add photos")),
        required=False,
        help_text=_(
            "Up to 5 photos of the damage, the place or the items: JPEG, PNG or WebP, each "
            "smaller than 10 MB. You can choose several at once."
        ),
    )


class AboutYouForm(StepForm):
    title = _("About you")
    stored_in = {
        "name": "reports.Report.reporter_name",
        "email": "reports.Report.reporter_email",
        "phone": "reports.Report.reporter_phone",
        "address": "reports.Report.reporter_address",
        "preferred_language": "reports.Report.preferred_language",
    }

    name = SingleLineField(
        label=_("Full name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={
            "required": _("Enter your full name"),
            "control_characters": _("Enter your name on one line, without special characters"),
        },
    )
    email = PlainEmailField(
        label=_("Email address"),
        help_text=_("We send your receipt and any questions here."),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={
            "required": _("Enter your email address"),
            "invalid": _("Enter an email address like name@example.com"),
        },
    )
    phone = SingleLineField(
        label=optional(_("Phone number")),
        max_length=30,
        required=False,
        help_text=_("For example, (919) 555-0123."),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )
    address = SingleLineField(
        label=optional(_("Home address")),
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "address-line1"}),
    )
    preferred_language = SingleLineField(
        label=optional(_("Preferred language")),
        max_length=60,
        required=False,
        help_text=_("Tell us if you would like an interpreter when we contact you."),
    )
    contact_method = forms.ChoiceField(
        label=_("How should we contact you?"),
        choices=Report.ContactMethod.choices,
        widget=RadioSelect,
        error_messages={"required": _("Select how we should contact you")},
    )

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        if phone and len(re.sub(r"\D", "", phone)) < 7:
            raise forms.ValidationError(_("Enter a phone number like (919) 555-0123"))
        return phone

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("contact_method") == Report.ContactMethod.PHONE and not cleaned.get("phone"):
            self.add_error("phone", _("Enter a phone number, so we can call you"))
        return cleaned


class DeclarationForm(HoneypotMixin, PublicFormMixin, forms.Form):
    declaration = forms.BooleanField(
        label=_(
            "I confirm that the information in this report is true to the best of my knowledge."
        ),
        error_messages={"required": _("Confirm that the information is true to continue")},
    )


def normalise_reference(value: str) -> str:
    """' cpd 2026 123 ' -> 'CPD-2026-000123'; anything else comes back stripped, upper-case."""
    text = re.sub(r"[\s_\u2013\u2014-]+", "-", (value or "").strip().upper())
    match = re.fullmatch(r"CPD-?(\d{4})-?(\d{1,9})", text)
    if not match:
        return text
    return Report.format_reference(int(match.group(1)), int(match.group(2)))


class StatusLookupForm(HoneypotMixin, PublicFormMixin, forms.Form):
    stored_in = {"email": "reports.Report.reporter_email"}  # looked up, not stored
    not_stored = ("reference",)  # normalised to the reference column's form, or not found

    reference = SingleLineField(
        label=_("Reference number"),
        max_length=30,
        help_text=_("It is in your receipt and looks like CPD-2026-000123."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        error_messages={"required": _("Enter your reference number")},
    )
    email = PlainEmailField(
        label=_("Email address"),
        help_text=_("The one you gave in your report."),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={
            "required": _("Enter your email address"),
            "invalid": _("Enter an email address like name@example.com"),
        },
    )

    def clean_reference(self):
        return normalise_reference(self.cleaned_data["reference"])


class MoreInformationForm(UploadKeyMixin, HoneypotMixin, PublicFormMixin, forms.Form):
    stored_in = {"text": "reports.ReportEvent.note"}

    text = MultiLineField(
        label=_("What would you like to add?"),
        max_length=5000,
        required=False,
        help_text=_("Answer the reviewer's question, or tell us anything new."),
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    photos = MultiplePhotoField(
        label=optional(_("Add photos")),
        required=False,
        help_text=_("Up to 5 photos: JPEG, PNG or WebP, each smaller than 10 MB."),
    )

    def clean(self):
        cleaned = super().clean()
        if (
            not self.errors
            and not (cleaned.get("text") or "").strip()
            and not cleaned.get("photos")
        ):
            self.add_error("text", _("Write what you would like to add, or choose a photo"))
        return cleaned


# --- Staff (admin) forms ---------------------------------------------------------------------


class ApproveForm(forms.Form):
    stored_in = {
        "case_number": "reports.Report.case_number",
        "message": "reports.Report.resident_message",
    }

    case_number = SingleLineField(
        label=_("Case number"),
        max_length=40,
        help_text=_("The permanent case number from the records system. The resident sees it."),
    )
    message = MultiLineField(
        label=_("Message to the resident (optional)"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Shown on the status page and sent by email."),
    )


class RequestInfoForm(forms.Form):
    stored_in = {"note": "reports.Report.resident_message"}

    note = MultiLineField(
        label=_("What do you need from the resident?"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Sent by email with a link to add information and photos to this report."),
    )


class RejectForm(forms.Form):
    reason = forms.ModelChoiceField(
        label=_("Reason"),
        queryset=RejectionReason.objects.active(),
        empty_label=None,
    )
    stored_in = {"note": "reports.Report.resident_message"}

    note = MultiLineField(
        label=_("Note to the resident (optional)"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Sent by email with the reason's explanation and shown on the status page."),
    )
