"""The demo content in every language: every translated field the demo fills has Spanish, a
second load changes nothing, and a load never overwrites what staff wrote (core/demo.py)."""

import io

import pytest
from django.core.management import call_command
from django.utils import timezone, translation
from modeltranslation.translator import translator

from cary_pd import demo as site_demo
from cary_pd.models import Page
from core.models import DepartmentSettings
from outreach.models import Event
from programs import demo as programs_demo
from programs.models import Program, Tip, WatchGroup
from reports.models import RejectionReason, ReportingGuideEntry, ReportSettings
from services import demo as services_demo
from services.models import Service

pytestmark = pytest.mark.django_db


def load_demo() -> str:
    out = io.StringIO()
    call_command("load_demo_content", stdout=out)
    return out.getvalue()


def translated_models():
    return translator.get_registered_models(abstract=False)


def snapshot():
    """Every column of every row the demo writes, to compare two loads."""
    rows = {}
    for model in [*translated_models(), WatchGroup]:
        columns = [field.attname for field in model._meta.concrete_fields]
        rows[model._meta.label] = list(model.objects.order_by("pk").values_list(*columns))
    return rows


def demo_data(rows, slug):
    """The demo's dict for one slug."""
    return next(row for row in rows if row["slug"] == slug)


def test_every_translated_field_with_english_has_spanish(demo):
    checked, lacking = 0, []
    for model in translated_models():
        for row in model.objects.all():
            for field in translator.get_options_for_model(model).fields:
                english, spanish = getattr(row, f"{field}_en"), getattr(row, f"{field}_es")
                if not english:
                    continue
                checked += 1
                # Spanish that equals the English is the English default copied into the column.
                if not spanish or spanish == english:
                    lacking.append(f"{model._meta.label} {row.pk} {field}")
    assert lacking == []
    assert checked > 200  # every app's demo rows were looked at


def test_neighborhood_watch_spanish_uses_the_words_residents_search_for(demo):
    watch = Program.objects.get(slug="neighborhood-watch")
    text = " ".join([watch.name_es, watch.summary_es, watch.body_es, watch.how_to_join_es])
    for word in ["Vigilancia Vecinal", "vecindario", "vecinos", "policía"]:
        assert word in text


def test_loading_twice_changes_nothing(demo):
    before = snapshot()
    assert "Demo content loaded: 0 new records." in load_demo()
    assert snapshot() == before


def test_loading_in_spanish_writes_the_same_rows(db):
    # No lookup or write may depend on the active language: loading under Spanish first, then
    # under English, gives the English columns their English and creates nothing twice.
    with translation.override("es"):
        load_demo()
    counts = {model: model.objects.count() for model in translated_models()}
    assert "Demo content loaded: 0 new records." in load_demo()
    assert {model: model.objects.count() for model in translated_models()} == counts
    home = Page.objects.get(slug=Page.HOME_SLUG)
    assert (home.title_en, home.title_es) == (
        "Keeping Cary safe, together",
        "Juntos mantenemos seguro a Cary",
    )
    assert RejectionReason.objects.filter(title_en="Duplicate report").count() == 1


def test_spanish_that_staff_edited_is_kept(demo):
    Service.objects.filter(slug="report-a-crime").update(
        name_es="Cómo reportar un delito", summary_es="Texto del personal."
    )
    Program.objects.filter(slug="neighborhood-watch").update(body_es="Cuerpo del personal.")
    DepartmentSettings.objects.filter(pk=1).update(name_es="Policía de Cary")
    ReportSettings.objects.filter(pk=1).update(expected_review_time_es="una semana")

    load_demo()

    service = Service.objects.get(slug="report-a-crime")
    assert service.name_es == "Cómo reportar un delito"
    assert service.summary_es == "Texto del personal."
    assert Program.objects.get(slug="neighborhood-watch").body_es == "Cuerpo del personal."
    assert DepartmentSettings.objects.get().name_es == "Policía de Cary"
    assert ReportSettings.objects.get().expected_review_time_es == "una semana"


def test_empty_spanish_is_filled_and_nothing_else_changes(demo):
    Tip.objects.filter(slug="get-to-know-your-neighbors").update(title_es="", summary_es=None)
    Page.objects.filter(slug=Page.HOME_SLUG).update(body_es="")
    Event.objects.filter(slug="k9-demonstration-fall").update(description_es="")
    ReportingGuideEntry.objects.filter(title_en="Online fraud and scams").update(body_es="")
    # A row created before the demo (the singletons are created on first read) holds the English
    # default in its Spanish column: that is not Spanish.
    DepartmentSettings.objects.filter(pk=1).update(name_es="Cary Police Department")
    ReportSettings.objects.filter(pk=1).update(expected_review_time_es="5 working days")
    before = snapshot()

    assert "Demo content loaded: 0 new records." in load_demo()

    tip = Tip.objects.get(slug="get-to-know-your-neighbors")
    seed = demo_data(programs_demo.TIPS, "get-to-know-your-neighbors")
    assert (tip.title_es, tip.summary_es) == (seed["title_es"], seed["summary_es"])
    assert tip.title_en == seed["title"]
    assert Page.objects.get(slug=Page.HOME_SLUG).body_es == site_demo.HOME_BODY_ES
    assert Event.objects.get(slug="k9-demonstration-fall").description_es.startswith(
        "La unidad K-9 muestra"
    )
    guide = ReportingGuideEntry.objects.get(title_en="Online fraud and scams")
    assert "[ic3.gov](https://www.ic3.gov/)" in guide.body_es
    assert DepartmentSettings.objects.get().name_es == "Departamento de Policía de Cary"
    assert ReportSettings.objects.get().expected_review_time_es == "5 días hábiles"
    # Only those columns changed.
    after = snapshot()
    changed = [label for label in before if before[label] != after[label]]
    assert sorted(changed) == sorted(
        [
            "programs.Tip",
            "cary_pd.Page",
            "outreach.Event",
            "reports.ReportingGuideEntry",
            "core.DepartmentSettings",
            "reports.ReportSettings",
        ]
    )


def test_spanish_is_not_filled_where_staff_rewrote_the_english(demo):
    # The demo's Spanish translates the demo's English: under text staff replaced it would say
    # something else, so that field stays for staff to translate.
    Service.objects.filter(slug="patrol").update(
        summary_en="Staff wrote this summary.", summary_es="", hours_es=""
    )
    Service.objects.filter(slug="investigations").update(
        body_en="Staff body\r\nwith admin line breaks.", body_es=None
    )
    seed = demo_data(services_demo.SERVICES, "patrol")

    load_demo()

    patrol = Service.objects.get(slug="patrol")
    assert patrol.summary_es == ""
    assert patrol.hours_es == seed["hours_es"]  # its English is still the demo's
    assert Service.objects.get(slug="investigations").body_es is None


def test_english_only_reformatted_by_the_admin_still_gets_spanish(demo):
    # Saving a row in the admin strips the trailing newline and sends CRLF line breaks: the text
    # is the same, so the Spanish is still its translation.
    watch = demo_data(programs_demo.PROGRAMS, "neighborhood-watch")
    Program.objects.filter(slug="neighborhood-watch").update(
        body_en=watch["body"].strip().replace("\n", "\r\n"), body_es=""
    )
    load_demo()
    assert Program.objects.get(slug="neighborhood-watch").body_es == watch["body_es"]


def test_demo_content_sends_no_email(db, mailoutbox, django_capture_on_commit_callbacks):
    # Sample record requests, house checks and the rest are made through the apps' own
    # operations; their made-up addresses must never get a receipt or a summary.
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo_content", stdout=io.StringIO())
        call_command("send_house_check_summaries", stdout=io.StringIO())
    assert [message.to for message in mailoutbox] == []


def test_demo_events_fall_on_the_days_such_events_are_held(demo):
    from outreach.demo import SATURDAY, WEEKDAYS

    events = {event.slug: event for event in Event.objects.filter(slug__in=WEEKDAYS)}
    weekdays = {
        slug: timezone.localtime(event.starts_at).weekday() for slug, event in events.items()
    }
    assert weekdays == {slug: WEEKDAYS[slug] for slug in events}
    assert weekdays["community-clean-up-downtown"] == SATURDAY
    assert len(set(weekdays.values())) >= 5  # spread over the week, not all on one day


def test_demo_has_drawn_images_with_alt_text_and_renditions(db, settings, tmp_path, client):
    # A few demo services, programs, events and officers have a picture drawn for the site
    # (core/demo_images.py), stored as a staff upload is, with alt text in both languages; the
    # pages show its renditions (core/images.py) in srcset, made on the first request.
    from imagekit.cachefiles import ImageCacheFile

    from core.images import RENDITION_SPECS
    from outreach.models import Officer

    settings.MEDIA_ROOT = tmp_path
    load_demo()
    for model in (Service, Program, Event, Officer):
        rows = list(model.objects.exclude(image=""))
        assert rows, model
        for row in rows:
            assert row.image_alt_en and row.image_alt_es and row.image_alt_es != row.image_alt_en
            assert row.image.storage.exists(row.image.name)
            assert (row.image_width, row.image_height) == (1200, 800)
            response = client.get(row.get_absolute_url())
            html = response.content.decode()
            assert response.status_code == 200
            assert f'alt="{row.image_alt_en}"' in html
            assert row.picture.srcset in html
            for target in RENDITION_SPECS:
                rendition = ImageCacheFile(RENDITION_SPECS[target](source=row.image))
                assert rendition.storage.exists(rendition.name), (row, target)
            with translation.override("es"):
                spanish = client.get(row.get_absolute_url()).content.decode()
            assert f'alt="{row.image_alt_es}"' in spanish
    assert 'class="picture card-tile__picture"' in client.get("/services/").content.decode()


def test_an_image_staff_removed_is_not_drawn_again(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    load_demo()
    Program.objects.filter(slug="youth-programs").update(image="", image_width=None)
    load_demo()
    program = Program.objects.get(slug="youth-programs")
    assert not program.image
    assert program.image_alt_en  # the alt text staff left: the demo keeps out
