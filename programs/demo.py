"""Demo programs, watch groups and tips, from the department's published facts.

Loaded after services.demo, so programs and tips can link to services. Loading only creates
what is missing (by slug, or by name for watch groups), so staff edits are never overwritten.
The watch groups are samples and say so: no real group, and no personal contact, is listed.
"""

from programs.models import Program, Tip, WatchGroup
from services.models import Service

NEIGHBORHOOD_WATCH_PHONE = "(919) 469-4324"

PROGRAMS = [
    {
        "slug": "neighborhood-watch",
        "display_order": 10,
        "name": "Neighborhood Watch",
        "summary": (
            "Neighbors who look out for each other's homes and streets, with training, "
            "resources and support from the department."
        ),
        "audience": "Anyone who lives in Cary",
        "schedule": "Each group meets as often as its members choose",
        "contact_phone": NEIGHBORHOOD_WATCH_PHONE,
        "has_watch_groups": True,
        "services": ["community-outreach", "patrol"],
        "how_to_join": """\
Sign up on this page to join the group for your neighborhood, or to start one if there is
none yet. You can also call the Neighborhood Watch line, (919) 469-4324. Our special
operations unit coordinates Neighborhood Watch and will get in touch.
""",
        "body": """\
Neighborhood Watch helps residents take an active part in preventing crime where they live.
The department's special operations unit coordinates the program and gives groups
training, resources and support.

## What members do

- Get to know their neighbors, and keep an eye on each other's homes
- Learn how to spot and report suspicious activity
- Share crime-prevention information on their street
- Stay in touch with the officers who work their area

Members are not asked to patrol or to confront anyone: they watch, and they report. In an
emergency, always call 911.

## Find your group

Look up whether your neighborhood already has a watch group. If it does, ask to join it.
If it does not, you can ask to start one and we will help you.
""",
    },
    {
        "slug": "crime-prevention-seminars",
        "display_order": 20,
        "name": "Crime prevention seminars",
        "summary": (
            "Free talks where residents learn about common crimes, how to prevent them and "
            "what to do if one happens."
        ),
        "audience": "Residents, neighborhood associations and local businesses",
        "schedule": "Held regularly; sign up and we will tell you about the next one",
        "services": ["community-outreach"],
        "how_to_join": """\
Sign up on this page and we will let you know when the next seminar is. Groups can also ask
for a seminar of their own by calling the non-emergency line.
""",
        "body": """\
Crime prevention seminars help residents understand the crimes that happen in a town like
Cary, and what each of us can do to prevent them.

## Topics include

- Keeping your home and car secure
- Scams and fraud, on the phone and online
- Personal safety when you are out and about
- What to do, and who to call, if a crime happens
""",
    },
    {
        "slug": "community-clean-up-events",
        "display_order": 30,
        "name": "Community clean-up events",
        "summary": (
            "Clean-ups organized with local community groups that look after shared spaces "
            "and build pride in the neighborhood."
        ),
        "audience": "Residents of all ages; children with an adult",
        "schedule": "Several times a year, on weekends",
        "services": ["community-outreach"],
        "how_to_join": """\
Sign up on this page and we will send you the date and place of the next clean-up.
""",
        "body": """\
The department joins local community groups to organize clean-up events. Picking up
litter and tidying shared spaces makes neighborhoods more pleasant, and cared-for places
see less crime.

Clean-ups are also a relaxed way to meet neighbors and the officers who serve your area.
""",
    },
    {
        "slug": "youth-programs",
        "display_order": 40,
        "name": "Youth programs",
        "summary": (
            "Activities that bring young people and officers together, to learn, have fun and "
            "build trust."
        ),
        "audience": "Young people in Cary, with a parent or carer's agreement",
        "schedule": "Through the year; sign up to hear about upcoming activities",
        "services": ["youth-services", "school-resource-officers"],
        "how_to_join": """\
A parent or carer can sign up on this page, and we will tell you about upcoming
activities.
""",
        "body": """\
The department's youth programs engage and educate young people and build positive
relationships with the officers who serve their town. Officers share what their work is
really like, and young people get to ask the questions they want answered.
""",
    },
    {
        "slug": "citizens-police-academy",
        "display_order": 50,
        "name": "Citizens Police Academy",
        "summary": (
            "A free 12-week course for Cary residents aged 18 and over, about how the "
            "department works."
        ),
        "audience": "Cary residents aged 18 and over",
        "schedule": "12 weeks; dates of the next academy are announced here",
        "services": ["community-outreach", "patrol", "investigations"],
        "how_to_join": """\
Sign up on this page to ask for a place in the next academy. The academy is free.
""",
        "body": """\
The Citizens Police Academy is a free 12-week course that shows residents how the
department works, from patrol and investigations to traffic safety.

## Volunteer afterwards

Completing the academy is required to join the Citizens Assisting Police (CAP) volunteers,
who support the department in the community.
""",
    },
]

# Samples only, clearly marked: invented names, no real streets' residents, no contacts.
WATCH_GROUPS = [
    ("Sample group: Maple Hollow", "Sample area: Maple Hollow Drive and nearby courts"),
    ("Sample group: Oak Crest", "Sample area: the Oak Crest neighborhood, off a main road"),
    ("Sample group: Willow Park", "Sample area: streets around a neighborhood park"),
]

TIPS = [
    # The five tips in the seed article.
    {
        "slug": "get-to-know-your-neighbors",
        "category": Tip.Category.NEIGHBORHOOD,
        "display_order": 10,
        "title": "Get to know your neighbors",
        "summary": "Neighbors who know each other notice when something is wrong.",
        "programs": ["neighborhood-watch"],
        "services": [],
        "body": """\
Introduce yourself, swap phone numbers, and keep an eye on each other's homes, especially
when someone is away. You will notice when something is out of place, and they will too.

Joining or starting a Neighborhood Watch group is a good way to begin.
""",
    },
    {
        "slug": "keep-valuables-out-of-sight",
        "category": Tip.Category.VEHICLE,
        "display_order": 10,
        "title": "Keep valuables out of sight",
        "summary": "A bag on the seat is an invitation: take it with you or lock it away.",
        "programs": [],
        "services": ["report-a-crime"],
        "body": """\
- Take bags, phones, laptops and wallets with you when you leave your car.
- If you must leave something, lock it in the trunk before you arrive, not in the parking
  lot where someone may be watching.
- At home, keep valuables away from windows, and keep receipts and serial numbers.
""",
    },
    {
        "slug": "install-cameras-and-alarms",
        "category": Tip.Category.HOME,
        "display_order": 10,
        "title": "Install security cameras and alarms",
        "summary": "Cameras and alarms deter burglars and help officers when a crime happens.",
        "programs": [],
        "services": ["investigations"],
        "body": """\
- A visible camera or alarm makes your home a harder target.
- Point cameras at doors and driveways, not into your neighbors' homes.
- Keep recordings long enough to share with officers if something happens.
- Test your alarm now and then, and tell a trusted neighbor how to reach you.
""",
    },
    {
        "slug": "report-suspicious-activity",
        "category": Tip.Category.NEIGHBORHOOD,
        "display_order": 20,
        "title": "Report suspicious activity",
        "summary": "If something does not look right, tell us: you are our eyes and ears.",
        "programs": ["neighborhood-watch"],
        "services": ["report-a-crime"],
        "body": """\
If a crime is happening, or someone is in danger, call 911. For something that seems wrong
but is not urgent, call the non-emergency line, (919) 469-4012.

Say what you saw, where and when, and describe any people or vehicles. Do not confront
anyone yourself.
""",
    },
    {
        "slug": "walk-bike-or-ride-the-bus",
        "category": Tip.Category.PERSONAL,
        "display_order": 10,
        "title": "Walk, bike or take the bus when you can",
        "summary": "Getting around on foot, by bike or by bus, safely.",
        "programs": [],
        "services": [],
        "body": """\
Walking, biking and public transportation are good ways to get around Cary, and a car you
leave at home cannot be broken into. Stay safe while you do:

- Stay aware of your surroundings; keep your phone in your pocket when crossing.
- Use lit, busy routes after dark.
- Lock your bike with a sturdy lock through the frame, and note its serial number.
""",
    },
    # More, so that every category has some.
    {
        "slug": "lock-your-car-and-take-your-keys",
        "category": Tip.Category.VEHICLE,
        "display_order": 20,
        "title": "Lock your car and take your keys",
        "summary": "Many car break-ins start with an unlocked door.",
        "programs": [],
        "services": ["report-a-crime"],
        "body": """\
- Lock your car every time, even in your own driveway.
- Never leave the engine running while you step away.
- Keep spare keys and garage openers out of the car.
""",
    },
    {
        "slug": "light-up-your-home",
        "category": Tip.Category.HOME,
        "display_order": 20,
        "title": "Light up doors and paths",
        "summary": "Good lighting removes the shadows burglars rely on.",
        "programs": ["neighborhood-watch"],
        "services": [],
        "body": """\
- Light your front door, back door, garage and paths.
- Motion-sensor lights are cheap to run and startle intruders.
- When you are away, use timers so your home does not look empty.
""",
    },
    {
        "slug": "lock-doors-and-windows",
        "category": Tip.Category.HOME,
        "display_order": 30,
        "title": "Lock doors and windows, even when you are home",
        "summary": "Many burglaries need no force at all: an open door or window is enough.",
        "programs": ["crime-prevention-seminars"],
        "services": [],
        "body": """\
- Lock doors and ground-floor windows when you go out, and at night.
- Close and lock the garage door.
- Do not hide a spare key outside: leave one with a trusted neighbor.
""",
    },
    {
        "slug": "trust-your-instincts",
        "category": Tip.Category.PERSONAL,
        "display_order": 20,
        "title": "Trust your instincts",
        "summary": "If a place or a person makes you uneasy, leave and get help.",
        "programs": ["crime-prevention-seminars"],
        "services": ["victim-services"],
        "body": """\
- If you feel unsafe, move to a busy, well-lit place.
- Tell a friend where you are going and when you will be back.
- If you are threatened, call 911.
""",
    },
    {
        "slug": "hang-up-on-payment-demands",
        "category": Tip.Category.ONLINE,
        "display_order": 10,
        "title": "Hang up on callers who demand payment",
        "summary": "Government agencies and the police never ask for gift cards or wire transfers.",
        "programs": ["crime-prevention-seminars"],
        "services": ["report-a-crime"],
        "body": """\
Scammers pretend to be from the police, a utility or a government agency, and say you must
pay at once. Hang up. Call the organization back on a number you find yourself.

If you have lost money to a scam, report it on the non-emergency line, (919) 469-4012.
""",
    },
    {
        "slug": "protect-your-accounts",
        "category": Tip.Category.ONLINE,
        "display_order": 20,
        "title": "Protect your online accounts",
        "summary": "Strong, different passwords and two-step sign-in stop most account theft.",
        "programs": [],
        "services": [],
        "body": """\
- Use a different, long password for each account; a password manager helps.
- Turn on two-step verification for email, banking and social media.
- Do not click links in unexpected messages: go to the website yourself.
""",
    },
    {
        "slug": "look-out-for-package-theft",
        "category": Tip.Category.NEIGHBORHOOD,
        "display_order": 30,
        "title": "Look out for each other's deliveries",
        "summary": "Bring in a neighbor's package, and ask them to do the same for you.",
        "programs": ["neighborhood-watch"],
        "services": [],
        "body": """\
- Track deliveries and bring packages in soon after they arrive.
- Ask a neighbor to collect them when you are out, or have them delivered to a pickup point.
""",
    },
]


def load() -> int:
    """Create the seed programs, sample watch groups and tips that are missing."""
    created_count = 0
    services = {service.slug: service for service in Service.objects.all()}
    programs = {}
    for data in PROGRAMS:
        fields = {k: v for k, v in data.items() if k not in {"slug", "services"}}
        program, created = Program.objects.get_or_create(slug=data["slug"], defaults=fields)
        programs[program.slug] = program
        if created:
            program.services.set([services[s] for s in data["services"] if s in services])
            created_count += 1
    watch = programs["neighborhood-watch"]
    if watch.has_watch_groups:
        for name, area in WATCH_GROUPS:
            _group, created = WatchGroup.objects.get_or_create(
                program=watch, name=name, defaults={"area": area, "is_sample": True}
            )
            created_count += created
    for data in TIPS:
        fields = {k: v for k, v in data.items() if k not in {"slug", "services", "programs"}}
        tip, created = Tip.objects.get_or_create(slug=data["slug"], defaults=fields)
        if created:
            tip.services.set([services[s] for s in data["services"] if s in services])
            tip.programs.set([programs[p] for p in data["programs"] if p in programs])
            created_count += 1
    return created_count
