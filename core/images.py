"""Optional photos for any content model: checked uploads and resized renditions.

- ``validate_image_upload`` checks a new upload by its content with Pillow (not by its name):
  only JPEG, PNG or WebP, at most ``MAX_UPLOAD_BYTES`` and ``MAX_PIXELS``.
- ``ImageFields`` is an abstract model: ``image``, ``image_alt`` (required when there is an
  image) and the image's displayed size, so pages can set ``width``/``height`` without opening
  the file.
- ``obj.picture`` gives the renditions (``RENDITION_WIDTHS``, WebP, EXIF stripped) for
  ``templates/includes/picture.html``. The original upload is never sent to a browser.

Renditions are django-imagekit cache files, made the first time a page asks for them. Their
state is kept in Django's cache and on the storage: rendering a picture makes no SQL query.
"""

import uuid
from dataclasses import dataclass
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from imagekit import ImageSpec, register
from imagekit.cachefiles import ImageCacheFile
from imagekit.processors import ResizeToFit, Transpose
from PIL import Image, UnidentifiedImageError

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000  # 40 megapixels: any phone photo, but no decompression bombs
ALLOWED_FORMATS = ("JPEG", "PNG", "WEBP")
RENDITION_WIDTHS = (320, 640, 960, 1280)
DEFAULT_WIDTH = 640  # the rendition in ``src`` for browsers that ignore ``srcset``
EXIF_ORIENTATION = 0x0112


def validate_image_upload(value):
    """Refuse a new upload that is not a JPEG, PNG or WebP image of a sensible size.

    Files already stored (``_committed``) are not opened again on every save.
    """
    if getattr(value, "_committed", False):
        return
    if value.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("The image is %(size)s. Choose an image smaller than %(limit)s."),
            code="image_too_large",
            params={
                "size": filesizeformat(value.size),
                "limit": filesizeformat(MAX_UPLOAD_BYTES),
            },
        )
    file = getattr(value, "file", value)
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        file.seek(0)
        with Image.open(file, formats=ALLOWED_FORMATS) as image:
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise ValidationError(
                    _(
                        "The image is %(width)s by %(height)s pixels. Choose an image of at most "
                        "%(megapixels)s megapixels."
                    ),
                    code="image_too_many_pixels",
                    params={"width": width, "height": height, "megapixels": MAX_PIXELS // 10**6},
                )
            image.verify()
    except ValidationError:
        raise
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError, ValueError):
        raise ValidationError(
            _("The file is not an image we can use. Upload a JPEG, PNG or WebP photo."),
            code="not_an_image",
        ) from None
    finally:
        file.seek(position)


def oriented_size(field_file) -> tuple[int, int]:
    """The image's width and height as displayed, after its EXIF orientation is applied."""
    file = field_file.file if not getattr(field_file, "_committed", True) else None
    if file is None:
        field_file.open("rb")
        file = field_file.file
    position = file.tell()
    try:
        file.seek(0)
        with Image.open(file) as image:
            width, height = image.size
            if image.getexif().get(EXIF_ORIENTATION, 1) in (5, 6, 7, 8):
                width, height = height, width
    finally:
        file.seek(position)
    return width, height


def image_upload_to(instance, filename: str) -> str:
    """'services/service/<random>.jpg': no resident- or staff-chosen names in URLs."""
    suffix = PurePath(filename).suffix.lower()[:5]
    meta = instance._meta
    return f"{meta.app_label}/{meta.model_name}/{uuid.uuid4().hex}{suffix}"


class Rendition(ImageSpec):
    """A resized copy for the web: oriented, at most ``width`` wide, WebP, no metadata."""

    width = DEFAULT_WIDTH
    format = "WEBP"
    options = {"quality": 80}

    @property
    def processors(self):
        return [Transpose(), ResizeToFit(width=self.width, upscale=False)]


RENDITION_SPECS = {}
for _width in RENDITION_WIDTHS:
    RENDITION_SPECS[_width] = type(f"Rendition{_width}", (Rendition,), {"width": _width})
    # Registered specs get imagekit's cache-file strategy (made just in time, then cached).
    register.generator(f"cary_pd:rendition_{_width}", RENDITION_SPECS[_width])


@dataclass(frozen=True)
class PictureSource:
    url: str
    width: int
    height: int


@dataclass(frozen=True)
class Picture:
    sources: tuple[PictureSource, ...]
    alt: str

    @property
    def default(self) -> PictureSource:
        fitting = [s for s in self.sources if s.width <= DEFAULT_WIDTH]
        return fitting[-1] if fitting else self.sources[0]

    @property
    def srcset(self) -> str:
        return ", ".join(f"{source.url} {source.width}w" for source in self.sources)


def rendition_size(width: int, height: int, target: int) -> tuple[int, int]:
    """What ResizeToFit(width=target, upscale=False) makes of a width-by-height image."""
    if target >= width:
        return width, height
    return target, round(height * target / width)


class ImageFields(models.Model):
    """An optional photo with its alt text. Subclasses call super().clean() and super().save()."""

    image = models.ImageField(
        _("image"),
        upload_to=image_upload_to,
        blank=True,
        validators=[validate_image_upload],
        help_text=_(
            "Optional. A JPEG, PNG or WebP photo, at most 10 MB. No text in the image, please: "
            "put words on the page. Phones get a small copy."
        ),
    )
    image_alt = models.CharField(
        _("image description (alt text)"),
        max_length=250,
        blank=True,
        help_text=_(
            "Required with an image: say what the photo shows, for people who cannot see it."
        ),
    )
    image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self.image:
            self.image_width = self.image_height = None
        elif (
            self.image_width is None
            or not getattr(self.image, "_committed", True)
            or getattr(self, "_stored_image_name", None) != self.image.name
        ):
            self.image_width, self.image_height = oriented_size(self.image)
        super().save(*args, **kwargs)
        self._stored_image_name = self.image.name or ""

    def clean(self):
        super().clean()
        if self.image and not self.image_alt.strip():
            raise ValidationError(
                {"image_alt": _("Describe the image, for people who cannot see it.")}
            )

    @classmethod
    def from_db(cls, db, field_names, values, *, fetch_mode=None):
        instance = super().from_db(db, field_names, values, fetch_mode=fetch_mode)
        if "image" in field_names:
            instance._stored_image_name = values[field_names.index("image")]
        return instance

    @cached_property
    def picture(self) -> Picture | None:
        """The renditions for includes/picture.html, or None when there is no image."""
        if not self.image or not self.image_width or not self.image_height:
            return None
        sources = {}
        for target, spec in RENDITION_SPECS.items():
            width, height = rendition_size(self.image_width, self.image_height, target)
            if width not in sources:
                url = ImageCacheFile(spec(source=self.image)).url
                sources[width] = PictureSource(url=url, width=width, height=height)
        return Picture(sources=tuple(sources.values()), alt=self.image_alt)
