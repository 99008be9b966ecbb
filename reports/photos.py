"""Evidence photos: checked by their content, re-encoded without any metadata, stored privately.

``process_photo`` is the only way a resident's file reaches storage:

1. at most ``MAX_BYTES``; Pillow must recognise it as JPEG, PNG or WebP from its bytes (the
   file name and the browser's content type are ignored);
2. at most ``MAX_PIXELS`` (decompression bombs are refused before any pixel is decoded);
3. decoded once, in full (a truncated file fails here), turned upright by its EXIF orientation,
   then re-encoded: JPEG at quality 85, or PNG when the image has transparency. Nothing of the
   original metadata is copied: no EXIF (GPS included), no XMP, no comments. Only the colour
   profile is kept, so colours stay right;
4. written to the "private" storage under a random name.
"""

import io
import uuid
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

from core.images import ALLOWED_FORMATS, EXIF_ORIENTATION, MAX_PIXELS, MAX_UPLOAD_BYTES
from reports.models import private_storage

# The same limits as every image upload on the site (core/images.py).
MAX_BYTES = MAX_UPLOAD_BYTES
MAX_PHOTOS = 5
JPEG_QUALITY = 85

NOT_AN_IMAGE = _("%(name)s is not a photo we can use. Choose a JPEG, PNG or WebP photo.")
DAMAGED = _("%(name)s is damaged or incomplete. Choose another copy of the photo.")


@dataclass(frozen=True)
class ProcessedPhoto:
    name: str
    content_type: str
    width: int
    height: int
    size: int


def _display_name(upload) -> str:
    name = (getattr(upload, "name", "") or "").replace("\\", "/").rsplit("/", 1)[-1]
    return name[:100] or str(_("The file"))


def validate_photo_size(upload) -> None:
    if upload.size > MAX_BYTES:
        raise ValidationError(
            _("%(name)s is %(size)s. Each photo must be smaller than %(limit)s."),
            code="too_large",
            params={
                "name": _display_name(upload),
                "size": filesizeformat(upload.size),
                "limit": filesizeformat(MAX_BYTES),
            },
        )


def _decode(upload) -> Image.Image:
    """Open and fully decode the upload; refuse anything that is not a sound, small-enough image."""
    name = _display_name(upload)
    validate_photo_size(upload)
    upload.seek(0)
    try:
        image = Image.open(upload, formats=ALLOWED_FORMATS)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationError(NOT_AN_IMAGE, code="not_an_image", params={"name": name}) from None
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        image = None
    if image is None or image.width * image.height > MAX_PIXELS:
        raise ValidationError(
            _("%(name)s has too many pixels. Choose a photo of at most %(megapixels)s megapixels."),
            code="too_many_pixels",
            params={"name": name, "megapixels": MAX_PIXELS // 1_000_000},
        )
    try:
        # One full decode. A truncated or corrupt file raises here (LOAD_TRUNCATED_IMAGES is off).
        image.load()
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        image.close()
        raise ValidationError(DAMAGED, code="damaged", params={"name": name}) from None
    return image


def _reencode(image: Image.Image) -> tuple[bytes, str, tuple[int, int]]:
    icc_profile = image.info.get("icc_profile")
    upright = image
    if image.getexif().get(EXIF_ORIENTATION, 1) != 1:
        # Turn the pixels upright; only then, since exif_transpose() copies a 36 MB bitmap
        # even when there is nothing to turn.
        upright = ImageOps.exif_transpose(image)
    has_alpha = upright.mode in ("RGBA", "LA", "PA") or (
        upright.mode == "P" and "transparency" in upright.info
    )
    out = io.BytesIO()
    options = {"icc_profile": icc_profile} if icc_profile else {}
    if has_alpha:
        if upright.mode not in ("RGBA", "LA"):
            upright = upright.convert("RGBA")
        upright.save(out, format="PNG", compress_level=6, **options)
        content_type = "image/png"
    else:
        if upright.mode not in ("RGB", "L", "CMYK"):
            upright = upright.convert("RGB")
        upright.save(out, format="JPEG", quality=JPEG_QUALITY, **options)
        content_type = "image/jpeg"
    return out.getvalue(), content_type, upright.size


def process_photo(upload, *, folder: str) -> ProcessedPhoto:
    """Check, clean and store one uploaded photo. Raises ValidationError with a clear message."""
    image = _decode(upload)
    try:
        data, content_type, (width, height) = _reencode(image)
    except (OSError, ValueError):
        raise ValidationError(
            DAMAGED, code="damaged", params={"name": _display_name(upload)}
        ) from None
    finally:
        image.close()
    extension = "png" if content_type == "image/png" else "jpg"
    name = private_storage().save(f"{folder}/{uuid.uuid4().hex}.{extension}", ContentFile(data))
    return ProcessedPhoto(
        name=name, content_type=content_type, width=width, height=height, size=len(data)
    )


def delete_stored(names) -> None:
    storage = private_storage()
    for name in names:
        if name:
            storage.delete(name)
