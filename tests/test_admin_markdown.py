"""The admin's Markdown preview (core.admin_markdown): what staff see before saving is what the
public page shows, sanitised the same way; only staff who may edit the rows, with the form's
CSRF token, and a bounded text."""

import re

import pytest
from django.contrib import admin
from django.db import models
from django.test import Client
from django.urls import reverse

from core.admin_markdown import PREVIEW_MAX_CHARS, MarkdownPreviewMixin
from tests.factories import ServiceFactory

pytestmark = pytest.mark.django_db

PREVIEW_URL = "/admin/services/service/markdown-preview/"


def preview(client, text):
    return client.post(PREVIEW_URL, {"text": text})


def test_the_preview_url_is_the_admins_own():
    assert reverse("admin:services_service_markdown_preview") == PREVIEW_URL


def test_the_preview_is_the_html_of_the_public_page(editor_client, client):
    body = "## How to apply\n\n- Call us\n- [Write to us](https://example.org/form)\n\n**Soon**."
    service = ServiceFactory(body=body)
    html = preview(editor_client, body).json()["html"]
    assert "<h2>How to apply</h2>" in html and "<strong>Soon</strong>" in html
    public = Client().get(reverse("services:detail", args=[service.slug])).content.decode()
    assert html in public


def test_the_preview_removes_scripts_and_raw_html(editor_client):
    text = 'Hello <script>alert(1)</script><img src=x onerror="alert(2)"> [x](javascript:alert(3))'
    html = preview(editor_client, text).json()["html"]
    assert "<script" not in html and "onerror" not in html and "<img" not in html
    assert "javascript:" not in html
    assert html.startswith("<p>Hello")


def test_a_text_over_the_limit_is_refused(editor_client):
    response = preview(editor_client, "a" * (PREVIEW_MAX_CHARS + 1))
    assert response.status_code == 413
    assert "too long" in response.json()["error"]
    assert preview(editor_client, "a" * PREVIEW_MAX_CHARS).status_code == 200


def test_only_signed_in_staff_who_may_edit_get_a_preview(client, staff_without_groups):
    anonymous = preview(client, "## Hi")
    assert anonymous.status_code == 302 and "/admin/login/" in anonymous["Location"]
    client.force_login(staff_without_groups)
    assert preview(client, "## Hi").status_code == 403


def test_the_preview_takes_only_a_post(editor_client):
    assert editor_client.get(PREVIEW_URL, {"text": "## Hi"}).status_code == 405


def test_the_preview_needs_the_csrf_token(content_editor):
    client = Client(enforce_csrf_checks=True)
    client.force_login(content_editor)
    assert preview(client, "## Hi").status_code == 403
    page = client.get("/admin/services/service/add/").content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
    response = client.post(PREVIEW_URL, {"text": "## Hi", "csrfmiddlewaretoken": token})
    assert response.status_code == 200 and response.json()["html"] == "<h2>Hi</h2>"


def test_the_change_form_has_the_help_button_and_region_for_each_language(editor_client):
    service = ServiceFactory()
    page = editor_client.get(f"/admin/services/service/{service.pk}/change/").content.decode()
    for column in ("body_en", "body_es"):
        assert f'data-markdown-preview="id_{column}"' in page
        assert f'<div class="markdown-preview" id="id_{column}_preview" aria-live="polite">' in page
    assert page.count('<details class="markdown-help">') == 2
    assert f'data-preview-url="{PREVIEW_URL}"' in page
    # The button is the script's (static, no inline script): hidden until it runs.
    assert re.search(r"js/admin-markdown-preview\.\w+\.js", page) and "<script>" not in page
    assert 'id="id_summary_en_preview"' not in page


def markdown_text_fields(model) -> set[str]:
    """The model's text fields that say they take Markdown, or that a public page renders."""
    rendered = {("outreach", "officer"): {"community_involvement"}}
    return {
        field.name
        for field in model._meta.get_fields()
        if isinstance(field, models.TextField)
        and not getattr(field, "translated_field", None)
        and "Markdown" in str(field.help_text)
    } | rendered.get((model._meta.app_label, model._meta.model_name), set())


def test_every_admin_with_markdown_fields_has_the_preview():
    missing = {}
    for model, model_admin in admin.site._registry.items():
        fields = markdown_text_fields(model)
        covered = set(getattr(model_admin, "markdown_fields", ()))
        if fields - covered or (fields and not isinstance(model_admin, MarkdownPreviewMixin)):
            missing[model._meta.label] = sorted(fields - covered)
    assert missing == {}
