"""The "Where do I report this?" guide's entry for vacation house checks, English and Spanish."""

from django.db import migrations

TITLE = "Going away? Ask for a house check"
BODY = (
    "Away from your home in Cary for a few days or a few weeks? "
    "[Ask for a vacation house check](/house-checks/): patrol officers look in on your home "
    "while you are away, and we email you a summary of their visits when you are back. "
    "If you see or hear of a break-in, call 911."
)
TITLE_ES = "¿Se va de viaje? Pida una vigilancia de su casa"
BODY_ES = (
    "¿Va a estar fuera de su casa en Cary unos días o unas semanas? "
    "[Pida una vigilancia de su casa durante las vacaciones](/es/house-checks/): los agentes "
    "de patrullaje pasan a revisar su casa mientras usted no está y, cuando regrese, le "
    "enviamos por correo electrónico un resumen de sus visitas. Si ve o se entera de un robo "
    "en su casa, llame al 911."
)


def add_entry(apps, schema_editor):
    Entry = apps.get_model("reports", "ReportingGuideEntry")
    if Entry.objects.filter(title_en=TITLE).exists():
        return
    Entry.objects.create(
        title=TITLE,
        title_en=TITLE,
        title_es=TITLE_ES,
        body=BODY,
        body_en=BODY,
        body_es=BODY_ES,
        display_order=47,
        is_published=True,
    )


def remove_entry(apps, schema_editor):
    apps.get_model("reports", "ReportingGuideEntry").objects.filter(title_en=TITLE).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("housechecks", "0002_patrol_group"),
        ("reports", "0004_translations"),
    ]

    operations = [migrations.RunPython(add_entry, remove_entry)]
