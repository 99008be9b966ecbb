"""Factories for email alerts (alerts/): plain defaults, no surprises. The general topics and
the districts' come with the migrations; ``topic(slug)`` fetches one, and makes the general
ones again as the migration did after a transactional test has emptied the tables."""

import importlib

import factory
from django.utils import timezone

from alerts.models import Subscriber, Topic

GENERAL_TOPICS = importlib.import_module(
    "alerts.migrations.0002_topics_and_permissions"
).GENERAL_TOPICS


def topic(slug: str) -> Topic:
    found = Topic.objects.filter(slug=slug).first()
    if found is not None:
        return found
    for general_slug, kind, order, english, spanish in GENERAL_TOPICS:
        Topic.objects.get_or_create(
            slug=general_slug,
            defaults={"kind": kind, "display_order": order, "name_en": english, "name_es": spanish},
        )
    return Topic.objects.get(slug=slug)


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")
    kind = Topic.Kind.COMMUNITY_EVENTS


class SubscriberFactory(factory.django.DjangoModelFactory):
    """A confirmed subscriber (``confirmed_at=None`` for one who has not confirmed yet)."""

    class Meta:
        model = Subscriber
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"resident{n}@example.org")
    language = "en"
    confirmed_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def topics(self, create, topics, **kwargs):
        if create and topics:
            self.topics.set(topics)
