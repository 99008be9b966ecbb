"""The "Where do I report this?" guide's entry for concerns and tips, in English and Spanish."""

from django.db import migrations

TITLE = "A problem on your street that is not a crime yet"
BODY = (
    "Speeding, suspicious activity that keeps happening, a problem property, drug activity, "
    "or a question for your district's community meeting: "
    "[share a concern or a tip](/concerns/) with your district's officers. You can do it "
    "anonymously. If someone is in danger, call 911."
)
TITLE_ES = "Un problema en su calle que todavía no es un delito"
BODY_ES = (
    "Exceso de velocidad, actividad sospechosa que se repite, una propiedad problemática, "
    "actividad de drogas o una pregunta para la reunión comunitaria de su distrito: "
    "[comparta una inquietud o un aviso](/es/concerns/) con los agentes de su distrito. Puede "
    "hacerlo de forma anónima. Si alguien está en peligro, llame al 911."
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
        display_order=45,
        is_published=True,
    )


def remove_entry(apps, schema_editor):
    apps.get_model("reports", "ReportingGuideEntry").objects.filter(title_en=TITLE).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("concerns", "0002_district_staff_group"),
        ("reports", "0004_translations"),
    ]

    operations = [migrations.RunPython(add_entry, remove_entry)]
