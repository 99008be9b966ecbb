"""The site's languages: what every app uses to work in more than one.

- ``language_path``: the same page's path in another language (the switcher, hreflang links).
- ``copy_to_default_language``: the migration step that fills the English column of fields
  newly made translatable from the column they had before.
- ``is_fallback`` / ``missing_translation``: whether a field of an object shows the English
  text because its text in the current language is empty (the page marks it lang="en", the
  admin's "Spanish translation: missing" filter lists the row).
- ``other_languages``: the languages content is translated into (all but the default).
- ``language_field``: the field that records the language a resident wrote in.
"""

from django.conf import settings
from django.db import migrations, models
from django.db.models import F, Q
from django.utils import translation
from django.utils.translation import gettext_lazy as _


def default_language() -> str:
    return settings.LANGUAGE_CODE


def other_languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES if code != default_language()]


def unprefixed(path: str) -> str:
    """The path of a page without its language prefix ("/es/tips/" -> "/tips/"). The default
    language has none (i18n_patterns with prefix_default_language=False) and slugs are shared,
    so this is the same page's path in the default language."""
    for code, _name in settings.LANGUAGES:
        if code != default_language() and (path == f"/{code}/" or path.startswith(f"/{code}/")):
            return path[len(code) + 1 :]
    return path


def language_path(path: str, language: str) -> str:
    """The path of the same page in ``language``: no reverse() or resolve() needed."""
    path = unprefixed(path)
    return path if language == default_language() else f"/{language}{path}"


def language_field() -> models.CharField:
    """The language a resident used when they sent something (a report, a sign-up, a
    registration): every email to them is written in it."""
    return models.CharField(
        _("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_(
            "The language the resident used on the website. Emails to them are written in it."
        ),
    )


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
    (for the admin's "lacks Spanish" filter). Translation columns are nullable: NULL is empty."""
    suffix = language.replace("-", "_")
    default = default_language().replace("-", "_")
    query = Q(pk__in=[])  # no fields: no row lacks anything
    for field in fields:
        own, source = f"{field}_{suffix}", f"{field}_{default}"
        lacks_own = Q(**{f"{own}__isnull": True}) | Q(**{own: ""})
        has_source = Q(**{f"{source}__isnull": False}) & ~Q(**{source: ""})
        query |= lacks_own & has_source
    return query
