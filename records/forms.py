"""The resident's request form, the status lookup, the download page's address check, and the
staff forms of the queue."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import (
    HoneypotMixin,
    MultiLineField,
    PlainEmailField,
    PublicFormMixin,
    RadioSelect,
    ReferenceLookupForm,
    SingleLineField,
)
from records import documents
from records.models import REFERENCE_PREFIX, RecordRequest
from reports.forms import optional

DESCRIPTION_MAX_LENGTH = 2000
REASON_MAX_LENGTH = 1000
EARLIEST_DATE = datetime.date(1950, 1, 1)


class DateInput(forms.DateInput):
    """The browser's own date picker (``<input type="date">``), which sends YYYY-MM-DD."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class RecordRequestForm(HoneypotMixin, PublicFormMixin, forms.Form):
    stored_in = {
        "description": "records.RecordRequest.description",
        "location": "records.RecordRequest.location",
        "case_number": "records.RecordRequest.case_number",
        "requester_name": "records.RecordRequest.requester_name",
        "requester_email": "records.RecordRequest.requester_email",
        "requester_phone": "records.RecordRequest.requester_phone",
        "reason": "records.RecordRequest.reason",
    }

    kind = forms.ChoiceField(
        label=_("Which record do you need?"),
        choices=RecordRequest.Kind.choices,
        widget=RadioSelect,
        error_messages={"required": _("Choose the record you need")},
    )
    description = MultiLineField(
        label=_("What happened?"),
        max_length=DESCRIPTION_MAX_LENGTH,
        help_text=_(
            "A few words so we find the right record, for example "
            '"two cars collided at the light; I was driving the blue car".'
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Describe what happened")},
    )
    incident_date = forms.DateField(
        label=_("When did it happen?"),
        help_text=_("The date of the crash or the incident."),
        input_formats=["%Y-%m-%d", "%m/%d/%Y"],
        widget=DateInput(),
        error_messages={
            "required": _("Enter the date it happened"),
            "invalid": _("Enter a real date, for example 3/27/2026"),
        },
    )
    location = SingleLineField(
        label=_("Where did it happen?"),
        max_length=200,
        help_text=_(
            'A street address, or the nearest cross streets, e.g. "Maynard Rd at High House Rd".'
        ),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
        error_messages={"required": _("Enter where it happened")},
    )
    case_number = SingleLineField(
        label=optional(_("Case or report number")),
        max_length=40,
        required=False,
        help_text=_("If the officer gave you one. It helps us find the record faster."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    requester_name = SingleLineField(
        label=_("Your name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": _("Enter your name")},
    )
    requester_email = PlainEmailField(
        label=_("Email address"),
        help_text=_(
            "We send a link to confirm it, then the record itself: only this address can "
            "download it."
        ),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={
            "required": _("Enter your email address"),
            "invalid": _("Enter an email address like name@example.com"),
        },
    )
    requester_phone = SingleLineField(
        label=optional(_("Phone number")),
        max_length=30,
        required=False,
        help_text=_("In case we have a question about your request."),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    relationship = forms.ChoiceField(
        label=_("Who are you in this?"),
        choices=RecordRequest.Relationship.choices,
        widget=RadioSelect,
        error_messages={"required": _("Choose who you are in this")},
    )
    reason = MultiLineField(
        label=optional(_("Why do you need it?")),
        max_length=REASON_MAX_LENGTH,
        required=False,
        help_text=_('For example "for my insurance claim".'),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        widget = self.fields["incident_date"].widget
        widget.attrs.update(
            {"min": EARLIEST_DATE.isoformat(), "max": timezone.localdate().isoformat()}
        )

    def clean_incident_date(self):
        date = self.cleaned_data["incident_date"]
        if date > timezone.localdate():
            raise ValidationError(_("The date must be today or in the past"), code="future")
        if date < EARLIEST_DATE:
            raise ValidationError(_("The date must be after 1950"), code="too_old")
        return date

    def submit_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            name: data.get(name, "")
            for name in (
                "kind",
                "description",
                "incident_date",
                "location",
                "case_number",
                "requester_name",
                "requester_email",
                "requester_phone",
                "relationship",
                "reason",
            )
        }


class StatusLookupForm(ReferenceLookupForm):
    reference_prefix = REFERENCE_PREFIX
    reference_help_text = _(
        "It is on your confirmation page and in your receipt email, and looks like REC-7KQ2M9XH4C."
    )


class DownloadForm(PublicFormMixin, forms.Form):
    """The download link's page asks for the address the request was made with."""

    not_stored = ("email",)  # compared, never stored

    email = PlainEmailField(
        label=_("Your email address"),
        help_text=_("The address you gave when you asked for the record."),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={
            "required": _("Enter your email address"),
            "invalid": _("Enter an email address like name@example.com"),
        },
    )


# --- Staff (admin) ---------------------------------------------------------------------------


class RefuseForm(forms.Form):
    stored_in = {"reason": "records.RecordRequest.refusal_reason"}

    reason = MultiLineField(
        label=_("Reason for the refusal"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "The resident reads it on the status page and in an email. Say why, and what "
            "they can do instead (for example: ask NC DMV for the crash report)."
        ),
    )


class DocumentForm(forms.Form):
    document = forms.FileField(
        label=_("The record, as a PDF"),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
        help_text=_(
            "Check it first: remove or black out anything the law says must be withheld. "
            "The resident is emailed a download link."
        ),
    )

    def clean_document(self):
        return documents.check_document(self.cleaned_data["document"])
