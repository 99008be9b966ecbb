"""Strict CSP on every page: the header is there and no page has inline script or style."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
INLINE_STYLE = re.compile(r"<style[\s>]|\sstyle=", re.IGNORECASE)


def public_urls():
    return [
        "/",
        "/community-policing/",
        "/no-such-page/",
        # Services, programs, tips and search (issue 3)
        "/services/",
        "/services/patrol/",
        "/programs/",
        "/programs/neighborhood-watch/",
        "/programs/neighborhood-watch/groups/?q=maple",
        "/programs/citizens-police-academy/",
        "/tips/",
        "/tips/?category=vehicle",
        "/tips/lock-your-car-and-take-your-keys/",
        "/search/?q=patrol",
        # Outreach (issue 4)
        "/events/",
        "/events/?kind=seminar",
        "/events/past/",
        "/events/home-security-seminar/",
        "/events/community-meeting-district-2-past/",
        "/officers/",
        "/officers/sample-officer-jordan-reyes/",
        "/k9/",
        "/partners/",
        "/news/",
        "/news/vehicle-break-ins-warning/",
        # Online crime reports (issue 5)
        "/report/",
        "/report/where/",
        "/report/emergency/",
        "/report/emergency/call-911/",
        "/report/in-cary/not-in-cary/",
        "/report/suspect/call-us/",
        "/report/incident-type/burglary-of-a-home/call-us/",
        "/report/incident-type/other/call-us/",
        "/report/status/",
        "/report/more-information/not-a-valid-link/",
    ]


def staff_urls():
    return [
        reverse("admin:index"),
        reverse("admin:cary_pd_page_changelist"),
        reverse("admin:cary_pd_page_add"),
        reverse("admin:core_departmentsettings_changelist"),
        # Services, programs, tips and sign-ups (issue 3)
        reverse("admin:services_service_changelist"),
        reverse("admin:services_service_add"),
        reverse("admin:services_servicecategory_changelist"),
        reverse("admin:programs_program_changelist"),
        reverse("admin:programs_program_add"),
        reverse("admin:programs_tip_changelist"),
        reverse("admin:programs_tip_add"),
        reverse("admin:programs_watchgroup_changelist"),
        reverse("admin:programs_signup_changelist"),
        # Outreach (issue 4)
        reverse("admin:outreach_event_changelist"),
        reverse("admin:outreach_event_add"),
        reverse("admin:outreach_registration_changelist"),
        reverse("admin:outreach_officer_add"),
        reverse("admin:outreach_k9team_add"),
        reverse("admin:outreach_partner_add"),
        reverse("admin:outreach_newsitem_add"),
        # Online crime reports (issue 5); the report pages need a two-factor session
        reverse("admin:reports_report_changelist"),
        reverse("admin:reports_incidenttype_changelist"),
        reverse("admin:reports_incidenttype_add"),
        reverse("admin:reports_rejectionreason_add"),
        reverse("admin:reports_reportingguideentry_changelist"),
        reverse("admin:reports_reportingguideentry_add"),
        reverse("admin:reports_reportsettings_changelist"),
        reverse("admin:accounts_stafftwofactor_changelist"),
        reverse("admin:accounts_twofactorevent_changelist"),
        reverse("two_factor_setup"),
        reverse("two_factor_backup_codes"),
    ]


def assert_strict(response):
    assert "Content-Security-Policy" in response.headers, response.request["PATH_INFO"]
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "style-src 'self'" in policy
    assert "unsafe-inline" not in policy
    html = response.content.decode()
    assert not INLINE_SCRIPT.search(html), INLINE_SCRIPT.search(html)
    assert not INLINE_STYLE.search(html), INLINE_STYLE.search(html)


@pytest.mark.parametrize("url", public_urls())
def test_public_pages_have_strict_csp(client, demo, url):
    assert_strict(client.get(url))


def test_admin_login_has_strict_csp(client):
    assert_strict(client.get(reverse("admin:login")))


def test_admin_pages_have_strict_csp(verified_superuser_client, demo):
    for url in staff_urls():
        response = verified_superuser_client.get(url)
        assert response.status_code == 200, url
        assert_strict(response)


def test_report_review_pages_have_strict_csp(verified_superuser_client, demo, private_storage):
    from tests.factories import ReportFactory
    from tests.reports_support import add_photo

    report = ReportFactory()
    add_photo(report)
    for name in ["change", "approve", "request_info", "reject", "history"]:
        url = reverse(f"admin:reports_report_{name}", args=[report.pk])
        response = verified_superuser_client.get(url)
        assert response.status_code == 200, url
        assert_strict(response)


def test_security_headers(client, demo):
    response = client.get("/")
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
