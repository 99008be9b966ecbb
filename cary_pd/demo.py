"""Demo content for the site-wide pages, from the department's published facts.

Each text is here in English and in Spanish ("title" and "title_es"). Loading only creates what
is missing and fills Spanish that is still empty (core.demo), so a second run changes nothing and
never overwrites what staff have since edited.
"""

from cary_pd.models import Page
from core.demo import get_or_create_translated
from core.models import SEARCH_SYNONYMS, DepartmentSettings

DEPARTMENT = {
    "name": "Cary Police Department",
    "name_es": "Departamento de Policía de Cary",
    "search_synonyms": SEARCH_SYNONYMS,
    "search_synonyms_es": "K-9, K9, canino, perro policía\nallanamiento, robo en vivienda",
}

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

HOME_BODY_ES = """\
## Quiénes somos

El Departamento de Policía de Cary sirve a las personas que viven, trabajan y visitan el Pueblo
de Cary. Nuestra misión es trabajar junto con la comunidad para que Cary siga siendo uno de los
lugares más seguros del país para vivir. Estamos acreditados por la Comisión de Acreditación de
Agencias del Orden Público (CALEA, por sus siglas en inglés).

## La policía por distritos

Cary está dividido en tres distritos de patrullaje. Cada distrito tiene un capitán, cinco
sargentos, cinco cabos y entre 24 y 26 agentes. Cada agente tiene un sector fijo, así que los
mismos agentes llegan a conocer los mismos vecindarios. Las unidades de investigaciones, de
tráfico y de control de animales trabajan en todo el pueblo.

## Nuestros valores

- Excelencia
- Trabajo en equipo
- Profesionalismo
- Conducta ética
- Lealtad y confianza
- Nuestros residentes y nuestros empleados

Lea cómo trabajamos con los residentes en
[La policía comunitaria en Cary](/es/community-policing/).
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

COMMUNITY_POLICING_BODY_ES = """\
En Cary, los agentes hacen mucho más que hacer cumplir la ley. Crean relaciones de trabajo con
las personas a las que sirven, para detectar y resolver los problemas antes de que crezcan.

## Por qué funciona la policía comunitaria

- **Los problemas se detectan a tiempo.** Cuando los residentes hablan con agentes que conocen,
  sus preocupaciones nos llegan antes de que se conviertan en problemas graves.
- **La ayuda se adapta a cada vecindario.** Los agentes que conocen la historia y las
  necesidades de un vecindario pueden adaptar su trabajo a él.
- **Los socios multiplican el esfuerzo.** Organizaciones locales, negocios y grupos comunitarios
  comparten información con nosotros y llevan a cabo programas en conjunto.

## Lo que ofrecemos

- **Patrullaje:** los agentes responden a las llamadas, investigan delitos y mantienen el orden
  público, de día y de noche.
- **Investigaciones:** los detectives se encargan de casos que van desde robos y vandalismo
  hasta allanamientos de morada y agresiones.
- **Control de tráfico:** una unidad dedicada trabaja para reducir el exceso de velocidad y hacer
  más seguras las calles.
- **Agentes de recursos escolares:** agentes que trabajan con las escuelas locales para proteger
  a los estudiantes.
- **Eventos especiales:** brindamos seguridad en conciertos, festivales y desfiles.
- **Servicios para víctimas:** apoyo, acompañamiento y referidos a consejería para las víctimas
  de delitos.

## Prevenir el delito juntos

- **Vigilancia Vecinal:** capacitación, recursos y apoyo para los residentes que cuidan su
  calle.
- **Seminarios de prevención del delito:** conozca los delitos más comunes, cómo prevenirlos y
  qué hacer si le ocurre uno.
- **Limpiezas comunitarias:** nos unimos a grupos locales para cuidar los espacios que todos
  compartimos.
- **Academia de Policía para Ciudadanos:** un curso gratuito de 12 semanas para residentes de
  Cary de 18 años o más.

## Encuentros con la comunidad

Organizamos reuniones comunitarias donde los residentes pueden hacer preguntas y enterarse de lo
que hace el departamento. Nuestra unidad K-9 hace demostraciones, y hemos participado en eventos
como Barbershop Rap Sessions, Heart & Art y Public Safety Day (el Día de la Seguridad Pública)
en el centro. Con Project Phoenix trabajamos con comunidades de apartamentos para fortalecer los
vecindarios.

## Nuestros socios

Trabajamos con la Cámara de Comercio de Cary (Cary Chamber of Commerce) para apoyar a los
negocios locales, con el Concejo Municipal para atender las preocupaciones de la comunidad y dar
forma a las políticas públicas, y con las escuelas locales en programas educativos.

## Manténgase en contacto

Siga al departamento en Facebook y en Twitter/X para enterarse de noticias, eventos y avisos de
seguridad. Para todo lo que no sea una emergencia, llame a la línea para casos que no son de
emergencia. En una emergencia, llame siempre al 911.
"""

PAGES = [
    {
        "slug": Page.HOME_SLUG,
        "title": "Keeping Cary safe, together",
        "title_es": "Juntos mantenemos seguro a Cary",
        "summary": (
            "The Cary Police Department partners with residents, businesses and schools to keep "
            "Cary one of the safest places in the nation to live."
        ),
        "summary_es": (
            "El Departamento de Policía de Cary trabaja con residentes, negocios y escuelas para "
            "que Cary siga siendo uno de los lugares más seguros del país para vivir."
        ),
        "body": HOME_BODY,
        "body_es": HOME_BODY_ES,
    },
    {
        "slug": "community-policing",
        "title": "Community policing in Cary",
        "title_es": "La policía comunitaria en Cary",
        "summary": (
            "How Cary's officers build trust with residents, prevent crime and work with local "
            "partners."
        ),
        "summary_es": (
            "Cómo los agentes de Cary generan confianza con los residentes, previenen el delito y "
            "trabajan con socios locales."
        ),
        "body": COMMUNITY_POLICING_BODY,
        "body_es": COMMUNITY_POLICING_BODY_ES,
    },
]


def load() -> int:
    """Create the department settings record and the seed pages; return how many were new."""
    _record, created = get_or_create_translated(DepartmentSettings, {"pk": 1}, DEPARTMENT)
    created_count = int(created)
    for page in PAGES:
        fields = {k: v for k, v in page.items() if k != "slug"}
        _page, created = get_or_create_translated(Page, {"slug": page["slug"]}, fields)
        created_count += created
    return created_count
