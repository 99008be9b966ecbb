"""The "Where do I report this?" guide's entry for compliments and complaints, in English and
Spanish."""

from django.db import migrations

TITLE = "A compliment or a complaint about an officer"
BODY = (
    "An officer helped you, or something an officer or the department did went wrong: "
    "[send a compliment or a complaint](/feedback/) to our Professional Standards unit. A "
    "complaint can be anonymous, and you get a reference number to follow it. It is not for "
    "reporting a crime; if someone is in danger, call 911."
)
TITLE_ES = "Un elogio o una queja sobre un agente"
BODY_ES = (
    "Un agente le ayudó, o algo que hizo un agente o el departamento salió mal: "
    "[envíe un elogio o una queja](/es/feedback/) a nuestra unidad de Estándares "
    "Profesionales. Una queja puede ser anónima, y recibirá un número de referencia para darle "
    "seguimiento. No sirve para denunciar un delito; si alguien está en peligro, llame al 911."
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
        display_order=60,
        is_published=True,
    )


def remove_entry(apps, schema_editor):
    apps.get_model("reports", "ReportingGuideEntry").objects.filter(title_en=TITLE).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("feedback", "0002_professional_standards_group"),
        ("reports", "0004_translations"),
    ]

    operations = [migrations.RunPython(add_entry, remove_entry)]
