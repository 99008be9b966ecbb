"""Content staff edit, in English and Spanish (issue 13): the admin shows both languages of each
translated field side by side and saves them, a filter lists what still lacks Spanish, and a
Spanish page marks each field that falls back to English with lang="en" while English pages
stay exactly as they were."""

import re

import pytest
from django.contrib import admin
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation
from modeltranslation.translator import translator

from cary_pd.models import Page
from core.admin import ContentTranslationAdmin
from core.models import DepartmentSettings
from reports.models import IncidentType, ReportingGuideEntry, ReportSettings
from services.models import Service
from tests.factories import (
    EventFactory,
    IncidentTypeFactory,
    NewsItemFactory,
    OfficerFactory,
    PageFactory,
    PartnerFactory,
    ProgramFactory,
    ServiceCategoryFactory,
    ServiceFactory,
    TipFactory,
)

pytestmark = pytest.mark.django_db

TRANSLATED_MODELS = sorted(translator.get_registered_models(), key=lambda m: m._meta.label)


@pytest.fixture(autouse=True)
def english_by_default():
    """Rows are made in English, as staff make them: a request to an /es/ page leaves Spanish
    active in the thread, and a factory would then write its text into the Spanish columns."""
    with translation.override("en"):
        yield


def main(client, path: str) -> str:
    """The page's own content (the header's language switch carries lang="en" on every page).
    English stays active after the request, for the rows and URLs the test makes next."""
    with translation.override("en"):
        response = client.get(path)
    assert response.status_code == 200, path
    html = response.content.decode()
    return html[html.index('<main id="main-content"') : html.index("</main>")]


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


# --- The admin: both languages side by side -------------------------------------------------------


@pytest.mark.parametrize("model", TRANSLATED_MODELS, ids=lambda m: m._meta.label)
def test_every_translated_model_has_a_translation_admin(model):
    assert isinstance(admin.site.get_model_admin(model), ContentTranslationAdmin)


@pytest.mark.parametrize("model", TRANSLATED_MODELS, ids=lambda m: m._meta.label)
def test_admin_form_shows_each_translated_field_in_english_and_spanish_on_one_row(
    superuser_client, model
):
    if model in (DepartmentSettings, ReportSettings):
        url = admin_url(model, "change", model.load().pk)
    else:
        url = admin_url(model, "add")
    html = superuser_client.get(url).content.decode()
    for field in translator.get_options_for_model(model).fields:
        row = f"form-row flex-container form-multiline field-{field}_en field-{field}_es"
        assert f'class="{row}"' in html, field
        assert f'name="{field}_en"' in html and f'name="{field}_es"' in html
        assert f'name="{field}"' not in html


def test_english_stays_required_and_spanish_is_optional(editor_client):
    html = editor_client.get(reverse("admin:services_service_add")).content.decode()
    assert re.search(r'<input type="text" name="name_en"[^>]* required', html)
    assert not re.search(r'<input type="text" name="name_es"[^>]* required', html)


def service_form(category, **fields):
    return {"slug": "bike-patrol", "category": category.pk, "display_order": 5, **fields}


def test_editor_saves_both_languages_and_may_leave_spanish_empty(editor_client):
    category = ServiceCategoryFactory()
    url = reverse("admin:services_service_add")
    response = editor_client.post(url, service_form(category, name_es="Patrulla en bicicleta"))
    assert response.status_code == 200  # no English name: refused
    assert not Service.objects.exists()
    data = service_form(
        category,
        name_en="Bike patrol",
        name_es="Patrulla en bicicleta",
        summary_en="Officers on bikes.",
        summary_es="",
    )
    assert editor_client.post(url, data).status_code == 302
    service = Service.objects.get(slug="bike-patrol")
    assert (service.name_en, service.name_es) == ("Bike patrol", "Patrulla en bicicleta")
    assert service.summary_en == "Officers on bikes." and not service.summary_es
    with translation.override("es"):
        assert (service.name, service.summary) == ("Patrulla en bicicleta", "Officers on bikes.")


def test_a_model_check_on_a_translated_field_shows_on_its_english_box(editor_client):
    event = EventFactory()
    url = admin_url(type(event), "change", event.pk)
    data = {
        "title_en": event.title,
        "slug": event.slug,
        "kind": event.kind,
        "summary_en": event.summary,
        "description_en": event.description,
        "is_published": "on",
        "starts_at_0": event.starts_at.strftime("%Y-%m-%d"),
        "starts_at_1": event.starts_at.strftime("%H:%M:%S"),
        "ends_at_0": event.ends_at.strftime("%Y-%m-%d"),
        "ends_at_1": event.ends_at.strftime("%H:%M:%S"),
        "location_name": event.location_name,
        "address": event.address,
        "is_cancelled": "on",
        "cancellation_reason_es": "",
    }
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["cancellation_reason_en"] == [
        "Tell residents why the event is cancelled."
    ]
    response = editor_client.post(url, {**data, "cancellation_reason_en": "Storm warning"})
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.is_cancelled and event.cancellation_reason_en == "Storm warning"


def test_admin_search_finds_spanish_text(editor_client):
    ServiceFactory(name="Victim services", name_es="Servicios para víctimas")
    ServiceFactory(name="Patrol", name_es="Patrullaje")
    url = reverse("admin:services_service_changelist")
    html = editor_client.get(url, {"q": "víctimas"}).content.decode()
    assert "Victim services" in html and "Patrol" not in html


# --- The admin: what still lacks Spanish ----------------------------------------------------------


def listed(client, model, value) -> set[str]:
    response = client.get(admin_url(model, "changelist"), {"translation_es": value})
    assert response.status_code == 200
    return {row.slug for row in response.context["cl"].result_list}


def test_lacks_spanish_filter_lists_exactly_the_rows_without_spanish(editor_client):
    ServiceFactory(
        slug="complete",
        name_es="Completo",
        summary_es="Resumen.",
        body_es="Texto.",
        hours="24 hours",
        hours_es="24 horas",
    )
    ServiceFactory(slug="no-spanish")
    ServiceFactory(slug="summary-missing", name_es="Sin resumen", body_es="Texto.")
    ServiceFactory(slug="empty-string", name_es="", summary_es="Resumen.", body_es="Texto.")
    # Fields empty in English too (hours, the image description) lack nothing.
    ServiceFactory(slug="no-hours", name_es="Sin horario", summary_es="Resumen.", body_es="Texto.")
    Service.objects.filter(slug="no-hours").update(hours_en=None, image_alt_en=None)
    assert listed(editor_client, Service, "missing") == {
        "no-spanish",
        "summary-missing",
        "empty-string",
    }
    assert listed(editor_client, Service, "complete") == {"complete", "no-hours"}
    assert len(listed(editor_client, Service, "")) == 5


def test_the_filter_works_on_report_content_too(superuser_client):
    IncidentTypeFactory(slug="theft", name="Theft", name_es="Robo", description_es="Algo pasó.")
    IncidentTypeFactory(slug="fraud", name="Fraud", name_es="Fraude")  # description lacks Spanish
    assert listed(superuser_client, IncidentType, "missing") == {"fraud"}
    assert listed(superuser_client, IncidentType, "complete") == {"theft"}


@pytest.mark.parametrize("model", TRANSLATED_MODELS, ids=lambda m: m._meta.label)
def test_every_translated_change_list_has_the_spanish_filter(superuser_client, model):
    html = superuser_client.get(admin_url(model, "changelist")).content.decode()
    assert "Spanish translation" in html
    assert "?translation_es=missing" in html and "?translation_es=complete" in html
    url = admin_url(model, "changelist") + "?translation_es=missing"
    assert superuser_client.get(url).status_code == 200


# --- Pages: Spanish where there is some, English marked lang="en" where there is none -------------


@pytest.fixture
def half_translated_service():
    """A service with a Spanish name and hours, but English only in its summary and body."""
    return ServiceFactory(
        name="Bike patrol",
        name_es="Patrulla en bicicleta",
        summary="Officers on bikes & trails.",
        body="## On the greenways\n\nWe ride every day.",
        hours="Day shifts",
        hours_es="Turnos de día",
    )


def test_spanish_service_page_shows_spanish_and_marks_english(client, half_translated_service):
    service = half_translated_service
    html = main(client, f"/es/services/{service.slug}/")
    assert "<h1>Patrulla en bicicleta</h1>" in html
    assert "<dd>Turnos de día</dd>" in html
    assert '<p class="lead"><span lang="en">Officers on bikes &amp; trails.</span></p>' in html
    assert '<div lang="en"><h2>On the greenways</h2>\n<p>We ride every day.</p>' in html
    assert '<p class="kicker"><span lang="en">Category' in html  # the category has no Spanish
    assert html.count('lang="en"') == 3


def test_english_service_page_is_unmarked(client, half_translated_service):
    service = half_translated_service
    html = main(client, service.get_absolute_url())
    assert "<h1>Bike patrol</h1>" in html
    assert '<p class="lead">Officers on bikes &amp; trails.</p>' in html
    assert "<h2>On the greenways</h2>" in html
    assert "lang=" not in html


def test_spanish_cards_mark_english_titles_and_summaries(client):
    category = ServiceCategoryFactory(name="Patrol", name_es="Patrullaje")
    ServiceFactory(category=category, slug="bike", name="Bike patrol", summary="On bikes.")
    ServiceFactory(category=category, slug="foot", name="Foot patrol", name_es="A pie")
    html = main(client, "/es/services/")
    assert '<a class="stretched-link" href="/es/services/bike/"><span lang="en">Bike patrol' in html
    assert '<p class="card-tile__summary"><span lang="en">On bikes.</span></p>' in html
    assert '<a class="stretched-link" href="/es/services/foot/">A pie</a>' in html
    assert '<h2 id="category' in html and ">Patrullaje</h2>" in html
    english = main(client, "/services/")
    assert '<a class="stretched-link" href="/services/bike/">Bike patrol</a>' in english
    assert "lang=" not in english


def test_spanish_event_cards_and_page_mark_english(client):
    event = EventFactory(title="Coffee with a cop", summary="Talk to us.", summary_es="Hable.")
    cards = main(client, "/es/events/")
    assert f'href="/es/events/{event.slug}/"><span lang="en">Coffee with a cop</span></a>' in cards
    page = main(client, f"/es/events/{event.slug}/")
    assert '<h1><span lang="en">Coffee with a cop</span></h1>' in page
    assert '<p class="lead">Hable.</p>' in page
    assert '<div class="prose"><div lang="en"><h2>What to expect</h2>' in page
    english = main(client, event.get_absolute_url())
    assert "<h1>Coffee with a cop</h1>" in english and "lang=" not in english


@pytest.mark.parametrize(
    ("make", "path", "marked"),
    [
        (
            lambda: ProgramFactory(slug="watch", name="Watch", how_to_join="Call us."),
            "/es/programs/watch/",
            ['<h1><span lang="en">Watch</span></h1>', '<div lang="en"><p>Call us.</p></div>'],
        ),
        (
            lambda: TipFactory(slug="locks", title="Lock up", title_es="Cierre con llave"),
            "/es/tips/locks/",
            ['<p class="lead"><span lang="en">One short sentence of advice.</span></p>'],
        ),
        (
            lambda: NewsItemFactory(slug="flood", title="Flood", published_at="2026-01-05T10:00Z"),
            "/es/news/flood/",
            ['<h1><span lang="en">Flood</span></h1>', '<div lang="en"><p>More about it.</p>'],
        ),
        (
            lambda: OfficerFactory(slug="dana", rank="Sergeant", is_published=True),
            "/es/officers/dana/",
            ['<p class="lead"><span lang="en">Sergeant</span></p>'],
        ),
        (
            lambda: PartnerFactory(description="Works with us.", is_published=True),
            "/es/partners/",
            ['<div lang="en"><p>Works with us.</p>'],
        ),
        (
            lambda: PageFactory(slug="about", title="About us", summary_es="Quiénes somos."),
            "/es/about/",
            ['<h1><span lang="en">About us</span></h1>', '<p class="lead">Quiénes somos.</p>'],
        ),
        (
            lambda: IncidentTypeFactory(name="Theft", name_es="Robo", description="Taken."),
            "/es/report/",
            ['<strong>Robo</strong>: <span lang="en">Taken.</span>'],
        ),
        (
            lambda: ReportingGuideEntry.objects.create(title="Noise", body="Call the town."),
            "/es/report/where/",
            ['<h2 id="guide-', '-title"><span lang="en">Noise</span></h2>', '<div lang="en">'],
        ),
    ],
    ids=["program", "tip", "news", "officer", "partner", "page", "incident-type", "guide"],
)
def test_spanish_pages_mark_each_field_shown_in_english(client, make, path, marked):
    make()
    html = main(client, path)
    for fragment in marked:
        assert fragment in html


def test_blocktranslated_names_are_marked_too(client):
    IncidentTypeFactory(slug="theft", name="Theft", accepted_online=False)
    program = ProgramFactory(name="Watch", name_es="Vigilancia", summary_es="Resumen.")
    html = main(client, f"/es/programs/{program.slug}/")
    assert "<h1>Vigilancia</h1>" in html and "Vigilancia</h2>" in html
    unnamed = ProgramFactory(name="Seminars")
    html = main(client, f"/es/programs/{unnamed.slug}/")
    assert '<span lang="en">Seminars</span></h2>' in html  # "Sign up for Seminars"


# --- The tag itself -------------------------------------------------------------------------------


RENDER = Template(
    '{% load site_tags %}{% content page "title" %}|{% content page "body" markdown=True %}'
)
PLAIN = Template("{% load site_tags %}{{ page.title }}|{{ page.body|markdown }}")


def test_content_tag_renders_exactly_what_the_field_did_on_english_pages():
    page = Page(title='Fish & "chips" <b>', body="Read **this** & <script>x</script>.")
    page.title_es = page.body_es = ""
    with translation.override("en"):
        assert RENDER.render(Context({"page": page})) == PLAIN.render(Context({"page": page}))
    with translation.override("es"):
        rendered = RENDER.render(Context({"page": page}))
    assert rendered.startswith('<span lang="en">Fish &amp; &quot;chips&quot; &lt;b&gt;</span>|')
    assert rendered.endswith('<div lang="en"><p>Read <strong>this</strong> &amp; .</p></div>')


def test_content_tag_leaves_spanish_and_untranslated_fields_unmarked():
    page = Page(title="About", title_es="Quiénes somos")
    officer = OfficerFactory.build(name="Dana")
    template = Template('{% load site_tags %}{% content page "title" %}|{% content o "name" %}')
    with translation.override("es"):
        assert template.render(Context({"page": page, "o": officer})) == "Quiénes somos|Dana"


# --- Query counts: marking costs no query ---------------------------------------------------------


@pytest.mark.parametrize("prefix", ["", "/es"])
def test_service_list_query_count_is_the_same_in_spanish(
    client, django_assert_num_queries, forget_kept_parts, prefix
):
    category = ServiceCategoryFactory()
    for i in range(5):
        ServiceFactory(category=category, name_es="" if i % 2 else f"Servicio {i}")
    client.get(f"{prefix}/services/")
    forget_kept_parts()
    with django_assert_num_queries(1):
        response = client.get(f"{prefix}/services/")
    assert response.content.decode().count('class="card-tile"') == 5
