"""Every search source reads an index in every language, so a search never reads every item's
text, and each language's index holds that language's text.

On PostgreSQL, the GIN index on each language's stored vector (core.search.search_indexes), and
the vector a trigger stores is always the source's weighted text in that language (English from
the English columns; Spanish from the Spanish ones, else the English), however the rows are
written. On SQLite, the FTS5 trigram index of each language (core.search.SubstringIndex) names
the rows that can hold the words; it holds exactly the source's text in that language (Spanish
with its accents folded away), however the rows are written, and a search through it finds what
reading every row finds."""

import re
import unicodedata
from datetime import datetime

import pytest
from django.contrib.postgres.search import SearchQuery
from django.core import serializers
from django.db import connection
from django.db.models import F, TextField
from django.db.models.functions import Cast
from django.utils import translation

from core.search import NOW as NOW_PARAMETER
from core.search import (
    SEARCH_LANGUAGES,
    Search,
    SubstringIndex,
    _Statement,
    combined_statement,
    compact_word_indexes,
    fold,
    search_document,
    search_language,
    search_languages,
    search_sources,
    search_values,
    search_vector_name,
    text_fields,
    trigram_table,
    without_rewriting,
)
from core.search import WORDS as WORDS_PARAMETER
from core.search_words import refresh_search_words
from services.models import Service
from services.search import ServiceSearch
from tests.factories import ServiceCategoryFactory, ServiceFactory

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="full-text search indexes are PostgreSQL's"
)
sqlite_only = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="the trigram index serves SQLite's substring search"
)
SOURCES = pytest.mark.parametrize("source", search_sources(), ids=lambda source: source.kind)
LANGUAGES = pytest.mark.parametrize("language", search_languages())
SPANISH = search_language("es").accented_letters
NOW = datetime.now().astimezone()


@pytest.fixture(autouse=True)
def _english():
    # A request under /es/ leaves Spanish active in the thread: every test starts in English.
    with translation.override("en"):
        yield


def test_spanish_is_searched_in_spanish_without_accents():
    assert search_languages() == ["en", "es"]
    assert SEARCH_LANGUAGES["es"].postgresql == "cary_spanish"
    assert fold("Policía, NIÑO, pingüino, Ñandú", SPANISH) == "Policia, NINO, pinguino, Nandu"
    assert fold("Poli\u0301cia", SPANISH) == "Policia"  # typed decomposed


def plan(sql, params) -> str:
    with connection.cursor() as cursor:
        # The tables are tiny in tests: forbid full scans to see whether the index *can* serve.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


@postgres_only
@SOURCES
@LANGUAGES
def test_each_source_matches_through_its_gin_index(source, language):
    # The model's GIN index of the language's vector: <table>_search_<language>, or a name of
    # its own where that would be too long (reports_guide_search_en).
    (index,) = [
        index.name
        for index in source.model()._meta.indexes
        if index.fields == [search_vector_name(language)]
    ]
    statement = source.statement(connection.alias, language=language)  # the SQL the search runs
    params = statement.bind(search_values("kildaire", NOW), connection)
    assert f"Bitmap Index Scan on {index}" in plan(statement.named_sql, params)


@SOURCES
@LANGUAGES
def test_each_source_compiles_the_same_query_every_time(source, language):
    # Compiled once per process: a time of its own (not get_queryset's ``now``) would stay.
    statement = source.statement(connection.alias, language)
    assert not any(isinstance(param, datetime) for param in statement.params)


@SOURCES
def test_each_language_has_a_statement_of_its_own(source):
    english = source.statement(connection.alias, "en")
    spanish = source.statement(connection.alias, "es")
    assert english.sql != spanish.sql
    with translation.override("es"):
        assert source.statement(connection.alias) is spanish
    assert source.statement(connection.alias) is english


def translate_first(model, search_fields):
    """Give the first row Spanish in its translated search fields but the last one, which
    shows its English, and other text in the columns these fields had before they were
    translated (django-modeltranslation keeps them), which no language reads."""
    translated = [name for name in search_fields if text_fields(model, name, "es")[0][1]]
    first = model.objects.order_by("pk").first()
    spanish = {f"{name}_es": f"Texto de {name}: la policía" for name in translated[:-1]}
    model.objects.filter(pk=first.pk).update(**spanish)
    untranslated = {name: "Text no language reads" for name in translated}
    model.objects.all().rewrite(False).filter(pk=first.pk).update(**untranslated)


def stale(model, search_fields, language) -> list:
    """The rows whose stored vector in ``language`` is not the weighted text of
    ``search_fields`` in it."""
    return list(
        model.objects.annotate(
            stored=Cast(search_vector_name(language), TextField()),
            computed=Cast(search_document(model, search_fields, language), TextField()),
        )
        .exclude(stored=F("computed"))
        .values_list("pk", flat=True)
    )


@postgres_only
@SOURCES
@LANGUAGES
def test_stored_vector_is_the_sources_weighted_text(demo, source, language):
    model = source.model()
    translate_first(model, source.search_fields)
    assert model.objects.exclude(**{f"{search_vector_name(language)}__isnull": True}).exists()
    assert stale(model, source.search_fields, language) == []


def finds(words, language="en"):
    return Service.objects.filter(
        **{
            search_vector_name(language): SearchQuery(
                words, config=search_language(language).postgresql
            )
        }
    )


@postgres_only
def test_the_vector_follows_every_kind_of_write():
    fields = ServiceSearch.search_fields
    category = ServiceCategoryFactory()
    service = ServiceFactory(name="Bicycle registration", category=category)
    Service.objects.bulk_create(
        [Service(name="Park patrol", slug="park-patrol", summary="On foot.", category=category)]
    )
    Service.objects.filter(pk=service.pk).update(body="Engraving and a sticker.")
    Service.objects.filter(pk=service.pk).update(name_es="Registro de bicicletas")
    vectors = dict.fromkeys(map(search_vector_name, search_languages()))
    Service.objects.filter(pk=service.pk).update(**vectors)  # cannot be unset
    for language in search_languages():
        assert stale(Service, fields, language) == []
    assert finds("engraving").get() == service
    assert finds("patrolling").get().slug == "park-patrol"
    assert finds("bicicleta", "es").get() == service
    assert finds("engraving", "es").get() == service  # no Spanish body: the English one
    assert not finds("bicicleta").exists()
    # loaddata: the columns are not dumped, and a loaded row gets its vectors all the same.
    service.refresh_from_db()
    dumped = serializers.serialize("json", [service])
    assert not any(vector in dumped for vector in vectors)
    Service.objects.filter(pk=service.pk).delete()
    for item in serializers.deserialize("json", dumped):
        item.save()
    assert finds("sticker").get().pk == service.pk
    assert finds("bicicletas", "es").get().pk == service.pk
    for language in search_languages():
        assert stale(Service, fields, language) == []


@postgres_only
def test_the_english_vector_reads_the_english_columns_only():
    service = ServiceFactory(name="Bicycle registration", summary="Engraving.")
    # Saved on a Spanish page, the field django-modeltranslation keeps as it was (``name``)
    # takes the Spanish: the English vector does not.
    with translation.override("es"):
        service.name = "Registro de bicicletas"
        service.save()
    original = Service.objects.all().rewrite(False).values_list("name", flat=True)
    assert original.get(pk=service.pk) == "Registro de bicicletas"
    assert not finds("registro").exists()
    assert finds("bicycle").get() == service
    assert finds("registro", "es").get() == service


@postgres_only
def test_the_spanish_vector_ignores_accents_and_stems_spanish():
    service = ServiceFactory(name="Police station", name_es="Estación de policía")
    for words in ["policía", "policia", "POLICÍA", "estacion", "estaciones"]:
        assert finds(words, "es").get() == service, words
    assert not finds("policia").exists()  # English: not a word of the English text


# --- SQLite: the trigram index ----------------------------------------------------------------


def rows(statement, query, language="en") -> list:
    values = search_values(query, NOW, search_language(language))
    with connection.cursor() as cursor:
        cursor.execute(statement.named_sql, statement.bind(values, connection))
        return cursor.fetchall()


@sqlite_only
@SOURCES
@LANGUAGES
def test_each_source_reads_only_the_rows_its_trigram_index_names(source, language):
    table, index = source.model()._meta.db_table, trigram_table(source.model(), language)
    statement = source.statement(connection.alias, language)
    with connection.cursor() as cursor:
        params = statement.bind(search_values("kildaire", NOW), connection)
        cursor.execute("EXPLAIN QUERY PLAN " + statement.named_sql, params)
        plan = [row[-1] for row in cursor.fetchall()]
    assert f"SCAN {index} VIRTUAL TABLE INDEX 0:M" in " ".join(plan)
    assert f"SEARCH {table} USING INTEGER PRIMARY KEY (rowid=?)" in plan
    assert f"SCAN {table}" not in plan


@sqlite_only
@SOURCES
@LANGUAGES
def test_each_trigram_index_has_its_triggers(source, language):
    table, index = source.model()._meta.db_table, trigram_table(source.model(), language)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s", [table]
        )
        triggers = {name for (name,) in cursor.fetchall()}
    # SQLite drops a table's triggers when a migration rebuilds the table: that migration must
    # end with core.search.SubstringIndex for the model again, in each language.
    assert {f"{index}_insert", f"{index}_delete", f"{index}_update"} <= triggers


def text_sql(model, name, language) -> str:
    """The SQL of a field's text in ``language``, as core.search.text_sql writes it."""
    fields = text_fields(model, name, language)
    columns = [f'"{model._meta.get_field(field).column}"' for field, _language in fields]
    if len(columns) == 1:
        return columns[0]
    return f"COALESCE(NULLIF({columns[0]}, ''), {columns[1]})"


def unindexed(model, search_fields, language="en") -> list:
    """What the contentless trigram index of ``language`` holds and a fresh index of the rows'
    text in that language would not, and the reverse: (term, rowid, column, offset) of each
    difference."""
    index = trigram_table(model, language)
    names = ", ".join(f'"{name}_text"' for name in search_fields)
    texts = ", ".join(text_sql(model, name, language) for name in search_fields)
    instances = "SELECT term, doc, col, offset FROM temp.{}"
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE VIRTUAL TABLE temp.fresh USING fts5({names}, content='', "
            f"tokenize='{SubstringIndex.TOKENIZERS['words']}', columnsize=0)"
        )
        try:
            cursor.execute(
                f"INSERT INTO temp.fresh(rowid, {names}) "  # noqa: S608 (the model's names)
                f'SELECT "{model._meta.pk.column}", {texts} FROM "{model._meta.db_table}"'
            )
            cursor.execute(
                f"CREATE VIRTUAL TABLE temp.live USING fts5vocab(main, '{index}', instance)"
            )
            cursor.execute(
                "CREATE VIRTUAL TABLE temp.fresh_v USING fts5vocab(temp, 'fresh', instance)"
            )
            live, fresh = instances.format("live"), instances.format("fresh_v")
            cursor.execute(
                f"SELECT * FROM ({live} EXCEPT {fresh}) UNION ALL "  # noqa: S608 (no input)
                f"SELECT * FROM ({fresh} EXCEPT {live})"
            )
            return cursor.fetchall()
        finally:
            for table in ("live", "fresh_v", "fresh"):
                cursor.execute(f"DROP TABLE IF EXISTS temp.{table}")


def differences(model, search_fields, language) -> list:
    return unindexed(model, search_fields, language)


@sqlite_only
@SOURCES
@LANGUAGES
def test_trigram_index_holds_the_sources_text(demo, source, language):
    model = source.model()
    assert model.objects.exists()
    translate_first(model, source.search_fields)
    assert differences(model, source.search_fields, language) == []


def substring_finds(words, language="en") -> list:
    """The titles of the services the indexed search finds for ``words``."""
    statement = ServiceSearch().statement(connection.alias, language)
    return [next(text for text in row[:2] if text) for row in rows(statement, words, language)]


@sqlite_only
def test_the_trigram_index_follows_every_kind_of_write():
    fields = ServiceSearch.search_fields
    category = ServiceCategoryFactory()
    service = ServiceFactory(name="Bicycle registration", category=category)
    Service.objects.bulk_create(
        [Service(name="Park patrol", slug="park-patrol", summary="On foot.", category=category)]
    )
    Service.objects.filter(pk=service.pk).update(body="Engraving and a sticker.")
    Service.objects.filter(pk=service.pk).update(name_es="Inscripción de bicicletas")
    service.refresh_from_db()
    service.summary = "Bring the frame number."
    service.save()
    for language in search_languages():
        assert differences(Service, fields, language) == []
    assert substring_finds("engraving") == ["Bicycle registration"]
    assert substring_finds("frame") == ["Bicycle registration"]
    assert substring_finds("park") == ["Park patrol"]
    assert substring_finds("inscripcion", "es") == ["Inscripción de bicicletas"]
    assert substring_finds("frame", "es") == ["Inscripción de bicicletas"]  # English summary
    assert substring_finds("inscripcion") == []
    # loaddata writes rows as they were dumped; delete takes them out of the index.
    dumped = serializers.serialize("json", [service])
    Service.objects.filter(pk=service.pk).delete()
    assert substring_finds("engraving") == []
    assert substring_finds("inscripción", "es") == []
    for item in serializers.deserialize("json", dumped):
        item.save()
    assert substring_finds("sticker") == ["Bicycle registration"]
    assert substring_finds("INSCRIPCIÓN", "es") == ["Inscripción de bicicletas"]
    Service.objects.all().delete()
    for language in search_languages():
        assert differences(Service, fields, language) == []


def segments(index: str) -> int:
    """The b-trees (segments) FTS5 keeps for ``index``: every term is looked up in each."""
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT count(DISTINCT segid) FROM "{index}_idx"')  # noqa: S608
        return cursor.fetchone()[0]


@sqlite_only
def test_refreshing_after_edits_merges_every_word_index_and_keeps_what_it_finds():
    category = ServiceCategoryFactory()
    for number in range(6):  # a write each: FTS5 adds a segment per write
        ServiceFactory(name=f"Bicycle registration {number}", category=category)
    Service.objects.filter(name__endswith="5").update(summary="Engraving and a sticker.")
    indexes = [trigram_table(Service, language) for language in search_languages()]
    assert all(segments(index) > 1 for index in indexes)
    found = substring_finds("bicycle"), substring_finds("engraving")

    refresh_search_words()

    assert [segments(index) for index in indexes] == [1] * len(indexes)
    assert (substring_finds("bicycle"), substring_finds("engraving")) == found
    assert len(found[0]) == 6 and found[1] == ["Bicycle registration 5"]
    for language in search_languages():
        assert differences(Service, ServiceSearch.search_fields, language) == []
    # Every source's index in every language, the merged count.
    assert compact_word_indexes() == len(search_sources()) * len(search_languages())


@sqlite_only
def test_the_english_index_reads_the_english_columns_only():
    service = ServiceFactory(name="Bicycle registration")
    # Saved on a Spanish page, the field django-modeltranslation keeps as it was (``name``)
    # takes the Spanish: the English index does not.
    with translation.override("es"):
        service.name = "Registro de bicicletas"
        service.save()
    original = Service.objects.all().rewrite(False).values_list("name", flat=True)
    assert original.get(pk=service.pk) == "Registro de bicicletas"
    assert substring_finds("registro") == []
    assert substring_finds("bicycle") == ["Bicycle registration"]
    assert substring_finds("registro", "es") == ["Registro de bicicletas"]


# Words of every kind: several, short ones (not in the index), quotes, LIKE's wildcards and
# escape, and letters outside ASCII, whose case LIKE matches exactly and the index ignores, and
# Spanish accents, which the Spanish search folds away.
WORDS = [
    "watch",
    "WATCH",
    "neighborhood watch",
    "patrol",
    "Patrols",
    "k-9",
    "K9",
    "car break-in",
    "a watch",
    "in",
    "o'brien",
    '"',
    'wat"ch',
    "100%",
    "10_0",
    "%",
    "_",
    "\\",
    "école",
    "École",
    "ÉCOLE",
    "straße",
    "policía",
    "POLICIA",
    "niño",
    "ñ",
    "cary police department",
    "zzzz",
]


def tokens(text: str) -> list[str]:
    """``text``'s words as the word index's tokenizer (unicode61, remove_diacritics 2) keeps
    them: lower case, without accents, split at anything that is not a letter or digit."""
    plain = "".join(
        c for c in unicodedata.normalize("NFD", text or "") if not unicodedata.combining(c)
    )
    return re.findall(r"[^\W_]+", plain.lower())


def holds(text_tokens: list[str], word: str, language: str) -> bool:
    """Whether the tokens hold ``word`` or one of its plurals in ``language`` as a phrase, as
    the index's MATCH does."""
    for form in (word, *search_language(language).plurals(word)):
        phrase = tokens(form)
        size = len(phrase)
        if any(text_tokens[i : i + size] == phrase for i in range(len(text_tokens) - size + 1)):
            return True
    return False


def read_every_row(source, words: str, language: str) -> set:
    """The pks of the source's items holding every word in one of their fields, by reading
    every row in Python."""
    model = source.model()
    fields = {name: text_fields(model, name, language) for name in source.search_fields}
    wanted = [word for word in words.split() if tokens(word)]
    found = set()
    for item in without_rewriting(source.get_queryset()):
        texts = []
        for columns in fields.values():
            values = [getattr(item, column) for column, _language in columns]
            texts.append(tokens(next((value for value in values if value), "")))
        if wanted and all(any(holds(text, word, language) for text in texts) for word in wanted):
            found.add(item.pk)
    return found


@sqlite_only
@SOURCES
@LANGUAGES
def test_the_word_index_finds_what_reading_every_row_finds(demo, source, language):
    ServiceFactory(
        name="École patrol", summary="Straße 100% sicher, 10_0.", name_es="Patrulla del niño"
    )
    ServiceFactory(name="Police", name_es="Policía", summary_es="La policía de Cary.")
    model = source.model()
    for words in WORDS:
        with translation.override(language), Search(words) as search:
            results = search.results(source)
            expected = read_every_row(source, words, language)
            urls = {item.get_absolute_url() for item in model.objects.filter(pk__in=expected)}
        found = {result.url for result in results}
        if len(expected) <= source.limit:
            assert found == urls, words
        else:
            assert len(found) == source.limit and found <= urls, words


@sqlite_only
def test_the_indexed_search_ignores_case_of_every_letter():
    ServiceFactory(name="École patrol")
    assert substring_finds("École") == ["École patrol"]
    assert substring_finds("école") == ["École patrol"]  # the index finds it; REGEXP decides
    # Spanish folds É: "ecole" is the text the index keeps, in any case.
    assert substring_finds("école", "es") == ["École patrol"]
    assert substring_finds("ECOLE", "es") == ["École patrol"]


@sqlite_only
def test_the_spanish_search_ignores_accents():
    ServiceFactory(name="Police", name_es="Policía", summary_es="Vigilancia del vecindario.")
    ServiceFactory(name="Children", name_es="Niños")
    for words in ["policía", "policia", "POLICÍA", "Poli\u0301cia", "vecindario vigilancia"]:
        assert substring_finds(words, "es") == ["Policía"], words
    assert substring_finds("ninos", "es") == ["Niños"]
    assert substring_finds("policia") == []  # English: the English text only


def test_a_statement_runs_with_named_parameters_one_value_for_each_search_value():
    statement = _Statement("SELECT %s, %s, 5 %% 3, %s", (WORDS_PARAMETER, 7, WORDS_PARAMETER))
    assert statement.named_sql == "SELECT %(words)s, %(constant_1)s, 5 %% 3, %(words)s"
    params = statement.bind(search_values("patrol", NOW), connection)
    assert params == {"constant_1": 7, "words": "patrol"}
    with connection.cursor() as cursor:
        cursor.execute(statement.named_sql, params)
        assert cursor.fetchone() == ("patrol", 7, 2, "patrol")
    with pytest.raises(ValueError, match="placeholders"):
        _ = _Statement("SELECT %s", (WORDS_PARAMETER, 7)).named_sql


@postgres_only
@pytest.mark.parametrize(
    "words", ["patrol", "O'Brien's", "back\\slash", "50% %s %(now)s %%", "'); DROP TABLE x; --"]
)
def test_postgresql_runs_a_statement_with_its_values_written_in_as_literals(words):
    # psycopg parses a statement over 4 KB for its placeholders on every execute: on PostgreSQL
    # a search runs without parameters, each value quoted by psycopg (_Statement.runnable).
    statement = _Statement(
        "SELECT %s, %s, 5 %% 3, %s, %s = %s",
        (WORDS_PARAMETER, "it's \\ 100%", WORDS_PARAMETER, NOW_PARAMETER, NOW_PARAMETER),
    )
    values = search_values(words, NOW)
    sql, params = statement.runnable(values, connection)
    assert params is None
    assert "%(" not in sql.replace(words, "")
    with connection.cursor() as cursor:
        cursor.execute(sql)
        literal = cursor.fetchone()
        cursor.execute(statement.named_sql, statement.bind(values, connection))
        assert literal == cursor.fetchone() == (words, "it's \\ 100%", 2, words, True)


@LANGUAGES
def test_one_statement_finds_what_each_sources_query_finds(demo, language):
    # The search page runs every source in one statement (combined_statement): the same
    # results, in the same order, as each source's own query.
    ServiceFactory(name="Watch patrol", name_es="Patrulla de vigilancia", summary="Patrol")
    sources = search_sources()
    for words in [*WORDS, "policía", "vigilancia", "safety"]:
        with translation.override(language), Search(words) as search:
            one_by_one = [search.results(source) for source in sources]
            assert search.results_of(sources) == one_by_one, words


@postgres_only
@LANGUAGES
def test_the_one_statement_matches_through_every_gin_index(language):
    combined = combined_statement(search_sources(), connection.alias, language)
    params = combined.statement.bind(search_values("kildaire", NOW), connection)
    found = plan(combined.statement.named_sql, params)
    for source in search_sources():
        (index,) = [
            index.name
            for index in source.model()._meta.indexes
            if index.fields == [search_vector_name(language)]
        ]
        assert f"Bitmap Index Scan on {index}" in found


@sqlite_only
@LANGUAGES
def test_the_one_statement_reads_only_the_rows_the_word_indexes_name(language):
    combined = combined_statement(search_sources(), connection.alias, language)
    with connection.cursor() as cursor:
        params = combined.statement.bind(search_values("kildaire", NOW), connection)
        cursor.execute("EXPLAIN QUERY PLAN " + combined.statement.named_sql, params)
        found = [row[-1] for row in cursor.fetchall()]
    for source in search_sources():
        table, index = source.model()._meta.db_table, trigram_table(source.model(), language)
        assert f"SCAN {index} VIRTUAL TABLE INDEX 0:M" in " ".join(found)
        assert f"SEARCH {table} USING INTEGER PRIMARY KEY (rowid=?)" in found
        assert f"SCAN {table}" not in found
