"""Each district has its alert topic, named as the district is in every language: made by the
data migration for the districts that exist, and by this receiver when one is added or renamed."""

from django.conf import settings

from alerts.models import Topic

DISTRICT_ORDER = 100  # after the three general topics


def district_topic_fields(district) -> dict:
    fields = {"slug": f"district-{district.slug}"[:100], "display_order": DISTRICT_ORDER}
    for code, _name in settings.LANGUAGES:
        column = f"name_{code.replace('-', '_')}"
        fields[column] = getattr(district, column, None) or (
            district.name if code == settings.LANGUAGE_CODE else None
        )
    fields["display_order"] = DISTRICT_ORDER + (district.number or 0)
    return fields


def keep_district_topic(sender, instance, raw=False, **kwargs):
    if raw:  # loaddata: the fixture holds the topics too
        return
    Topic.objects.update_or_create(
        district=instance, defaults={"kind": Topic.Kind.DISTRICT, **district_topic_fields(instance)}
    )
