"""Site search: grouped results, drafts left out, the empty and no-result states, and ranking."""

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import translation

from cary_pd.page_search import PageSearch
from core.models import DepartmentSettings
from core.search import ModelSearchSource, search_everything, search_sources
from core.search_words import refresh_search_words
from districts.search import DistrictSearch
from outreach.search import EventSearch, K9TeamSearch, NewsSearch, OfficerSearch
from programs.search import ProgramSearch, TipSearch
from reports.models import ReportingGuideEntry
from reports.search import ReportingGuideSearch
from services.search import ServiceSearch
from tests.factories import (
    EventFactory,
    K9TeamFactory,
    NewsItemFactory,
    OfficerFactory,
    PageFactory,
    ProgramFactory,
    ServiceFactory,
    TipFactory,
)
from tests.test_security import assert_strict

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="ranked full-text search runs on PostgreSQL"
)


@pytest.fixture(autouse=True)
def _english():
    # A request under /es/ leaves Spanish active in the thread: every test starts in English.
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _no_guide_entries():
    # The apps' migrations add entries to the reporting guide (house checks, records...), which
    # search finds too ("patrol officers look in"): these tests count their own items' results.
    # tests/test_search_sources.py searches the guide.
    ReportingGuideEntry.objects.all().delete()


def search(client, query, path=None):
    # The request activates its page's language: the test's stays as it was.
    with translation.override(translation.get_language()):
        response = client.get(path or reverse("search"), {"q": query})
    assert response.status_code == 200
    return response.content.decode()


def search_es(client, query):
    html = search(client, query, "/es/search/")
    assert '<html lang="es"' in html
    return html


def results(html) -> str:
    """The results part of a search page (not the header's search box, nor the footer)."""
    return html.split('id="main-content"')[1].split("</main>")[0]


def test_results_are_grouped_by_kind(client):
    ServiceFactory(name="Burglary investigations", summary="Detectives follow up.")
    ProgramFactory(name="Neighborhood Watch", summary="Stop burglary together.")
    TipFactory(title="Lock doors", summary="Most burglary needs no force.")
    html = search(client, "burglary")
    assert "3 results for “burglary”" in html
    services = html.index('id="results-services"')
    programs = html.index('id="results-programs"')
    tips = html.index('id="results-tips"')
    assert services < programs < tips
    assert html.index("Burglary investigations") < programs < html.index("Neighborhood Watch")
    assert html.index("Lock doors") > tips
    assert "<title>Search results for “burglary” | Cary Police Department</title>" in html
    assert '<meta name="robots" content="noindex">' in html


def test_search_leaves_out_drafts(client):
    ServiceFactory(name="Secret service draft", is_published=False)
    ProgramFactory(name="Secret program draft", is_published=False)
    TipFactory(title="Secret tip draft", is_published=False)
    html = search(client, "secret")
    assert "draft" not in html.lower().split('id="main-content"')[1]
    assert "No results for “secret”." in html


def test_every_word_must_match_somewhere(client):
    ServiceFactory(name="Victim services", summary="Support after a crime.")
    ServiceFactory(name="Traffic enforcement", summary="Safer roads.")
    html = search(client, "victim support")
    assert "Victim services" in html and "Traffic enforcement" not in html


def test_empty_search_explains_what_to_do(client):
    html = search(client, "   ")
    assert "<title>Search | Cary Police Department</title>" in html
    assert "Type a word or two" in html
    assert 'href="/services/"' in html and 'href="/tips/"' in html
    assert "results-" not in html


def test_no_results_state_helps(client, demo):
    html = search(client, "xylophone")
    assert "No results for “xylophone”." in html
    assert "Check the spelling." in html
    assert "Browse instead" in html
    assert "(919) 469-4012" in html


def test_search_box_is_in_every_page_header_with_an_accessible_name(client, demo):
    html = client.get("/").content.decode()
    assert '<form class="header-search" method="get" action="/search/" role="search"' in html
    assert (
        '<label class="header-search__label" for="header-search-q">Search this website</label>'
        in html
    )
    html = search(client, "patrol")
    assert 'id="header-search-q" name="q" maxlength="200" value="patrol"' in html


def test_search_escapes_the_query(client):
    html = search(client, '<script>alert("x")</script>')
    assert "<script>alert" not in html
    assert "&lt;script&gt;" in html


def test_results_are_listed_with_their_text_escaped(client):
    ServiceFactory(name='Fish & "chips" <b>', slug="fish", summary="It's <i>fine</i>.")
    html = search(client, "chips")
    assert (
        '<ul class="result-list">\n      \n      <li class="result-list__item">\n'
        '        <a class="result-list__title" href="/services/fish/">'
        "Fish &amp; &quot;chips&quot; &lt;b&gt;</a>\n"
        '        <p class="mb-0">It&#x27;s &lt;i&gt;fine&lt;/i&gt;.</p>\n'
        "      </li>\n      \n    </ul>"
    ) in html
    assert '<a class="filter-nav__link"' not in html  # one group: no links to groups


def test_group_links_count_each_groups_results(client):
    ServiceFactory(name="Bike patrol")
    ServiceFactory(name="Foot patrol")
    TipFactory(title="Patrol your street")
    html = search(client, "patrol")
    assert '<a class="filter-nav__link" href="#results-services">Services (2)</a>' in html
    assert '<a class="filter-nav__link" href="#results-tips">Safety tips (1)</a>' in html


def test_like_wildcards_in_the_query_are_plain_characters(client):
    ServiceFactory(name="Safe 100% of the time")
    ServiceFactory(name="Safe 1000 times")
    ServiceFactory(name="Form A_1")
    ServiceFactory(name="Form AB1")
    html = search(client, "100%")
    assert "Safe 100% of the time" in html and "Safe 1000 times" not in html
    html = search(client, "a_1")
    assert "Form A_1" in html and "Form AB1" not in html


def test_short_words_are_found_too(client):
    # Words under three letters are not in SQLite's trigram index: every row is read for them.
    ServiceFactory(name="K9 unit", summary="Dogs.")
    TipFactory(title="Lock up", summary="Always.")
    html = search(client, "k9")
    assert "K9 unit" in html and "Lock up" not in html


def test_very_long_queries_are_cut(client):
    html = search(client, "patrol " * 100)
    assert "patrol " * 40 not in html


def test_demo_content_is_searchable(client, demo):
    html = search(client, "Neighborhood Watch")
    assert 'href="/programs/neighborhood-watch/"' in html
    html = search(client, "K-9")
    assert 'href="/services/k9-unit/"' in html


def test_search_pages_have_strict_csp(client, demo):
    for query in ["", "patrol", "nothing-matches-this"]:
        assert_strict(client.get(reverse("search"), {"q": query}))


@pytest.mark.parametrize("count", [1, 20])
def test_search_query_count_does_not_grow(client, django_assert_num_queries, count):
    for i in range(count):
        ServiceFactory(name=f"Patrol service {i}")
        ProgramFactory(name=f"Patrol program {i}")
        TipFactory(title=f"Patrol tip {i}")
    client.get(reverse("search"))  # fills the site-wide caches, as on a live site
    with django_assert_num_queries(1):  # one statement for every source (combined_statement)
        html = search(client, "patrol")
    assert html.count('class="result-list__item"') == 3 * count


def test_apps_register_their_sources_in_the_order_of_the_results_page():
    kinds = [type(source) for source in search_sources()]
    assert kinds == [
        ServiceSearch,
        ProgramSearch,
        TipSearch,
        DistrictSearch,
        EventSearch,
        OfficerSearch,
        K9TeamSearch,
        NewsSearch,
        ReportingGuideSearch,
        PageSearch,
    ]
    assert all(isinstance(source, ModelSearchSource) for source in search_sources())


def test_groups_have_labels_and_results_have_urls():
    ServiceFactory(name="Patrol", slug="patrol")
    (group,) = search_everything("patrol")
    assert (group.kind, group.label) == ("services", "Services")
    assert group.results[0].url == "/services/patrol/"


def test_every_kind_of_result_links_to_its_page():
    items = [
        ServiceFactory(name="Zebra crossing patrol"),
        ProgramFactory(name="Zebra program"),
        TipFactory(title="Zebra crossings"),
        EventFactory(title="Zebra walk"),
        OfficerFactory(name="Sam Zebra"),
        K9TeamFactory(dog_name="Zebra"),
        NewsItemFactory(title="Zebra crossing repainted"),
        ReportingGuideEntry.objects.create(title="Zebra crossings", body="Call the Town."),
        PageFactory(title="Zebra crossings in Cary"),
    ]
    groups = search_everything("zebra")
    assert [len(group.results) for group in groups] == [1] * 9
    urls = [result.url for group in groups for result in group.results]
    assert urls == [item.get_absolute_url() for item in items]


@postgres_only
def test_postgres_ranks_title_matches_above_body_matches(client):
    ServiceFactory(name="Community outreach", body="We give talks about burglary prevention.")
    ServiceFactory(name="Burglary prevention", body="How to secure your home.")
    html = search(client, "burglary")
    assert html.index("Burglary prevention") < html.index("Community outreach")


@postgres_only
def test_postgres_search_understands_word_forms(client):
    ServiceFactory(name="Patrol", summary="Officers patrolling every district.")
    html = search(client, "patrols")
    assert "Patrol" in html.split('id="results-services"')[1]


@postgres_only
def test_postgres_search_finds_a_cut_off_word_or_suggests_the_whole_one(client):
    # Whole words only ("car" is not "Cary"): a word cut at its stem still finds the word, and
    # one cut elsewhere is near enough to it for "Did you mean".
    ServiceFactory(name="Investigations")
    refresh_search_words()
    assert "Investigations" in search(client, "investig").split("</form>")[-1]
    html = search(client, "investigat")
    assert "Did you mean" in html and "Investigations" in html.split("</form>")[-1]


# --- Spanish (issue 13) -----------------------------------------------------------------------


def watch_program(**kwargs):
    return ProgramFactory(
        name="Neighborhood Watch",
        slug="watch",
        summary="Neighbors who look out for each other.",
        name_es="Vigilancia Vecinal",
        summary_es="Vecinos que cuidan su vecindario, con apoyo del departamento de policía.",
        **kwargs,
    )


def test_spanish_pages_find_spanish_content_and_show_it(client):
    watch_program()
    html = search_es(client, "vecindario")
    assert (
        '<a class="result-list__title" href="/es/programs/watch/">Vigilancia Vecinal</a>\n'
        '        <p class="mb-0">Vecinos que cuidan su vecindario, con apoyo del departamento de '
        "policía.</p>"
    ) in html
    assert "Neighborhood Watch" not in results(html)


@pytest.mark.parametrize("query", ["policia", "policía", "POLICÍA", "Policia vecindario"])
def test_spanish_search_ignores_accents(client, query):
    watch_program()
    assert 'href="/es/programs/watch/">Vigilancia Vecinal</a>' in search_es(client, query)


def test_spanish_search_finds_accented_words_typed_without_them_in_titles_too(client):
    ServiceFactory(name="Police station", slug="station", name_es="Estación de policía")
    html = search_es(client, "estacion")
    assert 'href="/es/services/station/">Estación de policía</a>' in html


def test_spanish_search_finds_whole_words_whatever_their_accents(client):
    ServiceFactory(name="Investigations", slug="investigations", name_es="Investigación")
    html = search_es(client, "INVESTIGACION")
    assert 'href="/es/services/investigations/">Investigación</a>' in html
    assert 'href="/es/services/investigations/">' not in search_es(client, "tigacio")


def test_english_shown_on_a_spanish_page_is_marked_english(client):
    ServiceFactory(name="Bike patrol", slug="bike", summary="On two wheels.")
    ServiceFactory(name="Foot patrol", slug="foot", name_es="Patrulla a pie", summary="On foot.")
    assert (
        '<a class="result-list__title" href="/es/services/bike/" lang="en">Bike patrol</a>\n'
        '        <p class="mb-0" lang="en">On two wheels.</p>'
    ) in search_es(client, "bike")
    assert (
        '<a class="result-list__title" href="/es/services/foot/">Patrulla a pie</a>\n'
        '        <p class="mb-0" lang="en">On foot.</p>'
    ) in search_es(client, "patrulla")


def test_english_search_reads_english_only(client):
    watch_program()
    assert "No results for “vecindario”." in search(client, "vecindario")
    html = search(client, "neighbors")
    assert (
        '<a class="result-list__title" href="/programs/watch/">Neighborhood Watch</a>\n'
        '        <p class="mb-0">Neighbors who look out for each other.</p>'
    ) in html
    assert "Vigilancia" not in html and ' lang="en"' not in results(html)


def test_english_search_ignores_text_saved_on_a_spanish_page(client):
    service = ServiceFactory(name="Bicycle registration", slug="bicycles")
    with translation.override("es"):
        # django-modeltranslation writes the Spanish into the name_es column, and into the
        # column the field had before it was translated, which search never reads.
        service.name = "Registro de bicicletas"
        service.save()
    assert "No results for “registro”." in search(client, "registro")
    assert 'href="/services/bicycles/">Bicycle registration</a>' in search(client, "bicycle")
    assert 'href="/es/services/bicycles/">Registro de bicicletas</a>' in search_es(
        client, "registro"
    )


def test_searches_in_each_language_by_turns_each_read_their_own(client):
    # The statements are compiled once per language: one language's never serves the other.
    watch_program()
    for _ in range(2):
        assert "Vigilancia Vecinal</a>" in search_es(client, "vecinos")
        assert "No results for “vecinos”." in search(client, "vecinos")
        assert "Neighborhood Watch</a>" in search(client, "neighbors")


def test_spanish_groups_have_their_links(client):
    watch_program()
    ServiceFactory(name="Patrol", name_es="Patrulla del vecindario")
    assert '<a class="filter-nav__link" href="#results-services">Servicios (1)</a>' in search_es(
        client, "vecindario"
    )


def test_demo_spanish_content_is_searchable(client, demo):
    for query in ["vecindario", "policia", "policía", "Vigilancia Vecinal"]:
        html = search_es(client, query)
        assert 'href="/es/programs/neighborhood-watch/">Vigilancia Vecinal</a>' in html, query
    html = search(client, "Neighborhood Watch")
    assert 'href="/programs/neighborhood-watch/">Neighborhood Watch</a>' in html


@pytest.mark.parametrize("count", [1, 20])
def test_spanish_search_query_count_does_not_grow(client, django_assert_num_queries, count):
    for i in range(count):
        ServiceFactory(name=f"Patrol service {i}", name_es=f"Servicio de patrulla {i}")
        ProgramFactory(name=f"Patrol program {i}")
        TipFactory(title=f"Patrol tip {i}", title_es=f"Consejo de patrulla {i}")
    client.get("/es/search/")  # fills the site-wide caches, as on a live site
    with django_assert_num_queries(1):  # one statement for every source, as in English
        html = search_es(client, "patrulla")
    assert html.count('class="result-list__item"') == 2 * count


@pytest.mark.parametrize(
    ("query", "path"),
    [
        ("record", "/records/"),
        ("crash report", "/records/"),
        ("house check", "/house-checks/"),
        ("complain", "/feedback/"),
        ("concern", "/concerns/"),
    ],
)
def test_search_finds_what_residents_can_do_online(client, query, path, django_assert_num_queries):
    search(client, query)  # fills the site-wide caches, as on a live site
    with django_assert_num_queries(1):  # the sources' statement; the requests need no query
        html = search(client, query)
    assert f'<a class="result-list__title" href="{path}">' in html


def test_search_finds_online_requests_in_spanish_without_accents(client):
    html = search_es(client, "queja")
    assert '<a class="result-list__title" href="/es/feedback/">' in html
    html = search_es(client, "vigilancia casa")
    assert '<a class="result-list__title" href="/es/house-checks/">' in html
    # A word must start a word of the request: "car" is not "Cary" nor "scars".
    assert 'href="/house-checks/"' not in search(client, "car")


def test_the_search_page_reads_the_department_settings_once(client, monkeypatch):
    """The view (staff's synonyms) and the context processor (every page's contact details)
    share one read: each is a cache round trip in production."""
    ServiceFactory(name="Community patrol", summary="Officers on foot.")
    reads = []
    load = DepartmentSettings.load.__func__

    def counted(cls):
        reads.append(cls)
        return load(cls)

    monkeypatch.setattr(DepartmentSettings, "load", classmethod(counted))
    response = client.get(reverse("search"), {"q": "patrol"})
    assert "Community patrol" in response.content.decode()
    assert reads == [DepartmentSettings]
