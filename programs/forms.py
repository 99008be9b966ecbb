from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from core.forms import (
    HoneypotMixin,
    MultiLineField,
    PlainEmailField,
    PublicFormMixin,
    RadioSelect,
    SingleLineField,
)
from programs.models import Program, SignUp

phone_validator = RegexValidator(
    r"^[0-9+()\-.\s]{7,30}$|^[0-9+()\-.\s]{7,24}\s*(x|ext\.?)\s*[0-9]{1,5}$",
    _("Enter a phone number, like (919) 555-0123."),
)


class SignupForm(HoneypotMixin, PublicFormMixin, forms.Form):
    """A resident signs up for a program. Watch-group programs ask one more question."""

    stored_in = {
        "name": "programs.SignUp.name",
        "email": "programs.SignUp.email",
        "phone": "programs.SignUp.phone",
        "neighborhood": "programs.SignUp.neighborhood",
        "message": "programs.SignUp.message",
    }

    name = SingleLineField(
        label=_("Your name"),
        max_length=200,
        error_messages={
            "required": _("Enter your name."),
            "max_length": _("Your name must be 200 characters or fewer."),
            "control_characters": _("Enter your name on one line, without special characters."),
        },
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = PlainEmailField(
        label=_("Email address"),
        help_text=_("We send a confirmation here, and use it to contact you about the program."),
        error_messages={
            "required": _("Enter your email address."),
            "invalid": _("Enter an email address in the correct format, like name@example.com."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    phone = SingleLineField(
        label=_("Phone number (optional)"),
        required=False,
        max_length=30,
        validators=[phone_validator],
        help_text=_("Only if you would rather we call you."),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )
    neighborhood = SingleLineField(
        label=_("Neighborhood or street (optional)"),
        required=False,
        max_length=200,
        help_text=_('For example "Maynard Road" or the name of your neighborhood.'),
        widget=forms.TextInput(attrs={"autocomplete": "address-line1"}),
    )
    intent = forms.ChoiceField(
        label=_("What would you like to do?"),
        choices=SignUp.Intent.choices,
        widget=RadioSelect,
        error_messages={"required": _("Choose whether you want to join or start a group.")},
    )
    watch_group = forms.ModelChoiceField(
        label=_("Which group would you like to join? (optional)"),
        queryset=None,
        required=False,
        empty_label=_("Choose a group"),
        help_text=_("Only if you chose to join an existing group."),
    )
    message = MultiLineField(
        label=_("Anything you would like us to know? (optional)"),
        required=False,
        max_length=2000,
        help_text=_("For example the best time to reach you. Do not report a crime here."),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": _("Your message must be 2,000 characters or fewer.")},
    )
    consent = forms.BooleanField(
        label=_("I agree that the Cary Police Department may contact me about this program."),
        help_text=_("We use your details only to organize this program, and never share them."),
        error_messages={"required": _("Agree to be contacted, so that we can sign you up.")},
    )

    def __init__(self, *args, program: Program, **kwargs):
        super().__init__(*args, **kwargs)
        self.program = program
        if program.has_watch_groups:
            groups = program.watch_groups.filter(is_active=True).order_by("name")
            self.fields["watch_group"].queryset = groups
            self.fields["neighborhood"].required = True
            self.fields["neighborhood"].label = _("Neighborhood or street")
            self.fields["neighborhood"].error_messages["required"] = _(
                "Enter your neighborhood or street, so we can find the right watch group."
            )
        else:
            del self.fields["intent"]
            del self.fields["watch_group"]

    def kept_varies_on(self):
        if "watch_group" in self.initial:
            # Any number from the address (?group=): one kept render per number would let
            # anyone fill the cache of page parts.
            return None
        # The fields above depend on these alone; the groups are followed by their keys.
        return [self.program.pk, self.program.has_watch_groups]

    def clean(self):
        cleaned = super().clean()
        if "intent" in self.fields:
            if cleaned.get("intent") == SignUp.Intent.JOIN_GROUP:
                if not cleaned.get("watch_group") and "watch_group" not in self.errors:
                    self.add_error(
                        "watch_group",
                        _("Choose the group you want to join, or choose to start a group."),
                    )
            else:
                cleaned["watch_group"] = None
        return cleaned
