"""Demo events, officer and K-9 profiles, partnerships and news, from the department's
published facts.

Event dates are relative to the day the demo is first loaded. Officer and K-9 profiles are
samples and say so: they are not real people or dogs. Each text is here in English and in
Spanish ("title" and "title_es"); names of people, places and organisations stay as they are.
Loading only creates what is missing (by slug) and fills Spanish that is still empty
(core.demo), so staff edits are never overwritten and a second run changes nothing.
"""

from datetime import datetime, time, timedelta

from django.utils import timezone

from core.demo import get_or_create_translated
from core.demo_images import add_demo_image
from districts.models import District
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
            "title_es": "Reunión comunitaria: Distrito 1",
            "summary_es": (
                "Conozca al capitán y a los agentes de su distrito de patrullaje, haga "
                "preguntas y entérese de lo que hace el departamento."
            ),
            "description_es": (
                "Cada distrito de patrullaje organiza reuniones comunitarias con regularidad. "
                "Traiga sus preguntas y preocupaciones: los agentes las responden y comparten "
                "novedades sobre las tendencias del delito y el trabajo del departamento en el "
                "distrito."
            ),
            "agenda_es": (
                "1. Bienvenida del capitán del distrito\n"
                "2. Tendencias del delito en el distrito\n"
                "3. Novedades de seguridad vial\n"
                "4. Preguntas de los residentes"
            ),
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
            "title_es": "Seminario de prevención del delito: cómo proteger su casa",
            "summary_es": (
                "Aprenda cómo eligen una casa los ladrones y qué pasos sencillos hacen que la "
                "suya sea un blanco más difícil."
            ),
            "description_es": (
                "Un agente de prevención del delito explica cómo ocurren los delitos más "
                "comunes, cómo prevenirlos y qué hacer si a usted le ocurre uno. Es gratis; los "
                "lugares son limitados, así que le pedimos que se registre."
            ),
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
            "title_es": "Demostración de la unidad K-9",
            "summary_es": (
                "Vea cómo nuestros equipos K-9 buscan, rastrean y obedecen, y después conozca a "
                "los guías."
            ),
            "description_es": (
                "La unidad K-9 muestra cómo trabajan juntos sus perros y sus guías. Los niños "
                "son bienvenidos; por favor, deje a sus propios perros en casa."
            ),
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
            "title_es": "Limpieza comunitaria: el centro",
            "summary_es": (
                "Únase a agentes y vecinos para limpiar las calles y las áreas verdes del centro."
            ),
            "description_es": (
                "Le daremos guantes, bolsas y agua. Use zapatos resistentes. Los voluntarios "
                "menores de 16 años deben venir con un adulto."
            ),
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
            "title_es": "Barbershop Rap Session (charla en la barbería)",
            "summary_es": (
                "Una conversación abierta entre jóvenes y agentes, en un ambiente relajado."
            ),
            "description_es": (
                "Hable con los agentes sobre lo que le importa. Puede preguntar de todo."
            ),
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
            "title_es": "Día de la Seguridad Pública (Public Safety Day)",
            "summary_es": (
                "La policía, los bomberos y los servicios de emergencia en el centro: vehículos "
                "para explorar, demostraciones de seguridad y actividades para familias."
            ),
            "description_es": (
                "Conozca a las personas que mantienen seguro a Cary, mire por dentro las "
                "patrullas y los camiones de bomberos, y llévese consejos de seguridad para su "
                "casa y su familia."
            ),
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
            "title_es": "Heart & Art (Corazón y Arte)",
            "summary_es": "Jóvenes y agentes hicieron arte juntos.",
            "description_es": (
                "Una tarde de proyectos de arte que compartieron jóvenes residentes y agentes."
            ),
        },
    ),
    (
        "community-meeting-district-2",
        13,
        18.5,
        1.5,
        {
            "title": "Community meeting: District 2",
            "kind": Event.Kind.COMMUNITY_MEETING,
            "place": POLICE_HQ,
            "summary": "Meet the captain and officers of District 2 and ask your questions.",
            "description": "District 2's officers share updates on their sectors and answer "
            "residents' questions and concerns.",
            "agenda": "1. Welcome from the district captain\n2. District update\n"
            "3. Questions from residents",
            "title_es": "Reunión comunitaria: Distrito 2",
            "summary_es": (
                "Conozca al capitán y a los agentes del Distrito 2 y haga sus preguntas."
            ),
            "description_es": (
                "Los agentes del Distrito 2 comparten novedades de sus sectores y responden a "
                "las preguntas e inquietudes de los residentes."
            ),
            "agenda_es": (
                "1. Bienvenida del capitán del distrito\n2. Novedades del distrito\n"
                "3. Preguntas de los residentes"
            ),
        },
    ),
    (
        "community-meeting-district-3",
        20,
        18.5,
        1.5,
        {
            "title": "Community meeting: District 3",
            "kind": Event.Kind.COMMUNITY_MEETING,
            "place": COUNCIL_CHAMBERS,
            "summary": "Meet the captain and officers of District 3 and ask your questions.",
            "description": "District 3's officers share updates on their sectors and answer "
            "residents' questions and concerns.",
            "agenda": "1. Welcome from the district captain\n2. District update\n"
            "3. Questions from residents",
            "title_es": "Reunión comunitaria: Distrito 3",
            "summary_es": (
                "Conozca al capitán y a los agentes del Distrito 3 y haga sus preguntas."
            ),
            "description_es": (
                "Los agentes del Distrito 3 comparten novedades de sus sectores y responden a "
                "las preguntas e inquietudes de los residentes."
            ),
            "agenda_es": (
                "1. Bienvenida del capitán del distrito\n2. Novedades del distrito\n"
                "3. Preguntas de los residentes"
            ),
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
            "title_es": "Reunión comunitaria: Distrito 2",
            "summary_es": "Los residentes del Distrito 2 conocieron a los agentes de su distrito.",
            "description_es": (
                "Los residentes escucharon novedades e hicieron preguntas sobre su distrito."
            ),
            "agenda_es": (
                "1. Bienvenida\n2. Novedades del distrito\n3. Preguntas de los residentes"
            ),
            "minutes_es": (
                "Asistieron unos cuarenta residentes. El capitán presentó las tendencias del "
                "delito en el distrito. Los residentes hablaron del exceso de velocidad en las "
                "calles de los vecindarios; la unidad de tráfico reforzará los controles y "
                "pondrá un letrero que muestra la velocidad de los vehículos."
            ),
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
        "rank_es": "Agente",
        "interests_es": (
            "Entrenamiento de perros, correr por senderos, entrenar a un equipo de fútbol juvenil"
        ),
        "biography_es": (
            "Jordan Reyes lleva cinco años como guía de perros policía y dirige las "
            "demostraciones de la unidad en escuelas y eventos comunitarios."
        ),
        "community_involvement_es": (
            "Entrena a un equipo de fútbol juvenil y visita escuelas primarias para enseñar a "
            "los niños a estar seguros con los perros."
        ),
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
        "rank_es": "Cabo",
        "interests_es": "Ciclismo, historia local",
        "biography_es": (
            "Morgan Lee trabaja en un sector fijo de patrullaje y conoce bien sus vecindarios."
        ),
        "community_involvement_es": (
            "Asiste a las reuniones de Vigilancia Vecinal del sector y ayudó a formar dos "
            "grupos nuevos."
        ),
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
        "rank_es": "Agente de recursos escolares",
        "interests_es": "Robótica, básquetbol",
        "biography_es": (
            "Sam Patel es agente de recursos escolares y trabaja con el personal, los "
            "estudiantes y las familias para mantener segura la escuela."
        ),
        "community_involvement_es": "Asesora el club de robótica de la escuela.",
    },
]

# Drawings made for the site (core/demo_images.py), with their alt text, by event or officer
# slug. The sample officers get a drawn outline in place of a photo: no real person is shown.
IMAGES = {
    "community-meeting-district-1": (
        "meeting",
        {
            "image_alt": "Residents seated in a row listen to an officer at a community meeting",
            "image_alt_es": (
                "Residentes sentados en fila escuchan a un agente en una reunión comunitaria"
            ),
        },
    ),
    "home-security-seminar": (
        "house",
        {
            "image_alt": "A house at night with its porch light and windows lit",
            "image_alt_es": "Una casa de noche con la luz del porche y las ventanas encendidas",
        },
    ),
}
OFFICER_ALT = {
    "image_alt": "A drawn outline of an officer in a uniform cap, in place of a photo",
    "image_alt_es": "El contorno dibujado de un agente con gorra de uniforme, en lugar de una foto",
}
OFFICER_IMAGES = {
    "sample-officer-jordan-reyes": "officer",
    "sample-officer-morgan-lee": "officer-gold",
    "sample-officer-sam-patel": "officer-tint",
}

K9_TEAMS = [
    {
        "slug": "sample-k9-ranger",
        "dog_name": "Ranger",
        "breed": "Belgian Malinois",
        "handler": "sample-officer-jordan-reyes",
        "biography": "Ranger is one of our K-9 dogs, trained in tracking and searching for "
        "missing people.",
        "breed_es": "Pastor belga malinois",
        "biography_es": "Ranger es uno de nuestros perros K-9, entrenado para rastrear y buscar a "
        "personas desaparecidas.",
    },
]

PARTNERS = [
    {
        "slug": "cary-chamber-of-commerce",
        "organisation": "Cary Chamber of Commerce",
        "kind": Partner.Kind.BUSINESS,
        "description": "We work with the Chamber of Commerce to support local businesses and "
        "community development, including crime-prevention advice for business owners.",
        "description_es": (
            "Trabajamos con la Cámara de Comercio para apoyar a los negocios locales y el "
            "desarrollo de la comunidad, y damos consejos de prevención del delito a los dueños "
            "de negocios."
        ),
    },
    {
        "slug": "cary-town-council",
        "organisation": "Cary Town Council",
        "kind": Partner.Kind.GOVERNMENT,
        "description": "We work closely with the Town Council to answer community concerns "
        "and to develop policy.",
        "website": "https://www.carync.gov/",
        "description_es": (
            "Trabajamos de cerca con el Concejo Municipal para atender las preocupaciones de la "
            "comunidad y desarrollar políticas públicas."
        ),
    },
    {
        "slug": "local-schools",
        "organisation": "Local schools",
        "kind": Partner.Kind.SCHOOLS,
        "description": "With local schools we run educational programs, place school resource "
        "officers and build positive relationships between students and officers.",
        "description_es": (
            "Con las escuelas locales llevamos a cabo programas educativos, asignamos agentes "
            "de recursos escolares y creamos relaciones positivas entre los estudiantes y los "
            "agentes."
        ),
    },
    {
        "slug": "project-phoenix",
        "organisation": "Project Phoenix apartment communities",
        "kind": Partner.Kind.COMMUNITY_GROUP,
        "description": "Apartment communities that take part in Project Phoenix work with us "
        "to build neighborliness. Participating communities saw calls for service fall by "
        "about 13 percent in under two years.",
        "description_es": (
            "Las comunidades de apartamentos que participan en Project Phoenix trabajan con "
            "nosotros para fortalecer la convivencia entre vecinos. En las comunidades "
            "participantes, las llamadas de servicio bajaron cerca de un 13 por ciento en menos "
            "de dos años."
        ),
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
            "title_es": "Abiertas las solicitudes para la Academia de Policía para Ciudadanos",
            "summary_es": (
                "La academia gratuita de 12 semanas para residentes de Cary de 18 años o más ya "
                "acepta solicitudes."
            ),
            "body_es": (
                "La Academia de Policía para Ciudadanos muestra a los residentes cómo funciona "
                "el departamento, desde el patrullaje hasta las investigaciones. Completarla es "
                "un requisito para unirse a los voluntarios de Citizens Assisting Police (CAP, "
                "ciudadanos que ayudan a la policía)."
            ),
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
            "title_es": "Alerta de delito: cierre su carro con llave",
            "summary_es": (
                "La mayoría de los robos en vehículos ocurren en carros sin seguro. Ciérrelo "
                "con llave y llévese sus objetos de valor."
            ),
            "body_es": (
                "Cierre su carro con llave, llévese las llaves y no deje objetos de valor a la "
                "vista. Reporte cualquier actividad sospechosa a la línea para casos que no son "
                "de emergencia, (919) 469-4012; en una emergencia, llame al 911."
            ),
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
            "title_es": (
                "Aviso de tráfico: calles cerradas en el centro por el Día de la Seguridad Pública"
            ),
            "summary_es": (
                "Algunas calles del centro se cerrarán durante el Día de la Seguridad Pública."
            ),
            "body_es": (
                "Salga con tiempo y siga las señales de desvío alrededor de Academy Street."
            ),
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
            "title_es": "En Cary puede enviar mensajes de texto al 911",
            "summary_es": (
                "Si no puede llamar sin peligro, envíe un mensaje de texto al 911 con su "
                "ubicación y lo que está pasando."
            ),
            "body_es": (
                "El servicio de mensajes de texto al 911 funciona con la mayoría de las "
                "compañías de telefonía celular en el área de comunicaciones de emergencia de "
                "Cary. Úselo solo cuando no sea posible o no sea seguro llamar, o si usted es "
                "una persona sorda o con problemas de audición. Llamar sigue siendo lo más "
                "rápido."
            ),
        },
    ),
]


# Demo events and news of one patrol district (slug -> district number; districts/demo.py).
DISTRICT_ROWS = {
    "community-meeting-district-1": 1,
    "community-meeting-district-2": 2,
    "community-meeting-district-3": 3,
    "community-meeting-district-2-past": 2,
    "vehicle-break-ins-warning": 1,
    "downtown-traffic-advisory": 2,
}


def _tie_to_district(row, districts) -> int:
    """A demo row of one district that has none gets it (also one loaded before the districts
    existed); 1 if it did."""
    district = districts.get(DISTRICT_ROWS.get(row.slug))
    if district is None or row.district_id is not None:
        return 0
    row.district = district
    return type(row).objects.filter(pk=row.pk, district__isnull=True).update(district=district)


# The weekday each demo event falls on, counted from its offset in EVENTS: a clean-up on a
# Saturday morning, meetings on weeknights (0 is Monday). Without this every event would fall on
# the weekday the demo was loaded.
MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY, SATURDAY, SUNDAY = range(7)
WEEKDAYS = {
    "community-meeting-district-1": MONDAY,
    "community-meeting-district-2": TUESDAY,
    "community-meeting-district-2-past": TUESDAY,
    "community-meeting-district-3": WEDNESDAY,
    "home-security-seminar": THURSDAY,
    "barbershop-rap-session": FRIDAY,
    "k9-demonstration-fall": SATURDAY,
    "community-clean-up-downtown": SATURDAY,
    "public-safety-day": SATURDAY,
    "heart-and-art-past": SUNDAY,
}


def _on_weekday(day, weekday: int | None):
    """``day``, or the first day after it that is ``weekday``."""
    if weekday is None:
        return day
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def _at(day, hour: float):
    zone = timezone.get_current_timezone()
    whole = int(hour)
    return datetime.combine(day, time(whole, round((hour - whole) * 60)), tzinfo=zone)


def load() -> int:
    created_count = 0
    today = timezone.localdate()
    services = {s.slug: s for s in Service.objects.all()}
    programs = {p.slug: p for p in Program.objects.all()}
    districts = {d.number: d for d in District.objects.all()}

    for slug, days, start_hour, hours, fields in EVENTS:
        fields = dict(fields)
        place_name, address = fields.pop("place")
        program = programs.get(fields.pop("program", None))
        starts_at = _at(_on_weekday(today + timedelta(days=days), WEEKDAYS.get(slug)), start_hour)
        event, created = get_or_create_translated(
            Event,
            {"slug": slug},
            {
                **fields,
                "location_name": place_name,
                "address": address,
                "starts_at": starts_at,
                "ends_at": starts_at + timedelta(hours=hours),
                "related_program": program,
            },
        )
        created_count += created
        _tie_to_district(event, districts)
        if slug in IMAGES:
            add_demo_image(event, *IMAGES[slug])

    officers = {}
    for fields in OFFICERS:
        fields = dict(fields)
        unit = services.get(fields.pop("unit"))
        officer, created = get_or_create_translated(
            Officer, {"slug": fields["slug"]}, {**fields, "unit": unit, "is_sample": True}
        )
        officers[officer.slug] = officer
        created_count += created
        if officer.slug in OFFICER_IMAGES:
            add_demo_image(officer, OFFICER_IMAGES[officer.slug], OFFICER_ALT)

    for fields in K9_TEAMS:
        fields = dict(fields)
        handler = officers[fields.pop("handler")]
        _team, created = get_or_create_translated(
            K9Team, {"slug": fields["slug"]}, {**fields, "handler": handler, "is_sample": True}
        )
        created_count += created

    for order, fields in enumerate(PARTNERS):
        _partner, created = get_or_create_translated(
            Partner, {"slug": fields["slug"]}, {**fields, "display_order": order * 10}
        )
        created_count += created

    now = timezone.now()
    for days, fields in NEWS:
        item, created = get_or_create_translated(
            NewsItem,
            {"slug": fields["slug"]},
            {**fields, "published_at": now + timedelta(days=days)},
        )
        created_count += created
        _tie_to_district(item, districts)
    return created_count
