from functools import cache

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

    def kept_varies_on(self):
        return []  # the same fields for every event


# Label, select, then the error, as on the events page since it had filters.
FILTER_FIELD_TEMPLATE = "outreach/includes/filter_field.html"


class EventFilterForm(PublicFormMixin, forms.Form):
    """The filters on /events/: by kind and by month. Bad values are ignored, not errors.
    Each renders with ``{{ filters.kind.as_field_group }}``: Bootstrap's classes come from
    core.forms.PublicBoundField, the markup from FILTER_FIELD_TEMPLATE."""

    kind = forms.ChoiceField(
        label=_("Kind of event"),
        required=False,
        choices=[("", _("All kinds")), *Event.Kind.choices],
        template_name=FILTER_FIELD_TEMPLATE,
    )
    month = forms.ChoiceField(
        label=_("Month"),
        required=False,
        choices=[("", _("Any month"))],
        template_name=FILTER_FIELD_TEMPLATE,
    )

    def __init__(self, *args, months, **kwargs):
        """months: a callable giving the (value, label) months to offer. Called once, and
        only if needed: to check a month asked for, or to render the filters (not while the
        page keeps them rendered)."""
        super().__init__(*args, **kwargs)
        months = cache(months)
        self.fields["month"].choices = lambda: [("", _("Any month")), *months()]
