"""The site's languages: what every app uses to work in more than one.

- ``copy_to_default_language``: the migration step that fills the English column of fields
  newly made translatable from the column they had before.
- ``is_fallback`` / ``missing_translation``: whether a field of an object shows the English
  text because its text in the current language is empty (the page marks it lang="en").
"""

from django.conf import settings
from django.db import migrations
from django.db.models import F, Q
from django.utils import translation


def default_language() -> str:
    return settings.LANGUAGE_CODE


def copy_to_default_language(app_label: str, fields: dict[str, tuple[str, ...]]):
    """A RunPython that copies each field into its default-language column (``name`` ->
    ``name_en``) for the rows that exist; the reverse leaves the columns to be dropped."""
    suffix = default_language().replace("-", "_")

    def forwards(apps, schema_editor):
        for model_name, names in fields.items():
            model = apps.get_model(app_label, model_name)
            model._base_manager.update(**{f"{name}_{suffix}": F(name) for name in names})

    return migrations.RunPython(forwards, migrations.RunPython.noop, elidable=True)


def is_fallback(instance, field: str, language: str | None = None) -> bool:
    """Whether ``instance.<field>`` shows the default language's text in ``language`` (the
    current one by default) because that language's own is empty."""
    language = language or translation.get_language() or default_language()
    if language == default_language():
        return False
    own = getattr(instance, f"{field}_{language.replace('-', '_')}", None)
    return not own and bool(getattr(instance, f"{field}_{default_language()}", None))


def missing_translation(language: str, fields: tuple[str, ...]) -> Q:
    """Rows where any of these fields has default-language text but none in ``language``
    (for the admin's "lacks Spanish" filter)."""
    suffix = language.replace("-", "_")
    default = default_language()
    query = Q()
    for field in fields:
        query |= (Q(**{f"{field}_{suffix}__isnull": True}) | Q(**{f"{field}_{suffix}": ""})) & ~Q(
            **{f"{field}_{default}": ""}
        )
    return query
