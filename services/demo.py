"""Demo services, from the department's published facts.

Every service and resource the department describes is here. Phone numbers are the public
ones; no email address or opening hours are invented. Loading only creates what is
missing (by slug), so staff edits are never overwritten.
"""

from services.models import Service, ServiceCategory

NON_EMERGENCY = "(919) 469-4012"

CATEGORIES = [
    ("patrol-and-response", "Patrol and response", 10),
    ("investigations", "Investigations", 20),
    ("traffic-safety", "Traffic safety", 30),
    ("schools-and-youth", "Schools and youth", 40),
    ("events-and-specialty-units", "Events and specialty units", 50),
    ("victim-and-community-resources", "Victim and community resources", 60),
]

SERVICES = [
    {
        "slug": "report-a-crime",
        "category": "patrol-and-response",
        "display_order": 10,
        "name": "Report a crime",
        "summary": (
            "How to tell us about a crime: call 911 when it is happening now, or the "
            "non-emergency line when it is not urgent."
        ),
        "contact_phone": NON_EMERGENCY,
        "hours": "Call 911 at any time in an emergency",
        "body": """\
## In an emergency

Call **911** if someone is in danger, if a crime is happening now, or if a suspect may still
be nearby. If you cannot speak safely, you can text 911 from most mobile phones in Cary:
include your location and what is happening. Only text when a call is not possible or not
safe.

## When it is not an emergency

Call the non-emergency line, **(919) 469-4012**, to report a crime that has already happened
and needs no urgent response, such as fraud, or to tell us about loud music or a parking
problem.

## What to have ready

- Where and when it happened
- What happened, in your own words
- A description of anyone involved and of any vehicle
- Serial numbers or photos of anything stolen

## Town services

Missed trash collection, utilities and other town questions are not police matters: call the
Town of Cary on 311.
""",
    },
    {
        "slug": "patrol",
        "category": "patrol-and-response",
        "display_order": 20,
        "name": "Patrol",
        "summary": (
            "Officers who answer calls, investigate crimes and keep public order in every "
            "part of Cary, day and night."
        ),
        "contact_phone": NON_EMERGENCY,
        "hours": "24 hours a day, every day",
        "body": """\
Patrol officers are the officers you are most likely to meet. They answer emergency and
non-emergency calls, investigate crimes, and keep public order.

## Policing by district

Cary is split into three patrol districts. Each district has a captain, five sergeants,
five corporals and 24 to 26 officers. Officers keep a permanent sector, so the same
officers come to know the same neighborhoods and the people who live there.

## Talk to your district

If there is a problem on your street that is not an emergency, such as speeding or
repeated noise, call the non-emergency line and ask to speak with an officer for your
area.
""",
    },
    {
        "slug": "investigations",
        "category": "investigations",
        "display_order": 10,
        "name": "Investigations",
        "summary": (
            "Detectives who follow up on cases from theft and vandalism to burglary and "
            "assault, across the whole town."
        ),
        "contact_phone": NON_EMERGENCY,
        "body": """\
When a crime needs more than a first report, detectives take the case. They handle a wide
range of cases, from petty theft and vandalism to burglary, assault and other serious
crimes, and they work across all three patrol districts.

## If you have information about a case

Call the non-emergency line and give the case number if you have one. In an emergency,
always call 911.
""",
    },
    {
        "slug": "traffic-enforcement",
        "category": "traffic-safety",
        "display_order": 10,
        "name": "Traffic enforcement",
        "summary": (
            "A dedicated traffic unit that works to reduce speeding, enforce traffic laws and "
            "make Cary's roads safer."
        ),
        "contact_phone": NON_EMERGENCY,
        "body": """\
The traffic unit works town-wide to reduce speeding, enforce traffic laws and promote road
safety for drivers, cyclists and people on foot.

## Speeding on your street

Tell us where and when drivers speed: call the non-emergency line. Details such as the
time of day help officers plan where to be.

## After a crash

If anyone is hurt, or the road is blocked, call 911. Move to a safe place if you can.
""",
    },
    {
        "slug": "school-resource-officers",
        "category": "schools-and-youth",
        "display_order": 10,
        "name": "School resource officers",
        "summary": (
            "Officers who work in and with local schools to keep students and staff safe and "
            "build good relationships with young people."
        ),
        "contact_phone": NON_EMERGENCY,
        "body": """\
School resource officers work closely with local schools to provide a safe and secure
place to learn. They get to know students and staff, help with safety planning, and take
part in education programs.

## Parents and carers

If you have a safety concern about a school, talk to the school first, or call the
non-emergency line. In an emergency, call 911.
""",
    },
    {
        "slug": "youth-services",
        "category": "schools-and-youth",
        "display_order": 20,
        "name": "Youth services",
        "summary": (
            "How Cary officers work with young people, so they know the officers who serve "
            "their town and trust them."
        ),
        "contact_phone": NON_EMERGENCY,
        "body": """\
The department's work with young people aims to engage and educate them, and to build
positive relationships between young people and officers.

Alongside the school resource officers, officers take part in youth activities and
community events. See our youth programs to find something to join.
""",
    },
    {
        "slug": "special-event-security",
        "category": "events-and-specialty-units",
        "display_order": 10,
        "name": "Special-event security",
        "summary": (
            "Police security and traffic help for concerts, festivals, parades and other "
            "community events in Cary."
        ),
        "contact_phone": NON_EMERGENCY,
        "body": """\
The department provides security for community events such as concerts, festivals and
parades, so that everyone can enjoy them safely.

## Planning an event

If you are organizing an event in Cary, contact us early, well before the date, so we can
talk about security and traffic. Call the non-emergency line to be put in touch with the
right team.
""",
    },
    {
        "slug": "k9-unit",
        "category": "events-and-specialty-units",
        "display_order": 20,
        "name": "K-9 unit",
        "summary": (
            "Police dogs and their handlers, who support officers on duty and give "
            "demonstrations at community events."
        ),
        "contact_phone": NON_EMERGENCY,
        "body": """\
The K-9 unit's dogs and handlers support officers on duty. The unit is also a favorite at
community events, where its demonstrations show residents how the dogs are trained and
what they do.

## Ask for a demonstration

Schools and community groups can ask for a K-9 demonstration: call the non-emergency line.
""",
    },
    {
        "slug": "victim-services",
        "category": "victim-and-community-resources",
        "display_order": 10,
        "name": "Victim services",
        "summary": (
            "Support for victims of crime: advocacy, help understanding what happens next, "
            "and referrals to counseling."
        ),
        "contact_phone": NON_EMERGENCY,
        "body": """\
Being the victim of a crime can be frightening and confusing. Victim services offers
support, advocacy and referrals to counseling, and helps you understand what happens after
you report a crime.

## Getting help

Call the non-emergency line and ask for victim services. If you are in danger now, call
911.
""",
    },
    {
        "slug": "community-outreach",
        "category": "victim-and-community-resources",
        "display_order": 20,
        "name": "Community outreach",
        "summary": (
            "Presentations, classes, workshops and community meetings where residents and "
            "officers get to know each other."
        ),
        "contact_phone": NON_EMERGENCY,
        "body": """\
Community outreach brings officers and residents together. The department offers
presentations, classes and workshops, and holds community meetings where residents can ask
questions, share concerns and hear about the department's work.

We also work with partners such as the Cary Chamber of Commerce and local schools, and
take part in community events such as Barbershop Rap Sessions, Heart & Art and Public
Safety Day downtown.

## Ask for a presentation

Neighborhood associations, businesses and community groups can ask for a presentation on
crime prevention or another safety topic: call the non-emergency line.
""",
    },
]


def load() -> int:
    """Create the seed categories and services that are missing; return how many were new."""
    created_count = 0
    categories = {}
    for slug, name, order in CATEGORIES:
        category, created = ServiceCategory.objects.get_or_create(
            slug=slug, defaults={"name": name, "display_order": order}
        )
        categories[slug] = category
        created_count += created
    for service in SERVICES:
        fields = {k: v for k, v in service.items() if k != "slug"}
        fields["category"] = categories[fields["category"]]
        _service, created = Service.objects.get_or_create(slug=service["slug"], defaults=fields)
        created_count += created
    return created_count
