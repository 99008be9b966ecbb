"""Every public page, each report step and its error state, in Spanish under /es/: the page says
it is Spanish, has a Spanish title, and shows none of the site's English interface phrases.
Content staff have not translated yet is allowed, inside an element marked lang="en"."""

import re
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tests import reports_support as journey

pytestmark = pytest.mark.django_db

# Phrases of the English catalogue that a Spanish page never shows (as whole words): the layout,
# the lists, the forms and the report journey. Each is a msgid of locale/es/.../django.po.
ENGLISH_PHRASES = [
    "Skip to main content",
    "Report a crime online",
    "Search this website",
    "Emergency numbers",
    "Non-emergency",
    "Police services",
    "Crime prevention",
    "Safety tips",
    "News and alerts",
    "Meet our officers",
    "Last updated",
    "Sign up online",
    "Coming up",
    "Latest news",
    "How to reach us",
    "All events",
    "Contact",
    "Questions?",
    "Continue",
    "Back",
    "Start now",
    "Check your answers",
    "There is a problem",
    "This field is required",
    "Select",
    "optional",
    "Home",
    "Page not found",
    "Results",
    "Submit",
    "Your name",
    "Email address",
    "Phone",
    "What happened",
    "When did it happen",
]
PHRASE = re.compile(r"\b(" + "|".join(re.escape(p) for p in ENGLISH_PHRASES) + r")(?!\w)")
# Attributes whose words a visitor hears or sees.
READ_ATTRIBUTES = {"alt", "title", "aria-label", "placeholder", "value"}


class SpanishPage(HTMLParser):
    """The text and read attributes of a page, leaving out what is marked lang="en", scripts
    and styles, and the language switcher's own link ("English")."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}

    def __init__(self):
        super().__init__()
        self.stack: list[bool] = []  # per open element: is it left out?
        self.words: list[str] = []
        self.html_lang = None
        self.title = ""
        self.in_title = False

    def left_out(self) -> bool:
        return any(self.stack)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.html_lang = attrs.get("lang")
        skip = tag in ("script", "style") or attrs.get("lang") == "en"
        if tag == "title":
            self.in_title = True
        if (
            not self.left_out()
            and not skip
            and not (tag == "input" and attrs.get("type") == "hidden")
        ):
            self.words += [attrs[name] for name in READ_ATTRIBUTES & attrs.keys() if attrs[name]]
        if tag not in self.VOID:
            self.stack.append(skip)

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if self.in_title:
            self.title += data
        if not self.left_out():
            self.words.append(data)


def english_in(html: str) -> tuple[SpanishPage, list[str]]:
    page = SpanishPage()
    page.feed(html)
    return page, sorted(set(PHRASE.findall(" ".join(page.words))))


def assert_spanish(response, label: str):
    assert response.status_code in (200, 400, 404, 429), (label, response.status_code)
    page, english = english_in(response.content.decode())
    assert page.html_lang == "es", label
    assert "Departamento de Policía de Cary" in page.title, (label, page.title)
    assert english == [], (label, english)


def sitemap_paths(client) -> list[str]:
    xml = client.get("/sitemap.xml").content.decode()
    return sorted({path for path in re.findall(r"<loc>https?://[^/<]+(/es/[^<]*)</loc>", xml)})


def test_every_public_page_is_in_spanish(demo):
    client = Client()
    paths = sitemap_paths(client)
    assert len(paths) > 20  # the sitemap lists the Spanish pages
    paths += ["/es/search/?q=policia", "/es/search/?q=", "/es/no-such-page/"]
    for path in paths:
        assert_spanish(client.get(path), path)


def test_the_report_journey_and_its_errors_are_in_spanish(demo):
    client = Client()
    with translation.override("es"):
        steps = [
            ("reports:start", {}),
            ("reports:where", {}),
            ("reports:emergency", {"answer": "no"}),
            ("reports:in_cary", {"answer": "yes"}),
            ("reports:suspect", {"answer": "no"}),
            ("reports:incident_type", {"answer": "theft"}),
        ]
        for name, answers in steps:
            url = reverse(name)
            assert url.startswith("/es/"), url
            assert_spanish(client.get(url), url)
            if answers:
                assert_spanish(client.post(url, {}), f"{url} (nothing chosen)")
                client.post(url, answers)
        detail_steps = ["reports:when", "reports:location", "reports:what", "reports:about_you"]
        for name in detail_steps:
            url = reverse(name)
            assert_spanish(client.get(url), url)
            assert_spanish(client.post(url, {}), f"{url} (empty)")
        journey.fill_details(client)
        url = reverse("reports:check")
        assert_spanish(client.get(url), url)
        assert_spanish(client.post(url, {}), f"{url} (no declaration)")
        confirmation = journey.submit(client)["Location"]
        assert confirmation == reverse("reports:confirmation")
        assert_spanish(client.get(confirmation), confirmation)
        url = reverse("reports:status")
        assert_spanish(client.get(url), url)
        unknown = {"reference": "CPD-0000-000", "email": "x@example.org"}
        assert_spanish(client.post(url, unknown), f"{url} (not found)")


def test_the_sign_up_and_registration_forms_and_their_errors_are_in_spanish(demo):
    from outreach.models import Event
    from programs.models import Program

    client = Client()
    program = Program.objects.filter(has_watch_groups=True, signups_open=True).first()
    event = next(e for e in Event.objects.published().upcoming() if e.takes_registrations)
    with translation.override("es"):
        pages = [
            reverse("programs:signup", kwargs={"slug": program.slug}),
            reverse("outreach:event_register", kwargs={"slug": event.slug}),
        ]
        groups = reverse("programs:watch_groups", kwargs={"slug": program.slug})
    for url in pages:
        assert url.startswith("/es/"), url
        assert_spanish(client.get(url), url)
        assert_spanish(client.post(url, {}), f"{url} (empty)")
    assert_spanish(client.get(groups, {"q": "Maynard"}), groups)
