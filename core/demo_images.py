"""Illustrations drawn for this site's demo content, so the demo shows the image pipeline.

Each drawing is made here with Pillow when the demo loads (nothing is copied from elsewhere),
in the site's palette (static/css/site.css), with no text in it (words belong on the page). The
same drawing gives the same pixels every time. ``add_demo_image`` stores one on a demo row as a
staff upload through the admin would be: checked by ``core.images.check_image``, saved under a
random name by the image field's ``upload_to``, its size read by ``ImageFields.save``; the
renditions are then made the first time a page asks for them (``core.images``), as for any photo.
"""

import functools
import io
import math

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw

from core.demo import localized
from core.images import check_image

# The site's palette (static/css/site.css custom properties) and a few tints of it.
NAVY = (11, 37, 69)  # --cpd-navy
NAVY_DARK = (7, 26, 49)  # --cpd-navy-dark
BLUE = (10, 74, 143)  # --cpd-link
GOLD = (242, 179, 61)  # --cpd-gold
SURFACE = (243, 245, 248)  # --cpd-surface
MUTED = (74, 83, 96)  # --cpd-muted
BORDER = (107, 119, 133)  # --cpd-border
TINT = (230, 236, 244)  # the tags' background
SKY = (200, 215, 233)
PALE_GOLD = (250, 228, 180)
WHITE = (255, 255, 255)

WIDTH, HEIGHT = 1200, 800  # 3:2; the renditions (core.images) go up to this width
SCALE = 2  # drawn twice as large, then halved: smooth edges without per-shape anti-aliasing


class Canvas:
    """Drawing in the 1200 x 800 frame's coordinates, on a canvas SCALE times larger."""

    def __init__(self, background):
        self.image = Image.new("RGB", (WIDTH * SCALE, HEIGHT * SCALE), background)
        self.draw = ImageDraw.Draw(self.image)

    @staticmethod
    def _box(box):
        return [round(v * SCALE) for v in box]

    def rect(self, box, fill, radius=0):
        if radius:
            self.draw.rounded_rectangle(self._box(box), radius * SCALE, fill=fill)
        else:
            self.draw.rectangle(self._box(box), fill=fill)

    def ellipse(self, box, fill=None, outline=None, width=0):
        self.draw.ellipse(self._box(box), fill=fill, outline=outline, width=width * SCALE)

    def circle(self, x, y, r, fill=None, outline=None, width=0):
        self.ellipse((x - r, y - r, x + r, y + r), fill=fill, outline=outline, width=width)

    def polygon(self, points, fill):
        self.draw.polygon([(x * SCALE, y * SCALE) for x, y in points], fill=fill)

    def line(self, points, fill, width):
        scaled = [(x * SCALE, y * SCALE) for x, y in points]
        self.draw.line(scaled, fill=fill, width=width * SCALE, joint="curve")
        for x, y in scaled[:: len(scaled) - 1]:  # round ends
            r = width * SCALE / 2
            self.draw.ellipse((x - r, y - r, x + r, y + r), fill=fill)

    def png(self) -> bytes:
        out = io.BytesIO()
        self.image.reduce(SCALE).save(out, format="PNG")
        return out.getvalue()


def _mix(a, b, t):
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))


def _star(cx, cy, outer, inner, points=5):
    return [
        (
            cx + (outer if i % 2 == 0 else inner) * math.sin(math.pi * i / points),
            cy - (outer if i % 2 == 0 else inner) * math.cos(math.pi * i / points),
        )
        for i in range(points * 2)
    ]


def _shield(cx, top, half_width, height):
    """A badge's shield: a top arched between its shoulders, straight sides, a curved point."""
    arch = [
        (cx - half_width * math.cos(math.pi * i / 10), top + 18 - 18 * math.sin(math.pi * i / 10))
        for i in range(11)
    ]
    side = top + 18 + height * 0.4
    right = [(cx + half_width, side)]
    for i in range(1, 13):  # the right side curving into the point
        t = i / 12
        drop = (top + height - side) * math.sin(t * math.pi / 2)
        right.append((cx + half_width * (1 - t**1.8), side + drop))
    left = [(2 * cx - x, y) for x, y in reversed(right[:-1])]
    return arch + right + left


def badge() -> bytes:
    """A gold shield badge with a star, on navy."""
    c = Canvas(NAVY)
    for i, r in enumerate(range(620, 200, -70)):  # soft rings behind the badge
        c.circle(600, 400, r, fill=_mix(NAVY, BLUE, 0.12 * (i + 1)))
    c.polygon(_shield(600, 130, 230, 560), GOLD)
    c.polygon(_shield(600, 168, 190, 490), NAVY)
    c.polygon(_shield(600, 192, 166, 440), _mix(GOLD, WHITE, 0.15))
    c.circle(600, 390, 120, fill=NAVY)
    c.polygon(_star(600, 392, 100, 42), GOLD)
    return c.png()


def house() -> bytes:
    """A house at night, its porch light and windows lit."""
    c = Canvas(NAVY_DARK)
    c.rect((0, 0, WIDTH, 560), _mix(NAVY_DARK, NAVY, 0.7))
    c.circle(980, 150, 60, fill=PALE_GOLD)
    c.circle(1005, 135, 56, fill=_mix(NAVY_DARK, NAVY, 0.7))  # a crescent moon
    for x, y in [(150, 120), (320, 80), (480, 170), (760, 90), (1100, 260), (90, 300)]:
        c.circle(x, y, 4, fill=PALE_GOLD)
    c.rect((0, 560, WIDTH, HEIGHT), _mix(NAVY_DARK, BLUE, 0.35))  # lawn
    c.polygon([(560, 800), (640, 800), (625, 600), (575, 600)], _mix(BORDER, NAVY, 0.3))  # path
    c.rect((300, 330, 900, 600), _mix(TINT, SKY, 0.5))  # the house
    c.polygon([(260, 340), (600, 130), (940, 340)], BLUE)  # roof
    c.rect((760, 170, 810, 270), BLUE)  # chimney
    for i, r in enumerate((85, 66, 50, 36)):  # the porch light's glow
        c.circle(680, 420, r, fill=_mix(_mix(TINT, SKY, 0.5), PALE_GOLD, 0.25 * (i + 1)))
    c.rect((555, 430, 645, 600), NAVY)  # door
    c.circle(630, 520, 6, fill=GOLD)
    c.circle(680, 420, 16, fill=GOLD)  # porch light
    c.rect((675, 398, 685, 406), MUTED)
    for x in (350, 735):  # lit windows with their bars
        c.rect((x, 380, x + 120, 480), GOLD)
        c.rect((x + 57, 380, x + 63, 480), _mix(TINT, SKY, 0.5))
        c.rect((x, 427, x + 120, 433), _mix(TINT, SKY, 0.5))
    c.rect((520, 596, 680, 612), _mix(BORDER, NAVY, 0.2))  # step
    return c.png()


def bicycle() -> bytes:
    """A bicycle on a path under a pale sky."""
    c = Canvas(SURFACE)
    c.rect((0, 0, WIDTH, 470), SKY)
    c.circle(960, 150, 70, fill=PALE_GOLD)
    c.rect((0, 600, WIDTH, HEIGHT), TINT)  # path
    c.rect((0, 596, WIDTH, 604), BORDER)
    rear, front, r = (370, 470), (830, 470), 125
    for x, y in (rear, front):
        c.circle(x, y, r, outline=NAVY, width=18)
        c.circle(x, y, 14, fill=NAVY)
        for k in range(8):  # spokes
            angle = math.pi * k / 4
            c.line(
                [(x, y), (x + (r - 10) * math.cos(angle), y + (r - 10) * math.sin(angle))],
                BORDER,
                3,
            )
    crank, seat, head = (580, 470), (520, 270), (770, 260)
    c.line([rear, crank, seat, rear], BLUE, 16)  # chain stay, seat tube, seat stay
    c.line([seat, head, crank], BLUE, 16)  # top tube, down tube
    c.line([head, front], BLUE, 16)  # fork
    c.line([(head[0] - 10, head[1] - 40), head], NAVY, 14)
    c.line([(720, 210), (760, 220), (815, 205)], NAVY, 14)  # handlebar
    c.line([seat, (505, 225)], NAVY, 12)
    c.rect((455, 205, 555, 230), NAVY, radius=12)  # saddle
    c.circle(*crank, 34, fill=GOLD)
    c.line([(crank[0] - 20, crank[1] + 48), (crank[0] + 20, crank[1] - 48)], NAVY, 10)  # pedals
    return c.png()


def _person(c, x, y, size, body, head=MUTED, cap=None):
    """Head and shoulders: a circle over a rounded body, seen from the front or behind."""
    c.rect((x - size, y + size * 0.9, x + size, y + size * 3.2), body, radius=size * 0.7)
    c.circle(x, y, size * 0.62, fill=head)
    if cap:
        c.rect((x - size * 0.68, y - size * 0.62, x + size * 0.68, y - size * 0.25), cap, radius=6)
        c.rect((x - size * 0.8, y - size * 0.32, x + size * 0.8, y - size * 0.2), cap, radius=4)


def meeting() -> bytes:
    """Residents seated in a half circle, listening to an officer at a community meeting."""
    c = Canvas(TINT)
    c.rect((0, 520, WIDTH, HEIGHT), _mix(TINT, BORDER, 0.35))  # floor
    c.rect((160, 90, 620, 330), WHITE, radius=10)  # a blank screen on the wall
    c.rect((170, 100, 610, 320), SKY, radius=6)
    c.polygon([(180, 310), (330, 180), (430, 260), (500, 210), (600, 310)], _mix(SKY, BLUE, 0.35))
    _person(c, 860, 250, 62, NAVY, head=MUTED, cap=NAVY_DARK)  # the officer, standing
    c.polygon(_star(835, 365, 16, 7), GOLD)  # badge
    c.rect((800, 450, 920, 530), NAVY_DARK)
    colours = [BLUE, GOLD, MUTED, _mix(BLUE, WHITE, 0.35), NAVY, _mix(GOLD, MUTED, 0.4)]
    seats = [(120, 560), (300, 600), (490, 620), (690, 620), (880, 600), (1070, 560)]
    for (x, y), colour in zip(seats, colours, strict=True):  # residents, from behind
        c.rect((x - 70, y + 110, x + 70, y + 140), _mix(BORDER, NAVY, 0.4), radius=8)  # chair
        _person(c, x, y, 58, colour, head=_mix(MUTED, NAVY_DARK, 0.3))
    return c.png()


def officer(background=SKY) -> bytes:
    """A placeholder portrait: an officer's outline in a uniform cap, no face, no real person."""
    c = Canvas(background)
    c.circle(600, 420, 330, fill=_mix(background, WHITE, 0.35))
    c.rect((360, 560, 840, 900), NAVY, radius=150)  # shoulders
    c.polygon([(540, 560), (600, 650), (660, 560)], _mix(SKY, WHITE, 0.4))  # shirt collar
    c.polygon([(575, 600), (600, 700), (625, 600)], NAVY_DARK)  # tie
    c.rect((560, 470, 640, 580), MUTED)  # neck
    c.ellipse((495, 260, 705, 500), fill=MUTED)  # head
    c.polygon([(470, 300), (490, 190), (600, 160), (710, 190), (730, 300)], NAVY)  # cap
    c.ellipse((455, 270, 745, 330), fill=NAVY_DARK)  # brim
    c.polygon(_shield(600, 195, 26, 70), GOLD)  # cap badge
    c.polygon(_star(470 + 20, 650, 22, 9), GOLD)  # chest badge
    c.rect((690, 640, 760, 650), GOLD)  # name plate
    return c.png()


DRAWINGS = {
    "badge": badge,
    "house": house,
    "bicycle": bicycle,
    "meeting": meeting,
    "officer": officer,
    "officer-gold": lambda: officer(PALE_GOLD),
    "officer-tint": lambda: officer(TINT),
}


@functools.cache
def drawn(drawing: str) -> bytes:
    """The PNG of one of DRAWINGS, drawn once per process (rows may share a drawing)."""
    return DRAWINGS[drawing]()


def add_demo_image(row, drawing: str, alt: dict) -> bool:
    """Give a demo row the drawing ``drawing`` with its alt text (``{"image_alt": ...,
    "image_alt_es": ...}``), as a staff upload would. Only a row with no image and no alt text
    in any language gets one, so a second load changes nothing and an image staff chose stays.
    Returns whether the row got the image."""
    columns = [f.attname for f in row._meta.concrete_fields if f.attname.startswith("image_alt")]
    if row.image or any(getattr(row, column) for column in columns):
        return False
    upload = ContentFile(drawn(drawing), name=f"{drawing}.png")
    check_image(upload)  # the admin's validator (core.images.validate_image_upload)
    row.image.save(upload.name, upload, save=False)  # upload_to: a random name of its own
    for column, text in localized(type(row), alt).items():
        setattr(row, column, text)
    row.save()  # ImageFields.save reads the displayed size; "last updated" moves
    return True
