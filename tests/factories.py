"""Factories for the test suite: plain defaults, no surprises. One section per app."""

from datetime import datetime, time, timedelta

import factory
from django.contrib.auth.models import Group
from django.utils import timezone

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


# --- Services, programs and tips (issue 3) ------------------------------------------------


class ServiceCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "services.ServiceCategory"
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "services.Service"

    name = factory.Sequence(lambda n: f"Service {n}")
    slug = factory.Sequence(lambda n: f"service-{n}")
    category = factory.SubFactory(ServiceCategoryFactory)
    summary = "What this service does for residents."
    body = "## How it works\n\nSome text with a [link](https://example.org/)."
    is_published = True


class ProgramFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "programs.Program"

    name = factory.Sequence(lambda n: f"Program {n}")
    slug = factory.Sequence(lambda n: f"program-{n}")
    summary = "What residents do in this program."
    body = "## What members do\n\n- Watch\n- Report"
    audience = "Anyone who lives in Cary"
    is_published = True
    signups_open = True
    capacity = None


class WatchGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "programs.WatchGroup"

    program = factory.SubFactory(ProgramFactory, has_watch_groups=True)
    name = factory.Sequence(lambda n: f"Watch group {n}")
    area = factory.Sequence(lambda n: f"Street {n} and nearby courts")


class TipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "programs.Tip"

    title = factory.Sequence(lambda n: f"Tip {n}")
    slug = factory.Sequence(lambda n: f"tip-{n}")
    category = "home"
    summary = "One short sentence of advice."
    body = "- Do this\n- Then that"
    is_published = True


class SignUpFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "programs.SignUp"

    program = factory.SubFactory(ProgramFactory)
    name = factory.Sequence(lambda n: f"Resident {n}")
    email = factory.Sequence(lambda n: f"resident{n}@example.org")
    consent = True


# --- end of issue 3 factories ---


# --- outreach -------------------------------------------------------------------------------


def _in_days(days: int, hour: int = 18):
    day = timezone.localdate() + timedelta(days=days)
    return datetime.combine(day, time(hour), tzinfo=timezone.get_current_timezone())


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "outreach.Event"

    title = factory.Sequence(lambda n: f"Community meeting {n}")
    slug = factory.Sequence(lambda n: f"event-{n}")
    kind = "community_meeting"
    starts_at = factory.LazyFunction(lambda: _in_days(7))
    ends_at = factory.LazyAttribute(lambda event: event.starts_at + timedelta(hours=2))
    location_name = "Town Council Chambers"
    address = "316 N. Academy St, Cary, NC 27513"
    summary = "Meet the officers of your district."
    description = "## What to expect\n\nQuestions and answers."
    is_published = True


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "outreach.Registration"

    event = factory.SubFactory(EventFactory, registration_required=True)
    name = factory.Sequence(lambda n: f"Resident {n}")
    email = factory.Sequence(lambda n: f"resident{n}@example.org")
    party_size = 1
    status = "confirmed"


class OfficerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "outreach.Officer"

    name = factory.Sequence(lambda n: f"Officer {n}")
    slug = factory.Sequence(lambda n: f"officer-{n}")
    rank = "Officer"
    years_of_service = 5
    biography = "Works a patrol sector."


class K9TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "outreach.K9Team"

    dog_name = factory.Sequence(lambda n: f"Dog {n}")
    slug = factory.Sequence(lambda n: f"dog-{n}")
    breed = "German Shepherd"
    handler = factory.SubFactory(OfficerFactory)


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "outreach.Partner"

    organisation = factory.Sequence(lambda n: f"Partner {n}")
    slug = factory.Sequence(lambda n: f"partner-{n}")
    kind = "business"
    description = "Works with us."


class NewsItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "outreach.NewsItem"

    title = factory.Sequence(lambda n: f"News {n}")
    slug = factory.Sequence(lambda n: f"news-{n}")
    kind = "news"
    summary = "Something happened."
    body = "More about it."


# --- Online crime reports (issue 5) ---------------------------------------------------------


class IncidentTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "reports.IncidentType"
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Incident type {n}")
    slug = factory.Sequence(lambda n: f"incident-type-{n}")
    description = "Something happened."
    accepted_online = True


class ReportFactory(factory.django.DjangoModelFactory):
    """A sent report, as report_submit makes it (reference numbers from a high range)."""

    class Meta:
        model = "reports.Report"

    reference_year = 2026
    reference_number = factory.Sequence(lambda n: 900_000 + n)
    reference = factory.LazyAttribute(lambda r: f"CPD-{r.reference_year}-{r.reference_number:06d}")
    incident_type = factory.SubFactory(IncidentTypeFactory, slug="theft", name="Theft")
    occurred_from = factory.LazyFunction(lambda: timezone.now() - timedelta(days=2))
    location_address = "316 N. Academy St"
    description = "My bike was taken from the rack."
    reporter_name = "Alex Resident"
    reporter_email = "alex@example.org"
    reporter_phone = "(919) 555-0123"
    contact_method = "email"
    declared_at = factory.LazyFunction(timezone.now)


class TOTPDeviceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "otp_totp.TOTPDevice"

    name = "Authenticator app"
    confirmed = True
