"""The "Where do I report this?" guide's entry for copies of records, in English and Spanish."""

from django.db import migrations

TITLE = "A copy of a crash or incident report"
BODY = (
    "For your insurer, your attorney or yourself: [request a copy of a record](/records/) "
    "online. We email you a link to download it once it is ready. Crash reports are also "
    "sold by NC DMV's records service."
)
TITLE_ES = "Una copia de un informe de accidente de tránsito o de incidente"
BODY_ES = (
    "Para su aseguradora, su abogado o para usted: [solicite una copia de un registro]"
    "(/es/records/) en línea. Cuando esté lista, le enviamos por correo electrónico un enlace "
    "para descargarla. El servicio de registros de la DMV de Carolina del Norte también vende "
    "los informes de accidentes de tránsito."
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
        display_order=55,
        is_published=True,
    )


def remove_entry(apps, schema_editor):
    apps.get_model("reports", "ReportingGuideEntry").objects.filter(title_en=TITLE).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("records", "0002_records_group"),
        ("reports", "0004_translations"),
    ]

    operations = [migrations.RunPython(add_entry, remove_entry)]
