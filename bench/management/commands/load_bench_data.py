"""Fill the database with the volume `make bench` measures against (bench/run.py).

About 100 services, 50 programs, 300 tips, 1,000 events, 2,000 news items, 30 officers and
10,000 crime reports with photos, on top of the demo content. Every bench service, program, event
and officer has an image file of its own (a small JPEG), so pages pay for their renditions.
Rows are made with bulk_create; the report photos are a few small JPEGs processed and stored
once, which every photo row refers to (real rows, shared files: never run this on a live site).
Only what is missing is added, so a second run changes nothing. ``--scale 0.01`` makes a
hundredth of it, for the tests.
"""

import io
import random
import uuid
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.apps import apps
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone
from PIL import Image

from core import http_cache
from core.images import image_upload_to
from core.registry import registry
from core.search_words import refresh_search_words
from outreach.models import Event, NewsItem, Officer, Registration
from programs.models import Program, SignUp, Tip
from reports import photos as report_photos
from reports.models import (
    IncidentType,
    PhotoState,
    PropertyItem,
    ReferenceCounter,
    Report,
    ReportEvent,
    ReportPhoto,
)
from services.models import Service, ServiceCategory

TARGETS = {
    "services": 100,
    "programs": 50,
    "tips": 300,
    "events": 1_000,
    "news": 2_000,
    "officers": 30,
    "reports": 10_000,
}
BATCH = 1_000
SHARED_PHOTOS = 3
IMAGE_SIZE = (480, 320)

# The site's own words, each in a few percent of the items (as "watch" is in real police news),
# in ordinary filler text: a search for one of them matches some items, not all.
TOPICS = [
    "patrol", "community", "safety", "neighborhood", "watch", "officer", "traffic", "school",
    "park", "residents", "district", "bicycle", "vehicle", "home", "package", "theft",
    "prevention", "meeting", "volunteer", "training", "downtown", "library", "crosswalk", "speed",
    "lighting", "camera", "report", "scam", "online", "fraud", "senior", "youth", "program",
    "academy", "trail", "greenway", "parking", "holiday", "event", "k9", "team", "partnership",
]  # fmt: skip
FILLER = [
    "the", "a", "of", "and", "to", "in", "on", "at", "for", "with", "from", "by", "about", "after",
    "before", "during", "over", "under", "this", "that", "these", "those", "there", "here", "when",
    "where", "while", "as", "it", "its", "they", "their", "them", "we", "our", "you", "your", "is",
    "are", "was", "were", "be", "been", "will", "would", "can", "could", "should", "may", "might",
    "must", "do", "does", "did", "has", "have", "had", "new", "old", "early", "late", "next",
    "last", "first", "second", "third", "many", "few", "more", "most", "some", "any", "each",
    "every", "other", "day", "week", "month", "year", "morning", "afternoon", "evening", "night",
    "time", "place", "street", "road", "corner", "avenue", "town", "city", "county", "area",
    "side", "part", "group", "people", "person", "family", "friend", "visitor", "staff", "member",
    "open", "close", "start", "finish", "plan", "share", "help", "ask", "tell", "call", "meet",
    "talk", "walk", "drive", "stop", "check", "keep", "good", "better", "best", "clear", "quiet",
    "busy", "safe", "simple", "short", "long", "small", "large", "local", "public", "free",
]  # fmt: skip
TOPIC_SHARE = 0.01  # of the words of a text


def _sentence(rng: random.Random, words: int = 12) -> str:
    text = " ".join(
        rng.choice(TOPICS) if rng.random() < TOPIC_SHARE else rng.choice(FILLER)
        for _ in range(words)
    )
    return text[0].upper() + text[1:] + "."


def _markdown(rng: random.Random, paragraphs: int = 4) -> str:
    parts = []
    for number in range(paragraphs):
        parts.append(f"## {_sentence(rng, 4)[:-1]}")
        parts.append(" ".join(_sentence(rng, rng.randint(10, 20)) for _ in range(4)))
        if number % 2:
            parts.append("\n".join(f"- {_sentence(rng, 6)}" for _ in range(3)))
    parts.append("[More from the Town of Cary](https://www.carync.gov/)")
    return "\n\n".join(parts)


class Command(BaseCommand):
    help = "Fill the database with the benchmark's volume of content. Adds only what is missing."

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale", type=float, default=1.0, help="A fraction of the full volume (tests)."
        )

    def handle(self, *args, scale, **options):
        self.rng = random.Random(2026)  # noqa: S311 (sample data, not secrets)
        self.now = timezone.now()
        call_command("load_demo_content", stdout=io.StringIO())
        targets = {kind: max(1, round(count * scale)) for kind, count in TARGETS.items()}
        makers = {
            "services": (Service, self._services),
            "programs": (Program, self._programs),
            "tips": (Tip, self._tips),
            "events": (Event, self._events),
            "news": (NewsItem, self._news),
            "officers": (Officer, self._officers),
            "reports": (Report, self._reports),
        }
        added = 0
        for kind, (model, make) in makers.items():
            have = model.objects.count()
            missing = targets[kind] - have
            if missing > 0:
                with transaction.atomic():
                    make(start=have, count=missing)
                added += missing
            self.stdout.write(f"{kind}: {max(have, targets[kind])} ({max(missing, 0)} new)")
        if added and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")  # planner statistics for the new rows
        # bulk_create sends no signals: the words "Did you mean" suggests, then every public
        # model's pages at the fronts, once.
        refresh_search_words()
        for label in registry.public_models:
            http_cache.purge_model(apps.get_model(label))
        self.stdout.write(self.style.SUCCESS(f"Benchmark data ready: {added} new rows."))

    # --- Catalogue -----------------------------------------------------------------------------

    def _services(self, *, start, count):
        categories = list(ServiceCategory.objects.all()) or [
            ServiceCategory.objects.create(name="Bench services", slug="bench-services")
        ]
        Service.objects.bulk_create(
            (
                Service(
                    name=f"Bench service {start + n}",
                    slug=f"bench-service-{start + n}",
                    category=categories[n % len(categories)],
                    summary=_sentence(self.rng, 16),
                    body=_markdown(self.rng),
                    hours="Monday to Friday, 8 a.m. to 5 p.m.",
                    display_order=200 + n,
                    **self._image(Service),
                )
                for n in range(count)
            ),
            batch_size=BATCH,
        )

    def _programs(self, *, start, count):
        programs = Program.objects.bulk_create(
            (
                Program(
                    name=f"Bench program {start + n}",
                    slug=f"bench-program-{start + n}",
                    summary=_sentence(self.rng, 16),
                    body=_markdown(self.rng),
                    audience="Cary residents aged 18 and over",
                    how_to_join=_markdown(self.rng, 1),
                    schedule="Every other Tuesday evening",
                    capacity=40 if n % 2 else None,
                    display_order=200 + n,
                    **self._image(Program),
                )
                for n in range(count)
            ),
            batch_size=BATCH,
        )
        programs = list(Program.objects.filter(slug__in=[p.slug for p in programs]))
        services = list(Service.objects.values_list("pk", flat=True))
        links = Program.services.through
        links.objects.bulk_create(
            links(program_id=program.pk, service_id=service)
            for program in programs
            for service in self.rng.sample(services, min(3, len(services)))
        )
        SignUp.objects.bulk_create(
            (
                SignUp(
                    program=program,
                    name=f"Resident {number}",
                    email=f"bench-{program.pk}-{number}@example.org",
                    consent=True,
                )
                for program in programs
                for number in range(10)
            ),
            batch_size=BATCH,
        )

    def _tips(self, *, start, count):
        categories = Tip.Category.values
        tips = Tip.objects.bulk_create(
            (
                Tip(
                    title=f"Bench tip {start + n}: {_sentence(self.rng, 4)[:-1]}",
                    slug=f"bench-tip-{start + n}",
                    category=categories[n % len(categories)],
                    summary=_sentence(self.rng, 14),
                    body=_markdown(self.rng, 2),
                    display_order=200 + n,
                )
                for n in range(count)
            ),
            batch_size=BATCH,
        )
        tips = list(Tip.objects.filter(slug__in=[t.slug for t in tips]))
        services = list(Service.objects.values_list("pk", flat=True))
        programs = list(Program.objects.values_list("pk", flat=True))
        Tip.services.through.objects.bulk_create(
            Tip.services.through(tip_id=tip.pk, service_id=self.rng.choice(services))
            for tip in tips
        )
        Tip.programs.through.objects.bulk_create(
            Tip.programs.through(tip_id=tip.pk, program_id=self.rng.choice(programs))
            for tip in tips
        )

    # --- Outreach --------------------------------------------------------------------------------

    def _events(self, *, start, count):
        zone = timezone.get_current_timezone()
        today = timezone.localdate()
        kinds = Event.Kind.values
        events = []
        for n in range(count):
            # Two in five are in the past, the rest spread over the next two years.
            days = -self.rng.randint(1, 700) if n % 5 < 2 else self.rng.randint(1, 730)
            starts = datetime.combine(today + timedelta(days=days), time(18), tzinfo=zone)
            with_registration = n % 4 == 0
            events.append(
                Event(
                    title=f"Bench event {start + n}: {_sentence(self.rng, 3)[:-1]}",
                    slug=f"bench-event-{start + n}",
                    kind=kinds[n % len(kinds)],
                    starts_at=starts,
                    ends_at=starts + timedelta(hours=2),
                    location_name="Cary Town Hall",
                    address="316 N. Academy St, Cary, NC 27513",
                    summary=_sentence(self.rng, 14),
                    description=_markdown(self.rng, 2),
                    registration_required=with_registration,
                    capacity=60 if with_registration else None,
                    **self._image(Event),
                )
            )
        events = Event.objects.bulk_create(events, batch_size=BATCH)
        taking = Event.objects.filter(
            slug__in=[e.slug for e in events if e.registration_required]
        ).values_list("pk", flat=True)
        Registration.objects.bulk_create(
            (
                Registration(
                    event_id=event,
                    name=f"Resident {number}",
                    email=f"bench-{event}-{number}@example.org",
                    party_size=2,
                    status=Registration.Status.CONFIRMED,
                )
                for event in taking
                for number in range(5)
            ),
            batch_size=BATCH,
        )

    def _news(self, *, start, count):
        kinds = NewsItem.Kind.values
        NewsItem.objects.bulk_create(
            (
                NewsItem(
                    title=f"Bench news {start + n}: {_sentence(self.rng, 5)[:-1]}",
                    slug=f"bench-news-{start + n}",
                    kind=kinds[n % len(kinds)],
                    summary=_sentence(self.rng, 16),
                    body=_markdown(self.rng),
                    # Five years of news; every hundredth item is scheduled for later.
                    published_at=self.now
                    + (
                        timedelta(days=self.rng.randint(1, 30))
                        if n % 100 == 99
                        else -timedelta(hours=self.rng.randint(1, 5 * 365 * 24))
                    ),
                )
                for n in range(count)
            ),
            batch_size=BATCH,
        )

    def _officers(self, *, start, count):
        units = list(Service.objects.all()[:10])
        Officer.objects.bulk_create(
            (
                Officer(
                    name=f"Bench Officer {start + n}",
                    slug=f"bench-officer-{start + n}",
                    rank="Officer",
                    unit=units[n % len(units)] if units else None,
                    years_of_service=n % 25,
                    biography=_markdown(self.rng, 1),
                    interests="Cycling, youth sports",
                    display_order=200 + n,
                    **self._image(Officer),
                )
                for n in range(count)
            ),
            batch_size=BATCH,
        )

    # --- Images ---------------------------------------------------------------------------------

    def _image(self, model) -> dict:
        """The image fields of a new row of `model`: a small JPEG stored under a name of its own
        (renditions are made and kept per source file, as they are for staff uploads)."""
        if not hasattr(self, "_jpeg"):
            data = io.BytesIO()
            Image.effect_noise(IMAGE_SIZE, 30).convert("RGB").save(data, format="JPEG", quality=80)
            self._jpeg = data.getvalue()
        field = model._meta.get_field("image")
        name = field.storage.save(image_upload_to(model(), "bench.jpg"), ContentFile(self._jpeg))
        width, height = IMAGE_SIZE
        return {
            "image": name,
            "image_alt": "A sample photo for the benchmark",
            "image_width": width,
            "image_height": height,
        }

    # --- Reports ---------------------------------------------------------------------------------

    def _shared_photos(self):
        """A few small, real JPEGs, cleaned as the processing task does it and stored once
        (private storage): (name, cleaned photo) pairs."""
        photos = []
        for number in range(SHARED_PHOTOS):
            image = Image.effect_noise((640, 480), 40 + 10 * number).convert("RGB")
            data = io.BytesIO()
            image.save(data, format="JPEG", quality=90)
            clean = report_photos.clean_photo(data.getvalue())
            photos.append((report_photos.store_clean(clean, folder="bench"), clean))
        return photos

    def _reports(self, *, start, count):
        types = list(IncidentType.objects.accepted_online()) or [
            IncidentType.objects.create(name="Theft", slug="theft")
        ]
        photos = self._shared_photos()
        statuses = Report.Status.values
        reports = []
        numbers = {}  # year -> next number
        for n in range(count):
            submitted = self.now - timedelta(minutes=self.rng.randint(60, 3 * 365 * 24 * 60))
            year = timezone.localtime(submitted).year
            if year not in numbers:
                numbers[year] = self._first_free_number(year)
            number = numbers[year]
            numbers[year] += 1
            reports.append(
                Report(
                    reference=Report.format_reference(year, number),
                    reference_year=year,
                    reference_number=number,
                    status=statuses[n % len(statuses)],
                    status_changed_at=submitted,
                    submitted_at=submitted,
                    incident_type=types[n % len(types)],
                    occurred_from=submitted - timedelta(days=1),
                    location_address=f"{100 + n % 900} N. Academy St",
                    description=_sentence(self.rng, 30),
                    reporter_name=f"Resident {n}",
                    reporter_email=f"bench-report-{start + n}@example.org",
                    contact_method=Report.ContactMethod.EMAIL,
                    declared_at=submitted,
                )
            )
        reports = Report.objects.bulk_create(reports, batch_size=BATCH)
        for year, next_number in numbers.items():
            ReferenceCounter.objects.update_or_create(
                year=year, defaults={"last_number": next_number - 1}
            )
        pks = list(
            Report.objects.filter(reference__in=[r.reference for r in reports]).values_list(
                "pk", "submitted_at"
            )
        )
        ReportPhoto.objects.bulk_create(
            (
                ReportPhoto(
                    id=uuid.uuid4(),
                    report_id=pk,
                    position=position,
                    state=PhotoState.READY,
                    file=name,
                    content_type=clean.content_type,
                    width=clean.width,
                    height=clean.height,
                    size=len(clean.data),
                    created_at=submitted,
                )
                for index, (pk, submitted) in enumerate(pks)
                for position, (name, clean) in enumerate(photos[: 1 + index % SHARED_PHOTOS])
            ),
            batch_size=BATCH,
        )
        PropertyItem.objects.bulk_create(
            (
                PropertyItem(
                    report_id=pk, description="Bicycle", brand="Trek", value=Decimal("450.00")
                )
                for index, (pk, _submitted) in enumerate(pks)
                if index % 2 == 0
            ),
            batch_size=BATCH,
        )
        ReportEvent.objects.bulk_create(
            (
                ReportEvent(
                    report_id=pk,
                    action=ReportEvent.Action.SUBMITTED,
                    to_status=Report.Status.SUBMITTED,
                    created_at=submitted,
                )
                for pk, submitted in pks
            ),
            batch_size=BATCH,
        )

    def _first_free_number(self, year: int) -> int:
        counter = ReferenceCounter.objects.filter(year=year).first()
        used = Report.objects.filter(reference_year=year).aggregate(m=Max("reference_number"))
        return max(counter.last_number if counter else 0, used["m"] or 0) + 1
