"""Pieces shared by the public forms: a honeypot against spam bots and the crispy-forms setup.

Usage in a form::

    class SignupForm(HoneypotMixin, forms.ModelForm):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.helper = public_form_helper(self)

and in the view, before anything is stored::

    if form.honeypot_filled():
        ...  # answer as if it worked, store and send nothing

Every text a visitor types goes in one of the bounded fields below: ``SingleLineField`` (names,
addresses, phone numbers: no line breaks or control characters, so no text of the visitor's own
can reach an email's headers), ``MultiLineField`` (descriptions and messages: line breaks
allowed) and ``PlainEmailField``. Each form says which column each field fills (``stored_in``);
tests/test_form_bounds.py checks every public form against its columns.

The template renders ``{% crispy form %}`` inside its own ``<form>`` element, with the error
summary (includes/error_summary.html) above it. Fields render with includes/forms/field.html:
label, hint, error message, input, as GOV.UK forms do; optional fields say "(optional)".
"""

import re

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Layout
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.utils.translation import gettext_lazy as _

# Unicode's control characters (C0, DEL, C1) and the bidirectional overrides and isolates,
# which can make a name read differently from what it holds ("Trojan Source").
BIDI_CONTROLS = "\u202a-\u202e\u2066-\u2069"
CONTROL_CHARACTERS = re.compile(f"[\x00-\x1f\x7f-\x9f{BIDI_CONTROLS}]")
# The same, less the tab and line breaks a multi-line answer may hold.
CONTROL_CHARACTERS_BUT_LINES = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{BIDI_CONTROLS}]")
# The longest address SMTP carries (RFC 5321's 256-octet path, less its brackets); the
# columns that hold one are this long too.
EMAIL_MAX_LENGTH = 254


class SingleLineField(forms.CharField):
    """One line of text: refuses line breaks, other control characters and bidi controls."""

    forbidden = CONTROL_CHARACTERS
    default_error_messages = {
        "control_characters": _(
            "Enter this on one line, without line breaks or special characters."
        ),
    }

    def __init__(self, *, max_length: int, **kwargs):
        super().__init__(max_length=max_length, **kwargs)

    def validate(self, value):
        super().validate(value)
        if value and self.forbidden.search(value):
            raise ValidationError(
                self.error_messages["control_characters"], code="control_characters"
            )


class MultiLineField(SingleLineField):
    """Several lines of text: line breaks and tabs are fine, other control characters not."""

    forbidden = CONTROL_CHARACTERS_BUT_LINES
    widget = forms.Textarea
    default_error_messages = {
        "control_characters": _("Remove the special characters from this answer."),
    }


class PlainEmailValidator(EmailValidator):
    """Only an address at a domain name: no IP address in brackets, no dotless name such as
    localhost (Django's validator admits both)."""

    def __init__(self, message=None):
        super().__init__(message=message, allowlist=[])

    def __call__(self, value):
        if value and "@" in value and value.rpartition("@")[2].startswith("["):
            raise ValidationError(self.message, code=self.code, params={"value": value})
        super().__call__(value)


class PlainEmailField(SingleLineField, forms.EmailField):
    default_validators = [PlainEmailValidator()]

    def __init__(self, *, max_length: int = EMAIL_MAX_LENGTH, **kwargs):
        super().__init__(max_length=max_length, **kwargs)


class HoneypotMixin:
    """Adds a text field people never see or reach. Bots that fill every field fill it too."""

    honeypot_field_name = "website"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[self.honeypot_field_name] = forms.CharField(
            label=_("Leave this field empty"),
            required=False,
            max_length=200,  # longer is a bot anyway: the form answers with an error
            widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        )

    def honeypot_filled(self) -> bool:
        return bool(self.data.get(self.add_prefix(self.honeypot_field_name), "").strip())


def public_form_helper(form) -> FormHelper:
    """Crispy helper for a public form: no <form> tag (the template writes it, with its button),
    labels and hints from the form, and the honeypot hidden from people and assistive tech."""
    helper = FormHelper(form)
    helper.form_tag = False
    helper.field_template = "includes/forms/field.html"  # label, hint, error, input
    honeypot = getattr(form, "honeypot_field_name", None)
    fields = [name for name in form.fields if name != honeypot]
    layout = Layout(*fields)
    if honeypot:
        layout.append(Div(honeypot, css_class="form-honeypot", aria_hidden="true"))
    helper.layout = layout
    return helper
