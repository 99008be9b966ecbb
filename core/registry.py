"""What each app tells the site layer about itself, filled in by the apps' ``AppConfig.ready()``.

The site layer (home page, search page, sitemap, page cache, navigation, demo loader) reads
these lists and never names an app's model itself: adding a searchable, cached model is an
edit in its own app only (docs/architecture.md, "How an app registers itself").

Apps call the ``register_*`` functions in ``ready()``, so the order of entries follows
``INSTALLED_APPS``; where order matters on a page, an entry carries its own ``order``.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class NavigationEntry:
    label: str
    url_name: str
    url_kwargs: dict = field(default_factory=dict)
    order: int = 100


@dataclass(frozen=True)
class PageSection:
    """A part of another app's page: ``context(obj)`` gives the template its context."""

    page: str
    template_name: str
    context: Callable[[object], dict]
    order: int = 100


@dataclass(frozen=True)
class ResidentRequest:
    """Something a resident can ask for online, listed on the requests page (/requests/)."""

    label: str
    summary: str
    url_name: str
    order: int = 100


@dataclass(frozen=True)
class StaffQueue:
    """Work waiting for staff, on the admin's front page: ``count(user)`` is how many rows wait
    (only called for a member who may see them: ``permission``, and two-factor sign-in when
    ``two_factor``); ``url_name`` (with ``query``) the change list that shows them."""

    label: str
    url_name: str
    permission: str
    count: Callable[[object], int]
    query: str = ""
    two_factor: bool = False
    order: int = 100


@dataclass
class Registry:
    # Models ("app_label.ModelName") whose rows show on public pages: saving or deleting one,
    # or an admin action on its change list, purges the pages that read it (core/http_cache.py).
    public_models: list[str] = field(default_factory=list)
    # Child model -> its foreign key to the model whose pages it changes: saving a sign-up
    # purges its own program's pages only.
    page_parents: dict[str, str] = field(default_factory=dict)
    # URL names of the public pages a shared cache may keep.
    cached_views: set[str] = field(default_factory=set)
    # Search sources (core.search.ModelSearchSource subclasses), with the order of their group.
    search_sources: list[tuple[int, type]] = field(default_factory=list)
    # Sitemap sections: name -> django.contrib.sitemaps.Sitemap subclass.
    sitemaps: dict[str, type] = field(default_factory=dict)
    # Demo content loaders: (name, load() -> count of new records), in INSTALLED_APPS order.
    demo_loaders: list[tuple[str, Callable[[], int]]] = field(default_factory=list)
    navigation: list[NavigationEntry] = field(default_factory=list)
    # Callables (now) -> the next moment a public page changes by the clock alone, or None.
    clock_changes: list[Callable[[datetime], datetime | None]] = field(default_factory=list)
    # Parts other apps add to a page ("districts:detail": a district's meetings, its news, the
    # concerns raised there), so the page's app needs to import none of them.
    page_sections: list[PageSection] = field(default_factory=list)
    # What residents can ask for online (a report, a concern, a copy of a record...), in order.
    resident_requests: list[ResidentRequest] = field(default_factory=list)
    # What waits for staff (new reports, sign-ups, requests...), on the admin's front page.
    staff_queues: list[StaffQueue] = field(default_factory=list)


registry = Registry()


def register_public_models(*labels: str) -> None:
    for label in labels:
        if label not in registry.public_models:
            registry.public_models.append(label)


def register_page_parent(child: str, field_name: str) -> None:
    """``child`` rows show on the pages of the row its ``field_name`` points to (places left)."""
    registry.page_parents[child] = field_name


def register_cached_views(*url_names: str) -> None:
    registry.cached_views.update(url_names)


def register_search_source(source: type, *, order: int = 100) -> None:
    if all(existing is not source for _order, existing in registry.search_sources):
        registry.search_sources.append((order, source))
        registry.search_sources.sort(key=lambda entry: entry[0])


def register_sitemaps(**sitemaps: type) -> None:
    registry.sitemaps.update(sitemaps)


def register_demo_loader(name: str, load: Callable[[], int]) -> None:
    if all(existing != name for existing, _load in registry.demo_loaders):
        registry.demo_loaders.append((name, load))


def register_navigation(label, url_name: str, *, order: int, url_kwargs=None) -> None:
    entry = NavigationEntry(
        label=label, url_name=url_name, url_kwargs=url_kwargs or {}, order=order
    )
    if entry not in registry.navigation:
        registry.navigation.append(entry)
        registry.navigation.sort(key=lambda item: item.order)


def register_clock_change(next_change: Callable[[datetime], datetime | None]) -> None:
    if next_change not in registry.clock_changes:
        registry.clock_changes.append(next_change)


def register_page_section(
    page: str, template_name: str, context: Callable[[object], dict], *, order: int = 100
) -> None:
    section = PageSection(page=page, template_name=template_name, context=context, order=order)
    if section not in registry.page_sections:
        registry.page_sections.append(section)
        registry.page_sections.sort(key=lambda item: item.order)


def page_sections(page: str) -> list[PageSection]:
    return [section for section in registry.page_sections if section.page == page]


def register_resident_request(label, summary, url_name: str, *, order: int) -> None:
    entry = ResidentRequest(label=label, summary=summary, url_name=url_name, order=order)
    if entry not in registry.resident_requests:
        registry.resident_requests.append(entry)
        registry.resident_requests.sort(key=lambda item: item.order)


def register_staff_queue(
    label,
    url_name: str,
    *,
    permission: str,
    count: Callable[[object], int],
    query: str = "",
    two_factor: bool = False,
    order: int = 100,
) -> None:
    entry = StaffQueue(label, url_name, permission, count, query, two_factor, order)
    if all(
        existing.url_name != url_name or existing.query != query
        for existing in registry.staff_queues
    ):
        registry.staff_queues.append(entry)
        registry.staff_queues.sort(key=lambda item: item.order)
