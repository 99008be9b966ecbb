"""The Spanish site in a real browser (issue 13).

A resident files a theft report with a photo in Spanish by keyboard alone, from /es/report/ to
the confirmation, and the receipt is in Spanish with /es/ links; a reviewer signed in with a real
TOTP code asks for more information, and that email and the page its link opens are in Spanish.
axe-core finds nothing on the Spanish pages, each report step and every error state; at 320 px
the header with its "English" link and the report start page do not scroll sideways.

The Spanish expected here is written out, not read from the catalogue: a missing translation
would otherwise pass as the English text on both sides."""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.utils import translation

from reports.models import Report, ReportAddition
from tests.browser.conftest import (
    assert_accessible,
    assert_no_horizontal_scroll,
    assert_stays_on,
    axe_violations,
)
from tests.browser.support import NARROW, press_button, signed_in_staff_page, tab_to, type_into
from tests.browser.test_reports_browser import (  # noqa: F401 - reviewers_group is a fixture
    choose,
    reviewers_group,
)
from tests.reports_support import gps_exif, info_link, jpeg_bytes

DEPARTMENT = "Departamento de Policía de Cary"
PROBLEM = "Hay un problema"  # the error summary's heading
SPANISH_DATE = re.compile(
    r"\b\d{1,2} de (enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre"
    r"|noviembre|diciembre) de \d{4}\b"
)
# Lines of the English emails that a Spanish one never shows.
ENGLISH_EMAIL_PHRASES = [
    "Dear",
    "Thank you",
    "reference number",
    "What happens next",
    "Check the status",
    "We need more information",
    "The officer reviewing",
    "Add information",
    "non-emergency line",
]

# (path, the start of its heading, the answer to choose) for the eligibility questions.
QUESTIONS = [
    ("/es/report/emergency/", "¿Alguien está en peligro o herido", "no"),
    ("/es/report/in-cary/", "¿Ocurrió en el Pueblo de Cary?", "yes"),
    ("/es/report/suspect/", "¿Sabe el nombre y la dirección", "no"),
    ("/es/report/incident-type/", "¿Qué quiere reportar?", "theft"),
]


@pytest.fixture
def photo_file(tmp_path) -> str:
    path = tmp_path / "bicicleta.jpg"
    path.write_bytes(jpeg_bytes(size=(640, 480), exif=gps_exif()))
    return str(path)


def html_lang(page) -> str:
    return page.evaluate("document.documentElement.lang")


def spanish_step(page, heading: str):
    """A page of the journey: Spanish, with its heading."""
    assert html_lang(page) == "es", page.url
    assert DEPARTMENT in page.title(), page.title()
    assert heading in page.locator("h1").first.inner_text(), page.locator("h1").first.inner_text()


def assert_spanish_email(message):
    english = [phrase for phrase in ENGLISH_EMAIL_PHRASES if phrase in message.body]
    assert english == [], f"English in {message.subject!r}: {english}"
    links = re.findall(r"https?://\S+", message.body)
    assert links, message.body
    assert [link for link in links if not urlsplit(link).path.startswith("/es/")] == []
    return links


@pytest.mark.usefixtures("reviewers_group")  # before report_reviewer, who joins it
def test_spanish_report_by_keyboard_with_a_photo_and_spanish_emails(
    site, demo, report_reviewer, private_storage, photo_file, browser
):
    page, url = site["page"], site["url"]
    page.set_viewport_size(NARROW)
    mail.outbox = []

    # Start page
    page.goto(f"{url}/es/report/")
    spanish_step(page, "Reportar un delito en línea")
    tab_to(page, "a.btn-start")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    # Eligibility, each question's error state first
    for path, heading, answer in QUESTIONS:
        assert urlsplit(page.url).path == path
        spanish_step(page, heading)
        press_button(page)
        assert PROBLEM in page.locator("[data-error-summary]").inner_text()
        choose(page, answer)
        press_button(page)

    # When, with a date in the wrong form first
    spanish_step(page, "¿Cuándo ocurrió?")
    assert "Paso 5 de 12" in page.content()
    type_into(page, "#id_start_date", "13/45/2026")
    press_button(page)
    assert "Escriba la fecha como mes/día/año" in page.locator("[data-error-summary]").inner_text()
    type_into(page, "#id_start_date", "3/1/2026")
    type_into(page, "#id_start_time", "9:30 PM")
    press_button(page)

    spanish_step(page, "¿Dónde ocurrió?")
    type_into(page, "#id_address", "316 N. Academy St")
    with page.expect_navigation():
        page.keyboard.press("Enter")  # submitting from a text box works too

    spanish_step(page, "¿Qué ocurrió?")
    type_into(page, "#id_description", "Se llevaron mi bicicleta y el candado del estante.")
    press_button(page)

    spanish_step(page, "¿Hubo algo robado")
    type_into(page, "#id_item-0-description", "Bicicleta de montaña azul")
    type_into(page, "#id_item-0-brand", "Trek")
    type_into(page, "#id_item-0-serial_number", "WTU123")
    type_into(page, "#id_item-0-value", "1450")
    press_button(page, "button[value=continue]")

    spanish_step(page, "La persona y el vehículo involucrados")
    press_button(page)

    # A photo: focus the file input by keyboard; a native file dialog cannot be driven by keys
    spanish_step(page, "Fotos")
    tab_to(page, "input[type=file]")
    page.locator("input[type=file]").set_input_files(photo_file)
    press_button(page, "button[value=upload]")
    spanish_step(page, "Fotos")
    assert "bicicleta.jpg" in page.locator("main").inner_text()
    press_button(page, "button[value=continue]")

    spanish_step(page, "Sobre usted")
    type_into(page, "#id_name", "Ana Residente")
    type_into(page, "#id_email", "ana@example.org")
    type_into(page, "#id_phone", "(919) 555-0123")
    choose(page, "email")
    press_button(page)

    # Check your answers, the declaration's error state, then send
    spanish_step(page, "Revise sus respuestas")
    answers = page.locator("main").inner_text()
    for expected in [
        "Bicicleta de montaña azul, Trek, número de serie WTU123",
        "$1,450.00",  # US separators in Spanish too
        "bicicleta.jpg",
        "Robo",
    ]:
        assert expected in answers, expected
    press_button(page)
    assert "Confirme que la información es verdadera" in page.content()
    tab_to(page, "#id_declaration")
    page.keyboard.press("Space")
    press_button(page)

    spanish_step(page, "Reporte enviado")
    reference = page.locator(".confirmation-panel__reference").inner_text().strip()
    assert re.fullmatch(r"CPD-\d{4}-\d{6}", reference)
    assert "Este no es su número de caso." in page.content()
    report = Report.objects.get(reference=reference)
    assert report.language == "es"
    assert report.photos.count() == 1 and report.property_items.count() == 1

    # The receipt, in Spanish
    receipt = next(m for m in mail.outbox if m.to == ["ana@example.org"])
    assert receipt.subject == f"Su reporte de delito {reference}"
    assert "Gracias por enviar su reporte al Departamento de Policía de Cary." in receipt.body
    assert f"Su número de referencia: {reference}" in receipt.body
    assert "Lo que reportó: Robo" in receipt.body
    links = assert_spanish_email(receipt)
    assert f"{urlsplit(links[0]).path}" == "/es/report/status/"

    # A reviewer signs in through the real admin form with a real TOTP code and asks for more
    staff = signed_in_staff_page(browser, url, report_reviewer)
    staff.goto(f"{url}/admin/reports/report/{report.pk}/change/")
    assert reference in staff.content()
    staff.click("text=Ask for more information")
    staff.fill("#id_note", "¿De qué color es el candado?")
    with staff.expect_navigation():
        staff.click("input[type=submit]")

    request = next(m for m in mail.outbox if m.to == ["ana@example.org"] and m is not receipt)
    assert request.subject == f"Necesitamos más información sobre su reporte {reference}"
    assert "El agente que revisa su reporte pregunta:" in request.body
    assert "¿De qué color es el candado?" in request.body
    assert "Agregue información y fotos a su reporte aquí:" in request.body
    assert SPANISH_DATE.search(request.body), request.body  # until when the link works
    links = assert_spanish_email(request)
    link = next(urlsplit(link).path for link in links if "/more-information/" in link)
    assert link.startswith("/es/report/more-information/")

    # The link opens the add-information page in Spanish; the resident answers by keyboard
    page.goto(url + link)
    spanish_step(page, "Agregar información a su reporte")
    assert "¿De qué color es el candado?" in page.content()
    type_into(page, "#id_text", "El candado es negro.")
    press_button(page)
    spanish_step(page, "Información enviada")
    assert ReportAddition.objects.get(report=report).text == "El candado es negro."
    assert_stays_on(site)


# --- axe on every Spanish page and error state --------------------------------------------------

PAGES = [
    "/es/",
    "/es/services/",
    "/es/services/patrol/",
    "/es/programs/",
    "/es/programs/neighborhood-watch/",
    "/es/tips/",
    "/es/tips/report-suspicious-activity/",
    "/es/events/",
    "/es/events/home-security-seminar/",
    "/es/news/",
    "/es/news/vehicle-break-ins-warning/",
    "/es/officers/",
    "/es/search/?q=policia",
    "/es/community-policing/",
    "/es/report/",
    "/es/report/where/",
    "/es/report/emergency/call-911/",
    "/es/report/in-cary/not-in-cary/",
    "/es/report/suspect/call-us/",
    "/es/report/incident-type/burglary-of-a-home/call-us/",
    "/es/report/status/",
    "/es/programs/citizens-police-academy/sign-up/",
    "/es/events/home-security-seminar/register/",
    "/es/requests/",
    "/es/records/",
    "/es/house-checks/",
    "/es/feedback/",
    "/es/feedback/counts/",
    "/es/services/records/",
    "/es/search/?q=queja",
]


@pytest.mark.parametrize("path", PAGES)
def test_spanish_page_has_no_axe_violations(site, demo, path):
    page = site["page"]
    response = page.goto(site["url"] + path)
    assert response.status == 200
    assert html_lang(page) == "es"
    assert DEPARTMENT in page.title()
    assert_accessible(page)
    assert_stays_on(site)


@pytest.mark.parametrize("path", ["/es/no-such-page/", "/es/report/more-information/expired/"])
def test_spanish_not_found_pages_have_no_axe_violations(site, demo, path):
    page = site["page"]
    response = page.goto(site["url"] + path)
    assert response.status == 404
    assert html_lang(page) == "es"
    assert DEPARTMENT in page.title()
    assert_accessible(page)


# (path, the fields to fill before sending, what the answer shows)
FORM_ERRORS = [
    ("/es/programs/citizens-police-academy/sign-up/", {}, PROBLEM),
    ("/es/events/home-security-seminar/register/", {}, PROBLEM),
    (
        "/es/report/status/",
        {"#id_reference": "CPD-2026-999999", "#id_email": "nadie@example.org"},
        "No encontramos un reporte con esos datos",
    ),
]


@pytest.mark.parametrize(("path", "fields", "expected"), FORM_ERRORS)
def test_spanish_form_error_states_have_no_axe_violations(site, demo, path, fields, expected):
    page = site["page"]
    page.goto(site["url"] + path)
    for selector, value in fields.items():
        page.fill(selector, value)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert expected in page.locator("main").inner_text()
    assert html_lang(page) == "es"
    assert_accessible(page)
    assert_stays_on(site)


def test_spanish_report_steps_and_error_states_have_no_axe_violations(
    site, demo, private_storage, photo_file
):
    """Every step of the journey and each error state, at 320 px as the English journey checks
    them. One walk, so the violations of every state are reported together."""
    page, url = site["page"], site["url"]
    page.set_viewport_size(NARROW)
    found = {}

    def audit(label: str, *, error: bool = False):
        assert html_lang(page) == "es", label
        if error:
            assert PROBLEM in page.locator("[data-error-summary]").inner_text(), label
        found[label] = axe_violations(page)

    def send(selector: str = "main form button[type=submit].btn-primary"):
        with page.expect_navigation():
            page.locator(selector).click()

    for path, _heading, answer in QUESTIONS:
        page.goto(url + path)
        audit(path)
        send()
        audit(f"{path} (nothing chosen)", error=True)
        page.check(f"input[name=answer][value={answer}]")
        send()

    details = [
        ("/es/report/when/", {"#id_start_date": "3/1/2026", "#id_start_time": "9:30 PM"}),
        ("/es/report/location/", {"#id_address": "316 N. Academy St"}),
        ("/es/report/what-happened/", {"#id_description": "Se llevaron mi bicicleta."}),
    ]
    for path, fields in details:
        assert urlsplit(page.url).path == path
        audit(path)
        send()
        audit(f"{path} (empty)", error=True)
        for selector, value in fields.items():
            page.fill(selector, value)
        send()

    audit("/es/report/property/")
    page.fill("#id_item-0-description", "Bicicleta de montaña azul")
    send("button[value=continue]")
    audit("/es/report/person-and-vehicle/")
    send()
    audit("/es/report/photos/")
    page.locator("input[type=file]").set_input_files(photo_file)
    send("button[value=upload]")
    audit("/es/report/photos/ (a photo added)")
    send("button[value=continue]")

    assert urlsplit(page.url).path == "/es/report/about-you/"
    audit("/es/report/about-you/")
    send()
    audit("/es/report/about-you/ (empty)", error=True)
    page.fill("#id_name", "Ana Residente")
    page.fill("#id_email", "ana@example.org")
    page.check("input[name=contact_method][value=email]")
    send()

    audit("/es/report/check-your-answers/")
    send()
    audit("/es/report/check-your-answers/ (no declaration)", error=True)
    page.check("#id_declaration")
    send()
    assert urlsplit(page.url).path == "/es/report/confirmation/"
    audit("/es/report/confirmation/")

    # The add-information page its email links to, and its error state
    report = Report.objects.get()
    with translation.override(report.language):
        link = info_link(report)
    page.goto(url + link)
    audit("/es/report/more-information/…/")
    send()
    audit("/es/report/more-information/…/ (empty)", error=True)

    summary = [
        f"{label}: {v['id']}: {v['help']} "
        f"({len(v['nodes'])} nodes: {[n['target'] for n in v['nodes']][:3]})"
        for label, violations in found.items()
        for v in violations
    ]
    assert summary == [], "\n".join(summary)
    assert_stays_on(site)


# --- 320 px -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("path", "english"), [("/es/", "/"), ("/es/report/", "/report/")])
def test_spanish_header_and_report_start_fit_320px(site, demo, path, english):
    page = site["page"]
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(site["url"] + path)
    assert html_lang(page) == "es"
    assert_no_horizontal_scroll(page)
    switch = page.locator(".site-header a[hreflang=en]")
    assert switch.inner_text() == "English"
    assert switch.get_attribute("lang") == "en"
    box = switch.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 320, box  # shown whole, not cut off
    # The switcher is a plain link a keyboard reaches, to the same page in English
    tab_to(page, ".site-header a[hreflang=en]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert urlsplit(page.url).path == english
    assert html_lang(page) == "en"
    assert_stays_on(site)
