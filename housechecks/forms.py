"""The resident's house check form, the status lookup, and the staff's visit form."""

from datetime import timedelta

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.forms import (
    HoneypotMixin,
    MultiLineField,
    PlainEmailField,
    PublicFormMixin,
    RadioSelect,
    ReferenceLookupForm,
    SingleLineField,
)
from districts.lookup import parse_address
from housechecks.models import REFERENCE_PREFIX, HouseCheckVisit, today
from reports.forms import optional

NOTES_MAX_LENGTH = 2000
YES, NO = "yes", "no"
# How far ahead a resident may book: a trip planned months ahead is booked nearer the time.
MAX_DAYS_AHEAD = 180
NOT_ROUTED = "none"  # the printable list of the checks no district matched


class DateInput(forms.DateInput):
    """The browser's own date picker; the value it sends is always YYYY-MM-DD."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs={"autocomplete": "off", **(attrs or {})}, format="%Y-%m-%d")


class DateField(forms.DateField):
    def __init__(self, **kwargs):
        kwargs.setdefault("widget", DateInput())
        kwargs.setdefault("input_formats", ["%Y-%m-%d", "%m/%d/%Y"])
        super().__init__(**kwargs)


def _phone(label, **kwargs):
    return SingleLineField(
        label=label,
        max_length=30,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
        **kwargs,
    )


class HouseCheckForm(HoneypotMixin, PublicFormMixin, forms.Form):
    stored_in = {
        "address": "housechecks.HouseCheck.address",
        "resident_name": "housechecks.HouseCheck.resident_name",
        "email": "housechecks.HouseCheck.email",
        "phone": "housechecks.HouseCheck.phone",
        "emergency_name": "housechecks.HouseCheck.emergency_name",
        "emergency_phone": "housechecks.HouseCheck.emergency_phone",
        "alarm_company": "housechecks.HouseCheck.alarm_company",
        "vehicles": "housechecks.HouseCheck.vehicles",
        "key_holder_name": "housechecks.HouseCheck.key_holder_name",
        "key_holder_phone": "housechecks.HouseCheck.key_holder_phone",
        "notes": "housechecks.HouseCheck.notes",
    }

    address = SingleLineField(
        label=_("The address of your home in Cary"),
        max_length=200,
        help_text=_('The street address with its house number, e.g. "123 Walnut St".'),
        widget=forms.TextInput(attrs={"autocomplete": "address-line1"}),
        error_messages={"required": _("Enter the address of your home")},
    )
    leave_date = DateField(
        label=_("The day you leave"),
        error_messages={
            "required": _("Enter the day you leave"),
            "invalid": _("Enter the day you leave as a date, e.g. 2026-07-04"),
        },
    )
    return_date = DateField(
        label=_("The day you come back"),
        error_messages={
            "required": _("Enter the day you come back"),
            "invalid": _("Enter the day you come back as a date, e.g. 2026-07-18"),
        },
    )
    resident_name = SingleLineField(
        label=_("Your name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": _("Enter your name")},
    )
    email = PlainEmailField(
        label=_("Email address"),
        help_text=_("We send your receipt here, and a summary of the visits when you are back."),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={
            "required": _("Enter your email address"),
            "invalid": _("Enter an email address like name@example.com"),
        },
    )
    phone = _phone(optional(_("Phone number")), required=False)
    emergency_name = SingleLineField(
        label=_("Emergency contact's name"),
        max_length=150,
        help_text=_("Someone officers can call if they find a problem, ideally nearby."),
        error_messages={"required": _("Enter the name of an emergency contact")},
    )
    emergency_phone = _phone(
        _("Emergency contact's phone number"),
        error_messages={"required": _("Enter the emergency contact's phone number")},
    )
    has_alarm = forms.ChoiceField(
        label=_("Does your home have an alarm?"),
        choices=[(YES, _("Yes")), (NO, _("No"))],
        widget=RadioSelect,
        error_messages={"required": _("Choose whether your home has an alarm")},
    )
    alarm_company = SingleLineField(
        label=optional(_("Alarm company")),
        max_length=150,
        required=False,
    )
    vehicles = SingleLineField(
        label=optional(_("Vehicles left at home")),
        max_length=300,
        required=False,
        help_text=_(
            'Make, color and where they are parked, e.g. "grey Honda Civic in the driveway".'
        ),
    )
    key_holder_name = SingleLineField(
        label=optional(_("Who has a key")),
        max_length=150,
        required=False,
    )
    key_holder_phone = _phone(optional(_("Key holder's phone number")), required=False)
    notes = MultiLineField(
        label=optional(_("Anything else officers should know")),
        max_length=NOTES_MAX_LENGTH,
        required=False,
        help_text=_(
            "For example lights on a timer, a house sitter who comes on Tuesdays, a side gate "
            "that does not latch. Do not write alarm codes or where a key is hidden."
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def clean_address(self):
        address = self.cleaned_data["address"]
        if parse_address(address) is None:
            raise ValidationError(
                _("Enter the street address with its house number, e.g. 123 Walnut St"),
                code="no_house_number",
            )
        return address

    def clean_leave_date(self):
        leave = self.cleaned_data["leave_date"]
        if leave < today():
            raise ValidationError(
                _("The day you leave cannot be in the past"), code="leave_in_past"
            )
        if leave > today() + timedelta(days=MAX_DAYS_AHEAD):
            raise ValidationError(
                ngettext(
                    "Ask at most %(days)d day before you leave",
                    "Ask at most %(days)d days before you leave",
                    MAX_DAYS_AHEAD,
                )
                % {"days": MAX_DAYS_AHEAD},
                code="leave_too_far",
            )
        return leave

    def clean(self):
        cleaned = super().clean()
        leave, back = cleaned.get("leave_date"), cleaned.get("return_date")
        if leave and back and "return_date" not in self.errors:
            max_days = settings.HOUSECHECKS_MAX_DAYS
            if back <= leave:
                self.add_error(
                    "return_date",
                    ValidationError(
                        _("The day you come back must be after the day you leave"),
                        code="return_before_leave",
                    ),
                )
            elif (back - leave).days > max_days:
                self.add_error(
                    "return_date",
                    ValidationError(
                        ngettext(
                            "We can check a home for at most %(days)d day",
                            "We can check a home for at most %(days)d days",
                            max_days,
                        )
                        % {"days": max_days},
                        code="too_long",
                    ),
                )
        if cleaned.get("has_alarm") != YES:
            cleaned["alarm_company"] = ""
        return cleaned

    def submit_kwargs(self) -> dict:
        data = self.cleaned_data
        names = [name for name in self.stored_in if name != "alarm_company"]
        return {
            **{name: data.get(name, "") for name in names},
            "leave_date": data["leave_date"],
            "return_date": data["return_date"],
            "has_alarm": data["has_alarm"] == YES,
            "alarm_company": data.get("alarm_company", ""),
        }


class StatusLookupForm(ReferenceLookupForm):
    reference_prefix = REFERENCE_PREFIX
    reference_help_text = _(
        "It is on your confirmation page and in your receipt: like HC-7KQ2M9XH4C."
    )


class CancelForm(StatusLookupForm):
    """The status page's cancel button: the reference again, in a hidden field."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reference"].widget = forms.HiddenInput()


# --- Staff (admin) ---------------------------------------------------------------------------


class VisitForm(forms.Form):
    stored_in = {"note": "housechecks.HouseCheckVisit.note"}

    visited_at = forms.DateTimeField(
        label=_("When"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    outcome = forms.ChoiceField(
        label=_("What you found"), choices=HouseCheckVisit.Outcome.choices, widget=RadioSelect
    )
    note = MultiLineField(
        label=_("Note"),
        max_length=NOTES_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What you saw or did. Internal unless you tick the box below."),
    )
    note_for_resident = forms.BooleanField(
        label=_("Send this note to the resident in their summary"), required=False
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "visited_at": timezone.localtime().replace(second=0, microsecond=0),
                "outcome": HouseCheckVisit.Outcome.ALL_SECURE,
            },
        )
        super().__init__(*args, **kwargs)


class RouteForm(forms.Form):
    district = forms.ModelChoiceField(
        label=_("District"), queryset=None, required=False, empty_label=_("Not routed")
    )

    def __init__(self, *args, **kwargs):
        from districts.models import District

        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = District.objects.all()


class TodayForm(forms.Form):
    """The printable list's district and day (GET)."""

    district = forms.ChoiceField(label=_("District"), required=False)
    date = DateField(label=_("Day"), required=False)

    def __init__(self, *args, districts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].choices = [
            *[(district.slug, district.name) for district in districts],
            (NOT_ROUTED, _("Not routed")),
        ]
