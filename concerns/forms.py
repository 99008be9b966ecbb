"""The resident's concern form, the status lookup, and the staff forms of the queue."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from concerns.models import REFERENCE_PREFIX, Concern
from core.forms import (
    HoneypotMixin,
    MultiLineField,
    PlainEmailField,
    PublicFormMixin,
    RadioSelect,
    ReferenceLookupForm,
    SingleLineField,
)
from reports import photos
from reports.forms import optional

DESCRIPTION_MAX_LENGTH = 3000
ANONYMOUS, CONTACT = "anonymous", "contact"


class PhotoField(forms.FileField):
    """One optional photo, given the report's cheap check (reports.photos.check_upload) here,
    so a refused file comes back as the field's error with every other answer kept."""

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "widget", forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"})
        )
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if not upload:
            return None
        return photos.check_upload(upload)  # raises ValidationError naming the file


class ConcernForm(HoneypotMixin, PublicFormMixin, forms.Form):
    stored_in = {
        "location": "concerns.Concern.location",
        "when_happens": "concerns.Concern.when_happens",
        "description": "concerns.Concern.description",
        "contact_name": "concerns.Concern.contact_name",
        "contact_email": "concerns.Concern.contact_email",
        "contact_phone": "concerns.Concern.contact_phone",
    }

    kind = forms.ChoiceField(
        label=_("What is it about?"),
        choices=Concern.Kind.choices,
        widget=RadioSelect,
        error_messages={"required": _("Choose what your concern is about")},
    )
    location = SingleLineField(
        label=_("Where is it happening?"),
        max_length=200,
        help_text=_(
            'A street address, or the nearest cross streets, e.g. "Maynard Rd at High House Rd".'
        ),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
        error_messages={"required": _("Enter where it is happening")},
    )
    latitude = forms.FloatField(
        required=False, min_value=-90, max_value=90, widget=forms.HiddenInput
    )
    longitude = forms.FloatField(
        required=False, min_value=-180, max_value=180, widget=forms.HiddenInput
    )
    when_happens = SingleLineField(
        label=optional(_("When does it happen?")),
        max_length=200,
        required=False,
        help_text=_('For example "weekday mornings 7 to 8" or "most Friday nights".'),
    )
    description = MultiLineField(
        label=_("What is happening?"),
        max_length=DESCRIPTION_MAX_LENGTH,
        help_text=_("Describe what you see, and how often. Do not include anyone's name."),
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Describe what is happening")},
    )
    photo = PhotoField(
        label=optional(_("A photo")),
        required=False,
        help_text=_(
            "One photo of the place or the problem: JPEG, PNG or WebP, smaller than 10 MB. "
            "We remove its location and camera details."
        ),
    )
    contact = forms.ChoiceField(
        label=_("How can we reach you?"),
        choices=[
            (
                ANONYMOUS,
                _("Do not contact me: send it anonymously (we keep no contact details)"),
            ),
            (CONTACT, _("You can contact me about it")),
        ],
        widget=RadioSelect,
        help_text=_(
            "Either way you get a reference number to check what happened. If you choose "
            "anonymous, we do not keep any name, email or phone number typed below."
        ),
        error_messages={"required": _("Choose whether we may contact you")},
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

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("contact") == ANONYMOUS:
            for name in ("contact_name", "contact_email", "contact_phone"):
                cleaned[name] = ""
        elif (
            cleaned.get("contact") == CONTACT
            and not (cleaned.get("contact_email") or cleaned.get("contact_phone"))
            and "contact_email" not in self.errors
        ):
            self.add_error(
                "contact_email",
                ValidationError(
                    _("Enter an email address or a phone number, or choose anonymous"),
                    code="no_contact",
                ),
            )
        if (cleaned.get("latitude") is None) != (cleaned.get("longitude") is None):
            cleaned["latitude"] = cleaned["longitude"] = None
        return cleaned

    def submit_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "location": data["location"],
            "latitude": data.get("latitude"),
            "longitude": data.get("longitude"),
            "when_happens": data.get("when_happens", ""),
            "description": data["description"],
            "anonymous": data["contact"] == ANONYMOUS,
            "contact_name": data.get("contact_name", ""),
            "contact_email": data.get("contact_email", ""),
            "contact_phone": data.get("contact_phone", ""),
            "photo": data.get("photo"),
        }


class StatusLookupForm(ReferenceLookupForm):
    reference_prefix = REFERENCE_PREFIX
    reference_help_text = _("It is on your confirmation page and looks like TIP-7KQ2M9XH4C.")


# --- Staff (admin) ---------------------------------------------------------------------------


class StatusChangeForm(forms.Form):
    stored_in = {"public_note": "concerns.Concern.public_note"}

    status = forms.ChoiceField(
        label=_("New status"),
        choices=[
            (value, label)
            for value, label in Concern.Status.choices
            if value != Concern.Status.RECEIVED
        ],
    )
    public_note = MultiLineField(
        label=_("Note for the resident"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Shown on the status page to anyone with the reference: no names, no details of "
            "other people. Leave empty to keep the note shown now."
        ),
    )


class AgendaForm(forms.Form):
    stored_in = {"agenda_text": "concerns.Concern.agenda_text"}

    on_agenda = forms.BooleanField(label=_("On the next meeting's agenda"), required=False)
    agenda_text = MultiLineField(
        label=_("The question as the agenda shows it"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Public, on the district page. Write it in your own words."),
    )


class RouteForm(forms.Form):
    district = forms.ModelChoiceField(
        label=_("District"), queryset=None, required=False, empty_label=_("Not routed")
    )

    def __init__(self, *args, **kwargs):
        from districts.models import District

        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = District.objects.all()
