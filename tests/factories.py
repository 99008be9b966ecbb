"""Factories for the test suite: plain defaults, no surprises. One section per app."""

import factory
from django.contrib.auth.models import Group

from cary_pd.models import Page, User


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.django.Password("correct-horse-battery-staple")

    @factory.post_generation
    def groups(self, create, group_names, **kwargs):
        if create and group_names:
            self.groups.add(*Group.objects.filter(name__in=group_names))


class StaffUserFactory(UserFactory):
    is_staff = True


class PageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Page

    title = factory.Sequence(lambda n: f"Page {n}")
    slug = factory.Sequence(lambda n: f"page-{n}")
    summary = "A short summary of the page."
    body = "## A heading\n\nSome text with a [link](https://example.org/)."
    is_published = True
