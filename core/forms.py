"""Pieces shared by the public forms: a honeypot against spam bots and the crispy-forms setup.

Usage in a form::

    class SignupForm(HoneypotMixin, forms.ModelForm):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.helper = public_form_helper(self)

and in the view, before anything is stored::

    if form.honeypot_filled():
        ...  # answer as if it worked, store and send nothing

The template renders ``{% crispy form %}`` inside its own ``<form>`` element, with the error
summary (includes/error_summary.html) above it. Fields render with includes/forms/field.html:
label, hint, error message, input, as GOV.UK forms do; optional fields say "(optional)".
"""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Layout
from django import forms
from django.utils.translation import gettext_lazy as _


class HoneypotMixin:
    """Adds a text field people never see or reach. Bots that fill every field fill it too."""

    honeypot_field_name = "website"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[self.honeypot_field_name] = forms.CharField(
            label=_("Leave this field empty"),
            required=False,
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
