"""Services: the catalogue by category, service pages, drafts, images, admin and demo content."""

import io
import re

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from core.images import validate_image_upload
from services.models import Service
from tests.factories import (
    ProgramFactory,
    ServiceCategoryFactory,
    ServiceFactory,
    TipFactory,
)

pytestmark = pytest.mark.django_db

SEED_SERVICES = {
    "patrol": "Patrol",
    "investigations": "Investigations",
    "traffic-enforcement": "Traffic enforcement",
    "school-resource-officers": "School resource officers",
    "special-event-security": "Special-event security",
    "k9-unit": "K-9 unit",
    "victim-services": "Victim services",
    "youth-services": "Youth services",
    "community-outreach": "Community outreach",
    "report-a-crime": "Report a crime",
    "records": "Police records",
    "compliments-and-complaints": "Compliments and complaints",
}


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def image_bytes(width, height, *, fmt="JPEG", orientation=None) -> bytes:
    buffer = io.BytesIO()
    image = Image.new("RGB", (width, height), (11, 37, 69))
    exif = Image.Exif()
    if orientation:
        exif[0x0112] = orientation
    image.save(buffer, fmt, exif=exif)
    return buffer.getvalue()


def upload(name="photo.jpg", content=None, content_type="image/jpeg"):
    return SimpleUploadedFile(name, content or image_bytes(800, 600), content_type=content_type)


# --- Demo content --------------------------------------------------------------------------------


def test_demo_loads_every_seed_service_and_the_list_shows_them(client, demo):
    assert set(Service.objects.published().values_list("slug", "name")) == set(
        SEED_SERVICES.items()
    )
    html = client.get("/services/").content.decode()
    for name in ["Patrol and response", "Victim and community resources", *SEED_SERVICES.values()]:
        assert name in html


def test_demo_service_pages_render_their_body_and_contact(client, demo):
    html = client.get("/services/report-a-crime/").content.decode()
    assert "<h2>In an emergency</h2>" in html
    assert 'href="tel:+19194694012"' in html
    assert "Call 911 at any time in an emergency" in html


# --- The list, grouped by category ---------------------------------------------------------------


def test_service_list_groups_services_by_category_in_display_order(client):
    traffic = ServiceCategoryFactory(name="Traffic safety", display_order=20)
    patrol = ServiceCategoryFactory(name="Patrol and response", display_order=10)
    ServiceFactory(name="Traffic enforcement", category=traffic)
    ServiceFactory(name="Patrol officers", category=patrol, display_order=2)
    ServiceFactory(name="Report a crime", category=patrol, display_order=1)
    html = client.get(reverse("services:list")).content.decode().split('id="main-content"')[1]
    order = [
        html.index('<h2 id="category-'),
        html.index(">Report a crime</a>"),
        html.index(">Patrol officers</a>"),
        html.index(">Traffic safety</h2>"),
        html.index(">Traffic enforcement</a>"),
    ]
    assert order == sorted(order)
    assert html.index(">Patrol and response</h2>") < html.index(">Traffic safety</h2>")


def test_service_list_leaves_out_drafts_and_categories_without_published_services(client):
    ServiceFactory(name="Published service")
    ServiceFactory(name="Draft service", is_published=False)
    ServiceFactory(category=ServiceCategoryFactory(name="Only drafts"), is_published=False)
    html = client.get(reverse("services:list")).content.decode()
    assert "Published service" in html
    assert "Draft service" not in html
    assert "Only drafts" not in html


def test_service_card_is_one_link(client):
    service = ServiceFactory(name="Victim services", summary="Support after a crime.")
    html = client.get(reverse("services:list")).content.decode()
    card = re.search(r'<div class="card-tile">(.*?)</div>', html, re.DOTALL).group(1)
    assert card.count("<a ") == 1
    assert f'href="{service.get_absolute_url()}"' in card
    assert "stretched-link" in card and "Support after a crime." in card


# --- A service's page ----------------------------------------------------------------------------


def test_service_detail_has_contact_block_body_and_meta(client):
    service = ServiceFactory(
        name="Victim services",
        slug="victim-services",
        summary="Support for victims of crime.",
        body="## Getting help\n\n- Call us\n- Visit us",
        contact_phone="(919) 555-0101",
        contact_email="victims@example.org",
        hours="Weekdays 8 to 5",
    )
    html = client.get(service.get_absolute_url()).content.decode()
    assert "<title>Victim services | Cary Police Department</title>" in html
    assert '<meta name="description" content="Support for victims of crime.">' in html
    assert '<link rel="canonical" href="http://testserver/services/victim-services/">' in html
    assert '<meta property="og:type" content="article">' in html
    assert "<h2>Getting help</h2>" in html and "<li>Call us</li>" in html
    assert 'href="tel:+19195550101"' in html
    assert 'href="mailto:victims@example.org"' in html
    assert "Weekdays 8 to 5" in html
    assert 'aria-current="page">Victim services</li>' in html


def test_service_without_its_own_phone_shows_the_non_emergency_line(client):
    service = ServiceFactory(contact_phone="")
    html = client.get(service.get_absolute_url()).content.decode()
    contact = html[html.index('id="contact-heading"') :]
    assert 'href="tel:+19194694012"' in contact


def test_service_detail_lists_published_related_programs_and_tips(client):
    service = ServiceFactory()
    ProgramFactory(name="Neighborhood Watch").services.add(service)
    ProgramFactory(name="Draft program", is_published=False).services.add(service)
    TipFactory(title="Lock your car").services.add(service)
    TipFactory(title="Draft tip", is_published=False).services.add(service)
    html = client.get(service.get_absolute_url()).content.decode()
    assert "Programs you can join" in html and "Neighborhood Watch" in html
    assert "Lock your car" in html
    assert "Draft program" not in html and "Draft tip" not in html


def test_service_without_related_items_has_no_empty_sections(client):
    html = client.get(ServiceFactory().get_absolute_url()).content.decode()
    assert "Programs you can join" not in html
    assert "related-tips-heading" not in html


def test_service_body_is_sanitised(client):
    service = ServiceFactory(body="<script>alert(1)</script>\n\n[x](javascript:alert(1))")
    html = client.get(service.get_absolute_url()).content.decode()
    assert "alert(1)</script>" not in html and "javascript:" not in html


def test_draft_service_is_404_for_the_public_and_previewable_by_staff(client, content_editor):
    service = ServiceFactory(is_published=False)
    assert client.get(service.get_absolute_url()).status_code == 404
    client.force_login(content_editor)
    response = client.get(service.get_absolute_url())
    assert response.status_code == 200
    assert "Draft: only staff can see this service." in response.content.decode()


def test_view_on_site_from_the_admin_reaches_the_service(editor_client):
    service = ServiceFactory(is_published=False)
    change = editor_client.get(reverse("admin:services_service_change", args=[service.pk]))
    shortcut = re.search(r'href="(/admin/r/\d+/\d+/)"', change.content.decode()).group(1)
    response = editor_client.get(shortcut, follow=True)
    assert response.redirect_chain[-1][0].endswith(service.get_absolute_url())
    assert response.status_code == 200


# --- Query counts: never one query per row -------------------------------------------------------


@pytest.mark.parametrize("count", [1, 20])
def test_service_list_query_count_does_not_grow(
    client, django_assert_num_queries, count, forget_kept_parts
):
    categories = [ServiceCategoryFactory() for _ in range(3)]
    for i in range(count):
        ServiceFactory(category=categories[i % 3])
    client.get(reverse("services:list"))  # fills the site-wide caches, as on a live site
    forget_kept_parts()  # count the render itself, not parts kept from the one before
    with django_assert_num_queries(1):
        response = client.get(reverse("services:list"))
    assert response.content.decode().count('class="card-tile"') == count


@pytest.mark.parametrize("count", [1, 20])
def test_service_detail_query_count_does_not_grow(
    client, django_assert_num_queries, count, forget_kept_parts
):
    service = ServiceFactory()
    for _ in range(count):
        ProgramFactory().services.add(service)
        TipFactory().services.add(service)
    client.get(service.get_absolute_url())  # fills the site-wide caches, as on a live site
    forget_kept_parts()  # count the render itself, not parts kept from the one before
    # The service, its programs, tips and officers, and the K-9 teams of its officers.
    with django_assert_num_queries(5):
        response = client.get(service.get_absolute_url())
    assert response.content.decode().count('class="card-tile"') == count


# --- Sitemap -------------------------------------------------------------------------------------


def test_sitemap_lists_published_services_and_the_catalogue_pages(client):
    ServiceFactory(slug="published-one")
    ServiceFactory(slug="draft-one", is_published=False)
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "<loc>http://testserver/services/published-one/</loc>" in sitemap
    assert "draft-one" not in sitemap
    for path in ["/services/", "/programs/", "/tips/"]:
        assert f"<loc>http://testserver{path}</loc>" in sitemap


# --- Images --------------------------------------------------------------------------------------


def test_image_validator_accepts_a_real_photo():
    validate_image_upload(upload())


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"%PDF-1.4 not an image at all", "not_an_image"),
        (b"GIF89a" + b"\x00" * 100, "not_an_image"),
        (image_bytes(40, 40, fmt="GIF"), "not_an_image"),
        (image_bytes(40, 40)[:60], "not_an_image"),
    ],
)
def test_image_validator_refuses_files_that_are_not_usable_images(content, code):
    with pytest.raises(ValidationError) as error:
        validate_image_upload(upload(content=content))
    assert error.value.code == code


def blank_png(width, height) -> bytes:
    """A real, valid PNG of any size that costs little: one bit a pixel, all black."""
    buffer = io.BytesIO()
    Image.new("1", (width, height)).save(buffer, "PNG")
    return buffer.getvalue()


def test_image_validator_takes_40_megapixels_and_refuses_one_row_more():
    validate_image_upload(upload("big.png", blank_png(8000, 5000), "image/png"))
    with pytest.raises(ValidationError) as error:
        validate_image_upload(upload("bigger.png", blank_png(8000, 5001), "image/png"))
    assert error.value.code == "image_too_many_pixels"
    assert error.value.messages == [
        "bigger.png has too many pixels. Choose a photo of at most 40 megapixels."
    ]


def test_image_validator_refuses_files_over_the_size_limit(monkeypatch):
    monkeypatch.setattr("core.images.MAX_UPLOAD_BYTES", 1000)
    with pytest.raises(ValidationError) as error:
        validate_image_upload(upload(content=image_bytes(300, 300) + b"\x00" * 1000))
    assert error.value.code == "image_too_large"


def test_an_image_needs_alt_text(media):
    service = ServiceFactory.build(category=ServiceCategoryFactory(), image=upload())
    with pytest.raises(ValidationError) as error:
        service.full_clean()
    assert "image_alt" in error.value.message_dict
    service.image_alt = "Two officers talking with a resident"
    service.full_clean()


def test_service_image_is_served_as_renditions_never_the_original(client, media):
    service = ServiceFactory(image_alt="An officer at a school crossing")
    service.image.save("big.jpg", upload(content=image_bytes(2000, 1500)))
    assert (service.image_width, service.image_height) == (2000, 1500)
    html = client.get(service.get_absolute_url()).content.decode()
    img = re.search(r'<img class="picture[^"]*"[^>]*>', html).group(0)
    assert 'width="640" height="480"' in img
    assert 'alt="An officer at a school crossing"' in img
    assert 'loading="eager"' in img
    srcset = re.search(r'srcset="([^"]+)"', img).group(1)
    widths = [int(w) for w in re.findall(r" (\d+)w", srcset)]
    assert widths == [320, 640, 960, 1280]
    assert service.image.url not in html
    for url, width in re.findall(r"(/media/\S+) (\d+)w", srcset):
        with Image.open(media / url.removeprefix("/media/")) as rendition:
            assert rendition.size == (int(width), int(width) * 3 // 4)
            assert rendition.format == "WEBP"


def test_an_image_whose_file_is_gone_costs_the_picture_not_the_page(client, media, caplog):
    service = ServiceFactory(image_alt="A badge")
    service.image.save("lost.png", upload("lost.png", image_bytes(500, 250, fmt="PNG")))
    (media / service.image.name).unlink()  # the media volume lost it; no rendition was made
    response = client.get(service.get_absolute_url())
    assert response.status_code == 200
    assert '<img class="picture' not in response.content.decode()
    assert "cannot be read" in caplog.text


def test_small_image_is_never_upscaled(media):
    service = ServiceFactory(image_alt="A badge")
    service.image.save("small.png", upload("small.png", image_bytes(500, 250, fmt="PNG")))
    picture = service.picture
    assert [(s.width, s.height) for s in picture.sources] == [(320, 160), (500, 250)]
    assert (picture.default.width, picture.default.height) == (500, 250)


def test_rotated_phone_photo_gets_its_displayed_size(media):
    service = ServiceFactory(image_alt="A K-9 handler")
    service.image.save("phone.jpg", upload(content=image_bytes(400, 300, orientation=6)))
    assert (service.image_width, service.image_height) == (300, 400)
    assert (service.picture.default.width, service.picture.default.height) == (300, 400)


def test_pages_without_images_render_no_img(client):
    service = ServiceFactory()
    assert service.picture is None
    html = client.get(service.get_absolute_url()).content.decode()
    assert 'class="picture' not in html


def test_renditions_add_no_queries(client, media, django_assert_num_queries, forget_kept_parts):
    for i in range(3):
        service = ServiceFactory(image_alt=f"Photo {i}")
        service.image.save(f"photo{i}.jpg", upload(content=image_bytes(1000, 800)))
    client.get(reverse("services:list"))  # makes the renditions and fills the caches
    forget_kept_parts()  # count the render itself, not parts kept from the one before
    with django_assert_num_queries(1):
        html = client.get(reverse("services:list")).content.decode()
    assert html.count("srcset=") == 3


def test_editor_uploads_an_image_in_the_admin_and_must_describe_it(editor_client, media):
    service = ServiceFactory()
    url = reverse("admin:services_service_change", args=[service.pk])
    data = {
        "name_en": service.name,
        "slug": service.slug,
        "category": service.category.pk,
        "summary_en": service.summary,
        "body_en": service.body,
        "display_order": 1,
        "is_published": "on",
        "image_alt_en": "",
    }
    response = editor_client.post(url, {**data, "image": upload()})
    assert response.status_code == 200
    assert "Describe the image, for people who cannot see it." in response.content.decode()
    not_an_image = upload("fake.jpg", b"<?php echo 'hi'; ?>")
    response = editor_client.post(url, {**data, "image": not_an_image, "image_alt_en": "x"})
    assert response.status_code == 200
    assert "Upload a valid image" in response.content.decode()
    response = editor_client.post(url, {**data, "image": upload(), "image_alt_en": "A patrol car"})
    assert response.status_code == 302
    service.refresh_from_db()
    assert service.image.name.startswith("services/service/")
    assert (service.image_width, service.image_height) == (800, 600)


# --- Admin and permissions -----------------------------------------------------------------------


def test_content_editors_can_manage_services_and_categories():
    codenames = set(
        Group.objects.get(name="Content editors").permissions.values_list("codename", flat=True)
    )
    for model in ["service", "servicecategory"]:
        assert {f"{a}_{model}" for a in ["add", "change", "delete", "view"]} <= codenames


def test_content_editor_adds_a_service_in_the_admin(editor_client):
    category = ServiceCategoryFactory()
    response = editor_client.post(
        reverse("admin:services_service_add"),
        {
            "name_en": "Crime scene unit",
            "slug": "crime-scene-unit",
            "category": category.pk,
            "summary_en": "Evidence at crime scenes.",
            "body_en": "",
            "display_order": 5,
            "is_published": "on",
        },
    )
    assert response.status_code == 302
    assert Service.objects.get(slug="crime-scene-unit").category == category


def test_staff_without_the_group_cannot_edit_services(client, staff_without_groups):
    client.force_login(staff_without_groups)
    assert client.get(reverse("admin:services_service_changelist")).status_code == 403


def test_service_admin_search_and_filter(editor_client):
    ServiceFactory(name="K-9 unit")
    ServiceFactory(name="Traffic enforcement")
    url = reverse("admin:services_service_changelist")
    html = editor_client.get(url, {"q": "K-9"}).content.decode()
    assert "K-9 unit" in html and "Traffic enforcement" not in html
    html = editor_client.get(url, {"is_published__exact": "0"}).content.decode()
    assert "K-9 unit" not in html


def test_a_service_page_heads_escape_its_text_once_and_name_every_language(client):
    ServiceFactory(name='Tom & Jerry "K-9"', slug="k9", summary="Dogs <and> handlers.")
    html = client.get("/es/services/k9/").content.decode()
    title = "Tom &amp; Jerry &quot;K-9&quot;"
    assert f"<title>{title} | Cary Police Department</title>" in html
    assert f'<meta property="og:title" content="{title}">' in html
    assert '<meta property="og:description" content="Dogs &lt;and&gt; handlers.">' in html
    assert '<meta property="og:url" content="http://testserver/es/services/k9/">' in html
    assert '<meta property="og:locale" content="es_US">' in html
    assert (
        '<link rel="alternate" hreflang="en" href="http://testserver/services/k9/">\n  '
        '<link rel="alternate" hreflang="es" href="http://testserver/es/services/k9/">\n  '
        '<link rel="alternate" hreflang="x-default" href="http://testserver/services/k9/">\n'
    ) in html


def test_a_page_without_a_description_gets_the_sites(client):
    html = client.get(reverse("reports:status")).content.decode()
    assert (
        '<meta name="description" content="Official website of the Cary Police Department, North'
        ' Carolina: services, crime prevention, events and online crime reports.">'
    ) in html
    assert '<meta property="og:type" content="website">' in html
    assert '<meta property="og:locale" content="en_US">' in html
