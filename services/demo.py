"""Demo services, from the department's published facts.

Every service and resource the department describes is here. Phone numbers are the public
ones; no email address or opening hours are invented. Each text is here in English and in
Spanish ("name" and "name_es"). Loading only creates what is missing (by slug) and fills Spanish
that is still empty (core.demo), so staff edits are never overwritten.
"""

from core.demo import get_or_create_translated
from core.demo_images import add_demo_image
from services.models import Service, ServiceCategory

NON_EMERGENCY = "(919) 469-4012"

# (slug, name, name in Spanish, display order)
CATEGORIES = [
    ("patrol-and-response", "Patrol and response", "Patrullaje y respuesta", 10),
    ("investigations", "Investigations", "Investigaciones", 20),
    ("traffic-safety", "Traffic safety", "Seguridad vial", 30),
    ("schools-and-youth", "Schools and youth", "Escuelas y jóvenes", 40),
    (
        "events-and-specialty-units",
        "Events and specialty units",
        "Eventos y unidades especializadas",
        50,
    ),
    (
        "victim-and-community-resources",
        "Victim and community resources",
        "Recursos para víctimas y la comunidad",
        60,
    ),
    ("records-and-feedback", "Records and feedback", "Registros y opiniones", 70),
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
        "name_es": "Reportar un delito",
        "summary_es": (
            "Cómo informarnos de un delito: llame al 911 si está pasando en este momento, o a "
            "la línea para casos que no son de emergencia si no es urgente."
        ),
        "hours_es": "Llame al 911 a cualquier hora en una emergencia",
        "body_es": """\
## En una emergencia

Llame al **911** si alguien está en peligro, si se está cometiendo un delito en este momento o
si un sospechoso podría estar todavía cerca. Si no puede hablar sin peligro, puede enviar un
mensaje de texto al 911 desde la mayoría de los teléfonos celulares en Cary: incluya su
ubicación y lo que está pasando. Envíe un mensaje de texto solo cuando no sea posible o no sea
seguro llamar.

## Cuando no es una emergencia

Llame a la línea para casos que no son de emergencia, **(919) 469-4012**, para reportar un
delito que ya ocurrió y que no necesita una respuesta urgente, como un fraude, o para avisarnos
de música a todo volumen o de un problema de estacionamiento.

## Qué debe tener a mano

- Dónde y cuándo ocurrió
- Qué pasó, en sus propias palabras
- Una descripción de las personas involucradas y de cualquier vehículo
- Los números de serie o fotos de lo que le robaron

## Servicios del Pueblo

La basura que no se recogió, los servicios públicos y otras preguntas sobre el pueblo no son
asuntos de la policía: llame al Pueblo de Cary al 311.
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

## Going away?

Ask for a vacation house check online: officers on patrol look in on your home while you
are away, and you get a summary of their visits when you are back.
""",
        "name_es": "Patrullaje",
        "summary_es": (
            "Agentes que responden a las llamadas, investigan delitos y mantienen el orden "
            "público en todo Cary, de día y de noche."
        ),
        "hours_es": "Las 24 horas, todos los días",
        "body_es": """\
Los agentes de patrullaje son los agentes con quienes es más probable que usted se encuentre.
Responden a llamadas de emergencia y de casos que no son de emergencia, investigan delitos y
mantienen el orden público.

## La policía por distritos

Cary está dividido en tres distritos de patrullaje. Cada distrito tiene un capitán, cinco
sargentos, cinco cabos y entre 24 y 26 agentes. Cada agente tiene un sector fijo, así que los
mismos agentes llegan a conocer los mismos vecindarios y a las personas que viven en ellos.

## Hable con su distrito

Si hay un problema en su calle que no es una emergencia, como el exceso de velocidad o ruidos
que se repiten, llame a la línea para casos que no son de emergencia y pida hablar con un agente
de su zona.

## ¿Se va de viaje?

Pida en línea una vigilancia de su casa durante sus vacaciones: los agentes de patrullaje pasan
por su casa mientras usted no está, y al volver recibe un resumen de sus visitas.
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
        "name_es": "Investigaciones",
        "summary_es": (
            "Detectives que dan seguimiento a casos que van desde robos y vandalismo hasta "
            "allanamientos y agresiones, en todo el pueblo."
        ),
        "body_es": """\
Cuando un delito necesita más que un primer reporte, los detectives se hacen cargo del caso.
Atienden casos muy variados, desde hurtos menores y vandalismo hasta allanamientos, agresiones y
otros delitos graves, y trabajan en los tres distritos de patrullaje.

## Si tiene información sobre un caso

Llame a la línea para casos que no son de emergencia y dé el número de caso si lo tiene. En una
emergencia, llame siempre al 911.
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
        "name_es": "Control de tráfico",
        "summary_es": (
            "Una unidad de tráfico dedicada que trabaja para reducir el exceso de velocidad, "
            "hacer cumplir las leyes de tránsito y hacer más seguras las calles de Cary."
        ),
        "body_es": """\
La unidad de tráfico trabaja en todo el pueblo para reducir el exceso de velocidad, hacer
cumplir las leyes de tránsito y promover la seguridad vial de conductores, ciclistas y peatones.

## Exceso de velocidad en su calle

Díganos dónde y cuándo los conductores manejan a exceso de velocidad: llame a la línea para
casos que no son de emergencia. Detalles como la hora del día ayudan a los agentes a planear
dónde estar.

## Después de un choque

Si alguien está herido o la calle está bloqueada, llame al 911. Si puede, muévase a un lugar
seguro.
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
        "name_es": "Agentes de recursos escolares",
        "summary_es": (
            "Agentes que trabajan en las escuelas locales, y con ellas, para proteger a los "
            "estudiantes y al personal y crear buenas relaciones con los jóvenes."
        ),
        "body_es": """\
Los agentes de recursos escolares trabajan de cerca con las escuelas locales para ofrecer un
lugar seguro donde aprender. Llegan a conocer a los estudiantes y al personal, ayudan a
planificar la seguridad y participan en programas educativos.

## Padres y tutores

Si le preocupa la seguridad en una escuela, hable primero con la escuela o llame a la línea para
casos que no son de emergencia. En una emergencia, llame al 911.
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
        "name_es": "Servicios para jóvenes",
        "summary_es": (
            "Cómo los agentes de Cary trabajan con los jóvenes, para que conozcan a los agentes "
            "que sirven a su pueblo y confíen en ellos."
        ),
        "body_es": """\
El trabajo del departamento con los jóvenes busca que participen y aprendan, y crear relaciones
positivas entre los jóvenes y los agentes.

Además de los agentes de recursos escolares, otros agentes participan en actividades juveniles y
eventos comunitarios. Vea nuestros programas para jóvenes y encuentre una actividad en la que
participar.
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
        "name_es": "Seguridad en eventos especiales",
        "summary_es": (
            "Seguridad policial y ayuda con el tráfico en conciertos, festivales, desfiles y "
            "otros eventos comunitarios en Cary."
        ),
        "body_es": """\
El departamento brinda seguridad en eventos comunitarios como conciertos, festivales y desfiles,
para que todos puedan disfrutarlos sin peligro.

## Si organiza un evento

Si está organizando un evento en Cary, comuníquese con nosotros con tiempo, mucho antes de la
fecha, para hablar de la seguridad y del tráfico. Llame a la línea para casos que no son de
emergencia y lo pondremos en contacto con el equipo indicado.
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
        "name_es": "Unidad K-9",
        "summary_es": (
            "Perros policía y sus guías, que apoyan a los agentes en servicio y hacen "
            "demostraciones en eventos comunitarios."
        ),
        "body_es": """\
Los perros y los guías de la unidad K-9 (unidad canina) apoyan a los agentes en servicio. La
unidad también es una de las favoritas en los eventos comunitarios, donde sus demostraciones
enseñan a los residentes cómo se entrena a los perros y qué hacen.

## Pida una demostración

Las escuelas y los grupos comunitarios pueden pedir una demostración de la unidad K-9: llame a
la línea para casos que no son de emergencia.
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
        "name_es": "Servicios para víctimas",
        "summary_es": (
            "Apoyo para las víctimas de delitos: acompañamiento, ayuda para entender lo que "
            "sigue y referidos a consejería."
        ),
        "body_es": """\
Ser víctima de un delito puede dar miedo y causar confusión. Los servicios para víctimas ofrecen
apoyo, acompañamiento y referidos a consejería, y le ayudan a entender lo que pasa después de
reportar un delito.

## Cómo obtener ayuda

Llame a la línea para casos que no son de emergencia y pida los servicios para víctimas. Si está
en peligro ahora, llame al 911.
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
        "name_es": "Acercamiento a la comunidad",
        "summary_es": (
            "Presentaciones, clases, talleres y reuniones comunitarias donde los residentes y "
            "los agentes se conocen."
        ),
        "body_es": """\
El acercamiento a la comunidad reúne a agentes y residentes. El departamento ofrece
presentaciones, clases y talleres, y organiza reuniones comunitarias donde los residentes pueden
hacer preguntas, compartir sus preocupaciones y conocer el trabajo del departamento.

También trabajamos con socios como la Cámara de Comercio de Cary y las escuelas locales, y
participamos en eventos comunitarios como Barbershop Rap Sessions, Heart & Art y Public Safety
Day (el Día de la Seguridad Pública) en el centro.

## Pida una presentación

Las asociaciones de vecinos, los negocios y los grupos comunitarios pueden pedir una
presentación sobre la prevención del delito u otro tema de seguridad: llame a la línea para
casos que no son de emergencia.
""",
    },
]


SERVICES += [
    {
        "slug": "records",
        "category": "records-and-feedback",
        "display_order": 10,
        "name": "Police records",
        "summary": (
            "Copies of crash reports, incident reports and other police records, for you, "
            "your insurer or your attorney."
        ),
        "contact_phone": NON_EMERGENCY,
        "body": """\
The department's records staff make copies of the reports officers write. Ask online for a
copy of a crash report, an incident report or another record, and follow your request with
its reference.

## Crash reports

North Carolina police departments send crash reports to the NC Division of Motor Vehicles,
whose records service also sells copies online. You can ask us for a copy as well.

## What we can release

Some details of a criminal investigation are withheld by North Carolina law (N.C. General
Statute 132-1.4). If part of a record cannot be released, we tell you why.
""",
        "name_es": "Registros policiales",
        "summary_es": (
            "Copias de informes de choques, informes de incidentes y otros registros policiales, "
            "para usted, su aseguradora o su abogado."
        ),
        "body_es": """\
El personal de registros del departamento hace copias de los informes que escriben los agentes.
Pida en línea una copia de un informe de choque, de un informe de incidente o de otro registro, y
siga su solicitud con su número de referencia.

## Informes de choques

Los departamentos de policía de Carolina del Norte envían los informes de choques a la División
de Vehículos Motorizados de Carolina del Norte (NC DMV), cuyo servicio de registros también vende
copias en línea. También puede pedirnos una copia a nosotros.

## Lo que podemos entregar

La ley de Carolina del Norte (el Estatuto General 132-1.4) reserva algunos datos de una
investigación criminal. Si no podemos entregar una parte de un registro, le explicamos por qué.
""",
    },
    {
        "slug": "compliments-and-complaints",
        "category": "records-and-feedback",
        "display_order": 20,
        "name": "Compliments and complaints",
        "summary": (
            "Thank an officer or tell us what went wrong. Professional standards staff read "
            "every compliment and look into every complaint."
        ),
        "contact_phone": NON_EMERGENCY,
        "body": """\
We want to hear when an officer did a good job, and when something went wrong. Professional
standards staff read every compliment and look into every complaint, and forward compliments
to the officer's supervisor.

## A complaint

You can make a complaint with your name or anonymously. Either way you get a reference to
follow it, and we tell you the outcome once it is closed.

## Every year, in numbers

We publish how many compliments and complaints we received each year, and how complaints
were closed.
""",
        "name_es": "Felicitaciones y quejas",
        "summary_es": (
            "Agradezca a un agente o díganos qué salió mal. El personal de normas profesionales "
            "lee cada felicitación e investiga cada queja."
        ),
        "body_es": """\
Queremos saber cuando un agente hizo un buen trabajo y cuando algo salió mal. El personal de
normas profesionales lee cada felicitación, investiga cada queja y envía las felicitaciones al
supervisor del agente.

## Una queja

Puede presentar una queja con su nombre o de forma anónima. En ambos casos recibe un número de
referencia para seguirla, y le informamos el resultado cuando se cierre.

## Cada año, en cifras

Publicamos cuántas felicitaciones y quejas recibimos cada año, y cómo se cerraron las quejas.
""",
    },
]


# Drawings made for the site (core/demo_images.py), with their alt text, by service slug.
IMAGES = {
    "patrol": (
        "badge",
        {
            "image_alt": "A gold police badge shaped like a shield, with a star at its center",
            "image_alt_es": (
                "Una placa de policía dorada en forma de escudo, con una estrella en el centro"
            ),
        },
    ),
    "community-outreach": (
        "meeting",
        {
            "image_alt": "Residents seated in a row listen to an officer at a community meeting",
            "image_alt_es": (
                "Residentes sentados en fila escuchan a un agente en una reunión comunitaria"
            ),
        },
    ),
}


def load() -> int:
    """Create the seed categories and services that are missing; return how many were new."""
    created_count = 0
    categories = {}
    for slug, name, name_es, order in CATEGORIES:
        category, created = get_or_create_translated(
            ServiceCategory,
            {"slug": slug},
            {"name": name, "name_es": name_es, "display_order": order},
        )
        categories[slug] = category
        created_count += created
    for service in SERVICES:
        fields = {k: v for k, v in service.items() if k != "slug"}
        fields["category"] = categories[fields["category"]]
        row, created = get_or_create_translated(Service, {"slug": service["slug"]}, fields)
        created_count += created
        if service["slug"] in IMAGES:
            add_demo_image(row, *IMAGES[service["slug"]])
    return created_count
