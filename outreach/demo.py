"""Demo events, officer and K-9 profiles, partnerships and news, from the department's
published facts.

Event dates are relative to the day the demo is first loaded. Officer and K-9 profiles are
samples and say so: they are not real people or dogs. Loading only creates what is missing
(by slug), so staff edits are never overwritten and a second run changes nothing.
"""

from datetime import datetime, time, timedelta

from django.utils import timezone

from outreach.models import Event, K9Team, NewsItem, Officer, Partner
from programs.models import Program
from services.models import Service

POLICE_HQ = ("Cary Police Department", "120 Wilkinson Ave, Cary, NC 27512")
COUNCIL_CHAMBERS = ("Town Council Chambers", "316 N. Academy St, Cary, NC 27513")

# (slug, days from today, start hour, hours long, fields)
EVENTS = [
    (
        "community-meeting-district-1",
        6,
        18.5,
        1.5,
        {
            "title": "Community meeting: District 1",
            "kind": Event.Kind.COMMUNITY_MEETING,
            "place": COUNCIL_CHAMBERS,
            "summary": "Meet the captain and officers of your patrol district, ask questions "
            "and hear what the department is working on.",
            "description": "Every patrol district holds regular community meetings. Bring your "
            "questions and concerns: officers answer them and share updates on crime trends "
            "and department work in the district.",
            "agenda": "1. Welcome from the district captain\n2. Crime trends in the district\n"
            "3. Traffic safety update\n4. Questions from residents",
        },
    ),
    (
        "home-security-seminar",
        13,
        18,
        1.5,
        {
            "title": "Crime prevention seminar: securing your home",
            "kind": Event.Kind.SEMINAR,
            "place": POLICE_HQ,
            "summary": "Learn how burglars choose a home, and the simple steps that make yours "
            "a harder target.",
            "description": "A crime prevention officer explains how common crimes happen, how "
            "to prevent them and what to do if one happens to you. Free; places are limited, "
            "so please register.",
            "capacity": 40,
            "registration_required": True,
            "program": "crime-prevention-seminars",
        },
    ),
    (
        "k9-demonstration-fall",
        20,
        10,
        1,
        {
            "title": "K-9 demonstration",
            "kind": Event.Kind.K9_DEMONSTRATION,
            "place": ("Bond Park", "801 High House Rd, Cary, NC 27513"),
            "summary": "Watch our K-9 teams search, track and obey, then meet the handlers.",
            "description": "The K-9 unit shows how its dogs and handlers work together. "
            "Children are welcome; please leave your own dogs at home.",
        },
    ),
    (
        "community-clean-up-downtown",
        27,
        9,
        3,
        {
            "title": "Community clean-up: downtown",
            "kind": Event.Kind.CLEAN_UP,
            "place": ("Downtown Cary Park", "327 S. Academy St, Cary, NC 27511"),
            "summary": "Join officers and neighbors to tidy downtown streets and green spaces.",
            "description": "Gloves, bags and water are provided. Wear sturdy shoes. Volunteers "
            "under 16 need an adult with them.",
            "capacity": 60,
            "registration_required": True,
            "program": "community-clean-up-events",
        },
    ),
    (
        "barbershop-rap-session",
        34,
        17,
        2,
        {
            "title": "Barbershop Rap Session",
            "kind": Event.Kind.YOUTH_EVENT,
            "place": ("Cary Arts Center", "101 Dry Ave, Cary, NC 27511"),
            "summary": "An open conversation between young people and officers, in a relaxed "
            "setting.",
            "description": "Talk with officers about what matters to you. No question is off "
            "limits.",
            "program": "youth-programs",
        },
    ),
    (
        "public-safety-day",
        41,
        10,
        5,
        {
            "title": "Public Safety Day",
            "kind": Event.Kind.OTHER,
            "place": ("Downtown Cary", "Academy St, Cary, NC 27511"),
            "summary": "Police, fire and emergency services downtown: vehicles to explore, "
            "safety demonstrations and activities for families.",
            "description": "Meet the people who keep Cary safe, look inside patrol cars and fire "
            "trucks, and pick up safety advice for your home and family.",
        },
    ),
    (
        "heart-and-art-past",
        -30,
        14,
        3,
        {
            "title": "Heart & Art",
            "kind": Event.Kind.YOUTH_EVENT,
            "place": ("Cary Arts Center", "101 Dry Ave, Cary, NC 27511"),
            "summary": "Young people and officers made art together.",
            "description": "An afternoon of art projects shared by young residents and officers.",
        },
    ),
    (
        "community-meeting-district-2-past",
        -21,
        18.5,
        1.5,
        {
            "title": "Community meeting: District 2",
            "kind": Event.Kind.COMMUNITY_MEETING,
            "place": COUNCIL_CHAMBERS,
            "summary": "District 2 residents met their district's officers.",
            "description": "Residents heard updates and asked questions about their district.",
            "agenda": "1. Welcome\n2. District update\n3. Questions from residents",
            "minutes": "About forty residents attended. The captain presented the district's "
            "crime trends. Residents raised speeding on neighborhood streets; traffic "
            "services will add enforcement and a speed display sign.",
        },
    ),
]

OFFICERS = [
    {
        "slug": "sample-officer-jordan-reyes",
        "name": "Jordan Reyes",
        "rank": "Officer",
        "unit": "k9-unit",
        "years_of_service": 8,
        "interests": "Dog training, trail running, coaching youth soccer",
        "biography": "Officer Reyes has handled police dogs for five years and leads the "
        "unit's demonstrations at schools and community events.",
        "community_involvement": "Coaches a youth soccer team and visits elementary schools "
        "to talk about dog safety.",
    },
    {
        "slug": "sample-officer-morgan-lee",
        "name": "Morgan Lee",
        "rank": "Corporal",
        "unit": "patrol",
        "years_of_service": 12,
        "interests": "Cycling, local history",
        "biography": "Corporal Lee works a permanent patrol sector and knows its neighborhoods "
        "well.",
        "community_involvement": "Attends Neighborhood Watch meetings in the sector and "
        "helped start two new groups.",
    },
    {
        "slug": "sample-officer-sam-patel",
        "name": "Sam Patel",
        "rank": "School Resource Officer",
        "unit": "school-resource-officers",
        "years_of_service": 6,
        "interests": "Robotics, basketball",
        "biography": "Officer Patel serves as a school resource officer, working with staff, "
        "students and families to keep the school safe.",
        "community_involvement": "Mentors the school's robotics club.",
    },
]

K9_TEAMS = [
    {
        "slug": "sample-k9-ranger",
        "dog_name": "Ranger",
        "breed": "Belgian Malinois",
        "handler": "sample-officer-jordan-reyes",
        "biography": "Ranger is trained in tracking and searching for missing people.",
    },
]

PARTNERS = [
    {
        "slug": "cary-chamber-of-commerce",
        "organisation": "Cary Chamber of Commerce",
        "kind": Partner.Kind.BUSINESS,
        "description": "We work with the Chamber of Commerce to support local businesses and "
        "community development, including crime-prevention advice for business owners.",
    },
    {
        "slug": "cary-town-council",
        "organisation": "Cary Town Council",
        "kind": Partner.Kind.GOVERNMENT,
        "description": "We work closely with the Town Council to answer community concerns "
        "and to develop policy.",
        "website": "https://www.carync.gov/",
    },
    {
        "slug": "local-schools",
        "organisation": "Local schools",
        "kind": Partner.Kind.SCHOOLS,
        "description": "With local schools we run educational programs, place school resource "
        "officers and build positive relationships between students and officers.",
    },
    {
        "slug": "project-phoenix",
        "organisation": "Project Phoenix apartment communities",
        "kind": Partner.Kind.COMMUNITY_GROUP,
        "description": "Apartment communities that take part in Project Phoenix work with us "
        "to build neighborliness. Participating communities saw calls for service fall by "
        "about 13 percent in under two years.",
    },
]

NEWS = [
    (
        -2,
        {
            "slug": "citizens-police-academy-applications",
            "title": "Applications open for the Citizens Police Academy",
            "kind": NewsItem.Kind.COMMUNITY,
            "summary": "The free 12-week academy for Cary residents aged 18 and over takes "
            "applications now.",
            "body": "The Citizens Police Academy shows residents how the department works, from "
            "patrol to investigations. Completing it is required to join the Citizens Assisting "
            "Police (CAP) volunteers.",
        },
    ),
    (
        -5,
        {
            "slug": "vehicle-break-ins-warning",
            "title": "Crime alert: lock your car",
            "kind": NewsItem.Kind.CRIME_ALERT,
            "summary": "Most thefts from vehicles happen to unlocked cars. Lock up and take "
            "valuables with you.",
            "body": "Lock your car, take your keys, and keep valuables out of sight. Report "
            "suspicious activity to the non-emergency line, (919) 469-4012; in an emergency, "
            "call 911.",
        },
    ),
    (
        -9,
        {
            "slug": "downtown-traffic-advisory",
            "title": "Traffic advisory: downtown road closures for Public Safety Day",
            "kind": NewsItem.Kind.TRAFFIC_ADVISORY,
            "summary": "Some downtown streets will close on the day of Public Safety Day.",
            "body": "Allow extra time and follow the signs for detours around Academy Street.",
        },
    ),
    (
        -14,
        {
            "slug": "text-to-911",
            "title": "You can text 911 in Cary",
            "kind": NewsItem.Kind.NEWS,
            "summary": "If you cannot call safely, text 911 with your location and what is "
            "happening.",
            "body": "Text-to-911 works with most mobile carriers in Cary's emergency "
            "communications area. Use it only when a voice call is not possible or not safe, "
            "or if you are deaf or hard of hearing. Calling is still fastest.",
        },
    ),
]


def _at(day, hour: float):
    zone = timezone.get_current_timezone()
    whole = int(hour)
    return datetime.combine(day, time(whole, round((hour - whole) * 60)), tzinfo=zone)


def load() -> int:
    created_count = 0
    today = timezone.localdate()
    services = {s.slug: s for s in Service.objects.all()}
    programs = {p.slug: p for p in Program.objects.all()}

    for slug, days, start_hour, hours, fields in EVENTS:
        fields = dict(fields)
        place_name, address = fields.pop("place")
        program = programs.get(fields.pop("program", None))
        starts_at = _at(today + timedelta(days=days), start_hour)
        _event, created = Event.objects.get_or_create(
            slug=slug,
            defaults={
                **fields,
                "location_name": place_name,
                "address": address,
                "starts_at": starts_at,
                "ends_at": starts_at + timedelta(hours=hours),
                "related_program": program,
            },
        )
        created_count += created

    officers = {}
    for fields in OFFICERS:
        fields = dict(fields)
        unit = services.get(fields.pop("unit"))
        officer, created = Officer.objects.get_or_create(
            slug=fields["slug"], defaults={**fields, "unit": unit, "is_sample": True}
        )
        officers[officer.slug] = officer
        created_count += created

    for fields in K9_TEAMS:
        fields = dict(fields)
        handler = officers[fields.pop("handler")]
        _team, created = K9Team.objects.get_or_create(
            slug=fields["slug"], defaults={**fields, "handler": handler, "is_sample": True}
        )
        created_count += created

    for order, fields in enumerate(PARTNERS):
        _partner, created = Partner.objects.get_or_create(
            slug=fields["slug"], defaults={**fields, "display_order": order * 10}
        )
        created_count += created

    now = timezone.now()
    for days, fields in NEWS:
        _item, created = NewsItem.objects.get_or_create(
            slug=fields["slug"],
            defaults={**fields, "published_at": now + timedelta(days=days)},
        )
        created_count += created
    return created_count
