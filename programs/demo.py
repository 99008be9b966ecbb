"""Demo programs, watch groups and tips, from the department's published facts.

Loaded after services.demo, so programs and tips can link to services. Each text is here in
English and in Spanish ("name" and "name_es"). Loading only creates what is missing (by slug, or
by name for watch groups) and fills Spanish that is still empty (core.demo), so staff edits are
never overwritten. The watch groups are samples and say so: no real group, and no personal
contact, is listed; their fields are not translated.
"""

from core.demo import get_or_create_translated
from core.demo_images import add_demo_image
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
        "name_es": "Vigilancia Vecinal",
        "summary_es": (
            "Vecinos que cuidan las casas y las calles de su vecindario, unos por otros, con "
            "capacitación, recursos y apoyo del departamento de policía."
        ),
        "audience_es": "Cualquier persona que viva en Cary",
        "schedule_es": "Cada grupo se reúne con la frecuencia que decidan sus miembros",
        "how_to_join_es": """\
Inscríbase en esta página para unirse al grupo de su vecindario, o para formar uno si todavía no
existe. También puede llamar a la línea de Vigilancia Vecinal, (919) 469-4324. Nuestra unidad de
operaciones especiales coordina Vigilancia Vecinal y se comunicará con usted.
""",
        "body_es": """\
Vigilancia Vecinal (Neighborhood Watch) ayuda a los residentes a participar activamente en la
prevención del delito donde viven. La unidad de operaciones especiales del departamento de
policía coordina el programa y ofrece a los grupos capacitación, recursos y apoyo.

## Qué hacen los miembros

- Conocen a sus vecinos y están pendientes de las casas de los demás
- Aprenden a reconocer y reportar actividades sospechosas
- Comparten información de prevención del delito en su calle
- Se mantienen en contacto con los agentes de policía que trabajan en su zona

A los miembros no se les pide que patrullen ni que enfrenten a nadie: observan y reportan. En
una emergencia, llame siempre al 911.

## Encuentre su grupo

Averigüe si su vecindario ya tiene un grupo de vigilancia. Si lo tiene, pida unirse. Si no lo
tiene, puede pedir formar uno y le ayudaremos.
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
        "name_es": "Seminarios de prevención del delito",
        "summary_es": (
            "Charlas gratuitas donde los residentes conocen los delitos más comunes, cómo "
            "prevenirlos y qué hacer si ocurre uno."
        ),
        "audience_es": "Residentes, asociaciones de vecinos y negocios locales",
        "schedule_es": "Se ofrecen con regularidad; inscríbase y le avisaremos del próximo",
        "how_to_join_es": """\
Inscríbase en esta página y le avisaremos cuándo es el próximo seminario. Los grupos también
pueden pedir un seminario propio llamando a la línea para casos que no son de emergencia.
""",
        "body_es": """\
Los seminarios de prevención del delito ayudan a los residentes a entender los delitos que
ocurren en un pueblo como Cary, y lo que cada uno de nosotros puede hacer para prevenirlos.

## Algunos temas

- Cómo proteger su casa y su carro
- Estafas y fraudes, por teléfono y en internet
- Su seguridad personal cuando anda fuera de casa
- Qué hacer, y a quién llamar, si ocurre un delito
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
        "name_es": "Limpiezas comunitarias",
        "summary_es": (
            "Limpiezas organizadas con grupos comunitarios locales para cuidar los espacios "
            "compartidos y fomentar el orgullo por el vecindario."
        ),
        "audience_es": "Residentes de todas las edades; los niños, acompañados de un adulto",
        "schedule_es": "Varias veces al año, los fines de semana",
        "how_to_join_es": """\
Inscríbase en esta página y le enviaremos la fecha y el lugar de la próxima limpieza.
""",
        "body_es": """\
El departamento se une a grupos comunitarios locales para organizar jornadas de limpieza.
Recoger la basura y arreglar los espacios compartidos hace más agradables los vecindarios, y en
los lugares bien cuidados hay menos delitos.

Las limpiezas también son una forma relajada de conocer a los vecinos y a los agentes que sirven
a su zona.
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
        "name_es": "Programas para jóvenes",
        "summary_es": (
            "Actividades que reúnen a jóvenes y agentes para aprender, divertirse y generar "
            "confianza."
        ),
        "audience_es": "Jóvenes de Cary, con el permiso de su padre, madre o tutor",
        "schedule_es": (
            "Durante todo el año; inscríbase para enterarse de las próximas actividades"
        ),
        "how_to_join_es": """\
Un padre, una madre o un tutor puede inscribirse en esta página, y le avisaremos de las próximas
actividades.
""",
        "body_es": """\
Los programas para jóvenes del departamento buscan que los jóvenes participen y aprendan, y
crean relaciones positivas con los agentes que sirven a su pueblo. Los agentes cuentan cómo es
su trabajo de verdad, y los jóvenes pueden hacer todas las preguntas que quieran.
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
        "name_es": "Academia de Policía para Ciudadanos",
        "summary_es": (
            "Un curso gratuito de 12 semanas para residentes de Cary de 18 años o más, sobre "
            "cómo funciona el departamento."
        ),
        "audience_es": "Residentes de Cary de 18 años o más",
        "schedule_es": "12 semanas; las fechas de la próxima academia se anuncian aquí",
        "how_to_join_es": """\
Inscríbase en esta página para pedir un lugar en la próxima academia. La academia es gratuita.
""",
        "body_es": """\
La Academia de Policía para Ciudadanos (Citizens Police Academy) es un curso gratuito de 12
semanas que muestra a los residentes cómo funciona el departamento, desde el patrullaje y las
investigaciones hasta la seguridad vial.

## Después, hágase voluntario

Completar la academia es un requisito para unirse a los voluntarios de Citizens Assisting Police
(CAP, ciudadanos que ayudan a la policía), que apoyan al departamento en la comunidad.
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
        "title_es": "Conozca a sus vecinos",
        "summary_es": "Los vecinos que se conocen notan cuando algo anda mal.",
        "body_es": """\
Preséntese, intercambien números de teléfono y estén pendientes de la casa del otro, sobre todo
cuando alguien está de viaje. Usted notará cuando algo esté fuera de lugar, y ellos también.

Unirse a un grupo de Vigilancia Vecinal, o formar uno, es una buena manera de empezar.
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
        "title_es": "No deje objetos de valor a la vista",
        "summary_es": (
            "Una bolsa en el asiento es una invitación: llévesela o guárdela bajo llave."
        ),
        "body_es": """\
- Llévese las bolsas, los teléfonos, las computadoras portátiles y las billeteras cuando se baje
  del carro.
- Si tiene que dejar algo, guárdelo en la cajuela antes de llegar, no en el estacionamiento,
  donde alguien podría estar mirando.
- En casa, mantenga los objetos de valor lejos de las ventanas, y guarde los recibos y los
  números de serie.
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
        "title_es": "Instale cámaras de seguridad y alarmas",
        "summary_es": (
            "Las cámaras y las alarmas desaniman a los ladrones y ayudan a los agentes cuando "
            "ocurre un delito."
        ),
        "body_es": """\
- Una cámara o una alarma a la vista hace que su casa sea un blanco más difícil.
- Apunte las cámaras hacia las puertas y la entrada del garaje, no hacia las casas de sus
  vecinos.
- Guarde las grabaciones el tiempo suficiente para poder compartirlas con los agentes si pasa
  algo.
- Pruebe su alarma de vez en cuando, y dígale a un vecino de confianza cómo comunicarse con
  usted.
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
        "title_es": "Reporte actividades sospechosas",
        "summary_es": (
            "Si algo no le parece bien, avísenos: los residentes son nuestros ojos y oídos."
        ),
        "body_es": """\
Si se está cometiendo un delito o alguien está en peligro, llame al 911. Si algo le parece raro
pero no es urgente, llame a la línea para casos que no son de emergencia, (919) 469-4012.

Diga lo que vio, dónde y cuándo, y describa a las personas o los vehículos. No enfrente a nadie
por su cuenta.
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
        "title_es": "Camine, use la bicicleta o tome el autobús cuando pueda",
        "summary_es": "Cómo moverse a pie, en bicicleta o en autobús, de forma segura.",
        "body_es": """\
Caminar, andar en bicicleta y usar el transporte público son buenas maneras de moverse por Cary,
y nadie puede forzar un carro que se quedó en casa. Cuídese mientras lo hace:

- Esté atento a lo que pasa a su alrededor; guarde el teléfono en el bolsillo al cruzar la
  calle.
- De noche, use rutas iluminadas y con gente.
- Asegure su bicicleta con un candado resistente que pase por el cuadro, y anote su número de
  serie.
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
        "title_es": "Cierre su carro con llave y llévese las llaves",
        "summary_es": "Muchos robos en vehículos empiezan con una puerta sin seguro.",
        "body_es": """\
- Cierre su carro con llave siempre, incluso en la entrada de su casa.
- Nunca deje el motor encendido cuando se aleje del carro.
- No deje llaves de repuesto ni controles del garaje dentro del carro.
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
        "title_es": "Ilumine las puertas y los caminos",
        "summary_es": "Una buena iluminación elimina las sombras que buscan los ladrones.",
        "body_es": """\
- Ilumine la puerta de entrada, la puerta de atrás, el garaje y los caminos.
- Las luces con sensor de movimiento gastan poco y asustan a los intrusos.
- Cuando no esté, use temporizadores para que su casa no parezca vacía.
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
        "title_es": "Cierre con llave puertas y ventanas, aunque esté en casa",
        "summary_es": (
            "En muchos robos en casas no hace falta forzar nada: basta una puerta o una ventana "
            "abierta."
        ),
        "body_es": """\
- Cierre con llave las puertas y las ventanas de la planta baja cuando salga, y de noche.
- Cierre la puerta del garaje y póngale seguro.
- No esconda una llave de repuesto afuera: déjela con un vecino de confianza.
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
        "title_es": "Confíe en su instinto",
        "summary_es": "Si un lugar o una persona le da desconfianza, váyase y busque ayuda.",
        "body_es": """\
- Si siente que no está a salvo, vaya a un lugar con gente y bien iluminado.
- Dígale a alguien de confianza adónde va y cuándo va a regresar.
- Si recibe amenazas, llame al 911.
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
        "title_es": "Cuelgue si quien llama le exige un pago",
        "summary_es": (
            "Las agencias del gobierno y la policía nunca piden tarjetas de regalo ni "
            "transferencias de dinero."
        ),
        "body_es": """\
Los estafadores se hacen pasar por la policía, una compañía de servicios públicos o una agencia
del gobierno, y le dicen que tiene que pagar de inmediato. Cuelgue. Vuelva a llamar a la
organización a un número que busque por su cuenta.

Si perdió dinero por una estafa, repórtelo a la línea para casos que no son de emergencia, (919)
469-4012.
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
        "title_es": "Proteja sus cuentas en internet",
        "summary_es": (
            "Las contraseñas seguras y distintas y la verificación en dos pasos evitan la "
            "mayoría de los robos de cuentas."
        ),
        "body_es": """\
- Use una contraseña larga y distinta para cada cuenta; un administrador de contraseñas le puede
  ayudar.
- Active la verificación en dos pasos en su correo electrónico, su banco y sus redes sociales.
- No haga clic en los enlaces de mensajes inesperados: vaya directamente al sitio web.
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
        "title_es": "Cuide los paquetes de sus vecinos",
        "summary_es": "Guarde el paquete de un vecino y pídale que haga lo mismo por usted.",
        "body_es": """\
- Siga el envío de sus paquetes y métalos en casa poco después de que lleguen.
- Pídale a un vecino que los recoja cuando usted no esté, o pida que los entreguen en un punto
  de recogida.
""",
    },
]


# Drawings made for the site (core/demo_images.py), with their alt text, by program slug.
IMAGES = {
    "neighborhood-watch": (
        "house",
        {
            "image_alt": "A house at night with its porch light and windows lit",
            "image_alt_es": "Una casa de noche con la luz del porche y las ventanas encendidas",
        },
    ),
    "youth-programs": (
        "bicycle",
        {
            "image_alt": "A blue bicycle standing on a path on a sunny day",
            "image_alt_es": "Una bicicleta azul en un sendero en un día soleado",
        },
    ),
    "citizens-police-academy": (
        "badge",
        {
            "image_alt": "A gold police badge shaped like a shield, with a star at its center",
            "image_alt_es": (
                "Una placa de policía dorada en forma de escudo, con una estrella en el centro"
            ),
        },
    ),
}


def load() -> int:
    """Create the seed programs, sample watch groups and tips that are missing."""
    created_count = 0
    services = {service.slug: service for service in Service.objects.all()}
    programs = {}
    for data in PROGRAMS:
        fields = {k: v for k, v in data.items() if k not in {"slug", "services"}}
        program, created = get_or_create_translated(Program, {"slug": data["slug"]}, fields)
        programs[program.slug] = program
        if program.slug in IMAGES:
            add_demo_image(program, *IMAGES[program.slug])
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
        tip, created = get_or_create_translated(Tip, {"slug": data["slug"]}, fields)
        if created:
            tip.services.set([services[s] for s in data["services"] if s in services])
            tip.programs.set([programs[p] for p in data["programs"] if p in programs])
            created_count += 1
    return created_count
