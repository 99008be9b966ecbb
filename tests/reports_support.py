"""Helpers for the online report tests: walking the journey, photos made with Pillow, counting
rows, and signing a reviewer in through the real admin form with a real TOTP code (used by the
other staff apps' tests too, with ``verified_login`` and ``committed``)."""

import io
import struct
import zlib

from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_otp.oath import totp
from PIL import Image, ImageCms, PngImagePlugin

from tests.factories import TOTPDeviceFactory

PASSWORD = "correct-horse-battery-staple"  # tests/factories.py UserFactory

ABOUT_YOU = {
    "name": "Alex Resident",
    "email": "Alex.Resident@Example.org",
    "phone": "(919) 555-0123",
    "address": "100 Maple St, Cary, NC",
    "preferred_language": "Spanish",
    "contact_method": "email",
}


# --- Database ---------------------------------------------------------------------------------


def row_counts() -> dict[str, int]:
    """The number of rows of every model, sessions included."""
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


# --- Photos -------------------------------------------------------------------------------------


def jpeg_bytes(size=(64, 48), color=(200, 30, 30), exif=None, **save) -> bytes:
    out = io.BytesIO()
    options = {"exif": exif} if exif is not None else {}
    Image.new("RGB", size, color).save(out, format="JPEG", quality=90, **options, **save)
    return out.getvalue()


def gps_exif(orientation: int | None = None) -> Image.Exif:
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0110] = "Phone 15"  # Model
    exif[0x0132] = "2026:03:27 21:30:00"  # DateTime
    if orientation:
        exif[0x0112] = orientation
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"  # GPSLatitudeRef
    gps[2] = (35.0, 47.0, 29.0)  # Cary, North Carolina
    gps[3] = "W"
    gps[4] = (78.0, 46.0, 52.0)
    return exif


def srgb_profile() -> bytes:
    """An ICC colour profile's bytes (lcms's sRGB), as cameras and editors embed one."""
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def png_with_metadata(size=(40, 30)) -> bytes:
    """A PNG carrying everything a PNG can say besides its pixels: text, EXIF, a profile."""
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "taken at 100 Maple St")
    info.add_itxt("XML:com.adobe.xmp", "<x:xmpmeta>GPS 35.78</x:xmpmeta>")
    out = io.BytesIO()
    Image.new("RGB", size, (10, 120, 200)).save(
        out, format="PNG", pnginfo=info, exif=gps_exif(), icc_profile=srgb_profile()
    )
    return out.getvalue()


def jpeg_claiming_size(width: int, height: int) -> bytes:
    """A 16-by-16 JPEG whose header (SOF0) claims another size, as a decompression bomb's does:
    a few hundred bytes that would take width x height x 4 bytes of memory to decode."""
    data = bytearray(jpeg_bytes(size=(16, 16)))
    start = data.index(b"\xff\xc0")
    data[start + 5 : start + 9] = struct.pack(">HH", height, width)
    return bytes(data)


def upload(name: str, data: bytes, content_type="image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


def png_header_bomb(width=50_000, height=50_000) -> bytes:
    """A PNG that claims to be huge: only the header, as a decompression bomb would start."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0"))


# --- The journey ----------------------------------------------------------------------------------


def pass_eligibility(client, *, incident_type="theft"):
    client.post(reverse("reports:emergency"), {"answer": "no"})
    client.post(reverse("reports:in_cary"), {"answer": "yes"})
    client.post(reverse("reports:suspect"), {"answer": "no"})
    return client.post(reverse("reports:incident_type"), {"answer": incident_type})


def fill_details(client, *, photos=(), items=None, about=None):
    client.post(reverse("reports:when"), {"start_date": "3/1/2026", "start_time": "9:30 PM"})
    client.post(
        reverse("reports:location"),
        {"address": "316 N. Academy St", "details": "Bike rack by the library"},
    )
    client.post(reverse("reports:what"), {"description": "My bike was taken from the rack."})
    items = items if items is not None else [{"description": "Blue mountain bike", "value": "450"}]
    data = {"item-TOTAL_FORMS": str(len(items)), "item-INITIAL_FORMS": "0", "action": "continue"}
    for index, item in enumerate(items):
        for key, value in item.items():
            data[f"item-{index}-{key}"] = value
    client.post(reverse("reports:property"), data)
    client.post(reverse("reports:suspect_vehicle"), {"suspect_description": "Tall, red jacket"})
    photo_data = {"action": "continue"}
    if photos:
        photo_data["photos"] = list(photos)
    response = client.post(reverse("reports:photos"), photo_data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return client.post(reverse("reports:about_you"), about or ABOUT_YOU)


def make_draft(*, answers: dict, photos=()):
    """A draft made by the journey's own write functions: started for ``answers["incident_type"]``
    (an incident type accepted online), each step's answers saved, then ``photos`` (uploads)
    checked, stored in quarantine and added (processed once the caller's transaction commits,
    with the immediate tasks backend)."""
    from reports import operations
    from reports.models import IncidentType
    from reports.photos import new_upload_key

    incident_type = IncidentType.objects.get(slug=answers["incident_type"])
    draft = operations.draft_start(incident_type=incident_type)
    for key, value in answers.items():
        if key not in ("eligibility", "incident_type"):
            operations.draft_save_answers(draft=draft, key=key, value=value)
    if photos:
        refused = operations.draft_add_photos(
            draft=draft, uploads=list(photos), upload_key=new_upload_key()
        )
        assert not refused, refused
    return draft


def submit(client, **extra):
    return client.post(reverse("reports:check"), {"declaration": "on", **extra})


def file_report(client, **kwargs):
    pass_eligibility(client)
    fill_details(client, **kwargs)
    return submit(client)


# --- Staff sign-in -------------------------------------------------------------------------------


def info_link(report) -> str:
    """The path of a fresh "add more information" link for ``report``, as the email gives it."""
    from reports import operations

    operations.report_request_info(report=report, actor=None, note="A photo, please")
    event = report.events.filter(action="info_requested").latest("created_at", "pk")
    token = operations.info_link_token(report=report, event=event, days=14)
    return reverse("reports:more_information", args=[token])


def add_totp_device(user):
    return TOTPDeviceFactory(user=user)


def current_token(device) -> str:
    device.refresh_from_db()
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def admin_login(client, user, *, token: str | None = "", password: str = PASSWORD):
    """Sign in through the real admin login form, as a person would."""
    return client.post(
        reverse("admin:login"),
        {
            "username": user.get_username(),
            "password": password,
            "otp_token": token or "",
            "next": reverse("admin:index"),
        },
        REMOTE_ADDR="10.1.2.3",
    )


def sign_in(client, user):
    """``user`` signed in through the real admin login form with a real TOTP code from a new
    authenticator device; the form must accept them."""
    response = admin_login(client, user, token=current_token(add_totp_device(user)))
    assert response.status_code == 302, response.content.decode()[:2000]
    return client


def verified_login(client, user):
    """``user`` signed in without the form, in a session django-otp has verified (as after a
    second factor)."""
    from django_otp import DEVICE_ID_SESSION_KEY

    device = TOTPDeviceFactory(user=user)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def committed():
    """Run what waits for the commit (emails through the task worker, photo processing, deleting
    old files) when the block ends, as the commit would."""
    from django.test import TestCase

    return TestCase.captureOnCommitCallbacks(execute=True)


def use_private_storage(settings, folder, *, backend="core.storage.PrivateFileSystemStorage"):
    """Point the "private" storage at a test's own folder (call again with None to reset);
    ``backend`` names another storage class, such as a full disk's."""
    from django.core.files.storage import storages

    storages._storages.pop("private", None)
    if folder is not None:
        settings.STORAGES = {
            **settings.STORAGES,
            "private": {
                "BACKEND": backend,
                "OPTIONS": {"location": folder, "base_url": None},
            },
        }
    storages._storages.pop("private", None)


def stored_files(folder) -> list:
    """Every file under ``folder`` (a private storage's location), quarantine included."""
    return sorted(path for path in folder.rglob("*") if path.is_file()) if folder.exists() else []


def add_photo(report, *, name="evidence.jpg", data=None, addition=None):
    """A processed ("ready") photo attached to a report, cleaned and stored as the processing
    task does it (reports/tasks.py)."""
    from reports import photos
    from reports.models import PhotoState, ReportPhoto

    clean = photos.clean_photo(data or jpeg_bytes())
    return ReportPhoto.objects.create(
        report=report,
        addition=addition,
        position=report.photos.count(),
        state=PhotoState.READY,
        file=photos.store_clean(clean, folder=photos.REPORT_FOLDER),
        content_type=clean.content_type,
        width=clean.width,
        height=clean.height,
        size=len(clean.data),
    )
