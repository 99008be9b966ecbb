"""Patrol districts, their boundaries and the street index that finds a resident's district.

A district's boundary is a GeoJSON geometry (Polygon or MultiPolygon, longitude/latitude),
uploaded by staff in the admin (districts/operations.py checks it); the street index maps a
street's number range and parity to a district, imported from CSV. ``districts.lookup`` finds
the district of an address or of a point.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.links import slug_url
from core.search import SearchVectors, search_indexes

MARKDOWN_HELP = _(
    "Markdown: '## Heading', '- list item', '[link text](https://...)'. Raw HTML is removed."
)

# What the site search finds a district by, with PostgreSQL weights (the district search source
# and its migration's SearchVectorTriggers both read it: core/search.py).
DISTRICT_SEARCH_FIELDS = {"name": "A", "captain_name": "B", "description": "C"}


class District(SearchVectors):
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    description = models.TextField(_("description"), blank=True, help_text=MARKDOWN_HELP)
    captain_name = models.CharField(_("captain"), max_length=150, blank=True)
    phone = models.CharField(
        _("phone"),
        max_length=30,
        blank=True,
        help_text=_("Leave empty to show the non-emergency line."),
    )
    email = models.EmailField(_("email"), blank=True)
    display_order = models.PositiveSmallIntegerField(_("display order"), default=100)
    is_sample = models.BooleanField(
        _("sample data"),
        default=False,
        help_text=_("Demo content: shown with a 'sample' notice."),
    )
    boundary = models.JSONField(
        _("boundary"),
        null=True,
        blank=True,
        help_text=_(
            "A GeoJSON Polygon or MultiPolygon geometry in longitude/latitude. Upload a file of "
            "all boundaries from the district list."
        ),
    )
    staff_members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="districts",
        verbose_name=_("district staff"),
        help_text=_("Officers and staff who work this district's queue of concerns."),
    )
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    class Meta:
        ordering = ["display_order", "number"]
        verbose_name = _("district")
        verbose_name_plural = _("districts")
        indexes = [
            *search_indexes(),  # search_vector_en, _es...: core/search.py
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return slug_url("districts:detail", self.slug)

    @property
    def colour(self) -> int:
        """Its colour on the maps and in the list (CSS classes district-area--0 .. --5)."""
        return (self.number - 1) % 6 if self.number else 0


class StreetRange(models.Model):
    """House numbers ``from_number``..``to_number`` (inclusive) of a street, all of them or the
    odd or even ones only, lie in ``district``."""

    class Parity(models.TextChoices):
        ALL = "all", _("All numbers")
        ODD = "odd", _("Odd numbers")
        EVEN = "even", _("Even numbers")

    street = models.CharField(
        _("street"),
        max_length=100,
        help_text=_('Normalized, for example "KILDAIRE FARM RD" (the import does this).'),
    )
    from_number = models.PositiveIntegerField(_("from number"))
    to_number = models.PositiveIntegerField(_("to number"))
    parity = models.CharField(_("parity"), max_length=4, choices=Parity.choices, default=Parity.ALL)
    district = models.ForeignKey(
        District,
        on_delete=models.CASCADE,
        related_name="street_ranges",
        verbose_name=_("district"),
    )
    is_sample = models.BooleanField(_("sample data"), default=False)

    class Meta:
        ordering = ["street", "from_number", "pk"]
        verbose_name = _("street range")
        verbose_name_plural = _("street index")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(from_number__lte=models.F("to_number")),
                name="streetrange_from_not_after_to",
            )
        ]
        indexes = [models.Index(fields=["street"], name="streetrange_street")]

    def __str__(self):
        parity = "" if self.parity == self.Parity.ALL else f" ({self.get_parity_display()})"
        return f"{self.street} {self.from_number}-{self.to_number}{parity}: {self.district}"

    def save(self, *args, **kwargs):
        from districts.lookup import normalise_street

        self.street = normalise_street(self.street)
        super().save(*args, **kwargs)
