"""The resident's compliment or complaint form, the status lookup, and the staff's forms."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import (
    ClockTimeField,
    HoneypotMixin,
    MultiLineField,
    PlainEmailField,
    PublicFormMixin,
    RadioSelect,
    ReferenceLookupForm,
    SingleLineField,
)
from feedback.models import (
    DESCRIPTION_MAX_LENGTH,
    OUTCOME_MEANINGS,
    OUTCOMES_BY_KIND,
    REFERENCE_PREFIX,
    Kind,
    Status,
)
from reports.forms import optional

ANONYMOUS, CONTACT = "anonymous", "contact"
EARLIEST_DATE = datetime.date(2000, 1, 1)
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%m/%d/%Y", "%m/%d/%y"]
TIME_INPUT_FORMATS = ["%H:%M", "%H:%M:%S", "%I:%M %p", "%I:%M%p"]


class FeedbackForm(HoneypotMixin, PublicFormMixin, forms.Form):
    stored_in = {
        "officer": "feedback.Feedback.officer",
        "description": "feedback.Feedback.description",
        "location": "feedback.Feedback.location",
        "contact_name": "feedback.Feedback.contact_name",
        "contact_email": "feedback.Feedback.contact_email",
        "contact_phone": "feedback.Feedback.contact_phone",
    }

    kind = forms.ChoiceField(
        label=_("Is it a compliment or a complaint?"),
        choices=[
            (Kind.COMPLIMENT, _("A compliment: thank an officer or the department")),
            (Kind.COMPLAINT, _("A complaint: tell us what went wrong")),
        ],
        widget=RadioSelect,
        error_messages={"required": _("Choose compliment or complaint")},
    )
    officer = SingleLineField(
        label=optional(_("Which officer is it about?")),
        max_length=150,
        required=False,
        help_text=_(
            "Their name or badge number, if you know it. Leave it empty if it is about the "
            "department, or if you do not know."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    description = MultiLineField(
        label=_("What happened?"),
        max_length=DESCRIPTION_MAX_LENGTH,
        help_text=_("Tell us in your own words what the officer or the department did."),
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Describe what happened")},
    )
    occurred_on = forms.DateField(
        label=_("Date it happened"),
        input_formats=DATE_INPUT_FORMATS,
        help_text=_("If you are not sure, give the closest date you remember."),
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
        error_messages={
            "required": _("Enter the date it happened"),
            "invalid": _("Enter a real date, for example 3/27/2026"),
        },
    )
    occurred_at_time = ClockTimeField(
        label=optional(_("Time it happened")),
        required=False,
        input_formats=TIME_INPUT_FORMATS,
        widget=forms.TimeInput(format="%H:%M", attrs={"type": "time"}),
        error_messages={"invalid": _("Enter the time like 9:30 PM")},
    )
    location = SingleLineField(
        label=optional(_("Where did it happen?")),
        max_length=200,
        required=False,
        help_text=_('An address, a place or the nearest cross streets, e.g. "Cary Towne Blvd".'),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    contact = forms.ChoiceField(
        label=_("Who is it from?"),
        choices=[
            (ANONYMOUS, _("Send it anonymously: we keep no name, email or phone number")),
            (CONTACT, _("Send it with my name and contact details")),
        ],
        widget=RadioSelect,
        help_text=_(
            "Either way you get a reference number to follow it. A compliment needs no contact "
            "details. For a complaint, contact details let us ask you questions, which helps "
            "us look into it."
        ),
        error_messages={"required": _("Choose whether to send it anonymously")},
    )
    contact_name = SingleLineField(
        label=optional(_("Your name")),
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    contact_email = PlainEmailField(
        label=optional(_("Email address")),
        required=False,
        help_text=_("We send your receipt here."),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={"invalid": _("Enter an email address like name@example.com")},
    )
    contact_phone = SingleLineField(
        label=optional(_("Phone number")),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    share_name = forms.BooleanField(
        label=_("For a compliment: you may share my name with the officer"),
        required=False,
        help_text=_("Otherwise the officer hears what you wrote, but not who wrote it."),
    )

    def clean_occurred_on(self):
        value = self.cleaned_data["occurred_on"]
        if value > timezone.localdate():
            raise ValidationError(_("The date must be today or in the past"), code="future")
        if value < EARLIEST_DATE:
            raise ValidationError(_("The date must be in the year 2000 or later"), code="past")
        return value

    def clean(self):
        cleaned = super().clean()
        kind, contact = cleaned.get("kind"), cleaned.get("contact")
        day, time = cleaned.get("occurred_on"), cleaned.get("occurred_at_time")
        if day and time and day == timezone.localdate() and time > timezone.localtime().time():
            self.add_error(
                "occurred_at_time",
                ValidationError(_("The time must be in the past"), code="future"),
            )
        if contact == ANONYMOUS:
            for name in ("contact_name", "contact_email", "contact_phone"):
                cleaned[name] = ""
            cleaned["share_name"] = False
            return cleaned
        if kind != Kind.COMPLIMENT:
            cleaned["share_name"] = False
        if (
            kind == Kind.COMPLAINT
            and contact == CONTACT
            and not (cleaned.get("contact_email") or cleaned.get("contact_phone"))
            and "contact_email" not in self.errors
        ):
            self.add_error(
                "contact_email",
                ValidationError(
                    _(
                        "For a complaint, enter an email address or a phone number, or choose "
                        "anonymous"
                    ),
                    code="no_contact",
                ),
            )
        if cleaned.get("share_name") and not cleaned.get("contact_name"):
            self.add_error(
                "contact_name",
                ValidationError(
                    _("Enter your name, so that we can share it with the officer"), code="no_name"
                ),
            )
        return cleaned

    def submit_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "officer": data.get("officer", ""),
            "description": data["description"],
            "occurred_on": data["occurred_on"],
            "occurred_at_time": data.get("occurred_at_time"),
            "location": data.get("location", ""),
            "anonymous": data["contact"] == ANONYMOUS,
            "contact_name": data.get("contact_name", ""),
            "contact_email": data.get("contact_email", ""),
            "contact_phone": data.get("contact_phone", ""),
            "share_name": data.get("share_name", False),
        }


class StatusLookupForm(ReferenceLookupForm):
    reference_prefix = REFERENCE_PREFIX
    reference_help_text = _("It is on your confirmation page and looks like PS-7KQ2M9XH4C.")


# --- Staff (admin) ---------------------------------------------------------------------------

PUBLIC_NOTE_HELP = _(
    "Shown on the status page to anyone with the reference: no names, no details of other "
    "people. Leave empty to keep the note shown now."
)


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(label=_("Assign to"), queryset=None)

    def __init__(self, *args, **kwargs):
        from feedback.operations import professional_standards_members

        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = professional_standards_members()
        self.fields["assignee"].label_from_instance = lambda user: (
            user.get_full_name() or user.get_username()
        )


class StatusChangeForm(forms.Form):
    stored_in = {"public_note": "feedback.Feedback.public_note"}

    status = forms.ChoiceField(
        label=_("New status"),
        choices=[(value, label) for value, label in Status.choices if value != Status.CLOSED],
        help_text=_("To close it, use Close with an outcome. A closed item reopens here."),
    )
    public_note = MultiLineField(
        label=_("Note for the resident"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=PUBLIC_NOTE_HELP,
    )


class CloseForm(forms.Form):
    stored_in = {"public_note": "feedback.Feedback.public_note"}

    outcome = forms.ChoiceField(label=_("Outcome"), choices=())
    public_note = MultiLineField(
        label=_("Note for the resident"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=PUBLIC_NOTE_HELP,
    )

    def __init__(self, *args, kind: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].choices = [
            (outcome.value, f"{outcome.label}: {OUTCOME_MEANINGS[outcome]}")
            for outcome in OUTCOMES_BY_KIND[kind]
        ]


class NoteForm(forms.Form):
    stored_in = {"note": "feedback.FeedbackEvent.note"}

    note = MultiLineField(
        label=_("Internal note"),
        max_length=DESCRIPTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Staff only: kept in the history, never shown to the resident."),
    )


class ForwardForm(forms.Form):
    stored_in = {
        "supervisor_email": "feedback.FeedbackEvent.new_value",
        "message": "feedback.FeedbackEvent.note",
    }

    supervisor_email = PlainEmailField(
        label=_("The supervisor's email address"),
        widget=forms.EmailInput(attrs={"spellcheck": "false"}),
    )
    message = MultiLineField(
        label=_("A few words of your own (optional)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
