"""Pieces shared by the public forms: a honeypot against spam bots and how they render.

Usage in a form::

    class SignupForm(HoneypotMixin, PublicFormMixin, forms.Form):
        ...

and in the view, before anything is stored::

    if form.honeypot_filled():
        ...  # answer as if it worked, store and send nothing

Every text a visitor types goes in one of the bounded fields below: ``SingleLineField`` (names,
addresses, phone numbers: no line breaks or control characters, so no text of the visitor's own
can reach an email's headers), ``MultiLineField`` (descriptions and messages: line breaks
allowed) and ``PlainEmailField``. Each form says which column each field fills (``stored_in``);
tests/test_form_bounds.py checks every public form against its columns.

The template renders ``{{ form }}`` inside its own ``<form>`` element and its own
``{% csrf_token %}``, with the error summary (includes/error_summary.html) above it. That is
Django's own form rendering (settings.FORM_RENDERER) with the site's templates: the form's
fields in order (includes/forms/form.html), the honeypot last, hidden; each field with
includes/forms/field.html (checkbox.html, choices.html for radios): label, hint, error
message, input, as GOV.UK forms do; optional fields say "(optional)" in their label.

Rendering a form's templates costs more than the rest of its page, so a form that is the same
for every visitor until someone types into it (a sign-up, a registration) keeps its empty render
as a page part (``PublicFormMixin.kept_varies_on``, core/fragments.py): the CSRF token stays
outside it, in the page's ``<form>``, and a form with answers or errors is always rendered.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from core import fragments
from core.references import normalise_reference

# Unicode's control characters (C0, DEL, C1) and the bidirectional overrides and isolates,
# which can make a name read differently from what it holds ("Trojan Source").
BIDI_CONTROLS = "\u202a-\u202e\u2066-\u2069"
CONTROL_CHARACTERS = re.compile(f"[\x00-\x1f\x7f-\x9f{BIDI_CONTROLS}]")
# The same, less the tab and line breaks a multi-line answer may hold.
CONTROL_CHARACTERS_BUT_LINES = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{BIDI_CONTROLS}]")
# The longest address SMTP carries (RFC 5321's 256-octet path, less its brackets); the
# columns that hold one are this long too.
EMAIL_MAX_LENGTH = 254


# "9:30 p. m.", "9:30 p.m.", "9:30pm": the forms of a.m. and p.m. people write, in English and
# in Spanish as the site shows times ("6:00 p. m."), read as the AM and PM that "%p" takes.
MERIDIEM = re.compile(r"(?<=\d)\s*([ap])\.?\s*m\.?\s*$", re.IGNORECASE)


class ClockTimeField(forms.TimeField):
    """A time of day, typed: 12-hour with any usual a.m./p.m. spelling, or 24-hour."""

    def to_python(self, value):
        if isinstance(value, str):
            value = MERIDIEM.sub(lambda match: f" {match.group(1).upper()}M", value.strip())
        return super().to_python(value)


class ClockSplitDateTimeField(forms.SplitDateTimeField):
    """The admin's date and time boxes, with a ``ClockTimeField`` for the time."""

    def __init__(self, *, input_time_formats=None, **kwargs):
        super().__init__(input_time_formats=input_time_formats, **kwargs)
        date_field, time_field = self.fields
        clock = ClockTimeField(input_formats=input_time_formats, localize=time_field.localize)
        clock.required, clock.error_messages = time_field.required, time_field.error_messages
        self.fields = (date_field, clock)


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


class RadioSelect(forms.RadioSelect):
    """Radios whose error-summary link goes to the first option (Django's links to nothing: its
    ``id_for_label`` is empty for the group, so a label never points at all of them)."""

    def id_for_label(self, id_, index="0"):
        return f"{id_}_{index}" if id_ else ""


class PublicBoundField(forms.BoundField):
    """A public form's field: Bootstrap's classes on its input, with ``is-invalid`` while it
    has an error, and the site's template for its kind (label, hint, error, input)."""

    @property
    def template_name(self):
        if self.field.template_name:  # a form's own, e.g. a question's radios
            return self.field.template_name
        widget = self.field.widget
        if widget.is_hidden:
            return "includes/forms/hidden.html"
        if isinstance(widget, forms.CheckboxInput):
            return "includes/forms/checkbox.html"
        if isinstance(widget, forms.RadioSelect):  # CheckboxSelectMultiple too
            return "includes/forms/choices.html"
        return "includes/forms/field.html"

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        if widget.is_hidden or isinstance(widget, forms.RadioSelect):
            return attrs  # choices.html writes each option's class itself
        if isinstance(widget, forms.CheckboxInput):
            kind = "form-check-input"
        elif isinstance(widget, forms.Select):
            kind = "form-select"
        else:
            kind = "form-control"
        # The widget's name first ("textinput"), as crispy-forms wrote it before; the class
        # goes before the attributes Django adds (required, aria-*, id).
        names = [*widget.attrs.get("class", "").split(), type(widget).__name__.lower(), kind]
        if self.errors:
            names.append("is-invalid")
        return {"class": " ".join(dict.fromkeys(names)), **attrs}


class PublicFormMixin:
    """Renders a public form with the site's templates: ``{{ form }}`` gives every field in
    order (or only ``shown_fields``), then the honeypot inside a block hidden from people and
    assistive technology. A form with another layout names its own ``template_name``.

    A form whose empty render is the same for every visitor may keep it (``kept_varies_on``)."""

    template_name = "includes/forms/form.html"
    bound_field_class = PublicBoundField
    shown_fields = None  # the names of the fields to render, in order; None for all

    def kept_varies_on(self) -> list | None:
        """What this form's empty render depends on besides its class, prefix, ids, initial
        values and the language, for a form that keeps it as a page part (core/fragments.py),
        e.g. ``[self.program.pk, self.program.has_watch_groups]``; the rows the render reads
        (a ModelChoiceField's choices) are followed by the part's keys. None, the default:
        rendered each time. Only for a form that, unbound, holds nothing of one visitor's (no
        initial values from the session) and whose initial values take few values (each is a
        kept render of its own)."""
        return None

    def render(self, template_name=None, context=None, renderer=None):
        varies_on = None
        if not (self.is_bound or self.errors or template_name or context or renderer):
            varies_on = self.kept_varies_on()
        render = super().render
        if varies_on is None:  # a form with the visitor's answers or errors: always rendered
            return render(template_name, context, renderer)
        form = type(self)
        name = f"form:{form.__module__}.{form.__qualname__}"
        shape = [self.prefix, self.auto_id, self.initial, self.shown_fields]
        html = fragments.render_fragment(name, [*shape, *varies_on], render)
        return mark_safe(html)  # noqa: S308 - the form's own render, kept as it was

    # Django binds these to its own render(), not to an override.
    __str__ = render
    __html__ = render

    def get_context(self):
        honeypot = getattr(self, "honeypot_field_name", None)
        names = self.shown_fields or [name for name in self.fields if name != honeypot]
        return {
            "form": self,
            "fields": [self[name] for name in names],
            "honeypot": self[honeypot] if honeypot in self.fields else None,
        }


class ReferenceLookupForm(HoneypotMixin, PublicFormMixin, forms.Form):
    """A status page's form: the reference number alone, read as the app stores it.

    A subclass names its app's ``reference_prefix`` ("TIP-") and ``reference_help_text`` (where
    the resident finds it, with an example), so each app keeps its own wording."""

    not_stored = ("reference",)  # looked up, never stored
    reference_prefix = ""
    reference_help_text = ""

    reference = SingleLineField(
        label=_("Reference number"),
        max_length=30,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        error_messages={"required": _("Enter your reference number")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reference"].help_text = self.reference_help_text

    def clean_reference(self):
        return normalise_reference(self.cleaned_data["reference"], self.reference_prefix)
