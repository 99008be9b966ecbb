"""Demo content for online reports: incident types, rejection reasons, the "Where do I report
this?" guide and the settings record. Each text is here in English and in Spanish ("name" and
"name_es"). Only what is missing is created, and Spanish that is still empty is filled
(core.demo); staff edits are kept."""

from core.demo import get_or_create_translated
from programs.models import Tip
from reports.models import (
    IncidentType,
    RejectionReason,
    ReportingGuideEntry,
    ReportSettings,
)

SETTINGS = {"expected_review_time": "5 working days", "expected_review_time_es": "5 días hábiles"}

INCIDENT_TYPES = [
    {
        "slug": "theft",
        "name": "Theft",
        "description": "Something was stolen, for example a bike, a package or tools from a yard.",
        "tip_category": Tip.Category.HOME,
        "name_es": "Robo",
        "description_es": (
            "Le robaron algo, por ejemplo una bicicleta, un paquete o herramientas del patio."
        ),
    },
    {
        "slug": "theft-from-vehicle",
        "name": "Theft from a vehicle",
        "description": "Something was taken from your car, truck or motorcycle.",
        "tip_category": Tip.Category.VEHICLE,
        "name_es": "Robo de objetos de un vehículo",
        "description_es": "Alguien se llevó algo de su carro, camioneta o motocicleta.",
    },
    {
        "slug": "vandalism",
        "name": "Vandalism or damage to property",
        "description": "Someone damaged your property, for example graffiti or a broken window.",
        "tip_category": Tip.Category.NEIGHBORHOOD,
        "name_es": "Vandalismo o daños a sus bienes",
        "description_es": (
            "Alguien dañó sus bienes, por ejemplo con grafiti o rompiendo una ventana."
        ),
    },
    {
        "slug": "lost-property",
        "name": "Lost property",
        "description": "You lost something in Cary and want a record of it.",
        "tip_category": "",
        "name_es": "Objetos perdidos",
        "description_es": "Perdió algo en Cary y quiere que quede un registro.",
    },
    {
        "slug": "fraud",
        "name": "Fraud or a scam",
        "description": "Someone tricked you out of money, or used your card or identity.",
        "tip_category": Tip.Category.ONLINE,
        "name_es": "Fraude o estafa",
        "description_es": "Alguien le quitó dinero con engaños, o usó su tarjeta o su identidad.",
    },
    {
        "slug": "harassing-calls",
        "name": "Harassing or threatening calls or messages",
        "description": "Unwanted calls, texts or messages from someone you do not know.",
        "tip_category": Tip.Category.PERSONAL,
        "name_es": "Llamadas o mensajes de acoso o amenazas",
        "description_es": (
            "Llamadas, mensajes de texto u otros mensajes no deseados de alguien que usted no "
            "conoce."
        ),
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
        "name_es": "Robo en una casa (allanamiento de morada)",
        "description_es": "Alguien entró a la fuerza en su casa.",
        "not_online_message_es": (
            "Un agente necesita ver el lugar. **No toque ni limpie nada** que la persona pueda "
            "haber tocado, y llámenos para que le enviemos a un agente."
        ),
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
        "name_es": "Agresión",
        "description_es": "Alguien le hizo daño o amenazó con hacerle daño.",
        "not_online_message_es": (
            "Si tiene lesiones, busque atención médica primero. Un agente hablará con usted y "
            "le ayudará con los pasos siguientes, incluidos los servicios para víctimas."
        ),
    },
]

REJECTION_REASONS = [
    {
        "title": "Happened outside Cary",
        "explanation": (
            "The address is outside the Town of Cary, so another police department handles it. "
            "Please report it to the police department or sheriff's office for that place."
        ),
        "title_es": "Ocurrió fuera de Cary",
        "explanation_es": (
            "La dirección está fuera del Pueblo de Cary, así que le corresponde a otro "
            "departamento de policía. Por favor, repórtelo al departamento de policía o a la "
            "oficina del sheriff de ese lugar."
        ),
    },
    {
        "title": "Needs an officer in person",
        "explanation": (
            "This report needs an officer to talk with you or visit the scene. Please call our "
            "non-emergency line and give your reference number."
        ),
        "title_es": "Necesita atención de un agente en persona",
        "explanation_es": (
            "Para este reporte, un agente necesita hablar con usted o visitar el lugar. Por "
            "favor, llame a nuestra línea para casos que no son de emergencia y dé su número de "
            "referencia."
        ),
    },
    {
        "title": "Not a police matter",
        "explanation": (
            "This is not something the police can act on. It may be a civil matter or a question "
            "for the Town of Cary (call 311) or another agency."
        ),
        "title_es": "No es un asunto de la policía",
        "explanation_es": (
            "La policía no puede intervenir en este caso. Puede ser un asunto civil o una "
            "consulta para el Pueblo de Cary (llame al 311) o para otra agencia."
        ),
    },
    {
        "title": "Duplicate report",
        "explanation": "We already have a report about this. We will use the earlier report.",
        "title_es": "Reporte duplicado",
        "explanation_es": "Ya tenemos un reporte sobre esto. Usaremos el reporte anterior.",
    },
    {
        "title": "Not enough information",
        "explanation": (
            "We could not take this report without more details, and we did not hear back from "
            "you. You are welcome to report it again or call us."
        ),
        "title_es": "Falta información",
        "explanation_es": (
            "No pudimos aceptar este reporte sin más detalles, y no recibimos respuesta de "
            "usted. Si quiere, puede reportarlo de nuevo o llamarnos."
        ),
    },
]

GUIDE = [
    {
        "title": "Someone is in danger or a crime is happening now",
        "body": """\
**Call 911.** This includes fires, medical emergencies, crashes with injuries, and any crime
where the person who did it is still there or nearby.

If you cannot speak safely, you can text 911 from most mobile phones in Cary. Give your location
and what is happening.""",
        "title_es": "Alguien está en peligro o se está cometiendo un delito en este momento",
        "body_es": """\
**Llame al 911.** Esto incluye incendios, emergencias médicas, choques con heridos y cualquier
delito en el que la persona que lo cometió todavía esté en el lugar o cerca.

Si no puede hablar sin peligro, puede enviar un mensaje de texto al 911 desde la mayoría de los
teléfonos celulares en Cary. Indique su ubicación y lo que está pasando.""",
    },
    {
        "title": "A police matter that is not an emergency",
        "body": """\
Call the non-emergency line, **(919) 469-4012**, at any time. For example: loud music, parking
problems, a suspicious car that has left, or a crime you want to talk through with an officer.

We have free interpreters: tell us your language when you call.""",
        "title_es": "Un asunto de la policía que no es una emergencia",
        "body_es": """\
Llame a la línea para casos que no son de emergencia, **(919) 469-4012**, a cualquier hora. Por
ejemplo: música a todo volumen, problemas de estacionamiento, un carro sospechoso que ya se fue,
o un delito del que quiere hablar con un agente.

Tenemos intérpretes gratuitos: díganos su idioma cuando llame.""",
    },
    {
        "title": "A theft, damage, lost property, fraud or harassing calls",
        "body": """\
You can [report it online](/report/) when nobody is in danger, it happened in Cary, and you do
not know who did it. You get a reference number at once, and a case number when an officer
accepts the report.""",
        "title_es": "Un robo, daños, objetos perdidos, un fraude o llamadas de acoso",
        "body_es": (
            "Puede [reportarlo en línea](/es/report/) cuando nadie está en peligro, ocurrió en "
            "Cary y usted no sabe quién lo hizo. Recibirá un número de referencia de inmediato, "
            "y un número de caso cuando un agente acepte el reporte."
        ),
    },
    {
        "title": "Town services: trash, water, streets and other town questions",
        "body": """\
These are handled by the Town of Cary, not the police. Call **311** (or the Town's main number)
for missed trash collection, utilities, street lights, potholes and other town services.""",
        "title_es": "Servicios del Pueblo: basura, agua, calles y otras preguntas sobre el pueblo",
        "body_es": (
            "De estos asuntos se encarga el Pueblo de Cary, no la policía. Llame al **311** (o "
            "al número principal del Pueblo) si no recogieron su basura, o por los servicios "
            "públicos, el alumbrado de las calles, los baches y otros servicios del Pueblo."
        ),
    },
    {
        "title": "Online fraud and scams",
        "body": """\
If you lost money or someone used your identity, report it to us as well, online or by phone,
so you get a case number for your bank. You can also report it nationally:

- Internet crime and online scams: the FBI's Internet Crime Complaint Center,
  [ic3.gov](https://www.ic3.gov/)
- Fraud, scams and identity theft: the Federal Trade Commission,
  [reportfraud.ftc.gov](https://reportfraud.ftc.gov/) and
  [identitytheft.gov](https://www.identitytheft.gov/)""",
        "title_es": "Fraudes y estafas en internet",
        "body_es": """\
Si perdió dinero o alguien usó su identidad, repórtelo también a nosotros, en línea o por
teléfono, para tener un número de caso para su banco. También puede reportarlo a nivel nacional:

- Delitos y estafas en internet: el Centro de Denuncias de Delitos por Internet del FBI
  (Internet Crime Complaint Center), [ic3.gov](https://www.ic3.gov/)
- Fraudes, estafas y robo de identidad: la Comisión Federal de Comercio (FTC),
  [reportfraud.ftc.gov](https://reportfraud.ftc.gov/) y
  [identitytheft.gov](https://www.identitytheft.gov/)""",
    },
    {
        "title": "It happened outside Cary",
        "body": """\
Report it to the police where it happened:

- unincorporated Wake County: the Wake County Sheriff's Office
- Morrisville, Apex, Raleigh or another town: that town's police department

Not sure which town an address is in? Call our non-emergency line and we will tell you.""",
        "title_es": "Ocurrió fuera de Cary",
        "body_es": """\
Repórtelo a la policía del lugar donde ocurrió:

- zonas no incorporadas del condado de Wake: la Oficina del Sheriff del Condado de Wake (Wake
  County Sheriff's Office)
- Morrisville, Apex, Raleigh u otro pueblo: el departamento de policía de ese pueblo

¿No sabe en qué pueblo está una dirección? Llame a nuestra línea para casos que no son de
emergencia y se lo diremos.""",
    },
]


def load() -> int:
    _record, created = get_or_create_translated(ReportSettings, {"pk": 1}, SETTINGS)
    created_count = int(created)
    for order, data in enumerate(INCIDENT_TYPES, start=1):
        fields = {k: v for k, v in data.items() if k != "slug"}
        _type, created = get_or_create_translated(
            IncidentType, {"slug": data["slug"]}, {**fields, "display_order": order * 10}
        )
        created_count += created
    # Reasons and guide entries have no slug: the English title finds them.
    for order, data in enumerate(REJECTION_REASONS, start=1):
        fields = {k: v for k, v in data.items() if k != "title"}
        _reason, created = get_or_create_translated(
            RejectionReason, {"title": data["title"]}, {**fields, "display_order": order * 10}
        )
        created_count += created
    for order, data in enumerate(GUIDE, start=1):
        fields = {k: v for k, v in data.items() if k != "title"}
        _entry, created = get_or_create_translated(
            ReportingGuideEntry, {"title": data["title"]}, {**fields, "display_order": order * 10}
        )
        created_count += created
    return created_count
