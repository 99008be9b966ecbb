"""Demo content for online reports: incident types, rejection reasons, the "Where do I report
this?" guide and the settings record. Only what is missing is created; staff edits are kept."""

from programs.models import Tip
from reports.models import (
    IncidentType,
    RejectionReason,
    ReportingGuideEntry,
    ReportSettings,
)

INCIDENT_TYPES = [
    {
        "slug": "theft",
        "name": "Theft",
        "description": "Something was stolen, for example a bike, a package or tools from a yard.",
        "tip_category": Tip.Category.HOME,
    },
    {
        "slug": "theft-from-vehicle",
        "name": "Theft from a vehicle",
        "description": "Something was taken from your car, truck or motorcycle.",
        "tip_category": Tip.Category.VEHICLE,
    },
    {
        "slug": "vandalism",
        "name": "Vandalism or damage to property",
        "description": "Someone damaged your property, for example graffiti or a broken window.",
        "tip_category": Tip.Category.NEIGHBORHOOD,
    },
    {
        "slug": "lost-property",
        "name": "Lost property",
        "description": "You lost something in Cary and want a record of it.",
        "tip_category": "",
    },
    {
        "slug": "fraud",
        "name": "Fraud or a scam",
        "description": "Someone tricked you out of money, or used your card or identity.",
        "tip_category": Tip.Category.ONLINE,
    },
    {
        "slug": "harassing-calls",
        "name": "Harassing or threatening calls or messages",
        "description": "Unwanted calls, texts or messages from someone you do not know.",
        "tip_category": Tip.Category.PERSONAL,
    },
    {
        "slug": "burglary-of-a-home",
        "name": "Burglary of a home",
        "description": "Someone broke into your home.",
        "accepted_online": False,
        "not_online_message": (
            "An officer needs to see the scene. **Do not touch or clean up anything** the person "
            "may have touched, and call us so we can send an officer."
        ),
        "tip_category": Tip.Category.HOME,
    },
    {
        "slug": "assault",
        "name": "Assault",
        "description": "Someone hurt you or threatened to hurt you.",
        "accepted_online": False,
        "not_online_message": (
            "If you are hurt, get medical help first. An officer will talk with you and help you "
            "with the next steps, including victim services."
        ),
        "tip_category": Tip.Category.PERSONAL,
    },
]

REJECTION_REASONS = [
    {
        "title": "Happened outside Cary",
        "explanation": (
            "The address is outside the Town of Cary, so another police department handles it. "
            "Please report it to the police department or sheriff's office for that place."
        ),
    },
    {
        "title": "Needs an officer in person",
        "explanation": (
            "This report needs an officer to talk with you or visit the scene. Please call our "
            "non-emergency line and give your reference number."
        ),
    },
    {
        "title": "Not a police matter",
        "explanation": (
            "This is not something the police can act on. It may be a civil matter or a question "
            "for the Town of Cary (call 311) or another agency."
        ),
    },
    {
        "title": "Duplicate report",
        "explanation": "We already have a report about this. We will use the earlier report.",
    },
    {
        "title": "Not enough information",
        "explanation": (
            "We could not take this report without more details, and we did not hear back from "
            "you. You are welcome to report it again or call us."
        ),
    },
]

GUIDE = [
    (
        "Someone is in danger or a crime is happening now",
        """\
**Call 911.** This includes fires, medical emergencies, crashes with injuries, and any crime
where the person who did it is still there or nearby.

If you cannot speak safely, you can text 911 from most mobile phones in Cary. Give your location
and what is happening.""",
    ),
    (
        "A police matter that is not an emergency",
        """\
Call the non-emergency line, **(919) 469-4012**, at any time. For example: loud music, parking
problems, a suspicious car that has left, or a crime you want to talk through with an officer.

We have free interpreters: tell us your language when you call.""",
    ),
    (
        "A theft, damage, lost property, fraud or harassing calls",
        """\
You can [report it online](/report/) when nobody is in danger, it happened in Cary, and you do
not know who did it. You get a reference number at once, and a case number when an officer
accepts the report.""",
    ),
    (
        "Town services: trash, water, streets and other town questions",
        """\
These are handled by the Town of Cary, not the police. Call **311** (or the Town's main number)
for missed trash collection, utilities, street lights, potholes and other town services.""",
    ),
    (
        "Online fraud and scams",
        """\
If you lost money or someone used your identity, report it to us as well, online or by phone,
so you get a case number for your bank. You can also report it nationally:

- Internet crime and online scams: the FBI's Internet Crime Complaint Center,
  [ic3.gov](https://www.ic3.gov/)
- Fraud, scams and identity theft: the Federal Trade Commission,
  [reportfraud.ftc.gov](https://reportfraud.ftc.gov/) and
  [identitytheft.gov](https://www.identitytheft.gov/)""",
    ),
    (
        "It happened outside Cary",
        """\
Report it to the police where it happened:

- unincorporated Wake County: the Wake County Sheriff's Office
- Morrisville, Apex, Raleigh or another town: that town's police department

Not sure which town an address is in? Call our non-emergency line and we will tell you.""",
    ),
]


def load() -> int:
    created_count = 0
    if not ReportSettings.objects.filter(pk=1).exists():
        ReportSettings().save()
        created_count += 1
    for order, data in enumerate(INCIDENT_TYPES, start=1):
        defaults = {k: v for k, v in data.items() if k != "slug"}
        _type, created = IncidentType.objects.get_or_create(
            slug=data["slug"], defaults={**defaults, "display_order": order * 10}
        )
        created_count += created
    for order, data in enumerate(REJECTION_REASONS, start=1):
        _reason, created = RejectionReason.objects.get_or_create(
            title=data["title"],
            defaults={"explanation": data["explanation"], "display_order": order * 10},
        )
        created_count += created
    for order, (title, body) in enumerate(GUIDE, start=1):
        _entry, created = ReportingGuideEntry.objects.get_or_create(
            title=title, defaults={"body": body, "display_order": order * 10}
        )
        created_count += created
    return created_count
