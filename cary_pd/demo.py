"""Demo content for the site-wide pages, from the department's published facts.

Loading only creates what is missing, so a second run changes nothing and never overwrites
what staff have since edited.
"""

from cary_pd.models import Page
from core.models import DepartmentSettings

HOME_BODY = """\
## Who we are

The Cary Police Department serves the people who live in, work in and visit the Town of Cary.
Our mission is to partner with the community to keep Cary one of the safest places in the
nation to live. We are accredited by the Commission on Accreditation for Law Enforcement
Agencies (CALEA).

## Policing by district

Cary is split into three patrol districts. Each district has a captain, five sergeants, five
corporals and 24 to 26 officers. Officers keep a permanent sector, so the same officers get to
know the same neighborhoods. Investigations, traffic services and animal control work across
the whole town.

## What we value

- Excellence
- Teamwork
- Professionalism
- Ethical behavior
- Loyalty and trust
- Our residents and our employees

Read how we work with residents in [Community policing in Cary](/community-policing/).
"""

COMMUNITY_POLICING_BODY = """\
In Cary, officers do more than enforce the law. They build working relationships with the
people they serve, so that problems are spotted and solved before they grow.

## Why community policing works

- **Problems are caught early.** When residents talk to officers they know, concerns reach us
  before they turn into serious trouble.
- **Help fits the neighborhood.** Officers who know a neighborhood's history and needs can
  tailor what they do to it.
- **Partners multiply the effort.** Local organizations, businesses and community groups share
  information with us and run joint programs.

## What we offer

- **Patrol:** officers answer calls, investigate crimes and keep public order, day and night.
- **Investigations:** detectives handle cases from theft and vandalism to burglary and assault.
- **Traffic enforcement:** a dedicated unit works to reduce speeding and make roads safer.
- **School resource officers:** officers work with local schools to keep students safe.
- **Special events:** we provide security for concerts, festivals and parades.
- **Victim services:** advocacy, support and referrals to counseling for victims of crime.

## Preventing crime together

- **Neighborhood Watch:** training, resources and support for residents who look out for
  their street.
- **Crime prevention seminars:** learn about common crimes, how to prevent them and what to do
  if one happens.
- **Community clean-ups:** we join local groups to look after shared spaces.
- **Citizens Police Academy:** a free 12-week course for Cary residents aged 18 and over.

## Meeting the community

We hold community meetings where residents can ask questions and hear what the department is
doing. Our K-9 unit gives demonstrations, and we have joined events such as Barbershop Rap
Sessions, Heart & Art and Public Safety Day downtown. Through Project Phoenix we work with
apartment communities to build stronger neighborhoods.

## Our partners

We work with the Cary Chamber of Commerce to support local businesses, with the Town Council to
answer community concerns and shape policy, and with local schools on education programs.

## Stay in touch

Follow the department on Facebook and Twitter/X for news, events and safety updates. For
anything that is not an emergency, call the non-emergency line. In an emergency, always
call 911.
"""

PAGES = [
    {
        "slug": Page.HOME_SLUG,
        "title": "Keeping Cary safe, together",
        "summary": (
            "The Cary Police Department partners with residents, businesses and schools to keep "
            "Cary one of the safest places in the nation to live."
        ),
        "body": HOME_BODY,
    },
    {
        "slug": "community-policing",
        "title": "Community policing in Cary",
        "summary": (
            "How Cary's officers build trust with residents, prevent crime and work with local "
            "partners."
        ),
        "body": COMMUNITY_POLICING_BODY,
    },
]


def load() -> int:
    """Create the department settings record and the seed pages; return how many were new."""
    created_count = 0
    if not DepartmentSettings.objects.filter(pk=1).exists():
        DepartmentSettings().save()
        created_count += 1
    for page in PAGES:
        _page, created = Page.objects.get_or_create(
            slug=page["slug"], defaults={k: v for k, v in page.items() if k != "slug"}
        )
        created_count += created
    return created_count
