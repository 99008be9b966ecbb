from django.core.cache import cache
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from core import http_cache
from core.search import SearchIndex

# How long a settings record is kept in the cache: finite, so a lost invalidation heals itself.
SINGLETON_CACHE_SECONDS = 300


class PublishedQuerySet(models.QuerySet):
    """Content staff publish and unpublish: ``is_published`` on the model."""

    def published(self):
        return self.filter(is_published=True)


class SingletonModel(models.Model):
    """A settings record staff edit in the admin: exactly one row (pk 1), read through the cache.

    Subclasses set CACHE_KEY and a CheckConstraint that pk == 1 in their own Meta.
    """

    CACHE_KEY = ""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)
        cache.delete(self.CACHE_KEY)
        # Again after commit: a reader in between may have cached the old record.
        transaction.on_commit(lambda: cache.delete(self.CACHE_KEY), robust=True)

    @classmethod
    def load(cls):
        """The record, from the cache when possible (settings are read on many pages)."""
        http_cache.depends_on(cls)  # no query shows it when it comes from the cache
        record = cache.get(cls.CACHE_KEY)
        if record is None:
            record, _created = cls.objects.get_or_create(pk=1)
            cache.set(cls.CACHE_KEY, record, timeout=SINGLETON_CACHE_SECONDS)
        return record

    @classmethod
    def for_request(cls, request):
        """``load()`` once per request, for the view and the context processor that both read
        it: each load is a cache read (a round trip to Redis in production)."""
        attribute = f"_{cls._meta.model_name}_record"
        record = getattr(request, attribute, None)
        if record is None:
            record = cls.load()
            setattr(request, attribute, record)
        return record


# What a new site starts with (the demo gives Spanish its own).
SEARCH_SYNONYMS = "K-9, K9, canine, police dog\nbreak-in, burglary"


class DepartmentSettings(SingletonModel):
    """The one record of contact details and links shown on every page."""

    CACHE_KEY = "department-settings:v2"  # v2: search synonyms

    name = models.CharField(_("department name"), max_length=100, default="Cary Police Department")
    street_address = models.CharField(
        _("street address"), max_length=200, default="120 Wilkinson Ave"
    )
    locality = models.CharField(_("town, state and ZIP"), max_length=100, default="Cary, NC 27512")
    emergency_phone = models.CharField(_("emergency number"), max_length=20, default="911")
    non_emergency_phone = models.CharField(
        _("non-emergency line"), max_length=30, default="(919) 469-4012"
    )
    neighborhood_watch_phone = models.CharField(
        _("Neighborhood Watch line"), max_length=30, blank=True, default="(919) 469-4324"
    )
    town_services_phone = models.CharField(
        _("Town of Cary services"), max_length=30, blank=True, default="311"
    )
    email = models.EmailField(_("public email"), blank=True)
    website_url = models.URLField(
        _("department website"),
        blank=True,
        default="https://www.carync.gov/services-publications/police",
    )
    facebook_url = models.URLField(
        _("Facebook page"), blank=True, default="https://www.facebook.com/CaryPolice"
    )
    twitter_url = models.URLField(
        _("Twitter/X account"), blank=True, default="https://x.com/CaryPolice"
    )
    search_synonyms = models.TextField(
        _("search synonyms"),
        blank=True,
        max_length=2000,
        default=SEARCH_SYNONYMS,
        help_text=_(
            "One group of words that mean the same per line, separated by commas, for example "
            "“K-9, K9, canine”. A search for any of them finds the others too."
        ),
    )
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    class Meta:
        # Moved here from the site package, with its table (core/migrations/0001_initial.py).
        db_table = "cary_pd_departmentsettings"
        verbose_name = _("department settings")
        verbose_name_plural = _("department settings")
        constraints = [
            # There is exactly one record, always with primary key 1.
            models.CheckConstraint(condition=models.Q(pk=1), name="department_settings_singleton"),
        ]

    def __str__(self):
        return str(_("Department contact details and links"))


class SearchWord(models.Model):
    """A word of the searched content in one language, for "Did you mean" (core/search.py):
    filled by ``refresh_search_words``, never edited. ``key`` is the word as searches compare
    it (lower case, accents folded where the language ignores them); ``word`` as it is shown."""

    language = models.CharField(max_length=10)
    key = models.CharField(max_length=100)
    word = models.CharField(max_length=100)
    frequency = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["language", "key"], name="search_word_unique_key"),
        ]
        indexes = [
            # PostgreSQL's trigram index (pg_trgm): the similar words of a misspelt one.
            SearchIndex(fields=["key"], opclasses=["gin_trgm_ops"], name="core_searchword_trgm"),
        ]

    def __str__(self):
        return self.word
