"""The interface catalogues: every string the site can show has its translation in every
language of LANGUAGES besides English, and the compiled catalogues the site reads (committed,
so a fresh machine needs no gettext to run the site) hold exactly those translations."""

import os
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.test.utils import override_settings

ROOT = Path(settings.BASE_DIR)
# What `make messages` reads: the site's code and templates (not the tests, bench/ or the venv).
SOURCES = ["accounts", "cary_pd", "core", "outreach", "programs", "reports", "services"]
SOURCES += ["templates"]
OTHER_LANGUAGES = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def catalogue_path(language: str, suffix: str = "po") -> str:
    return str(ROOT / "locale" / language / "LC_MESSAGES" / f"django.{suffix}")


def key(entry) -> tuple[str, str]:
    return (entry.msgctxt or "", entry.msgid)


def plurals(entry) -> dict[int, str]:
    return {int(n): text for n, text in entry.msgstr_plural.items()}


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> set[tuple[str, str]]:
    """The msgids in the code today, as makemessages extracts them, into a scratch folder."""
    scratch = tmp_path_factory.mktemp("messages")
    for name in SOURCES:
        (scratch / name).symlink_to(ROOT / name)
    (scratch / "locale").mkdir()
    here = Path.cwd()
    os.chdir(scratch)
    try:
        with override_settings(LOCALE_PATHS=[scratch / "locale"]):
            call_command("makemessages", locale=["es"], symlinks=True, keep_pot=True, verbosity=0)
    finally:
        os.chdir(here)
    return {key(entry) for entry in polib.pofile(str(scratch / "locale" / "django.pot"))}


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_every_string_of_the_code_is_translated(extracted, language):
    po = polib.pofile(catalogue_path(language))
    translated = {key(entry) for entry in po.translated_entries() if not entry.obsolete}
    missing = sorted(msgid for _context, msgid in extracted - translated)
    assert missing == [], f"{len(missing)} strings have no {language}: `make messages`, translate"


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_the_catalogue_has_nothing_untranslated_or_fuzzy(language):
    po = polib.pofile(catalogue_path(language))
    assert [entry.msgid for entry in po.untranslated_entries()] == []
    assert [entry.msgid for entry in po.fuzzy_entries()] == []


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_the_compiled_catalogue_holds_the_translations(language):
    po = polib.pofile(catalogue_path(language))
    mo = polib.mofile(catalogue_path(language, "mo"))
    written = {
        key(entry): (entry.msgstr, plurals(entry))
        for entry in po.translated_entries()
        if not entry.obsolete
    }
    compiled = {key(entry): (entry.msgstr, plurals(entry)) for entry in mo if entry.msgid}
    assert compiled == written, "locale/*/django.mo is stale: `make messages`"
