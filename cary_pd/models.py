from django.contrib.auth.models import AbstractUser
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import PublishedQuerySet
from core.search import SearchVectors, search_indexes


class User(AbstractUser):
    """The project's own user model, so later fields need no swap migration."""

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")


# What the site search finds a page by, with PostgreSQL weights (the pages' search source,
# cary_pd/page_search.py, and its migration's SearchVectorTriggers both read it: core/search.py).
PAGE_SEARCH_FIELDS = {"title": "A", "summary": "B", "body": "C"}


class Page(SearchVectors):
    """A simple page that staff edit: the home page, "Community policing in Cary" and others."""

    HOME_SLUG = "home"

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        help_text=_('The address of the page. The slug "home" is the home page.'),
    )
    summary = models.CharField(
        _("summary"),
        max_length=300,
        help_text=_("One or two sentences, shown under the title and to search engines."),
    )
    body = models.TextField(
        _("body"),
        blank=True,
        help_text=_(
            "Markdown: '## Heading', '- list item', '[link text](https://...)'. "
            "Raw HTML is removed."
        ),
    )
    is_published = models.BooleanField(_("published"), default=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    objects = PublishedQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        verbose_name = _("page")
        verbose_name_plural = _("pages")
        indexes = [
            *search_indexes(),  # search_vector_en, _es...: core/search.py
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        if self.slug == self.HOME_SLUG:
            return reverse("home")
        return reverse("page_detail", kwargs={"slug": self.slug})
