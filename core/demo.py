"""Demo content in every language: what each app's ``demo.load()`` uses to write its rows.

A demo row is a dict of field values. A field registered for translation (the app's
translation.py) gives its default language under its own name (``"name"``) and each other
language under its suffix (``"name_es"``). A missing row is created in every language. On a row
that exists (loaded before, perhaps edited by staff since), a translation is filled only where it
is still empty and the row's default-language text is still the demo's: a translation of text
staff have replaced would say something else. Nothing is ever overwritten, so a second load
changes nothing.
"""

from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import build_localized_fieldname

from core.languages import default_language, other_languages


def translated_fields(model) -> tuple[str, ...]:
    """The model's fields registered for translation; none if it is not registered."""
    try:
        return tuple(translator.get_options_for_model(model).fields)
    except NotRegistered:
        return ()


def localized(model, data: dict) -> dict:
    """``data`` with each translated field named by its language's column (``name`` ->
    ``name_en``), so that no lookup or write depends on the language active when it runs."""
    fields = translated_fields(model)
    return {
        build_localized_fieldname(key, default_language()) if key in fields else key: value
        for key, value in data.items()
    }


def get_or_create_translated(model, lookup: dict, data: dict):
    """The row matching ``lookup``, created from ``data`` in every language if it is missing;
    an existing row gets the translations it still lacks. Returns (row, created)."""
    values = localized(model, data)
    row, created = model.objects.get_or_create(**localized(model, lookup), defaults=values)
    if not created:
        fill_missing_translations(row, {**localized(model, lookup), **values})
    return row, created


def fill_missing_translations(row, values: dict) -> list[str]:
    """Write the translations in ``values`` that ``row`` still lacks, and return their columns."""
    model = type(row)
    filled = []
    for name in translated_fields(model):
        default_column = build_localized_fieldname(name, default_language())
        source = values.get(default_column)
        if not source or not same_text(getattr(row, default_column), source):
            continue
        for language in other_languages():
            column = build_localized_fieldname(name, language)
            if values.get(column) and is_unfilled(row, column):
                setattr(row, column, values[column])
                filled.append(column)
    if filled:
        # A real change: "last updated" moves too (page parts vary on the department's).
        touched = [f.name for f in model._meta.concrete_fields if getattr(f, "auto_now", False)]
        row.save(update_fields=[*filled, *touched])
    return filled


def is_unfilled(row, column: str) -> bool:
    """Whether a translation column holds nothing of its own: empty, or still the model default
    (modeltranslation gives every language's column the field's default-language default, such
    as the department name's "Cary Police Department")."""
    value = getattr(row, column)
    return value in (None, "") or value == row._meta.get_field(column).get_default()


def same_text(stored: str | None, demo: str) -> bool:
    """Whether stored text is the demo's, whatever the admin did to its whitespace (a form strips
    the trailing newline and a browser sends line breaks as CRLF)."""
    return (stored or "").split() == demo.split()
