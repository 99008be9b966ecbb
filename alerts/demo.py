"""Demo content for alerts: the topics come with the migrations; this makes sure every district
(the districts' demo adds them first, in INSTALLED_APPS order) has its topic, even one written
without a save (bulk_create, loaddata), and adds two sample subscribers at example.org (a
domain that takes no mail, RFC 2606), so a news item published with topics shows a send log.
No mailings: the demo publishes nothing."""

from django.utils import timezone

from alerts.models import Subscriber, Topic
from alerts.signals import district_topic_fields
from districts.models import District

SAMPLE_SUBSCRIBERS = [
    ("sample.resident@example.org", "en", ["crime-alerts", "traffic-advisories"]),
    ("residente.de.ejemplo@example.org", "es", ["community-events", "crime-alerts"]),
]


def load() -> int:
    created = 0
    for district in District.objects.filter(alert_topic__isnull=True):
        Topic.objects.create(
            kind=Topic.Kind.DISTRICT, district=district, **district_topic_fields(district)
        )
        created += 1
    for email, language, slugs in SAMPLE_SUBSCRIBERS:
        subscriber, new = Subscriber.objects.get_or_create(
            email=email, defaults={"language": language, "confirmed_at": timezone.now()}
        )
        if new:
            subscriber.topics.set(Topic.objects.filter(slug__in=slugs))
            created += 1
    return created
