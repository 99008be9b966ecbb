"""Search that forgives a misspelling: "Did you mean" (core/search.py searches).

The words of every searched item, in each language, are kept in ``SearchWord`` (with how often
each occurs), refreshed in the task worker after content changes (``refresh_search_words``,
queued by ``connect_signals``), which also merges SQLite's word indexes. When a search finds
nothing, ``corrected_query`` replaces each word the content does not hold by the most similar
one it does: on PostgreSQL by pg_trgm's trigram similarity, answered from the trigram index of
``SearchWord.key``; elsewhere (SQLite for a local run) by the standard library's difflib over
the language's words. The search page then shows the corrected search's results under "Did you
mean".

Only published items give words, so a suggestion never names what residents cannot read.
"""

import difflib
import re
import threading
import time
from collections import Counter
from datetime import timedelta
from functools import lru_cache

from django.contrib.postgres.search import TrigramSimilarity
from django.db import connections, router, transaction
from django.db.models.signals import post_delete, post_save
from django.tasks import task
from django.utils import timezone

from core.models import SearchWord
from core.registry import registry
from core.search import (
    compact_word_indexes,
    search_language,
    search_languages,
    search_sources,
    synonym_table,
    text_expression,
    text_fields,
    without_rewriting,
    word_key,
)
from core.tasks import enqueue_with_write

# Words as the vocabulary keeps them: letters only (no numbers), three or more.
WORD = re.compile(r"[^\W\d_]{3,}")
# A word shorter than this is never corrected: too many words are near a short one.
MIN_CORRECTED_LENGTH = 4
# pg_trgm's similarity (0 to 1) a suggestion needs, and difflib's ratio.
MIN_SIMILARITY = 0.4
MIN_RATIO = 0.75
MAX_WORD_LENGTH = SearchWord._meta.get_field("word").max_length


def content_words(language: str) -> dict[str, tuple[str, int]]:
    """Each word's key -> (shown word, occurrences) of the published items in ``language``."""
    letters = search_language(language).accented_letters
    counts, shown = Counter(), {}
    for source in search_sources():
        model = source.model()
        texts = {
            f"search_text_{i}": text_expression(text_fields(model, name, language))
            for i, name in enumerate(source.search_fields)
        }
        rows = without_rewriting(source.get_queryset()).annotate(**texts).values_list(*texts)
        for row in rows.iterator(chunk_size=500):
            for text in row:
                for word in WORD.findall(text or ""):
                    word = word.casefold()[:MAX_WORD_LENGTH]
                    key = word_key(word, letters)
                    counts[key] += 1
                    shown.setdefault(key, word)
    return {key: (shown[key], count) for key, count in counts.items()}


def refresh_search_words() -> int:
    """Replace the vocabulary with the words of the published content now, and merge the word
    indexes the writes have split (``compact_word_indexes``): the number of words kept."""
    kept = 0
    for language in search_languages():
        words = content_words(language)
        with transaction.atomic(using=router.db_for_write(SearchWord)):
            SearchWord.objects.filter(language=language).delete()
            SearchWord.objects.bulk_create(
                (
                    SearchWord(language=language, key=key, word=word, frequency=count)
                    for key, (word, count) in words.items()
                ),
                batch_size=1000,
            )
        kept += len(words)
    compact_word_indexes()
    return kept


@task()
def refresh_search_words_task() -> int:
    return refresh_search_words()


# One refresh for a burst of saves (a demo load, an admin action on many rows, a web editor
# saving one item after another): a save this soon after the last one queued in the same thread
# queues none. With a queue that can hold a task back (the database worker of production), the
# refresh runs REFRESH_DELAY_SECONDS after it was queued, so every save of the burst has
# committed before it reads the content: one that commits after it ran would wait for the
# next edit. The immediate backend (`make run`) runs it as the first save commits: there a
# save in the next seconds waits for the next edit.
QUEUE_AGAIN_AFTER_SECONDS = 5.0
REFRESH_DELAY_SECONDS = 15.0
_queued = threading.local()


@lru_cache(maxsize=4)
def _searched_models(sources: tuple) -> frozenset:
    return frozenset(source().model() for source in sources)


def searched_models() -> frozenset:
    """The models the registered sources search, found once per set of sources (a save of any
    model asks)."""
    return _searched_models(tuple(source for _order, source in registry.search_sources))


def _content_changed(sender, **kwargs):
    if kwargs.get("raw"):
        return  # loaddata: the command that loads refreshes once at the end
    if sender not in searched_models():
        return
    now = time.monotonic()
    if now < getattr(_queued, "until", 0.0):
        return
    _queued.until = now + QUEUE_AGAIN_AFTER_SECONDS
    refresh = refresh_search_words_task
    if refresh.get_backend().supports_defer:
        run_after = timezone.now() + timedelta(seconds=REFRESH_DELAY_SECONDS)
        refresh = refresh.using(run_after=run_after)
    enqueue_with_write(refresh)


def connect_signals() -> None:
    """Refresh the vocabulary after every save or delete of a searched item (in the worker)."""
    post_save.connect(_content_changed, dispatch_uid="search_words:saved")
    post_delete.connect(_content_changed, dispatch_uid="search_words:deleted")


def _closest(key: str, language: str) -> str | None:
    """The shown word of the vocabulary most like ``key``, if any is near enough."""
    words = SearchWord.objects.filter(language=language)
    if connections[router.db_for_read(SearchWord)].vendor == "postgresql":
        match = (
            words.filter(key__trigram_similar=key)
            .annotate(similarity=TrigramSimilarity("key", key))
            .filter(similarity__gte=MIN_SIMILARITY)
            .order_by("-similarity", "-frequency", "key")
            .values_list("word", flat=True)
            .first()
        )
        return match
    shown = dict(words.order_by("-frequency", "key").values_list("key", "word"))
    matches = difflib.get_close_matches(key, list(shown), n=1, cutoff=MIN_RATIO)
    return shown[matches[0]] if matches else None


def corrected_query(query: str, language: str, synonyms: str = "") -> str | None:
    """``query`` with each word the content lacks replaced by the nearest word it has, or None
    when no word was replaced. Words in the synonym list are left as they are."""
    letters = search_language(language).accented_letters
    table = synonym_table(synonyms, letters) if synonyms else {}
    words = query.split()
    keys = [word_key(word, letters) for word in words]
    candidates = {
        key
        for key in keys
        if len(key) >= MIN_CORRECTED_LENGTH and WORD.fullmatch(key) and key not in table
    }
    if not candidates:
        return None
    known = set(
        SearchWord.objects.filter(language=language, key__in=candidates).values_list(
            "key", flat=True
        )
    )
    replacements = {}
    for key in sorted(candidates - known):
        closest = _closest(key, language)
        if closest and word_key(closest, letters) != key:
            replacements[key] = closest
    if not replacements:
        return None
    return " ".join(replacements.get(key, word) for word, key in zip(words, keys, strict=True))
