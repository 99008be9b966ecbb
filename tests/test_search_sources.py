"""Site search of K-9 teams, staff-edited pages and the "Where do I report this?" guide (issue
16): found by their words, drafts and the home page left out, each result linking to where the
item is shown."""

import pytest
from django.urls import reverse
from django.utils import translation

from cary_pd.models import Page
from core.search import search_everything
from reports.models import ReportingGuideEntry
from tests.factories import K9TeamFactory, OfficerFactory, PageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    # A request under /es/ leaves Spanish active in the thread: every test starts in English.
    with translation.override("en"):
        yield


def found(query, kind) -> list:
    """The results of ``kind`` the site search finds for ``query``: (title, url, summary)."""
    for group in search_everything(query):
        if group.kind == kind:
            return [(result.title, result.url, result.summary) for result in group.results]
    return []


def titles(query, kind) -> list[str]:
    return [title for title, _url, _summary in found(query, kind)]


def search_page(client, query, path=None) -> str:
    with translation.override(translation.get_language()):
        response = client.get(path or reverse("search"), {"q": query})
    assert response.status_code == 200
    return response.content.decode()


# --- K-9 teams --------------------------------------------------------------------------------


def test_a_k9_team_is_found_by_its_name_breed_and_biography():
    K9TeamFactory(
        dog_name="Bolt",
        slug="bolt",
        breed="Dutch Shepherd",
        biography="Finds evidence and tracks suspects.",
    )
    assert found("bolt", "k9-teams") == [("Bolt", "/k9/#k9-bolt", "Dutch Shepherd")]
    assert titles("dutch shepherd", "k9-teams") == ["Bolt"]
    assert titles("evidence", "k9-teams") == ["Bolt"]
    assert titles("nothing-like-this", "k9-teams") == []


def test_an_unpublished_k9_team_is_not_found():
    K9TeamFactory(dog_name="Shadow", is_published=False)
    assert titles("shadow", "k9-teams") == []


def test_a_k9_result_links_to_the_team_on_the_k9_page(client):
    team = K9TeamFactory(dog_name="Bolt", slug="bolt", handler=OfficerFactory(name="Ana Ruiz"))
    assert team.get_absolute_url() == "/k9/#k9-bolt"
    html = client.get(reverse("outreach:k9_list")).content.decode()
    assert 'id="k9-bolt"' in html
    results = search_page(client, "bolt").split('id="main-content"')[1]
    assert '<a class="result-list__title" href="/k9/#k9-bolt">Bolt</a>' in results


def test_a_k9_team_is_found_in_spanish_and_links_to_the_spanish_page(client):
    K9TeamFactory(
        dog_name="Bolt",
        slug="bolt",
        breed="Dutch Shepherd",
        breed_es="Pastor holandés",
        biography_es="Rastrea a sospechosos.",
    )
    html = search_page(client, "pastor holandes", "/es/search/")
    assert '<a class="result-list__title" href="/es/k9/#k9-bolt">Bolt</a>' in html
    assert "Pastor holandés" in html
    assert "Bolt" not in search_page(client, "sospechosos").split('id="main-content"')[1]


# --- Pages ------------------------------------------------------------------------------------


def test_a_page_is_found_by_its_title_summary_and_body():
    PageFactory(
        title="Victim services",
        slug="victim-services",
        summary="Help after a crime.",
        body="## Counseling\n\nOur advocates go to court with you.",
    )
    assert found("victim", "pages") == [
        ("Victim services", "/victim-services/", "Help after a crime.")
    ]
    assert titles("help after", "pages") == ["Victim services"]
    assert titles("advocates court", "pages") == ["Victim services"]


def test_draft_pages_and_the_home_page_are_not_found():
    PageFactory(title="Draft about ferrets", slug="ferrets", is_published=False)
    PageFactory(title="Ferrets and safety", slug=Page.HOME_SLUG)
    assert titles("ferrets", "pages") == []


def test_the_demo_home_page_is_not_a_result_and_community_policing_is(demo):
    assert Page.objects.filter(slug=Page.HOME_SLUG, title__icontains="Cary").exists()
    urls = [url for _title, url, _summary in found("Cary", "pages")]
    assert "/community-policing/" in urls
    assert "/" not in urls


# --- The "Where do I report this?" guide ------------------------------------------------------


def test_a_guide_entry_is_found_and_links_to_its_section_of_the_guide(client):
    entry = ReportingGuideEntry.objects.create(
        title="Potholes and street lights",
        body="Call **311**, the [Town of Cary](https://www.carync.gov/) & its crews.",
    )
    url = f"/report/where/#guide-{entry.pk}"
    assert entry.get_absolute_url() == url
    # The summary is the body's first words as plain text: no Markdown, no double escaping.
    assert found("potholes", "reporting-guide") == [
        ("Potholes and street lights", url, "Call 311, the Town of Cary & its crews.")
    ]
    assert titles("crews", "reporting-guide") == ["Potholes and street lights"]
    html = client.get(reverse("reports:where")).content.decode()
    assert f'id="guide-{entry.pk}"' in html
    results = search_page(client, "potholes").split('id="main-content"')[1]
    assert f'href="{url}">Potholes and street lights</a>' in results
    assert "Call 311, the Town of Cary &amp; its crews." in results


def test_a_long_guide_entry_shows_its_first_words():
    ReportingGuideEntry.objects.create(title="Long entry", body=" ".join(["word"] * 60))
    ((_title, _url, summary),) = found("long entry", "reporting-guide")
    assert summary == " ".join(["word"] * 25) + "…"


def test_an_unpublished_guide_entry_is_not_found():
    ReportingGuideEntry.objects.create(title="Hidden hedgehogs", body="x", is_published=False)
    assert titles("hedgehogs", "reporting-guide") == []


def test_a_guide_entry_is_found_in_spanish(client):
    entry = ReportingGuideEntry.objects.create(
        title="Town services", title_es="Servicios del Pueblo", body="Call 311."
    )
    html = search_page(client, "servicios pueblo", "/es/search/")
    assert f'href="/es/report/where/#guide-{entry.pk}">Servicios del Pueblo</a>' in html


# --- The demo ---------------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["K-9", "Ranger", "Malinois"])
def test_the_demo_k9_team_is_found(demo, query):
    assert found(query, "k9-teams") == [("Ranger", "/k9/#k9-sample-k9-ranger", "Belgian Malinois")]


def test_the_demo_guide_is_found(demo, client):
    html = search_page(client, "non-emergency")
    assert 'href="/report/where/#guide-' in html
    assert "Where do I report this?" in html
