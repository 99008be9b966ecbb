"""Every form a visitor or staff member types into is bounded by the columns it fills.

Found by introspection, so a new form or field is checked without anyone adding it here: each
``forms`` module of the project's apps, each form class defined there, each text field.
"""

import importlib
import inspect
from pathlib import Path

import pytest
from django import forms
from django.apps import apps
from django.conf import settings

from core.forms import EMAIL_MAX_LENGTH, PlainEmailField, SingleLineField
from outreach.forms import RegistrationForm
from programs.forms import SignupForm
from reports.forms import AboutYouForm, DeclarationForm, MoreInformationForm, StatusLookupForm


def project_form_classes():
    found = []
    for config in apps.get_app_configs():
        path = Path(config.path)
        if not path.is_relative_to(settings.BASE_DIR) or "site-packages" in path.parts:
            continue  # Django's and libraries' apps
        try:
            module = importlib.import_module(f"{config.name}.forms")
        except ModuleNotFoundError:
            continue
        found += [
            cls
            for _name, cls in inspect.getmembers(module, inspect.isclass)
            if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__
        ]
    return found


FORMS = project_form_classes()


def text_fields(form_class):
    return {
        name: field
        for name, field in form_class.base_fields.items()
        if isinstance(field, forms.CharField)
    }


def column(path: str):
    app_label, model_name, field_name = path.split(".")
    return apps.get_model(app_label, model_name)._meta.get_field(field_name)


def test_the_scan_finds_every_public_form():
    names = {cls.__name__ for cls in FORMS}
    assert {"SignupForm", "RegistrationForm", "AboutYouForm", "StatusLookupForm"} <= names
    assert len(FORMS) >= 15


@pytest.mark.parametrize("form_class", FORMS, ids=lambda cls: f"{cls.__module__}.{cls.__name__}")
def test_every_text_field_is_bounded_by_the_column_it_fills(form_class):
    stored_in = getattr(form_class, "stored_in", {})
    not_stored = getattr(form_class, "not_stored", ())
    for name, field in text_fields(form_class).items():
        assert field.max_length is not None, f"{name} has no max_length"
        if isinstance(field.widget, forms.HiddenInput):
            continue
        assert isinstance(field, SingleLineField), f"{name} takes control characters"
        assert name in stored_in or name in not_stored, f"say which column {name} fills"
        if name in stored_in:
            limit = column(stored_in[name]).max_length
            assert limit is None or field.max_length <= limit, (name, field.max_length, limit)
    for name in stored_in:
        assert name in form_class.base_fields, f"stored_in names {name}, which is not a field"
        column(stored_in[name])  # the column exists


@pytest.mark.parametrize(
    "form", [DeclarationForm(), MoreInformationForm()], ids=lambda form: type(form).__name__
)
def test_fields_added_when_a_form_is_made_are_bounded_too(form):
    for name, field in form.fields.items():
        if isinstance(field, forms.CharField):
            assert field.max_length is not None, name


@pytest.mark.parametrize(
    "form_class", [SignupForm, RegistrationForm, AboutYouForm, StatusLookupForm]
)
def test_email_fields_take_only_plain_addresses_that_fit_the_column(form_class):
    field = form_class.base_fields["email"]
    assert isinstance(field, PlainEmailField) and field.max_length == EMAIL_MAX_LENGTH
    assert field.clean("jamie.rivera+watch@example.org") == "jamie.rivera+watch@example.org"
    for address in [
        "user@[127.0.0.1]",
        "user@[IPv6:::1]",
        "user@localhost",
        "user@intranet",
        "a" * 250 + "@example.org",
        "jamie@example.org\r\nBcc: everyone@example.org",
        "jamie@example.org\x00",
    ]:
        with pytest.raises(forms.ValidationError):
            field.clean(address)


@pytest.mark.parametrize(
    "value",
    [
        "Jamie\r\nBcc: everyone@example.org",
        "Jamie\nRivera",
        "Jamie\x00",
        "Jamie\x1b[31m",
        "Jamie\u202eorea",  # a right-to-left override
        "Jamie\u2066Rivera\u2069",  # a bidi isolate
        "Jamie\x85Rivera",  # NEL, a C1 control
    ],
)
def test_names_refuse_line_breaks_and_control_characters_with_a_clear_message(value):
    field = RegistrationForm.base_fields["name"]
    with pytest.raises(forms.ValidationError) as refused:
        field.clean(value)
    assert refused.value.messages == ["Enter your name on one line, without special characters."]


def test_multi_line_answers_keep_their_lines_but_refuse_other_controls():
    field = MoreInformationForm.base_fields["text"]
    assert field.clean("First line\r\nSecond line\twith a tab") == (
        "First line\r\nSecond line\twith a tab"
    )
    for value in ["Hidden\u202etext", "Bell\x07", "Null\x00"]:
        with pytest.raises(forms.ValidationError):
            field.clean(value)
