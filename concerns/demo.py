"""Demo concerns in the demo districts: samples (``is_sample``), sent through the operations as
residents and staff would. One is anonymous, one is a question on its district's agenda, and
they are in various states. Loading adds only what is missing (by description); nothing is
loaded until the districts' demo has made its sample districts."""

from concerns import operations
from concerns.models import Concern
from districts.models import District

Kind, Status = Concern.Kind, Concern.Status

# (district index among the sample districts, submit fields, status, public note, agenda text)
CONCERNS = [
    (
        0,
        {
            "kind": Kind.TRAFFIC,
            "location": "Sample: Walnut St near the elementary school",
            "when_happens": "Weekday mornings 7 to 8",
            "description": "Sample: cars speed past the school crossing before the bell.",
            "anonymous": True,
        },
        Status.ACTED_ON,
        "Officers watched the crossing on three mornings and stopped eleven drivers.",
        "",
    ),
    (
        0,
        {
            "kind": Kind.QUESTION,
            "location": "Sample: Town Hall Campus",
            "description": "Sample: what is being done about car break-ins at the park?",
            "anonymous": False,
            "contact_name": "Sample Resident",
            "contact_phone": "(919) 555-0100",
        },
        Status.SEEN,
        "",
        "What is the district doing about car break-ins at park parking lots?",
    ),
    (
        1,
        {
            "kind": Kind.PROPERTY,
            "location": "Sample: an empty house on a cul-de-sac",
            "when_happens": "Most nights",
            "description": "Sample: people go in and out of an empty house late at night.",
            "anonymous": True,
        },
        Status.PASSED_TO_TOWN,
        "We passed this to the Town of Cary's code enforcement, which looks after empty buildings.",
        "",
    ),
    (
        -1,
        {
            "kind": Kind.SUSPICIOUS,
            "location": "Sample: a shopping center parking lot",
            "when_happens": "Friday evenings",
            "description": "Sample: the same car circles the lot and checks door handles.",
            "anonymous": True,
        },
        Status.RECEIVED,
        "",
        "",
    ),
]


def load() -> int:
    districts = list(District.objects.filter(is_sample=True).order_by("number"))
    if not districts:
        return 0
    created = 0
    for index, fields, status, note, agenda_text in CONCERNS:
        if Concern.objects.filter(is_sample=True, description=fields["description"]).exists():
            continue
        concern = operations.concern_submit(**fields, is_sample=True)
        district = districts[index] if index < len(districts) else districts[-1]
        if concern.district_id != district.pk:
            concern = operations.concern_route(concern=concern, actor=None, district=district)
        if status != Status.RECEIVED:
            concern = operations.concern_change_status(
                concern=concern, actor=None, status=status, public_note=note
            )
        if agenda_text:
            operations.concern_put_on_agenda(concern=concern, actor=None, agenda_text=agenda_text)
        created += 1
    return created
