"""The foundation: pages, the shared look, operations endpoints, admin access and groups."""

import io
import re
from datetime import datetime, timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import DatabaseError
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from cary_pd.models import Page
from core.models import DepartmentSettings
from core.text import render_markdown
from tests.factories import PageFactory

pytestmark = pytest.mark.django_db


def test_home_shows_seed_page_and_contact_numbers(client, demo):
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Keeping Cary safe, together" in html
    assert 'href="tel:911"' in html
    assert 'href="tel:+19194694012"' in html
    assert "(919) 469-4012" in html


def test_community_policing_page_renders_markdown(client, demo):
    response = client.get("/community-policing/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Community policing in Cary</h1>" in html
    assert "<h2>Why community policing works</h2>" in html
    assert 'aria-current="page">Community policing in Cary</li>' in html


def test_base_template_has_landmarks_skip_link_and_meta(client, demo):
    html = client.get("/community-policing/").content.decode()
    assert '<a class="skip-link" href="#main-content">' in html
    assert '<main id="main-content"' in html
    assert re.search(r'<nav class="site-nav" aria-label="Main">', html)
    assert "<header" in html and "<footer" in html
    assert '<html lang="en">' in html
    assert "<title>Community policing in Cary | Cary Police Department</title>" in html
    assert '<link rel="canonical" href="http://testserver/community-policing/">' in html
    assert '<meta property="og:title" content="Community policing in Cary">' in html


def test_footer_reads_department_settings_edited_by_staff(client, demo):
    settings = DepartmentSettings.load()
    settings.non_emergency_phone = "(919) 555-0100"
    settings.save()
    html = client.get("/").content.decode()
    assert "(919) 555-0100" in html
    assert 'href="tel:+19195550100"' in html


def test_department_settings_is_cached_and_invalidated_on_save(django_assert_num_queries, demo):
    DepartmentSettings.load()
    with django_assert_num_queries(0):
        assert DepartmentSettings.load().name == "Cary Police Department"
    settings = DepartmentSettings.load()
    settings.name = "Cary PD"
    settings.save()
    assert DepartmentSettings.load().name == "Cary PD"


def test_department_settings_stays_a_single_record(demo):
    DepartmentSettings(name="Second").save()
    assert DepartmentSettings.objects.count() == 1
    assert DepartmentSettings.objects.get().name == "Second"


def test_unpublished_page_is_404_for_public_and_visible_to_staff(client, content_editor):
    PageFactory(slug="draft-page", is_published=False)
    assert client.get("/draft-page/").status_code == 404
    client.force_login(content_editor)
    response = client.get("/draft-page/")
    assert response.status_code == 200
    assert "Draft: only staff can see this page." in response.content.decode()


def test_markdown_body_is_sanitised():
    html = render_markdown(
        "## Title\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1)) "
        '<a href="https://example.org" onclick="evil()">ok</a> <img src=x onerror=alert(1)>'
    )
    assert "<h2>Title</h2>" in html
    assert "<script" not in html
    assert "javascript:" not in html
    assert "onclick" not in html
    assert "<img" not in html
    assert 'href="https://example.org"' in html


def test_load_demo_content_is_idempotent_and_keeps_staff_edits(demo):
    page = Page.objects.get(slug="community-policing")
    page.title = "Edited by staff"
    page.save()
    counts = (Page.objects.count(), DepartmentSettings.objects.count())
    call_command("load_demo_content", stdout=io.StringIO())
    assert (Page.objects.count(), DepartmentSettings.objects.count()) == counts
    assert Page.objects.get(slug="community-policing").title == "Edited by staff"


def test_404_page_is_friendly(client, demo):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_500_page_needs_no_database(rf, monkeypatch):
    from cary_pd import views

    def refuse(*args, **kwargs):
        raise DatabaseError("database is down")

    monkeypatch.setattr(DepartmentSettings.objects, "get_or_create", refuse)
    response = views.server_error(rf.get("/"))
    html = response.content.decode()
    assert response.status_code == 500
    assert "Sorry, there is a problem with this website" in html
    assert "(919) 469-4012" in html
    assert "Traceback" not in html


def test_unhandled_error_shows_friendly_page_without_traceback(client, demo, monkeypatch):
    from cary_pd import views

    def crash(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(views, "render", crash)
    client.raise_request_exception = False
    response = client.get("/community-policing/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Sorry, there is a problem with this website" in html
    assert "boom" not in html and "Traceback" not in html


def test_healthz_needs_no_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_readyz_checks_database(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["database"] == "ok"


def test_readyz_is_503_when_database_fails(client, monkeypatch):
    from django.db import connection

    def broken_cursor(*args, **kwargs):
        raise DatabaseError("connection refused")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"


def test_robots_and_sitemap(client, demo):
    robots = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in robots
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "<loc>http://testserver/community-policing/</loc>" in sitemap
    assert "<loc>http://testserver/</loc>" in sitemap
    for path in ("/report/", "/report/where/", "/report/status/"):
        assert f"<loc>http://testserver{path}</loc>" in sitemap
    assert "/report/emergency/" not in sitemap  # the steps are a journey, not pages to index


def test_security_txt_names_the_contact_and_an_expiry_within_a_year(client, settings):
    assert client.get("/.well-known/security.txt").status_code == 404  # no contact set
    settings.SECURITY_CONTACT = "mailto:security@example.org"
    response = client.get("/.well-known/security.txt")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/plain")
    fields = dict(line.split(": ", 1) for line in response.content.decode().splitlines())
    assert fields["Contact"] == "mailto:security@example.org"
    assert fields["Canonical"] == "http://testserver/.well-known/security.txt"
    expires = datetime.fromisoformat(fields["Expires"])
    assert timedelta(days=30) < expires - timezone.now() < timedelta(days=365)


def test_sitemap_leaves_out_drafts(client):
    PageFactory(slug="secret-draft", is_published=False)
    assert "secret-draft" not in client.get("/sitemap.xml").content.decode()


def test_groups_exist_with_fitting_permissions():
    editors = Group.objects.get(name="Content editors")
    codenames = set(editors.permissions.values_list("codename", flat=True))
    assert {"add_page", "change_page", "change_departmentsettings"} <= codenames
    assert Group.objects.filter(name="Report reviewers").exists()


def test_content_editor_can_edit_pages_in_admin(editor_client, demo):
    page = Page.objects.get(slug="community-policing")
    response = editor_client.get(reverse("admin:cary_pd_page_change", args=[page.pk]))
    assert response.status_code == 200
    assert "Cary Police Department — Staff" in response.content.decode()


def test_anonymous_and_plain_staff_cannot_edit_pages(client, demo, staff_without_groups):
    page = Page.objects.get(slug="community-policing")
    url = reverse("admin:cary_pd_page_change", args=[page.pk])
    assert client.get(url).status_code == 302
    client.force_login(staff_without_groups)
    assert client.get(url).status_code == 403


def test_department_settings_cannot_be_deleted_or_duplicated(superuser_client, demo):
    assert superuser_client.get(reverse("admin:core_departmentsettings_add")).status_code == 403
    settings_pk = DepartmentSettings.load().pk
    delete_url = reverse("admin:core_departmentsettings_delete", args=[settings_pk])
    assert superuser_client.get(delete_url).status_code == 403


@override_settings(DEBUG=False)
def test_demo_superuser_refused_without_debug():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("create_demo_superuser")


@override_settings(DEBUG=True)
def test_demo_superuser_created_once_in_debug():
    from cary_pd.models import User

    out = open("/dev/null", "w")  # noqa: SIM115
    call_command("create_demo_superuser", stdout=out)
    call_command("create_demo_superuser", stdout=out)
    assert User.objects.filter(is_superuser=True).count() == 1


# The emergency strip, the header and the footer are kept rendered by each process (the
# "fragments" cache), under keys that name everything they show.


@pytest.mark.django_db
def test_kept_page_parts_show_a_change_of_the_department_settings_at_once(client):
    assert "(919) 555-0100" not in client.get("/").content.decode()  # the parts are kept
    department = DepartmentSettings.load()
    department.non_emergency_phone = "(919) 555-0100"
    department.name = "Town Police"
    department.save()
    html = client.get("/report/").content.decode()
    assert html.count("(919) 555-0100") >= 2  # the emergency strip and the footer
    assert '<span class="site-brand__name">Town Police</span>' in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "current"),
    [("/", "/"), ("/services/", "/services/"), ("/tips/", "/tips/"), ("/report/", None)],
)
def test_kept_navigation_marks_the_section_of_each_page(client, path, current):
    for other in ("/", "/services/", "/tips/", "/report/"):
        client.get(other)  # every variant of the navigation is kept
    html = client.get(path).content.decode()
    marked = re.findall(r'<li><a href="([^"]+)" aria-current="page">', html)
    assert marked == ([current] if current else [])


PER_RESPONSE = re.compile(r'nonce="[^"]+"|name="csrfmiddlewaretoken" value="[^"]+"')


@pytest.mark.django_db
@pytest.mark.parametrize("urgent", [False, True])
@pytest.mark.parametrize("path", ["/", "/news/", "/report/", "/no/such/page/"])
def test_a_page_is_the_same_with_its_layout_kept_from_other_pages_or_rendered_afresh(
    client, forget_kept_parts, path, urgent
):
    from django.contrib.staticfiles.storage import staticfiles_storage

    from tests.factories import NewsItemFactory

    if urgent:
        NewsItemFactory(
            title="Road closed", is_urgent=True, urgent_until=timezone.now() + timedelta(hours=1)
        )
    forget_kept_parts()
    fresh = PER_RESPONSE.sub("", client.get(path).content.decode())
    forget_kept_parts()
    for other in ("/search/?q=leak", "/services/", "/news/", path):
        client.get(other)  # the parts kept from other pages, and from this one
    kept = PER_RESPONSE.sub("", client.get(path).content.decode())
    assert kept == fresh
    assert f'<link rel="stylesheet" href="{staticfiles_storage.url("css/site.css")}">' in kept
    assert kept.index('class="skip-link"') < kept.index('class="emergency-strip"')
    assert kept.index("</header>") < kept.index('<main id="main-content"')
    assert ('<div class="urgent-alerts"' in kept) == urgent


@pytest.mark.django_db
def test_the_header_search_box_shows_the_query_on_the_search_page_only(client):
    box = re.compile(r'<input class="form-control" type="search" id="header-search-q"[^>]*>')
    assert box.findall(client.get("/search/?q=watch").content.decode()) == [
        '<input class="form-control" type="search" id="header-search-q" name="q" '
        'maxlength="200" value="watch">'
    ]
    assert box.findall(client.get("/").content.decode()) == [
        '<input class="form-control" type="search" id="header-search-q" name="q" maxlength="200">'
    ]
    assert 'value="other"' in box.findall(client.get("/search/?q=other").content.decode())[0]


def test_online_requests_page_lists_what_each_app_registered_with_its_link(client, demo):
    from core.registry import registry

    html = client.get("/requests/").content.decode()
    links = re.findall(r'<h2 class="request-list__title"><a href="([^"]+)">', html)
    assert links == [reverse(entry.url_name) for entry in registry.resident_requests]
    assert {"/report/", "/concerns/", "/alerts/"} <= set(links)
    # Reached from the navigation of every page and listed in the sitemap.
    assert '<a href="/requests/"' in client.get("/").content.decode()
    assert "<loc>http://testserver/requests/</loc>" in client.get("/sitemap.xml").content.decode()


def test_favicon_ico_leads_to_the_badge_among_the_static_files(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302 and response["Location"].endswith(".ico")
    assert "/static/img/favicon" in response["Location"]
    assert "max-age=86400" in response["Cache-Control"]


def test_pages_name_a_share_image_and_a_touch_icon(client, demo):
    html = client.get("/").content.decode()
    assert re.search(
        r'<meta property="og:image" content="http://testserver/static/img/og-image[^"]*\.png">',
        html,
    )
    assert (
        '<meta property="og:image:alt" content="The badge of the Cary Police Department">' in html
    )
    assert re.search(
        r'<link rel="apple-touch-icon" href="/static/img/apple-touch-icon[^"]*\.png">', html
    )


def test_every_page_links_the_officers_k9_teams_and_partnerships(client, demo):
    footer = client.get("/").content.decode().split('<footer class="site-footer">')[1]
    for path in ("/officers/", "/k9/", "/partners/", "/requests/"):
        assert f'<a href="{path}">' in footer
