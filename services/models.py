from django.db import models
from django.utils.translation import gettext_lazy as _

from core.images import ImageFields
from core.links import slug_url
from core.models import PublishedQuerySet
from core.search import SearchVectors, search_indexes
from core.text import MARKDOWN_HELP


class ServiceCategory(models.Model):
    """A heading on the services page, managed by staff ("Patrol and response", ...)."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    display_order = models.PositiveSmallIntegerField(
        _("display order"), default=100, help_text=_("Lower numbers come first.")
    )

    class Meta:
        ordering = ["display_order", "name"]
        verbose_name = _("service category")
        verbose_name_plural = _("service categories")

    def __str__(self):
        return self.name


class ServiceQuerySet(PublishedQuerySet):
    def in_catalogue_order(self):
        return self.order_by("category__display_order", "category__name", "display_order", "name")


# What the site search finds a service by, with PostgreSQL weights (services' search source
# and its migration's SearchVectorTriggers both read it: core/search.py).
SERVICE_SEARCH_FIELDS = {"name": "A", "summary": "B", "body": "C"}


class Service(ImageFields, SearchVectors):
    """Something the department does for residents: patrol, investigations, victim services."""

    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        help_text=_("The last part of the page's address: patrol for /services/patrol/."),
    )
    category = models.ForeignKey(
        ServiceCategory,
        on_delete=models.PROTECT,
        related_name="services",
        verbose_name=_("category"),
    )
    summary = models.CharField(
        _("summary"),
        max_length=300,
        help_text=_("One or two sentences, shown on the services page and to search engines."),
    )
    body = models.TextField(_("body"), blank=True, help_text=MARKDOWN_HELP)
    contact_phone = models.CharField(
        _("contact phone"),
        max_length=30,
        blank=True,
        help_text=_("Leave empty to show the non-emergency line."),
    )
    contact_email = models.EmailField(_("contact email"), blank=True)
    hours = models.CharField(
        _("hours"), max_length=200, blank=True, help_text=_('For example "24 hours a day".')
    )
    display_order = models.PositiveSmallIntegerField(
        _("display order"), default=100, help_text=_("Lower numbers come first in a category.")
    )
    is_published = models.BooleanField(
        _("published"), default=True, help_text=_("Unpublished services are drafts: staff only.")
    )
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    objects = ServiceQuerySet.as_manager()

    class Meta:
        ordering = ["display_order", "name"]
        verbose_name = _("service")
        verbose_name_plural = _("services")
        indexes = [
            *search_indexes(),  # search_vector_en, _es...: core/search.py
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return slug_url("services:detail", self.slug)
