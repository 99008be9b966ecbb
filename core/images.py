"""Optional photos for any content model: checked uploads and resized renditions.

- ``check_image`` checks a new upload by its content with Pillow (not by its name), reading its
  header only: JPEG, PNG or WebP, at most ``MAX_UPLOAD_BYTES`` and ``MAX_PIXELS``. It is the
  site's one image check: the model fields' validator (``validate_image_upload``) and the
  evidence photos of reports/photos.py both use it.
- ``ImageFields`` is an abstract model: ``image``, ``image_alt`` (required when there is an
  image) and the image's displayed size, so pages can set ``width``/``height`` without opening
  the file.
- ``obj.picture`` gives the renditions (``RENDITION_WIDTHS``, WebP, EXIF stripped) for
  ``templates/includes/picture.html``. The original upload is never sent to a browser.

Renditions are django-imagekit cache files, made the first time a page asks for them. Their
state is kept in Django's cache and on the storage: rendering a picture makes no SQL query.
Each process also keeps the URL of every rendition it has made or seen (``rendition_url``):
naming a cache file hashes the spec and its source with pickle, which cost more than the rest
of a list page. A new upload gets a new file name, so a kept URL is never out of date.
"""

import logging
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

logger = logging.getLogger(__name__)

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000  # 40 megapixels: any phone photo, but no decompression bombs
ALLOWED_FORMATS = ("JPEG", "PNG", "WEBP")
RENDITION_WIDTHS = (320, 640, 960, 1280)
DEFAULT_WIDTH = 640  # the rendition in ``src`` for browsers that ignore ``srcset``
EXIF_ORIENTATION = 0x0112


@dataclass(frozen=True)
class ImageHeader:
    """What an image's header says, read without decoding a pixel."""

    format: str  # one of ALLOWED_FORMATS
    width: int
    height: int

    @property
    def content_type(self) -> str:
        return f"image/{self.format.lower()}"

    @property
    def extension(self) -> str:
        return {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}[self.format]


def upload_display_name(file) -> str:
    """The file's own name, without any folder, to name it in a message."""
    name = (getattr(file, "name", "") or "").replace("\\", "/").rsplit("/", 1)[-1]
    return name[:100] or str(_("The file"))


NOT_AN_IMAGE = _("%(name)s is not a photo we can use. Choose a JPEG, PNG or WebP photo.")


def check_image(file) -> ImageHeader:
    """The one check of an uploaded image, by its content and without decoding its pixels.

    Refuses (ValidationError, naming the file) anything over ``MAX_UPLOAD_BYTES``, anything Pillow
    does not recognise from its bytes as JPEG, PNG or WebP (the name and the browser's content
    type are ignored), and more than ``MAX_PIXELS`` as the header states them, so a
    decompression bomb is refused before any memory is given to its pixels. ``verify()`` reads a
    PNG's chunks and checksums, not its pixels. The costs are bounded by the file's size: this
    is cheap enough for a request; decoding is left to whoever uses the image.
    """
    name = upload_display_name(file)
    if file.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("%(name)s is %(size)s. Choose a photo smaller than %(limit)s."),
            code="image_too_large",
            params={
                "name": name,
                "size": filesizeformat(file.size),
                "limit": filesizeformat(MAX_UPLOAD_BYTES),
            },
        )
    too_many_pixels = ValidationError(
        _("%(name)s has too many pixels. Choose a photo of at most %(megapixels)s megapixels."),
        code="image_too_many_pixels",
        params={"name": name, "megapixels": MAX_PIXELS // 10**6},
    )
    stream = getattr(file, "file", file)
    position = stream.tell() if hasattr(stream, "tell") else 0
    try:
        stream.seek(0)
        with Image.open(stream, formats=ALLOWED_FORMATS) as image:
            # A phone's multi-picture JPEG (MPO) is a JPEG whose first picture is the photo.
            image_format = "JPEG" if image.format == "MPO" else image.format
            header = ImageHeader(format=image_format, width=image.width, height=image.height)
            if header.width * header.height > MAX_PIXELS:
                raise too_many_pixels
            image.verify()
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise too_many_pixels from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        raise ValidationError(NOT_AN_IMAGE, code="not_an_image", params={"name": name}) from None
    finally:
        stream.seek(position)
    return header


def validate_image_upload(value):
    """The model field's validator: ``check_image`` on a new upload. Files already stored
    (``_committed``) are not opened again on every save."""
    if not getattr(value, "_committed", False):
        check_image(value)


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


RENDITION_URLS_KEPT = 20_000  # per process: (file name, width) -> URL, about 3 MB at most
_rendition_urls: dict[tuple[str, str, int], str] = {}


def rendition_url(source, target: int) -> str:
    """The URL of the ``target``-wide rendition of ``source`` (an image field's file), made
    first if it does not exist yet (imagekit's just-in-time strategy)."""
    key = (source.storage.__class__.__qualname__, source.name, target)
    url = _rendition_urls.get(key)
    if url is None:
        url = ImageCacheFile(RENDITION_SPECS[target](source=source)).url
        if len(_rendition_urls) >= RENDITION_URLS_KEPT:
            _rendition_urls.clear()
        _rendition_urls[key] = url
    return url


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
        try:
            for target in RENDITION_SPECS:
                width, height = rendition_size(self.image_width, self.image_height, target)
                if width not in sources:
                    url = rendition_url(self.image, target)
                    sources[width] = PictureSource(url=url, width=width, height=height)
        except (OSError, UnidentifiedImageError):
            # A source file gone from storage (or unreadable) costs the picture, not the page.
            logger.warning("No renditions of %s: its file cannot be read", self.image.name)
            return None
        return Picture(sources=tuple(sources.values()), alt=self.image_alt)
