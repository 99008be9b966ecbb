"""The markup of the public forms (core.forms.PublicFormMixin and templates/includes/forms/):
label, hint, error message and input in GOV.UK order, Bootstrap's classes, the ids that
aria-describedby and the error summary point to, the honeypot hidden last, and one CSRF token
per form. Compared as HTML (attribute order and white space aside), so a change of rendering
that residents or assistive technology would notice fails here."""

import re

import pytest
from django.http import HttpResponse
from django.test import RequestFactory, override_settings
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertInHTML

from core.http_cache import SharedCacheMiddleware
from outreach import views
from outreach.models import Event
from programs.forms import SignupForm
from tests.factories import EventFactory, ProgramFactory, WatchGroupFactory
from tests.reports_support import pass_eligibility

pytestmark = pytest.mark.django_db

CSRF = 'name="csrfmiddlewaretoken"'


def page(response) -> str:
    return response.content.decode()


def forms_of(html: str) -> list[str]:
    return re.findall(r'<form class="site-form.*?</form>', html, re.S)


def assert_one_csrf_token_per_form(html: str):
    posted = forms_of(html)
    assert posted, "no form on the page"
    for form in posted:
        assert form.count(CSRF) == 1, form


@pytest.fixture
def watch_program():
    program = ProgramFactory(slug="watch", has_watch_groups=True)
    WatchGroupFactory(program=program, name="Maple Hollow")
    return program


def signup(program) -> str:
    return reverse("programs:signup", args=[program.slug])


def test_text_field_has_label_hint_and_input_in_order(client, watch_program):
    html = page(client.get(signup(watch_program)))
    assertInHTML(
        '<div id="div_id_email" class="form-group">'
        '<label for="id_email" class="form-label">Email address</label>'
        '<div id="id_email_helptext" class="form-text">We send a confirmation here, and use it'
        " to contact you about the program.</div>"
        '<input type="email" name="email" autocomplete="email" spellcheck="false"'
        ' maxlength="254" class="emailinput form-control" required'
        ' aria-describedby="id_email_helptext" id="id_email"></div>',
        html,
    )
    assertInHTML('<label for="id_phone" class="form-label">Phone number (optional)</label>', html)
    assert_one_csrf_token_per_form(html)


def test_field_with_an_error_says_so_before_its_input(client, watch_program):
    html = page(client.post(signup(watch_program), {"email": "not-an-address"}))
    assertInHTML(
        '<div id="div_id_email" class="form-group form-group--error">'
        '<label for="id_email" class="form-label">Email address</label>'
        '<div id="id_email_helptext" class="form-text">We send a confirmation here, and use it'
        " to contact you about the program.</div>"
        '<div id="id_email_error" class="invalid-feedback d-block"><p class="mb-0"><strong>'
        '<span class="visually-hidden">Error: </span>'
        "Enter an email address in the correct format, like name@example.com.</strong></p></div>"
        '<input type="email" name="email" value="not-an-address" autocomplete="email"'
        ' spellcheck="false" maxlength="254" class="emailinput form-control is-invalid"'
        ' required aria-invalid="true" aria-describedby="id_email_helptext id_email_error"'
        ' id="id_email"></div>',
        html,
    )
    # The summary above the heading links to the field; the form repeats no CSRF token.
    assertInHTML(
        '<li><a href="#id_email">Enter an email address in the correct format, like'
        " name@example.com.</a></li>",
        html,
    )
    assert_one_csrf_token_per_form(html)


def test_radios_are_a_fieldset_pointing_to_hint_and_error(client, watch_program):
    html = page(client.post(signup(watch_program), {"name": "Alex"}))
    assertInHTML(
        '<div id="div_id_intent" class="form-group form-group--error">'
        '<fieldset aria-describedby="id_intent_error">'
        '<legend class="form-label">What would you like to do?</legend>'
        '<div id="id_intent_error" class="invalid-feedback d-block"><p class="mb-0"><strong>'
        '<span class="visually-hidden">Error: </span>'
        "Choose whether you want to join or start a group.</strong></p></div>"
        '<div class="form-check"><input type="radio" class="form-check-input is-invalid"'
        ' name="intent" value="join" id="id_intent_0" required aria-invalid="true">'
        '<label for="id_intent_0" class="form-check-label">Join an existing watch group</label>'
        "</div>"
        '<div class="form-check"><input type="radio" class="form-check-input is-invalid"'
        ' name="intent" value="start" id="id_intent_1" required aria-invalid="true">'
        '<label for="id_intent_1" class="form-check-label">Start a watch group</label></div>'
        '<div class="form-check"><input type="radio" class="form-check-input is-invalid"'
        ' name="intent" value="not_sure" id="id_intent_2" required aria-invalid="true">'
        '<label for="id_intent_2" class="form-check-label">Not sure yet: tell me more</label>'
        "</div></fieldset></div>",
        html,
    )
    # The error summary's link goes to the first radio (Django's RadioSelect links to "#").
    assertInHTML(
        '<li><a href="#id_intent_0">Choose whether you want to join or start a group.</a></li>',
        html,
    )


def test_chosen_radio_and_option_stay_chosen(client, watch_program):
    group = watch_program.watch_groups.get()
    html = page(client.get(signup(watch_program) + f"?group={group.pk}"))
    assertInHTML(
        '<input type="radio" class="form-check-input" name="intent" value="join"'
        ' id="id_intent_0" required checked>',
        html,
    )
    assertInHTML(f'<option value="{group.pk}" selected>Maple Hollow</option>', html)
    assertInHTML(
        '<select name="watch_group" class="select form-select"'
        ' aria-describedby="id_watch_group_helptext" id="id_watch_group">'
        '<option value="">Choose a group</option>'
        f'<option value="{group.pk}" selected>Maple Hollow</option></select>',
        html,
    )


def test_checkbox_comes_before_its_label_then_hint_and_error(client, watch_program):
    html = page(client.post(signup(watch_program), {"name": "Alex"}))
    assertInHTML(
        '<div id="div_id_consent" class="form-group form-check form-group--error">'
        '<input type="checkbox" name="consent" class="checkboxinput form-check-input is-invalid"'
        ' required aria-invalid="true" aria-describedby="id_consent_helptext id_consent_error"'
        ' id="id_consent">'
        '<label for="id_consent" class="form-check-label">I agree that the Cary Police'
        " Department may contact me about this program.</label>"
        '<div id="id_consent_helptext" class="form-text">We use your details only to organize'
        " this program, and never share them.</div>"
        '<div id="id_consent_error" class="invalid-feedback d-block"><p class="mb-0"><strong>'
        '<span class="visually-hidden">Error: </span>'
        "Agree to be contacted, so that we can sign you up.</strong></p></div></div>",
        html,
    )


def test_textarea_keeps_its_size(client, watch_program):
    html = page(client.get(signup(watch_program)))
    assertInHTML(
        '<textarea name="message" cols="40" rows="4" maxlength="2000"'
        ' class="textarea form-control" aria-describedby="id_message_helptext"'
        ' id="id_message"></textarea>',
        html,
    )


def test_honeypot_is_last_and_hidden_from_assistive_technology(client, watch_program):
    html = page(client.get(signup(watch_program)))
    assertInHTML(
        '<div class="form-honeypot" aria-hidden="true"><div id="div_id_website"'
        ' class="form-group"><label for="id_website" class="form-label">Leave this field'
        ' empty</label><input type="text" name="website" autocomplete="off" tabindex="-1"'
        ' maxlength="200" class="textinput form-control" id="id_website"></div></div>',
        html,
    )
    form = forms_of(html)[0]
    assert form.index('name="consent"') < form.index('class="form-honeypot"')
    assert form.index('class="form-honeypot"') < form.index('type="submit"')


def test_registration_form_markup(client):
    event = EventFactory(registration_required=True, capacity=10)
    url = reverse("outreach:event_register", args=[event.slug])
    html = page(client.get(url))
    assertInHTML(
        '<div id="div_id_party_size" class="form-group"><label for="id_party_size"'
        ' class="form-label">How many people are coming, including you?</label>'
        '<select name="party_size" class="select form-select" id="id_party_size">'
        + '<option value="1" selected>1</option>'
        + "".join(f'<option value="{n}">{n}</option>' for n in range(2, 11))
        + "</select></div>",
        html,
    )
    assert_one_csrf_token_per_form(html)
    html = page(client.post(url, {"name": "", "email": "alex@example.org", "party_size": "1"}))
    assertInHTML(
        '<input type="text" name="name" autocomplete="name" maxlength="150"'
        ' class="textinput form-control is-invalid" required aria-invalid="true"'
        ' aria-describedby="id_name_error" id="id_name">',
        html,
    )
    assert_one_csrf_token_per_form(html)


def test_event_filters_markup_label_select_then_error(client):
    """The filters of /events/ (a GET form, outreach/includes/filter_field.html) keep the
    markup they had with crispy-forms: label, select, then the error, in a Bootstrap margin."""
    kinds = [("", "All kinds"), *Event.Kind.choices]
    html = page(client.get("/events/", {"kind": "bogus", "month": ""}))
    assertInHTML(
        '<div id="div_id_kind" class="mb-3"><label for="id_kind" class="form-label">Kind of'
        ' event</label><select name="kind" class="select form-select is-invalid"'
        ' aria-invalid="true" aria-describedby="id_kind_error" id="id_kind">'
        + "".join(f'<option value="{value}">{label}</option>' for value, label in kinds)
        + '</select><div id="id_kind_error" class="invalid-feedback"><p id="error_1_id_kind">'
        "<strong>Select a valid choice. bogus is not one of the available choices.</strong>"
        "</p></div></div>",
        html,
    )
    month = timezone.localdate().strftime("%Y-%m")
    html = page(client.get("/events/", {"kind": "seminar", "month": month}))
    assertInHTML('<option value="seminar" selected>Seminar</option>', html)
    assertInHTML(
        '<div id="div_id_month" class="mb-3"><label for="id_month" class="form-label">Month'
        '</label><select name="month" class="select form-select" id="id_month">'
        '<option value="">Any month</option>'
        + "".join(
            f'<option value="{value}"{" selected" if value == month else ""}>{label}</option>'
            for value, label in views._month_choices(timezone.localdate())
        )
        + "</select></div>",
        html,
    )
    assert CSRF not in html  # a GET form, on a page the front keeps


@override_settings(EVENTS_REGISTRATION_RATE="1/h")
def test_refusal_message_is_in_the_summary_only(client):
    event = EventFactory(registration_required=True, capacity=10)
    url = reverse("outreach:event_register", args=[event.slug])
    data = {"name": "Alex", "email": "alex@example.org", "party_size": "1"}
    client.post(url, data)
    response = client.post(url, data)
    assert response.status_code == 429
    html = page(response)
    assert html.count("Too many attempts") == 1
    assert "Too many attempts" not in forms_of(html)[0]
    assertInHTML(
        '<input type="text" name="name" value="Alex" autocomplete="name" maxlength="150"'
        ' class="textinput form-control" required id="id_name">',
        html,
    )


@pytest.mark.usefixtures("report_content")
def test_question_page_legend_is_its_heading(client):
    html = page(client.post(reverse("reports:emergency"), {}))
    assertInHTML(
        '<legend class="question__legend"><h1 class="question__heading">Is anyone in danger'
        " or hurt, or is the crime happening now?</h1></legend>",
        html,
    )
    assertInHTML(
        '<input type="radio" class="form-check-input is-invalid" name="answer"'
        ' id="id_answer_0" value="yes" aria-invalid="true">',
        html,
    )
    assert '<fieldset aria-describedby="id_answer_helptext id_answer_error">' in html
    assert_one_csrf_token_per_form(html)


@pytest.mark.usefixtures("report_content")
def test_when_step_groups_the_latest_date_in_a_fieldset(client):
    pass_eligibility(client)
    html = page(client.post(reverse("reports:when"), {"start_date": "3/1/2026", "end_time": "x"}))
    assertInHTML(
        '<input type="text" name="start_date" value="3/1/2026" autocomplete="off"'
        ' class="dateinput form-control" required aria-describedby="id_start_date_helptext"'
        ' id="id_start_date">',
        html,
    )
    fieldset = re.search(r"<fieldset>.*?</fieldset>", html, re.S).group(0)
    assertInHTML("<legend>Not sure exactly when?</legend>", fieldset)
    assert 'name="end_date"' in fieldset and 'name="end_time"' in fieldset
    assert 'name="start_date"' not in fieldset
    assertInHTML(
        '<input type="text" name="end_time" value="x" autocomplete="off"'
        ' class="timeinput form-control is-invalid" aria-invalid="true"'
        ' aria-describedby="id_end_time_helptext id_end_time_error" id="id_end_time">',
        fieldset,
    )
    assert_one_csrf_token_per_form(html)


@pytest.mark.usefixtures("report_content")
def test_property_first_empty_row_has_no_remove_box_a_kept_row_has(client):
    pass_eligibility(client)
    url = reverse("reports:property")
    html = page(client.get(url))
    assert "item-0-DELETE" not in html
    assert_one_csrf_token_per_form(html)
    data = {
        "item-TOTAL_FORMS": "1",
        "item-INITIAL_FORMS": "0",
        "item-0-description": "Bike",
        "action": "add",
    }
    client.post(url, data)
    html = page(client.get(url))
    assertInHTML(
        '<div id="div_id_item-0-DELETE" class="form-group form-check"><input type="checkbox"'
        ' name="item-0-DELETE" class="checkboxinput form-check-input" id="id_item-0-DELETE">'
        '<label for="id_item-0-DELETE" class="form-check-label">Remove this item</label></div>',
        html,
    )
    assert_one_csrf_token_per_form(html)
    data = {
        "item-TOTAL_FORMS": "2",
        "item-INITIAL_FORMS": "0",
        "item-0-description": "Bike",
        "item-0-value": "a lot",
        "item-1-brand": "Trek",
        "action": "continue",
    }
    html = page(client.post(url, data))
    assertInHTML(
        '<div id="id_item-1-description_error" class="invalid-feedback d-block">'
        '<p class="mb-0"><strong><span class="visually-hidden">Error: </span>'
        "Say what item 2 is</strong></p></div>",
        html,
    )
    assert html.count('class="property-item"') == 2
    assert_one_csrf_token_per_form(html)  # two item forms, one token


@pytest.mark.usefixtures("report_content")
def test_photo_input_and_upload_key(client):
    pass_eligibility(client)
    html = page(client.get(reverse("reports:photos")))
    assertInHTML(
        '<input type="file" name="photos" accept="image/jpeg,image/png,image/webp" multiple'
        ' class="multiplefileinput form-control" aria-describedby="id_photos_helptext"'
        ' id="id_photos">',
        html,
    )
    assert re.search(r'<input type="hidden" name="upload_key" value="[\w-]{16,}"', html)
    assert_one_csrf_token_per_form(html)


@pytest.mark.usefixtures("report_content")
def test_status_lookup_form_markup(client):
    html = page(client.post(reverse("reports:status"), {}))
    assertInHTML(
        '<input type="text" name="reference" autocomplete="off" spellcheck="false"'
        ' maxlength="30" class="textinput form-control is-invalid" required'
        ' aria-invalid="true" aria-describedby="id_reference_helptext id_reference_error"'
        ' id="id_reference">',
        html,
    )
    assert 'class="form-honeypot" aria-hidden="true"' in html
    assert_one_csrf_token_per_form(html)


# --- Empty forms kept (core.forms.PublicFormMixin.kept_varies_on) ----------------------------

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def test_kept_empty_form_is_the_fresh_one_with_a_token_of_its_own(client):
    event = EventFactory(registration_required=True, capacity=10)
    other = EventFactory(registration_required=True, capacity=10)
    fresh = forms_of(page(client.get(reverse("outreach:event_register", args=[event.slug]))))
    kept = forms_of(page(client.get(reverse("outreach:event_register", args=[other.slug]))))
    assert kept[0].replace(other.slug, event.slug) != kept[0]  # its own action
    assert TOKEN.sub("", kept[0].replace(other.slug, event.slug)) == TOKEN.sub("", fresh[0])
    assert TOKEN.search(kept[0]).group(1) != TOKEN.search(fresh[0]).group(1)


def test_kept_empty_form_follows_its_watch_groups(client, watch_program):
    url = signup(watch_program)
    client.get(url)  # keeps the empty form
    group = watch_program.watch_groups.get()
    group.name = "Oak Crest"
    group.save()
    WatchGroupFactory(program=watch_program, name="Birch Lane")
    html = page(client.get(url))
    assert "Maple Hollow" not in html
    assertInHTML(f'<option value="{group.pk}">Oak Crest</option>', html)
    assert "Birch Lane" in html


def test_kept_empty_form_follows_its_program_and_the_address(client, watch_program):
    url = signup(watch_program)
    client.get(url)
    html = page(client.get(url + "?intent=start"))
    assertInHTML(
        '<input type="radio" class="form-check-input" name="intent" value="start"'
        ' id="id_intent_1" required checked>',
        html,
    )
    html = page(client.get(url))
    assert "checked" not in forms_of(html)[0]
    watch_program.has_watch_groups = False
    watch_program.save()
    html = page(client.get(url))
    assert 'name="intent"' not in html and 'name="watch_group"' not in html
    assertInHTML(
        '<label for="id_neighborhood" class="form-label">Neighborhood or street (optional)</label>',
        html,
    )


def test_form_with_answers_or_errors_is_never_kept(client, watch_program):
    url = signup(watch_program)
    client.get(url)
    html = page(client.post(url, {"name": "Alex Doe", "email": "not-an-address"}))
    assertInHTML(
        '<input type="text" name="name" value="Alex Doe" autocomplete="name" maxlength="200"'
        ' class="textinput form-control" required id="id_name">',
        html,
    )
    assert "Enter an email address in the correct format" in forms_of(html)[0]
    html = page(client.get(url))  # the next visitor's form is empty again
    assert "Alex Doe" not in html and "not-an-address" not in html
    assert "form-group--error" not in html


def render_in_a_page(form) -> str:
    """The form rendered as in a GET of a page, which may keep parts (core/http_cache.py)."""
    html = []

    def view(request):
        html.append(str(form))
        return HttpResponse()

    SharedCacheMiddleware(view)(RequestFactory().get("/"))
    return html[0]


def test_bound_form_without_errors_is_never_kept(watch_program):
    answers = {"name": "Alex Doe", "email": "alex@example.org", "neighborhood": "Maple"}
    bound = SignupForm({**answers, "intent": "start", "consent": "on"}, program=watch_program)
    assert bound.is_valid()  # re-rendered so, with its answers, when a rate limit refuses it
    assert 'value="Alex Doe"' in render_in_a_page(bound)
    assert "Alex Doe" not in render_in_a_page(SignupForm(program=watch_program))
