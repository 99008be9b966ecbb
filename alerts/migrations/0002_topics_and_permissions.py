"""The three general alert topics, one per district that exists (alerts/signals.py keeps them in
step afterwards), and who may see what: content editors name and order the topics and read the
send log; only superusers see subscribers (their addresses are personal data)."""

from django.conf import settings
from django.db import migrations

from core.permissions import grant, revoke

CONTENT_EDITORS = "Content editors"
EDITOR_CODENAMES = ["view_topic", "change_topic", "view_mailing", "view_delivery"]

GENERAL_TOPICS = [
    # slug, kind, order, English, Spanish
    ("crime-alerts", "crime_alerts", 10, "Crime alerts", "Alertas de delitos"),
    ("traffic-advisories", "traffic_advisories", 20, "Traffic advisories", "Avisos de tráfico"),
    ("community-events", "community_events", 30, "Community events", "Eventos comunitarios"),
]


def create_topics(apps, schema_editor):
    Topic = apps.get_model("alerts", "Topic")
    District = apps.get_model("districts", "District")
    for slug, kind, order, english, spanish in GENERAL_TOPICS:
        Topic.objects.get_or_create(
            slug=slug,
            defaults={
                "kind": kind,
                "display_order": order,
                "name": english,
                "name_en": english,
                "name_es": spanish,
            },
        )
    for district in District.objects.all():
        names = {
            f"name_{code.replace('-', '_')}": getattr(district, f"name_{code.replace('-', '_')}")
            for code, _name in settings.LANGUAGES
        }
        Topic.objects.get_or_create(
            district=district,
            defaults={
                "kind": "district",
                "slug": f"district-{district.slug}"[:100],
                "display_order": 100 + (district.number or 0),
                "name": district.name,
                **names,
            },
        )


def grant_all(apps, schema_editor):
    grant(apps, CONTENT_EDITORS, "alerts", EDITOR_CODENAMES)


def revoke_all(apps, schema_editor):
    revoke(apps, CONTENT_EDITORS, "alerts", EDITOR_CODENAMES)


class Migration(migrations.Migration):
    dependencies = [
        ("alerts", "0001_initial"),
        ("cary_pd", "0002_staff_groups"),
    ]

    operations = [
        migrations.RunPython(create_topics, migrations.RunPython.noop),
        migrations.RunPython(grant_all, revoke_all),
    ]
