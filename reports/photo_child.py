"""Decode, orient and re-encode one evidence photo: the child process of ``reports.photos``.

Run as a script (``python -I -B photo_child.py MEMORY_BYTES CPU_SECONDS MAX_PIXELS QUALITY``) with
the original on stdin; it imports Pillow and nothing of the site. On success it writes one JSON
line (content type, width, height) and then the new file to stdout, and exits 0. Otherwise it
exits with one of the statuses below, or the kernel ends it: past MEMORY_BYTES of address space
an allocation fails (MemoryError), past CPU_SECONDS of processor time SIGXCPU ends it (and
SIGKILL one second later), so a child whose parent died still stops.

What is kept of the original: the pixels, turned upright by the EXIF orientation, converted to
sRGB when the file embeds a colour profile. Nothing else: no EXIF (GPS included), XMP, comments,
text chunks, colour profile, DPI or thumbnails. A photo with transparency becomes a PNG, any
other a JPEG.
"""

import io
import json
import resource
import sys

from PIL import Image, ImageCms, ImageOps

EXIT_DAMAGED = 3  # not a JPEG, PNG or WebP, or a truncated or corrupt one
EXIT_TOO_MANY_PIXELS = 4
EXIT_OUT_OF_MEMORY = 5

FORMATS = ("JPEG", "PNG", "WEBP")  # core.images.ALLOWED_FORMATS (this script imports no site code)
EXIF_ORIENTATION = 0x0112
# Peak bytes of memory per pixel of the whole clean-up, measured with Pillow 13 on 40-megapixel
# files turned upright: about 8.5 for JPEG and PNG, 16.5 for WebP (its decoder holds more
# copies). Past RLIMIT_AS, some decoders report a generic error rather than MemoryError, so a
# photo that cannot fit is refused as such before decoding.
BYTES_PER_PIXEL = {"JPEG": 9, "MPO": 9, "PNG": 9, "WEBP": 17}
SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


class TooManyPixels(Exception):
    pass


class TooLittleMemory(Exception):
    pass


def address_space_in_use() -> int:
    try:
        with open("/proc/self/statm") as statm:  # Linux: sizes in pages
            return int(statm.read().split()[0]) * resource.getpagesize()
    except OSError:
        return 64 * 1024 * 1024


def limit_resources(memory: int, cpu_seconds: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))  # it has no file to write


def has_alpha(image: Image.Image) -> bool:
    return image.mode in ("RGBA", "LA", "PA") or (
        image.mode in ("P", "L", "RGB") and "transparency" in image.info
    )


def to_srgb(image: Image.Image, icc_profile: bytes | None) -> Image.Image:
    """The pixels in sRGB, in a mode JPEG or PNG can hold: L, LA, RGB or RGBA."""
    if image.mode in ("I;16", "I;16B", "I;16L", "I", "F"):
        # 16-bit and 32-bit greys: scaled to 8 bits (convert("L") would clip them to white).
        image = image.convert("I").point(lambda value: value * (1 / 256)).convert("L")
    elif image.mode == "1":
        image = image.convert("L")
    elif has_alpha(image) and image.mode not in ("RGBA", "LA"):
        image = image.convert("RGBA")
    elif image.mode not in ("L", "LA", "RGB", "RGBA", "CMYK"):
        image = image.convert("RGB")
    if icc_profile and image.mode in ("RGB", "RGBA", "CMYK"):
        output_mode = "RGBA" if image.mode == "RGBA" else "RGB"
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc_profile))
            image = ImageCms.profileToProfile(image, source, SRGB, outputMode=output_mode)
        except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
            pass  # a broken or mismatched profile: the pixels as they are, without it
    if image.mode == "CMYK":
        image = image.convert("RGB")
    return image


def clean(
    data: bytes, *, max_pixels: int, quality: int, memory: int
) -> tuple[bytes, str, tuple[int, int]]:
    Image.MAX_IMAGE_PIXELS = max_pixels  # Pillow's own bomb check, on top of the one below
    budget = memory - address_space_in_use()  # before opening: WebP's decoder reserves at once
    image = Image.open(io.BytesIO(data), formats=FORMATS)
    pixels = image.width * image.height
    if pixels > max_pixels:
        raise TooManyPixels
    if pixels * BYTES_PER_PIXEL.get(image.format, 9) > budget:
        raise TooLittleMemory
    image.load()  # the one full decode; a truncated file raises here
    icc_profile = image.info.get("icc_profile")
    if image.getexif().get(EXIF_ORIENTATION, 1) != 1:
        upright = ImageOps.exif_transpose(image)
        image.close()  # free the sideways copy before the next one is made
        image = upright
    cleaned = to_srgb(image, icc_profile)
    if cleaned is not image:
        image.close()
    # Pillow copies some of ``info`` into the new file (a PNG's profile, a JPEG's comment).
    cleaned.info = {}
    out = io.BytesIO()
    if cleaned.mode in ("RGBA", "LA"):
        cleaned.save(out, format="PNG", compress_level=6)
        content_type = "image/png"
    else:
        cleaned.save(out, format="JPEG", quality=quality)
        content_type = "image/jpeg"
    return out.getvalue(), content_type, cleaned.size


def main(argv: list[str]) -> int:
    memory, cpu_seconds, max_pixels, quality = (int(value) for value in argv[1:5])
    data = sys.stdin.buffer.read()
    limit_resources(memory, cpu_seconds)
    try:
        result, content_type, (width, height) = clean(
            data, max_pixels=max_pixels, quality=quality, memory=memory
        )
    except (MemoryError, TooLittleMemory):
        return EXIT_OUT_OF_MEMORY
    except (TooManyPixels, Image.DecompressionBombError, Image.DecompressionBombWarning):
        return EXIT_TOO_MANY_PIXELS
    except Exception:  # anything a damaged file makes Pillow raise
        return EXIT_DAMAGED
    header = json.dumps({"content_type": content_type, "width": width, "height": height})
    sys.stdout.buffer.write(header.encode() + b"\n" + result)
    sys.stdout.buffer.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
