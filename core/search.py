"""Site search: the base of every search source, and the stored text each source reads.

Each kind of content is a *source*: a ``ModelSearchSource`` subclass in its app's
``search.py``, registered in the app's ``AppConfig.ready()`` with
``core.registry.register_search_source``. Content is searched in the language of the page
(``SEARCH_LANGUAGES``): each field's text in that language, or in English where it has none,
as the page shows it (django-modeltranslation's columns, ``name_es`` then ``name_en``; a field
that is not translated, such as a person's name, is its own column). English is the English
columns only.

On PostgreSQL the model keeps the weighted text of each language in a column of its own,
``search_vector_en``, ``search_vector_es``... (the ``SearchVectors`` fields), GIN-indexed by
``search_indexes()`` in its ``Meta.indexes``; the app's migration adds a ``SearchVectorTrigger``
per language with the same weighted fields as the source's ``search_fields``, which fills the
column on every insert and on every update of those fields (so ``save()``, ``bulk_create()``,
``update()`` and ``loaddata`` all keep it right). The search is ranked full-text search in the
language's text search configuration ('english': "patrolling" finds "patrol"; 'cary_spanish',
Spanish with unaccent: "policia" finds "policía"), whole words only ("car" is not "Cary"), with
staff's synonyms (``synonym_table``).

Elsewhere (SQLite for a local run) the vector columns stay empty, and an FTS5 word index per
language of the same fields (``SubstringIndex`` with ``tokenize="words"``, in the app's
migrations) names the rows that hold every word, or one of its synonyms, somewhere; items with
them all in the title come first.

tests/test_search_indexes.py checks, for every source and language, that the query uses its
index and that the stored text is the source's.

Each source's query is compiled to SQL once per process and language and run with each search's
values: a search builds no queryset. The search page runs every source's query in one statement
(``combined_statement``), one round trip to the database.

Another language is an entry in ``settings.LANGUAGES`` (and in ``SEARCH_LANGUAGES`` when
PostgreSQL has a configuration for it or its accents are to be ignored), the migration
``makemigrations`` writes for the new columns and indexes, and in it a ``SearchVectorTrigger``
and a ``SubstringIndex`` per model for the new language (docs/architecture.md, "Search
indexes"): no code changes.
"""

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property, lru_cache
from typing import NamedTuple
from urllib.parse import quote

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector, SearchVectorField
from django.core.exceptions import FieldDoesNotExist
from django.db import connections, models, router
from django.db.backends.ddl_references import Statement
from django.db.backends.signals import connection_created
from django.db.migrations.operations.base import Operation
from django.db.models import (
    Case,
    CharField,
    DateTimeField,
    Expression,
    F,
    IntegerField,
    QuerySet,
    TextField,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, NullIf
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf
from django.utils import timezone
from django.utils.http import RFC3986_SUBDELIMS
from django.utils.translation import get_language, get_supported_language_variant
from modeltranslation.manager import MultilingualQuerySet
from psycopg import sql as psycopg_sql

from core.languages import default_language
from core.registry import registry

# --- Languages --------------------------------------------------------------------------------


def any_plurals(word: str) -> tuple[str, ...]:
    """The plural spellings of a language without rules of its own: both endings."""
    return (f"{word}s", f"{word}es")


def english_plurals(word: str) -> tuple[str, ...]:
    """The regular English plurals: "watch" -> "watches", "burglary" -> "burglaries", "thief"
    -> "thieves", "car" -> "cars" (not "cares": each spelling looked for costs a lookup in
    every index, and a wrong one can only find the wrong word)."""
    lower = word.casefold()
    if lower.endswith(("s", "x", "z", "ch", "sh")):
        return (f"{word}es",)
    if len(lower) > 1 and lower.endswith("y") and lower[-2] not in "aeiou":
        return (f"{word[:-1]}ies",)
    if lower.endswith("fe"):
        return (f"{word}s", f"{word[:-2]}ves")
    if lower.endswith("f"):
        return (f"{word}s", f"{word[:-1]}ves")
    if lower.endswith("o"):
        return (f"{word}s", f"{word}es")
    return (f"{word}s",)


def spanish_plurals(word: str) -> tuple[str, ...]:
    """The regular Spanish plurals ("robo" -> "robos", "luz" -> "luces"), and English's "s"
    after a consonant: a page not translated yet is searched in its English text."""
    lower = word.casefold()
    if lower.endswith("z"):
        return (f"{word[:-1]}ces",)
    if lower[-1:] in "aeiouáéíóú":
        return (f"{word}s",)
    return (f"{word}s", f"{word}es")


@dataclass(frozen=True)
class SearchLanguage:
    """How the text of one language is searched.

    ``postgresql``: its text search configuration ('simple', the default, only lowercases
    words; a configuration of the site's own is made by a migration, as cary_pd's makes
    'cary_spanish'). ``accented_letters``: the letters (lowercase) that words match with or
    without their accents ("policia" and "policía"): on SQLite the trigram index keeps the
    text without them, and the accent-folding ``SubstringIndex`` of the language's migration
    names the same letters; on PostgreSQL the configuration must unaccent (every accent).
    ``plurals``: a word's plural spellings, which SQLite's word index (no stemming) looks for
    beside the word itself (``fts_words_query``); PostgreSQL's configuration stems instead.
    """

    postgresql: str = "simple"
    accented_letters: str = ""
    plurals: Callable[[str], tuple[str, ...]] = any_plurals


# The languages of settings.LANGUAGES that are searched otherwise than SearchLanguage().
SEARCH_LANGUAGES = {
    "en": SearchLanguage(postgresql="english", plurals=english_plurals),
    "es": SearchLanguage(
        postgresql="cary_spanish", accented_letters="áéíóúüñ", plurals=spanish_plurals
    ),
}


def search_language(language: str) -> SearchLanguage:
    return SEARCH_LANGUAGES.get(language, SearchLanguage())


def search_languages() -> list[str]:
    """The languages content is searched in: every language of the site."""
    return [code for code, _name in settings.LANGUAGES]


def current_search_language() -> str:
    """The language of the page being rendered, as one of ``settings.LANGUAGES``."""
    try:
        return get_supported_language_variant(get_language() or default_language())
    except LookupError:
        return default_language()


def _suffix(language: str) -> str:
    return language.replace("-", "_").lower()  # as django-modeltranslation names its columns


def search_vector_name(language: str) -> str:
    """The model field (and column) holding the weighted text of ``language``."""
    return f"search_vector_{_suffix(language)}"


def text_fields(model, field: str, language: str) -> tuple[tuple[str, str | None], ...]:
    """The fields holding ``field``'s text in ``language``, each with the language of its text,
    the one shown first: its own (``name_es``), then the default language's (``name_en``) where
    the own is empty, as django-modeltranslation shows them. ``((field, None),)`` for a field
    that is not translated. ``model`` may be a migration's historical model."""
    default = default_language()
    try:
        model._meta.get_field(f"{field}_{_suffix(default)}")
    except FieldDoesNotExist:
        return ((field, None),)
    languages = [language] if language == default else [language, default]
    return tuple((f"{field}_{_suffix(code)}", code) for code in languages)


def text_expression(fields) -> Expression:
    """The text of ``text_fields()`` in the ORM: the first one that is not empty."""
    names = [name for name, _language in fields]
    if len(names) == 1:
        return F(names[0])
    # Text either way (django-modeltranslation's field classes differ per language).
    own = (NullIf(F(name), Value("")) for name in names[:-1])
    return Coalesce(*own, F(names[-1]), output_field=TextField())


def text_sql(columns: list[str], row: str = "", cast: str = "") -> str:
    """The same in SQL, of the quoted ``columns`` of ``row`` (NEW, OLD, or none)."""
    names = [f"{row}.{column}{cast}" if row else f"{column}{cast}" for column in columns]
    if len(names) == 1:
        return names[0]
    first = ", ".join(f"NULLIF({name}, '')" for name in names[:-1])
    return f"COALESCE({first}, {names[-1]})"


def _columns(model, fields) -> list[str]:
    return [model._meta.get_field(name).column for name, _language in fields]


@lru_cache(maxsize=16)
def accent_folds(letters: str) -> dict[str, str]:
    """What folding the accents of ``letters`` (lowercase; their capitals too) replaces: each
    letter by its letter without the accent, and the accent alone (text typed decomposed) by
    nothing."""
    folds = {}
    for letter in letters + letters.upper():
        base, *accents = unicodedata.normalize("NFD", letter)
        folds[letter] = base
        folds.update((accent, "") for accent in accents)
    return folds


@lru_cache(maxsize=16)
def _fold_table(letters: str) -> dict:
    return str.maketrans(accent_folds(letters))


def fold(text: str, letters: str) -> str:
    """``text`` without the accents of ``letters`` ("Policía" -> "Policia" for Spanish's)."""
    return text.translate(_fold_table(letters))


# The SQLite function that folds like ``fold``, in the triggers of an accent-folding
# SubstringIndex: SQLite has no unaccent(), its trigram tokenizer folds no accents before 3.45,
# and a replace() per letter in every trigger would make each new connection (one per request)
# parse a schema twice as long. So writes to those tables need a connection of the site's.
FOLD_FUNCTION = "search_fold"
LETTERS = re.compile(r"[^\W\d_]+")


def fold_sql(sql: str, letters: str) -> str:
    """The SQLite expression of ``sql``'s text folded as ``fold`` folds it."""
    if not LETTERS.fullmatch(letters):
        raise ValueError(f"Not letters: {letters!r}")
    return f"{FOLD_FUNCTION}({sql}, '{letters}')"


def _sqlite_fold(text, letters):
    return text if text is None else fold(text, letters)


@receiver(connection_created)
def add_search_functions(sender, connection, **kwargs):
    """Every SQLite connection the site opens has ``FOLD_FUNCTION``."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(FOLD_FUNCTION, 2, _sqlite_fold, deterministic=True)


# --- Models and migrations --------------------------------------------------------------------


def search_vector_field() -> SearchVectorField:
    """The column a ``SearchVectorTrigger`` fills: never edited, dumped or loaded by Django."""
    return SearchVectorField(null=True, editable=False, serialize=False)


# The base of every searched model: a vector per language (search_vector_en, ...), which a
# trigger of each language keeps (PostgreSQL). Made from settings.LANGUAGES, as
# django-modeltranslation makes its columns: another language is a migration, not a model edit.
SearchVectors = type(
    "SearchVectors",
    (models.Model,),
    {
        "__module__": __name__,
        "__doc__": "A stored search vector per language (core/search.py).",
        "__qualname__": "SearchVectors",
        "Meta": type("Meta", (), {"abstract": True}),
        **{search_vector_name(code): search_vector_field() for code in search_languages()},
    },
)


def search_indexes() -> list["SearchIndex"]:
    """The GIN index of each language's vector, for a searched model's ``Meta.indexes``
    (named ``<app>_<model>_search_<language>``)."""
    return [
        SearchIndex(
            fields=[search_vector_name(code)],
            name=f"%(app_label)s_%(class)s_search_{_suffix(code)}",
        )
        for code in search_languages()
    ]


def search_document(model, search_fields: dict[str, str], language: str = "en") -> SearchVector:
    """The weighted text of an item in ``language``, computed: field name -> weight, A (most
    important) to D. The same text as the language's ``SearchVectorTrigger`` stores (the tests
    compare them)."""
    config = search_language(language).postgresql
    vector = None
    for name, weight in search_fields.items():
        text = text_expression(text_fields(model, name, language))
        part = SearchVector(text, weight=weight, config=config)
        vector = part if vector is None else vector + part
    return vector


class SearchIndex(GinIndex):
    """A GIN index on a search vector, made only on PostgreSQL.

    SQLite (the local run) has no GIN indexes and searches by substring, so there the
    migration's statement does nothing. fastupdate is off: staff edits are rare, and new items
    must not wait in the index's pending list (read by every search) until the next vacuum.
    """

    def __init__(self, *expressions, **kwargs):
        kwargs.setdefault("fastupdate", False)
        super().__init__(*expressions, **kwargs)

    def create_sql(self, model, schema_editor, using="", **kwargs):
        if schema_editor.connection.vendor != "postgresql":
            return Statement("SELECT 1")
        return super().create_sql(model, schema_editor, using=using, **kwargs)

    def remove_sql(self, model, schema_editor, **kwargs):
        if schema_editor.connection.vendor != "postgresql":
            return Statement("SELECT 1")
        return super().remove_sql(model, schema_editor, **kwargs)


NAME = re.compile(r"[a-z_]+")


class TextSearchConfiguration(Operation):
    """Migration operation: a PostgreSQL text search configuration ``name``, a copy of ``copy``
    whose words go through the ``unaccent`` dictionary (the extension of that name, which must
    be made first: django.contrib.postgres.operations.UnaccentExtension) before ``dictionary``,
    so that a word matches whatever its accents. It does nothing on other databases."""

    reduces_to_sql = False
    reversible = True

    def __init__(self, name: str, copy: str, dictionary: str):
        self.name, self.copy, self.dictionary = name, copy, dictionary

    def deconstruct(self):
        kwargs = {"name": self.name, "copy": self.copy, "dictionary": self.dictionary}
        return self.__class__.__qualname__, [], kwargs

    def state_forwards(self, app_label, state):
        pass  # Database-only.

    def describe(self):
        return f"Create text search configuration {self.name} (PostgreSQL)"

    @property
    def migration_name_fragment(self):
        return f"{self.name}_configuration"

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "postgresql":
            return
        if not all(NAME.fullmatch(name) for name in (self.name, self.copy, self.dictionary)):
            raise ValueError(f"Bad text search configuration: {self!r}")
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {self.name}")
        schema_editor.execute(f"CREATE TEXT SEARCH CONFIGURATION {self.name} (COPY = {self.copy})")
        # The token types that may hold letters outside ASCII (asciiword cannot).
        schema_editor.execute(
            f"ALTER TEXT SEARCH CONFIGURATION {self.name} ALTER MAPPING FOR hword, hword_part, "
            f"word WITH unaccent, {self.dictionary}"
        )

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql" and NAME.fullmatch(self.name):
            schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {self.name}")


class SearchVectorTrigger(Operation):
    """Migration operation: a PostgreSQL trigger that keeps ``column`` equal to the weighted
    text of ``search_fields`` (field name -> weight) in ``config``, and fills it for the rows
    already there. It does nothing on other databases.

    With ``language``, each field's text is its text in that language, or the default
    language's where that is empty (``text_fields``: ``name_es``, then ``name_en``); the
    default language's own is its column only (``name_en``). Without, the fields' own columns
    (the migrations from before the site had languages).

    The trigger runs before every insert and before every update that writes one of the
    columns or the vector itself, so no Django code path (nor raw SQL) can leave it stale. To
    change the fields, a later migration runs this again with the new ones: it replaces the
    trigger.
    """

    reduces_to_sql = False
    reversible = True

    def __init__(
        self, model_name: str, search_fields: dict, column: str, config: str, language=None
    ):
        self.model_name = model_name
        self.search_fields = dict(search_fields)
        self.column = column
        self.config = config
        self.language = language

    def deconstruct(self):
        kwargs = {
            "model_name": self.model_name,
            "search_fields": self.search_fields,
            "column": self.column,
            "config": self.config,
        }
        if self.language:
            kwargs["language"] = self.language
        return self.__class__.__qualname__, [], kwargs

    def state_forwards(self, app_label, state):
        pass  # The column is an ordinary field (AddField); the trigger is database-only.

    def describe(self):
        return f"Keep {self.model_name}.{self.column} up to date with a trigger (PostgreSQL)"

    @property
    def migration_name_fragment(self):
        return f"{self.model_name.lower()}_{self.column}_trigger"

    def _names(self, model, schema_editor):
        table = model._meta.db_table
        quote_name = schema_editor.quote_name
        function = quote_name(f"{table}_{self.column}")
        return quote_name(table), function, function  # the trigger is named as its function

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "postgresql":
            return
        if not NAME.fullmatch(self.config) or not set(self.search_fields.values()) <= {
            "A",
            "B",
            "C",
            "D",
        }:
            raise ValueError(f"Bad search configuration or weights: {self!r}")
        model = to_state.apps.get_model(app_label, self.model_name)
        table, function, trigger = self._names(model, schema_editor)
        quote_name = schema_editor.quote_name
        texts = [
            text_fields(model, name, self.language) if self.language else ((name, None),)
            for name in self.search_fields
        ]
        columns = [[quote_name(column) for column in _columns(model, text)] for text in texts]
        document = " || ".join(
            f"setweight(to_tsvector('{self.config}'::regconfig, "
            f"COALESCE({text_sql(text, 'NEW', '::text')}, '')), '{weight}')"
            for text, weight in zip(columns, self.search_fields.values(), strict=True)
        )
        watched = ", ".join(dict.fromkeys(column for text in columns for column in text))
        vector = quote_name(self.column)
        schema_editor.execute(
            f"CREATE OR REPLACE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN NEW.{vector} := {document}; RETURN NEW; END $$"
        )
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {trigger} ON {table}")
        schema_editor.execute(
            f"CREATE TRIGGER {trigger} BEFORE INSERT OR UPDATE OF {watched}, {vector} "
            f"ON {table} FOR EACH ROW EXECUTE FUNCTION {function}()"
        )
        # Writing the column runs the trigger, which computes it: one definition of the text.
        schema_editor.execute(f"UPDATE {table} SET {vector} = NULL")  # noqa: S608 (quoted names)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "postgresql":
            return
        model = from_state.apps.get_model(app_label, self.model_name)
        table, function, trigger = self._names(model, schema_editor)
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {trigger} ON {table}")
        schema_editor.execute(f"DROP FUNCTION IF EXISTS {function}()")


def trigram_table(model, language: str | None = None) -> str:
    """The name of the FTS5 table a ``SubstringIndex`` keeps for ``model`` in ``language``
    (SQLite): the default language's keeps the name it had before the site had languages."""
    table = f"{model._meta.db_table}_search_trigram"
    if language is None or language == default_language():
        return table
    return f"{table}_{_suffix(language)}"


class SubstringIndex(Operation):
    """Migration operation: on SQLite, an FTS5 table with the trigram tokenizer over the
    ``search_fields`` of ``model_name``, kept by triggers after every insert, delete and update
    of those fields. It does nothing on other databases.

    The SQLite search matches every word as a substring; the index narrows the rows to those
    that hold each word of three or more characters (ignoring case, more widely than LIKE),
    and LIKE then decides on those rows only, so the results are the same as a full scan's.

    With ``language``, each field's text is its text in that language as ``text_fields`` says
    (``name_es``, else ``name_en``); without, the fields' own columns (the migrations from
    before the site had languages). The table is contentless: LIKE reads the model's columns.
    With ``accented_letters`` (the language's ``SearchLanguage.accented_letters``) the table
    keeps the text with the accents of those letters folded away (``fold_sql``, which the
    site's connections have), and LIKE reads that text there, so that the words, folded too,
    match with or without their accents.

    With ``tokenize="words"`` (the search since whole words) the table holds words instead,
    by FTS5's unicode61 tokenizer (every letter's case and accents ignored), contentless in
    every language, and its MATCH decides on its own: ``accented_letters`` is not needed.

    SQLite rebuilds a table (and drops its triggers) for many schema changes, so a later
    migration that alters one of these tables runs this again; tests/test_search_indexes.py
    fails when the triggers are gone.
    """

    reduces_to_sql = False
    reversible = True
    TOKENIZERS = {"trigram": "trigram", "words": "unicode61 remove_diacritics 2"}

    def __init__(
        self, model_name: str, search_fields, language=None, accented_letters="", tokenize=""
    ):
        self.model_name = model_name
        self.search_fields = list(search_fields)
        self.language = language
        self.tokenize = tokenize or "trigram"
        if self.tokenize not in self.TOKENIZERS:
            raise ValueError(f"Unknown tokenizer: {tokenize!r}")
        self.accented_letters = "" if self.tokenize == "words" else accented_letters

    def deconstruct(self):
        kwargs = {"model_name": self.model_name, "search_fields": self.search_fields}
        if self.language:
            kwargs["language"] = self.language
        if self.accented_letters:
            kwargs["accented_letters"] = self.accented_letters
        if self.tokenize != "trigram":
            kwargs["tokenize"] = self.tokenize
        return self.__class__.__qualname__, [], kwargs

    def state_forwards(self, app_label, state):
        pass  # Database-only: no model field or index of Django's.

    def describe(self):
        language = f" in {self.language}" if self.language else ""
        kind = "word" if self.tokenize == "words" else "substring"
        return f"Index {self.model_name}{language} for {kind} search (SQLite)"

    @property
    def migration_name_fragment(self):
        language = f"_{_suffix(self.language)}" if self.language else ""
        return f"{self.model_name.lower()}_substring_index{language}"

    def _drop(self, model, schema_editor):
        quote_name = schema_editor.quote_name
        table = trigram_table(model, self.language)
        for event in ("insert", "delete", "update"):
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {quote_name(f'{table}_{event}')}", None)
        schema_editor.execute(f"DROP TABLE IF EXISTS {quote_name(table)}", None)

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "sqlite":
            return
        model = to_state.apps.get_model(app_label, self.model_name)
        self._drop(model, schema_editor)
        quote_name = schema_editor.quote_name
        table = trigram_table(model, self.language)
        fts, on = quote_name(table), quote_name(model._meta.db_table)
        pk = quote_name(model._meta.pk.column)
        # Names of its own ("rank" is one of FTS5's), which the accent-folding search reads.
        names = ", ".join(quote_name(f"{name}_text") for name in self.search_fields)
        texts = [
            [quote_name(column) for column in _columns(model, text_fields(model, name, language))]
            if (language := self.language)
            else [quote_name(model._meta.get_field(name).column)]
            for name in self.search_fields
        ]

        def values(row):
            text = [text_sql(columns, row) for columns in texts]
            return (
                ", ".join(fold_sql(sql, self.accented_letters) for sql in text)
                if self.accented_letters
                else ", ".join(text)
            )

        watched = ", ".join(dict.fromkeys(column for columns in texts for column in columns))
        # Quoted names only, as in every statement here.
        insert = f"INSERT INTO {fts}(rowid, {names}) VALUES (NEW.{pk}, {values('NEW')});"  # noqa: S608
        if self.accented_letters:
            # The table keeps its text: a row is taken out by its rowid.
            delete = f"DELETE FROM {fts} WHERE rowid = OLD.{pk};"  # noqa: S608
            options = ""
        else:
            # Contentless (content=''): it keeps only the index, the table keeps the text. A row
            # is taken out with the text it was put in with, which the triggers have (OLD).
            deleted = f"'delete', OLD.{pk}, {values('OLD')}"
            delete = f"INSERT INTO {fts}({fts}, rowid, {names}) VALUES ({deleted});"  # noqa: S608
            options = "content='', "
        # columnsize=0: no per-row sizes, which only ranking by bm25() would read.
        schema_editor.execute(
            f"CREATE VIRTUAL TABLE {fts} USING fts5({names}, {options}"
            f"tokenize='{self.TOKENIZERS[self.tokenize]}', "
            "columnsize=0)",
            None,
        )
        triggers = {
            "insert": f"AFTER INSERT ON {on} BEGIN {insert} END",
            "delete": f"AFTER DELETE ON {on} BEGIN {delete} END",
            "update": f"AFTER UPDATE OF {pk}, {watched} ON {on} BEGIN {delete} {insert} END",
        }
        for event, trigger in triggers.items():
            schema_editor.execute(
                f"CREATE TRIGGER {quote_name(f'{table}_{event}')} {trigger}", None
            )
        schema_editor.execute(
            f"INSERT INTO {fts}(rowid, {names}) SELECT {pk}, {values('')} FROM {on}",  # noqa: S608
            None,
        )

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "sqlite":
            return
        self._drop(from_state.apps.get_model(app_label, self.model_name), schema_editor)


# --- Searching --------------------------------------------------------------------------------

MAX_QUERY_LENGTH = 200
MAX_TERMS = 10


class SearchResult(NamedTuple):
    """One result. A named tuple: a search page makes sixty, and one costs a third of a frozen
    dataclass's."""

    title: str
    url: str
    summary: str
    # The language of the title and of the summary where it is not the page's (English shown
    # for a missing translation), else "".
    title_language: str = ""
    summary_language: str = ""


@dataclass(frozen=True)
class ResultGroup:
    kind: str
    label: str
    results: list[SearchResult]


class StatementParameter(Expression):
    """A value a source's SQL, compiled once, takes at each search: the words, or the time."""

    def __init__(self, name: str, output_field):
        super().__init__(output_field=output_field)
        self.name = name

    def as_sql(self, compiler, connection):
        return "%s", [self]

    def prepare(self, value, connection):
        """``value`` as ``connection`` takes it (SQLite stores times as naive UTC text)."""
        return self.output_field.get_db_prep_value(value, connection)


WORDS = StatementParameter("words", CharField())
NOW = StatementParameter("now", DateTimeField())
# PostgreSQL: every word, or one of its synonyms, as to_tsquery() reads it (``tsquery_text``).
TSQUERY = StatementParameter("tsquery", CharField())
MAX_SYNONYM_WORDS = 3  # the longest entry of the synonym table found in a search, in words
# SQLite: every word, or one of its synonyms, as the word index's MATCH reads it
# (``fts_words_query``).
WORDS_MATCH = StatementParameter("words_match", CharField())


@lru_cache(maxsize=32)
def synonym_table(text: str, accented_letters: str = "") -> dict[str, tuple[str, ...]]:
    """Staff's synonyms (``DepartmentSettings.search_synonyms``: one group of words per line,
    separated by commas) as word -> the other words of its group, words compared in lower
    case (and folded as the language's search folds them)."""
    table = {}
    for line in text.splitlines()[:100]:
        group = [" ".join(word.split())[:50] for word in line.split(",")]
        group = list(dict.fromkeys(word for word in group if word))[:10]
        for word in group:
            key = fold(word.casefold(), accented_letters)
            others = tuple(other for other in group if other != word)
            if others:
                table[key] = tuple(dict.fromkeys(table.get(key, ()) + others))
    return table


def synonym_words(words: list[str], table: dict) -> list[str]:
    """``words`` with each run of them that is one entry of the synonym table ("police dog")
    joined into one, the longest first."""
    joined, i = [], 0
    while i < len(words):
        for length in range(min(MAX_SYNONYM_WORDS, len(words) - i), 0, -1):
            phrase = " ".join(words[i : i + length])
            if length == 1 or word_key(phrase) in table:
                joined.append(phrase)
                i += length
                break
    return joined


def word_key(word: str, accented_letters: str = "") -> str:
    """A word as searches and the synonym table compare it."""
    return fold(word.casefold(), accented_letters)


def tsquery_text(groups: list[tuple[str, ...]]) -> str:
    """PostgreSQL's tsquery text that every group matches, a group by any of its words:
    "('k9' | 'canine') & 'team'". Each word is quoted (quotes and backslashes doubled), so
    to_tsquery() reads only words: it splits a quoted one into its lexemes (a phrase) in the
    language's configuration, and drops what holds none ("%")."""

    def quoted(word):
        return "'{}'".format(word.replace("\\", "\\\\").replace("'", "''"))

    return " & ".join("(" + " | ".join(quoted(word) for word in group) + ")" for group in groups)


def fts_words_query(
    groups: list[tuple[str, ...]], plurals: Callable[[str], tuple[str, ...]] = any_plurals
) -> str:
    """The FTS5 query of the word index (``SubstringIndex`` with ``tokenize="words"``) that
    every group matches, a group by any of its words or their ``plurals``: '("car" OR "cars")
    AND (...)'. Each is an FTS5 string (quotes doubled), which the index's tokenizer splits
    into its words (a phrase: "K-9" is "k" then "9"); a group with no word at all is left out.
    "" when no group is left (nothing can match)."""

    def string(text):
        return '"{}"'.format(text.replace('"', '""'))

    return " AND ".join(
        "(" + " OR ".join(string(form) for word in group for form in (word, *plurals(word))) + ")"
        for group in groups
        if any(WORD_CHARACTER.search(word) for word in group)
    )


WORD_CHARACTER = re.compile(r"[^\W_]")


def search_values(
    query: str, now: datetime, language: SearchLanguage = SearchLanguage(), synonyms: str = ""
) -> dict:
    """What the StatementParameters take for a search of ``query`` at ``now`` in ``language``:
    the words without its accented letters' accents (``fold``), each with its ``synonyms``
    (``synonym_table``), as PostgreSQL's to_tsquery() and SQLite's word index read them."""
    letters = language.accented_letters
    if letters:
        query = fold(query, letters)
    table = synonym_table(synonyms, letters) if synonyms else {}
    words = synonym_words(query.split(), table)[:MAX_TERMS]
    groups = [(word, *table.get(word_key(word), ())) for word in words]
    return {
        "words": query,
        "now": now,
        "tsquery": tsquery_text(groups),
        "words_match": fts_words_query(groups, language.plurals),
    }


URL_SLUG_MARKER = "0search0slug0"
PLAIN_SLUG = re.compile(r"[-a-zA-Z0-9_]+")


@lru_cache(maxsize=256)
def slug_url(model, urlconf, script_prefix, language) -> tuple[str, ...]:
    """A model's ``get_absolute_url`` split where the slug goes, for the URL configuration,
    script prefix and language that ``reverse()`` reads: (before, after), or more parts when
    the slug is not simply put in."""
    return tuple(model(slug=URL_SLUG_MARKER).get_absolute_url().split(URL_SLUG_MARKER))


def _quote_slug(slug: str) -> str:
    if PLAIN_SLUG.fullmatch(slug):  # a valid slug: nothing to quote
        return slug
    return quote(slug, safe=RFC3986_SUBDELIMS + "/~:@")  # as django.urls.reverse() quotes


def _shown(values, fields, language: str) -> tuple[str, str]:
    """The text shown of ``text_fields`` whose ``values`` a row holds, and its language where
    that is not ``language``."""
    for value, (_name, text_language) in zip(values, fields, strict=True):
        if value:
            return value, "" if text_language in (None, language) else text_language
    return "", ""


def without_rewriting(queryset: QuerySet) -> QuerySet:
    """``queryset`` as Django builds it: search names each language's columns itself, and
    django-modeltranslation's values_list() would select the fields in no fixed order."""
    if isinstance(queryset, MultilingualQuerySet):
        return queryset.rewrite(False)
    return queryset


# A placeholder of Django's "format" style ("%%" is a literal "%"), as its backends read it.
PLACEHOLDER = re.compile(r"(?<!%)%s")


@dataclass(frozen=True)
class _Statement:
    """One source's query on one database, compiled: its rows are ``Layout.columns``. ``sql``
    and ``params`` as Django compiled them ("format" style, for ``combined_statement`` to join);
    a search runs ``named_sql`` with ``bind``'s values."""

    sql: str
    params: tuple
    # With ``positioned``: the names and directions of the columns it starts with, its order.
    order: tuple[tuple[str, bool], ...] = ()

    @cached_property
    def _named(self) -> tuple[str, dict, tuple]:
        # Each StatementParameter named for itself (one value serves its every place), each
        # other parameter by its position. The backends read named placeholders without a
        # regular expression over the statement: SQLite's rewrite of the search page's 8 KB of
        # "%s" into "?" had cost a tenth of finding the results.
        pieces = PLACEHOLDER.split(self.sql)
        if len(pieces) != len(self.params) + 1:
            raise ValueError("A search statement's placeholders do not match its parameters.")
        sql, constants, parameters = [pieces[0]], {}, {}
        for position, (param, piece) in enumerate(zip(self.params, pieces[1:], strict=True)):
            if isinstance(param, StatementParameter):
                name = param.name
                parameters[name] = param
            else:
                name = f"constant_{position}"
                constants[name] = param
            sql += [f"%({name})s", piece]
        return "".join(sql), constants, tuple(parameters.values())

    @property
    def named_sql(self) -> str:
        """``sql`` with named placeholders (Django's "pyformat" style), for ``bind``."""
        return self._named[0]

    def bind(self, values: dict, connection) -> dict:
        """The parameters of ``named_sql`` for ``values`` (``search_values``), as
        ``connection`` takes them."""
        _sql, constants, parameters = self._named
        prepared = {
            param.name: param.prepare(values[param.name], connection) for param in parameters
        }
        return {**constants, **prepared}

    @cached_property
    def _literal_pieces(self) -> tuple[tuple[str, ...], tuple]:
        # The text between placeholders ("%%" read as "%", as a statement without parameters
        # is sent), and for each placeholder its constant as a literal, or its
        # StatementParameter. psycopg quotes without a connection: a string with a backslash
        # gets E'' (right whatever standard_conforming_strings says).
        pieces = tuple(piece.replace("%%", "%") for piece in PLACEHOLDER.split(self.sql))
        slots = tuple(
            param
            if isinstance(param, StatementParameter)
            else psycopg_sql.Literal(param).as_string()
            for param in self.params
        )
        return pieces, slots

    def literal_sql(self, values: dict, connection) -> str:
        """``sql`` with its parameters written in as PostgreSQL literals (psycopg's
        ``sql.Literal``: what its client-side binding writes), to run without parameters."""
        pieces, slots = self._literal_pieces
        literals = {
            param.name: psycopg_sql.Literal(
                param.prepare(values[param.name], connection)
            ).as_string(connection.connection)
            for param in self._named[2]
        }
        sql = [pieces[0]]
        for slot, piece in zip(slots, pieces[1:], strict=True):
            sql += [literals[slot.name] if isinstance(slot, StatementParameter) else slot, piece]
        return "".join(sql)

    def runnable(self, values: dict, connection) -> tuple[str, dict | None]:
        """What ``cursor.execute`` takes to run this statement with ``values`` on
        ``connection``. PostgreSQL: ``literal_sql`` without parameters, because psycopg parses
        a statement longer than 4 KB for its placeholders on every execute (it keeps only
        shorter ones), which had cost a fifth of the search page's 7 KB statement. Elsewhere
        ``named_sql`` and ``bind``: SQLite's module keeps its compiled statements."""
        if connection.vendor == "postgresql":
            return self.literal_sql(values, connection), None
        return self.named_sql, self.bind(values, connection)


@dataclass(frozen=True)
class Layout:
    """What a source's query selects in one language: the fields of the title and of the
    summary (``text_fields``), then the fields ``get_absolute_url`` reads."""

    title: tuple
    summary: tuple
    urls: tuple[str, ...]

    @property
    def columns(self) -> tuple[str, ...]:
        return tuple(name for name, _language in self.title + self.summary) + self.urls


def _rows_by_rowid(sql: str, connection, model) -> str:
    """``sql`` reading ``model``'s table only by rowid (SQLite's NOT INDEXED): the planner would
    rather walk the index of the published filter and test every row against the trigram
    index's list, where it should read only the rows on that list. The first FROM is the main
    one: the query selects plain columns. tests/test_search_indexes.py checks every plan."""
    table = f"FROM {connection.ops.quote_name(model._meta.db_table)} "
    return sql.replace(table, f"{table}NOT INDEXED ", 1)


class ModelSearchSource:
    """Search one model. Subclasses set the attributes and usually only ``get_queryset``.

    The source's query is compiled once per process and language and run with each search's
    words: ``get_queryset`` must build the same query on every call, with the time only from
    its ``now`` argument (tests/test_search_indexes.py checks it).
    """

    kind = ""  # a short key, used for the group's HTML id ("services")
    label = ""  # the group's heading ("Services")
    title_field = "title"
    summary_field = "summary"
    # Field name -> PostgreSQL weight: A (most important) to D; the model's SearchVectorTriggers
    # use the same (one constant in the model's module, read by both). The title is one.
    search_fields = {"title": "A", "summary": "B", "body": "C"}
    limit = 20

    # For all sources: (source class, database alias, language, positioned) -> _Statement,
    # source class -> model, and (source class, language) -> Layout.
    _statements: dict = {}
    _models: dict = {}
    _layouts: dict = {}

    def get_queryset(self, now: datetime | None = None) -> QuerySet:
        """The published items; ``now`` (None: the current time) for those that depend on it."""
        raise NotImplementedError

    def search(self, query: str, now: datetime | None = None) -> list[SearchResult]:
        with Search(query, now) as search:
            return search.results(self)

    def model(self) -> type:
        model = self._models.get(type(self))
        if model is None:
            model = self._models[type(self)] = self.get_queryset().model
        return model

    def url_fields(self) -> set[str]:
        """The fields ``get_absolute_url`` reads, so the query loads nothing else."""
        return {"slug"}

    def layout(self, language: str) -> Layout:
        key = (type(self), language)
        layout = self._layouts.get(key)
        if layout is None:
            model = self.model()
            layout = self._layouts[key] = Layout(
                title=text_fields(model, self.title_field, language),
                summary=text_fields(model, self.summary_field, language),
                urls=tuple(sorted(self.url_fields())),
            )
        return layout

    def results(self, rows, urls: tuple, language: str | None = None) -> list[SearchResult]:
        """Rows of the ``layout`` of ``language`` (None: the current one) as results, with the
        model's ``get_absolute_url``: when it reads only the slug, found once for a marker slug
        (``slug_url``) and filled in for each row. ``urls``: what ``reverse()`` depends on
        (``Search.urls``)."""
        if not rows:
            return []
        language = language or current_search_language()
        model, layout = self.model(), self.layout(language)
        parts = slug_url(model, *urls) if layout.urls == ("slug",) else ()
        if len(parts) == 2 and len(layout.title) == len(layout.summary) == 1:
            # One field each, in the page's language or never translated: nothing to choose.
            before, after = parts
            return [
                SearchResult(title or "", f"{before}{_quote_slug(slug)}{after}", summary or "")
                for title, summary, slug in rows
            ]
        titles, summaries = len(layout.title), len(layout.title) + len(layout.summary)
        results = []
        for row in rows:
            title, title_language = _shown(row[:titles], layout.title, language)
            summary, summary_language = _shown(row[titles:summaries], layout.summary, language)
            if len(parts) == 2:
                url = f"{parts[0]}{_quote_slug(row[summaries])}{parts[1]}"
            else:
                url_values = dict(zip(layout.urls, row[summaries:], strict=True))
                url = model(**url_values).get_absolute_url()
            results.append(SearchResult(title, url, summary, title_language, summary_language))
        return results

    def statement(
        self, using: str, language: str | None = None, *, positioned: bool = False
    ) -> _Statement:
        """The query of this source on database ``using`` in ``language`` (None: the current
        one), compiled once: on PostgreSQL the ranked full-text search; elsewhere the search
        of the word index (``SubstringIndex`` with ``tokenize="words"``). ``positioned``: each
        row starts with the columns it is ordered by, ``_Statement.order`` (for
        ``combined_statement``)."""
        language = language or current_search_language()
        full_text = connections[using].vendor == "postgresql"
        key = (type(self), using, language, positioned)
        statement = self._statements.get(key)
        if statement is None:
            queryset = without_rewriting(self.get_queryset(NOW)).using(using)
            if full_text:
                queryset = self._full_text(queryset, TSQUERY, language)
            else:
                queryset = self._words(queryset, language)
            columns = self.layout(language).columns
            # The order: annotations' names, "-" for descending (``_full_text``, ``_words``).
            order = tuple(
                (name.lstrip("-"), name.startswith("-")) for name in queryset.query.order_by
            )
            if positioned:
                columns = (*(name for name, _descending in order), *columns)
            sql, params = queryset.values_list(*columns)[: self.limit].query.sql_with_params()
            if not full_text:
                sql = _rows_by_rowid(sql, connections[using], self.model())
            statement = _Statement(sql, params, order if positioned else ())
            self._statements[key] = statement
        return statement

    def _full_text(self, queryset: QuerySet, query, language: str) -> QuerySet:
        """``query``: the words (``websearch_to_tsquery``'s syntax), or ``TSQUERY`` for a
        statement compiled once (the words and their synonyms, ``search_values``)."""
        how = search_language(language)
        vector = search_vector_name(language)
        search_type = "raw" if query is TSQUERY else "websearch"
        search_query = SearchQuery(query, search_type=search_type, config=how.postgresql)
        # Whole words only, as the stored vector holds them ("car" is not "Cary"). The match on
        # its own, so PostgreSQL answers it from the GIN index, not from the published filter's
        # index and every published item's vector. Prefixed name: an annotation may not share a
        # model field's name ("rank").
        model = queryset.model
        matching = without_rewriting(model._default_manager.all()).filter(**{vector: search_query})
        return (
            queryset.filter(pk__in=matching.values("pk"))
            .annotate(
                search_rank=SearchRank(F(vector), search_query),
                search_title=text_expression(self.layout(language).title),
            )
            .order_by("-search_rank", "search_title")
        )

    def _words(self, queryset: QuerySet, language: str) -> QuerySet:
        """Every word (``WORDS_MATCH``) somewhere, as the word index of ``language`` decides,
        items with them all in the title first."""
        quote_name = connections[queryset.db].ops.quote_name
        table = quote_name(trigram_table(queryset.model, language))
        sql = f"SELECT rowid FROM {table} WHERE {table} MATCH %s"  # noqa: S608 (quoted)
        # The same words in the title's column alone: FTS5's column filter, "name_text : (...)".
        title_column = f"{self.title_field}_text"
        if not NAME.fullmatch(title_column):
            raise ValueError(f"Bad title field: {self.title_field!r}")
        title_match = f"'{title_column} : (' || %s || ')'"
        title_sql = f"SELECT rowid FROM {table} WHERE {table} MATCH {title_match}"  # noqa: S608
        in_title = When(pk__in=RawSQL(title_sql, [WORDS_MATCH]), then=Value(0))  # noqa: S611
        return (
            queryset.filter(pk__in=RawSQL(sql, [WORDS_MATCH]))  # noqa: S611 (a parameter)
            .annotate(
                search_title_first=Case(in_title, default=Value(1), output_field=IntegerField()),
                search_title=text_expression(self.layout(language).title),
            )
            .order_by("search_title_first", "search_title")
        )


@dataclass(frozen=True)
class _Combined:
    """The queries of several sources on one database as one statement (``combined_statement``):
    each row is (source's index, its order's columns, title slots, summary slots, URL slots), a
    source's fields in the first slots of each kind and NULL in the rest, so every part of the
    UNION selects the same columns. URL values come back as text (a slug in one part, an id in
    another) and go through their field's ``to_python``."""

    statement: _Statement
    layouts: tuple[Layout, ...]
    url_fields: tuple[tuple, ...]  # per source, the model fields of its URL columns
    order_columns: int
    title_slots: int
    summary_slots: int

    def rows(self, rows) -> list[list[tuple]]:
        """Each source's rows, in its own order and ``Layout.columns`` (``results`` reads)."""
        found = [[] for _layout in self.layouts]
        for row in rows:
            index = row[0]
            title, summary, url, fields = self._slices[index]
            urls = row[url]
            if fields:
                urls = (field.to_python(value) for field, value in zip(fields, urls, strict=True))
            found[index].append((*row[title], *row[summary], *urls))
        return found

    @cached_property
    def _slices(self) -> tuple[tuple[slice, slice, slice, tuple], ...]:
        """Per source, where its title, summary and URL values are in a row, and its URL
        fields, or none when they are all text (a slug) as the row has them already."""
        titles = 1 + self.order_columns
        summaries = titles + self.title_slots
        urls = summaries + self.summary_slots
        return tuple(
            (
                slice(titles, titles + len(layout.title)),
                slice(summaries, summaries + len(layout.summary)),
                slice(urls, urls + len(fields)),
                () if all(isinstance(field, CharField) for field in fields) else fields,
            )
            for layout, fields in zip(self.layouts, self.url_fields, strict=True)
        )


_combined: dict = {}  # (source classes, database alias, language) -> _Combined


def combined_statement(sources, using: str, language: str) -> _Combined:
    """One statement for the queries of ``sources`` on database ``using`` (one round trip, and
    one execute instead of ten): each source's ``statement`` as a subquery, the rows ordered by
    source, then by the columns of the sources' order (all order alike: ``_full_text`` on
    PostgreSQL, ``_words`` elsewhere)."""
    key = (tuple(type(source) for source in sources), using, language)
    combined = _combined.get(key)
    if combined is not None:
        return combined
    quote_name = connections[using].ops.quote_name
    layouts = tuple(source.layout(language) for source in sources)
    title_slots = max(len(layout.title) for layout in layouts)
    summary_slots = max(len(layout.summary) for layout in layouts)
    url_slots = max(len(layout.urls) for layout in layouts)

    def slots(names, count, cast=False):
        columns = [
            f"CAST({quote_name(name)} AS TEXT)" if cast else quote_name(name) for name in names
        ]
        return columns + ["NULL"] * (count - len(names))

    statements = [source.statement(using, language, positioned=True) for source in sources]
    order = statements[0].order
    if any(statement.order != order for statement in statements):
        raise ValueError("Sources combined in one statement must order their rows alike.")
    parts, params = [], []
    for index, (statement, layout) in enumerate(zip(statements, layouts, strict=True)):
        columns = [
            str(index),
            *(quote_name(name) for name, _descending in order),
            *slots([name for name, _language in layout.title], title_slots),
            *slots([name for name, _language in layout.summary], summary_slots),
            *slots(layout.urls, url_slots, cast=True),
        ]
        alias = quote_name(f"search_{index}")
        parts.append(f"SELECT {', '.join(columns)} FROM ({statement.sql}) AS {alias}")  # noqa: S608
        params.extend(statement.params)
    directions = [
        f"{n} DESC" if descending else str(n) for n, (_name, descending) in enumerate(order, 2)
    ]
    sql = " UNION ALL ".join(parts) + f" ORDER BY 1, {', '.join(directions)}"
    url_fields = tuple(
        tuple(source.model()._meta.get_field(name) for name in layout.urls)
        for source, layout in zip(sources, layouts, strict=True)
    )
    combined = _combined[key] = _Combined(
        _Statement(sql, tuple(params)), layouts, url_fields, len(order), title_slots, summary_slots
    )
    return combined


def search_sources() -> list[ModelSearchSource]:
    """One instance of each registered source, in the order of their groups."""
    return [source() for _order, source in registry.search_sources]


def compact_word_indexes() -> int:
    """Merge each source's word index, in every language, into one b-tree (FTS5's 'optimize'):
    the number of indexes merged. SQLite only; PostgreSQL's GIN indexes need nothing
    (``SearchIndex``: no pending list).

    FTS5 adds a segment for every write and merges segments only a few at a time, and a search
    looks up each of its words in every segment. The bench's data left 15 segments in the
    services index and 14 in the events index, and the search page's statement cost 1.6 times
    what it costs on merged ones. Run after content changes (``refresh_search_words``); a merge
    rewrites an index of a few megabytes in milliseconds."""
    merged = 0
    for source in search_sources():
        model = source.model()
        connection = connections[router.db_for_write(model)]
        if connection.vendor != "sqlite":
            continue
        with connection.cursor() as cursor:
            for language in search_languages():
                table = connection.ops.quote_name(trigram_table(model, language))
                cursor.execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")  # noqa: S608
                merged += 1
    return merged


class Search:
    """One search of one or more sources: the same words, time and language for all, the URL
    settings read once, one cursor per database (a context manager: it closes them)."""

    def __init__(self, query: str, now: datetime | None = None, synonyms: str = ""):
        self.query = query
        self.now = now or timezone.now()
        self.language = current_search_language()
        # The StatementParameters.
        self.values = search_values(query, self.now, search_language(self.language), synonyms)
        self.urls = (get_urlconf() or settings.ROOT_URLCONF, get_script_prefix(), get_language())
        self._cursors = {}  # database alias -> cursor

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        for cursor in self._cursors.values():
            cursor.close()

    def _cursor(self, using: str):
        if using not in self._cursors:
            self._cursors[using] = connections[using].cursor()
        return self._cursors[using]

    def _finds_nothing(self, connection) -> bool:
        # No word to look for (only punctuation): the word index finds nothing.
        return connection.vendor != "postgresql" and not self.values["words_match"]

    def results(self, source: ModelSearchSource) -> list[SearchResult]:
        """One source's results, by its own query."""
        using = router.db_for_read(source.model())
        connection = connections[using]
        if self._finds_nothing(connection):
            return []
        statement = source.statement(using, self.language)
        cursor = self._cursor(using)
        cursor.execute(*statement.runnable(self.values, connection))
        return source.results(cursor.fetchall(), self.urls, self.language)

    def results_of(self, sources: list[ModelSearchSource]) -> list[list[SearchResult]]:
        """The results of each of ``sources``, as ``results`` finds them, with one statement
        per database (``combined_statement``)."""
        by_database: dict[str, list[int]] = {}
        for index, source in enumerate(sources):
            by_database.setdefault(router.db_for_read(source.model()), []).append(index)
        found: list[list[SearchResult]] = [[] for _source in sources]
        for using, indexes in by_database.items():
            connection = connections[using]
            if self._finds_nothing(connection):
                continue
            members = [sources[index] for index in indexes]
            combined = combined_statement(members, using, self.language)
            cursor = self._cursor(using)
            cursor.execute(*combined.statement.runnable(self.values, connection))
            rows = combined.rows(cursor.fetchall())
            for index, source, source_rows in zip(indexes, members, rows, strict=True):
                found[index] = source.results(source_rows, self.urls, self.language)
        return found


def search_everything(query: str, synonyms: str = "") -> list[ResultGroup]:
    """Every source, all with the same time, in one statement; groups without results are left
    out. ``synonyms``: staff's groups of words that mean the same (``synonym_table``)."""
    sources = search_sources()
    with Search(query, synonyms=synonyms) as search:
        found = search.results_of(sources)
    return [
        ResultGroup(kind=source.kind, label=str(source.label), results=results)
        for source, results in zip(sources, found, strict=True)
        if results
    ]
