"""The pages `make bench` measures: every kind of public page, with one representative detail
page of each kind (bench/run.py, bench/cpu.py)."""

# Form pages: each answer carries its own CSRF token, so the front never shares them. They are
# rendered for every visitor (the CPU table and "rendered by the site"), not cached.
FORM_PAGES = frozenset({"sign-up", "registration"})


def shared_pages(pages: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The pages the front keeps and shares: all but the form pages."""
    return [(label, path) for label, path in pages if label not in FORM_PAGES]


def bench_pages() -> list[tuple[str, str]]:
    """(label, path) of the pages to load, with one representative detail page of each kind."""
    from django.db.models import Count
    from django.urls import reverse

    from outreach.models import Event, NewsItem
    from programs.models import Program
    from services.models import Service

    # The service with the most related programs and tips (its page lists them).
    service = (
        Service.objects.published()
        .annotate(links=Count("programs", distinct=True) + Count("tips", distinct=True))
        .order_by("-links", "pk")
        .first()
    )
    # A program with its sign-up form and watch groups, as in the program page's query test.
    program = Program.objects.published().filter(signups_open=True, has_watch_groups=True).first()
    event = (
        Event.objects.published()
        .upcoming()
        .filter(registration_required=True, is_cancelled=False)
        .first()
    )
    item = NewsItem.objects.published().first()
    return [
        ("home", "/"),
        ("services", "/services/"),
        ("service", service.get_absolute_url()),
        ("programs", "/programs/"),
        ("program", program.get_absolute_url()),
        ("tips", "/tips/"),
        ("events", "/events/"),
        ("event", event.get_absolute_url()),
        ("news", "/news/"),
        ("news item", item.get_absolute_url()),
        ("search", "/search/?q=watch"),
        ("report", "/report/"),
        ("feed.ics", "/events/feed.ics"),
        ("officers", reverse("outreach:officer_list")),
        ("sign-up", reverse("programs:signup", args=[program.slug])),
        ("registration", reverse("outreach:event_register", args=[event.slug])),
    ]
