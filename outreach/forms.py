from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import HoneypotMixin, PlainEmailField, PublicFormMixin, SingleLineField
from outreach.models import Event


class RegistrationForm(HoneypotMixin, PublicFormMixin, forms.Form):
    stored_in = {"name": "outreach.Registration.name", "email": "outreach.Registration.email"}

    name = SingleLineField(
        label=_("Your name"),
        max_length=150,
        error_messages={
            "required": _("Enter your name."),
            "max_length": _("Your name must be 150 characters or fewer."),
            "control_characters": _("Enter your name on one line, without special characters."),
        },
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = PlainEmailField(
        label=_("Email address"),
        help_text=_("We send your confirmation and a calendar file here."),
        error_messages={
            "required": _("Enter your email address."),
            "invalid": _("Enter an email address in the correct format, like name@example.com."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    party_size = forms.TypedChoiceField(
        label=_("How many people are coming, including you?"),
        choices=[(n, str(n)) for n in range(1, 11)],
        coerce=int,
        initial=1,
        error_messages={"invalid_choice": _("Choose from 1 to 10 people.")},
    )

    def __init__(self, *args, event: Event, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event


class EventFilterForm(forms.Form):
    """The filters on /events/: by kind and by month. Bad values are ignored, not errors."""

    kind = forms.ChoiceField(
        label=_("Kind of event"),
        required=False,
        choices=[("", _("All kinds")), *Event.Kind.choices],
    )
    month = forms.ChoiceField(label=_("Month"), required=False, choices=[("", _("Any month"))])

    def __init__(self, *args, months=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["month"].choices = [("", _("Any month")), *months]
