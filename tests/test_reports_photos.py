"""Evidence photos: a cheap check by content in the request, the original kept in quarantine,
then the tasks worker decodes and re-encodes it with no metadata, within time and memory
bounds. A file is stored if and only if its row exists; the same form posted twice adds its
photos once; a full disk is a clear message, never a 500 or a partial file.

With the immediate tasks backend, processing runs once the request's transaction commits:
tests wrap the request in ``django_capture_on_commit_callbacks(execute=True)`` to run it."""

import errno
import io
import os
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.tasks import TaskResultStatus
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from PIL import Image

from core.storage import PrivateFileSystemStorage
from reports import operations, photos
from reports.models import (
    DraftPhoto,
    PhotoFailure,
    PhotoState,
    Report,
    ReportAddition,
    ReportDraft,
    ReportPhoto,
)
from tests.factories import ReportFactory
from tests.reports_support import (
    ABOUT_YOU,
    add_photo,
    fill_details,
    gps_exif,
    info_link,
    jpeg_bytes,
    jpeg_claiming_size,
    pass_eligibility,
    png_header_bomb,
    png_with_metadata,
    row_counts,
    srgb_profile,
    stored_files,
    submit,
    upload,
    use_private_storage,
)
from tests.test_tasks_email import run_worker

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("private_storage")]


@pytest.fixture
def on_photo_step(client, report_content):
    client.get(reverse("reports:start"))  # settings records exist on a live site
    pass_eligibility(client)
    return client


@pytest.fixture
def processing(django_capture_on_commit_callbacks):
    """Run what the requests inside it queue once they commit: the photos' processing."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def post_photos(client, *files, key=None, action="upload"):
    return client.post(
        reverse("reports:photos"),
        {"photos": list(files), "action": action, "upload_key": key or photos.new_upload_key()},
    )


def stored_bytes(name: str) -> bytes:
    with storages["private"].open(name) as file:
        return file.read()


def photo_rows() -> int:
    return DraftPhoto.objects.count() + ReportPhoto.objects.count()


def age(path: Path, *, hours: float) -> None:
    """Make a stored file look ``hours`` old (the storage's modified time)."""
    then = time.time() - hours * 3600
    os.utime(path, (then, then))


def noise_jpeg(size=(4000, 3000), **save) -> bytes:
    """A photo-like JPEG: noise compresses like a real photo does."""
    out = io.BytesIO()
    Image.effect_noise(size, 64).convert("RGB").save(out, format="JPEG", quality=92, **save)
    return out.getvalue()


# --- The request: a cheap check by content, then quarantine --------------------------------------


def test_a_form_sent_with_upload_progress_gets_its_redirect_as_json(on_photo_step, private_storage):
    data = {"photos": [upload("a.jpg", jpeg_bytes())], "action": "upload"}
    data["upload_key"] = photos.new_upload_key()
    response = on_photo_step.post(reverse("reports:photos"), data, HTTP_X_UPLOAD_PROGRESS="1")
    # site.js goes there itself: XMLHttpRequest would follow a redirect and spend the message.
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    assert response.json() == {"redirect": reverse("reports:photos")}
    assert response["Cache-Control"] == "no-store"
    assert "messages" in response.cookies  # the redirect's cookies come along
    page = on_photo_step.get(response.json()["redirect"]).content.decode()
    assert "1 photo added." in page
    # Any other answer is sent as it is: here the form again, with its error.
    response = on_photo_step.post(
        reverse("reports:photos"),
        {"photos": [upload("a.jpg", b"not a photo")], "action": "upload"},
        HTTP_X_UPLOAD_PROGRESS="1",
    )
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")


def test_adding_or_removing_photos_says_so_on_the_next_page(on_photo_step, private_storage):
    response = post_photos(
        on_photo_step, upload("a.jpg", jpeg_bytes()), upload("b.jpg", jpeg_bytes())
    )
    page = on_photo_step.get(response["Location"]).content.decode()
    # A message site.js moves focus to, so a screen reader says it.
    assert (
        '<div tabindex="-1" data-message class="alert alert-success">2 photos added.</div>' in page
    )
    photo = DraftPhoto.objects.first()
    response = on_photo_step.post(reverse("reports:photos"), {"remove": str(photo.pk)})
    page = on_photo_step.get(response["Location"]).content.decode()
    assert (
        '<div tabindex="-1" data-message class="alert alert-success">Photo removed.</div>' in page
    )


def test_the_request_only_checks_and_quarantines_the_upload(on_photo_step, private_storage):
    original = jpeg_bytes(size=(80, 60), exif=gps_exif())
    response = post_photos(on_photo_step, upload("IMG_0001.jpg", original))
    assert response.status_code == 302
    photo = DraftPhoto.objects.get()
    assert photo.state == PhotoState.RECEIVED and not photo.file
    assert photo.original.name.startswith("quarantine/")
    assert stored_bytes(photo.original.name) == original  # not decoded, not changed
    assert stored_files(private_storage) == [private_storage / photo.original.name]
    assert (photo.width, photo.height, photo.size) == (80, 60, len(original))

    page = on_photo_step.get(reverse("reports:photos")).content.decode()
    assert "IMG_0001.jpg" in page and "Received" in page
    assert f'name="remove" value="{photo.pk}"' in page


def assert_refused(client, private_storage, file, message):
    before = row_counts()
    response = post_photos(client, file)
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert message in page, page[page.find("error-summary") :][:600]
    assert '<a href="#id_photos">' in page
    assert row_counts() == before
    assert stored_files(private_storage) == []


def test_non_image_renamed_jpg_is_refused(on_photo_step, private_storage):
    file = upload("holiday.jpg", b"%PDF-1.7 this is not a photo at all" * 10)
    assert_refused(on_photo_step, private_storage, file, "holiday.jpg is not a photo we can use")


def test_gif_is_refused_even_though_pillow_reads_it(on_photo_step, private_storage):
    out = io.BytesIO()
    Image.new("RGB", (10, 10)).save(out, format="GIF")
    file = upload("animation.jpg", out.getvalue())
    assert_refused(on_photo_step, private_storage, file, "is not a photo we can use")


def test_a_header_claiming_over_40_megapixels_is_refused_before_decoding(
    on_photo_step, private_storage
):
    data = jpeg_claiming_size(8000, 5001)  # 40.008 megapixels in a file of a few hundred bytes
    assert len(data) < 2000
    file = upload("claims-huge.jpg", data)
    assert_refused(on_photo_step, private_storage, file, "claims-huge.jpg has too many pixels")


def test_decompression_bomb_is_refused_before_decoding(on_photo_step, private_storage):
    # Its pixel data is one byte: a decode would fail as damaged, not report the pixel count.
    file = upload("bomb.png", png_header_bomb(), "image/png")
    assert_refused(on_photo_step, private_storage, file, "bomb.png has too many pixels")


def test_image_over_the_pixel_limit_is_refused(on_photo_step, private_storage):
    out = io.BytesIO()
    Image.new("L", (8000, 5001)).save(out, format="PNG")  # 40.008 megapixels, a small file
    file = upload("huge.png", out.getvalue(), "image/png")
    assert_refused(on_photo_step, private_storage, file, "huge.png has too many pixels")


def test_eleven_megabyte_file_is_refused(on_photo_step, private_storage):
    data = jpeg_bytes()
    data = data + b"\0" * (11 * 1024 * 1024 - len(data))
    file = upload("big.jpg", data)
    assert_refused(on_photo_step, private_storage, file, "big.jpg is 11.0\xa0MB")


def test_check_upload_refuses_by_content_not_by_name():
    with pytest.raises(ValidationError) as error:
        photos.check_upload(upload("x.png", b"\x89PNG\r\n\x1a\n garbage"))
    assert error.value.code == "not_an_image"


def test_good_photos_are_kept_when_one_of_several_is_refused(
    on_photo_step, private_storage, processing
):
    with processing():
        response = post_photos(
            on_photo_step, upload("good.jpg", jpeg_bytes()), upload("bad.jpg", b"not an image")
        )
    assert "bad.jpg is not a photo we can use" in response.content.decode()
    photo = DraftPhoto.objects.get()
    assert (photo.display_name, photo.state) == ("good.jpg", PhotoState.READY)
    assert stored_files(private_storage) == [private_storage / photo.file.name]


def test_at_most_five_photos(on_photo_step, private_storage):
    files = [upload(f"p{n}.jpg", jpeg_bytes()) for n in range(6)]
    response = post_photos(on_photo_step, *files)
    assert "You can add up to 5 photos" in response.content.decode()
    assert DraftPhoto.objects.count() == 0 and stored_files(private_storage) == []
    post_photos(on_photo_step, *[upload(f"p{n}.jpg", jpeg_bytes()) for n in range(5)])
    assert DraftPhoto.objects.count() == 5
    page = on_photo_step.get(reverse("reports:photos")).content.decode()
    assert "You have added the most photos you can" in page
    assert 'type="file"' not in page


# --- Processing: decode, orient, strip, re-encode ------------------------------------------------


def test_processing_turns_the_photo_upright_and_keeps_no_exif_at_all(
    on_photo_step, private_storage, processing
):
    original = jpeg_bytes(size=(80, 60), exif=gps_exif(orientation=6))
    with Image.open(io.BytesIO(original)) as check:
        assert check.getexif().get_ifd(0x8825)  # the test photo really carries GPS
    with processing():
        post_photos(on_photo_step, upload("IMG_0001.jpg", original))
    photo = DraftPhoto.objects.get()
    assert photo.state == PhotoState.READY and not photo.original
    data = stored_bytes(photo.file.name)
    assert b"Exif" not in data and b"PhoneMaker" not in data and b"GPS" not in data
    with Image.open(io.BytesIO(data)) as stored:
        assert stored.format == "JPEG"
        assert dict(stored.getexif()) == {}
        assert "exif" not in stored.info and "xmp" not in stored.info
        assert stored.size == (60, 80)  # turned upright by the EXIF orientation, then dropped
    assert (photo.width, photo.height, photo.size) == (60, 80, len(data))
    assert stored_files(private_storage) == [private_storage / photo.file.name]  # no quarantine


def test_processing_drops_the_colour_profile_comments_and_xmp_of_a_jpeg(on_photo_step, processing):
    profile = srgb_profile()
    xmp = b"<x:xmpmeta>GPSLatitude 35.78</x:xmpmeta>"
    original = jpeg_bytes(
        size=(64, 48), exif=gps_exif(), icc_profile=profile, comment=b"Maple St", xmp=xmp
    )
    assert profile in original and b"Maple St" in original and xmp in original
    with processing():
        post_photos(on_photo_step, upload("IMG_0002.jpg", original))
    data = stored_bytes(DraftPhoto.objects.get().file.name)
    assert b"ICC_PROFILE" not in data and profile[-200:] not in data
    assert b"Maple St" not in data and b"xmpmeta" not in data and b"Exif" not in data
    with Image.open(io.BytesIO(data)) as stored:
        assert set(stored.info) <= {"jfif", "jfif_version", "jfif_unit", "jfif_density"}
        assert stored.getpixel((10, 10)) == pytest.approx((200, 30, 30), abs=4)  # sRGB to sRGB


# What an attacker or a careless app can put in a colour profile: markup, script, an ID number.
CRAFTED_PAYLOAD = b"<script>alert('icc')</script><b>SSN 123-45-6789</b>"


@pytest.mark.parametrize(
    ("profile", "kind", "mode"),
    [
        (b"not a profile at all " + CRAFTED_PAYLOAD, "jpeg", "RGB"),  # no profile lcms parses
        (srgb_profile() + CRAFTED_PAYLOAD, "jpeg", "RGB"),  # a real profile, bytes appended
        (srgb_profile() + CRAFTED_PAYLOAD, "jpeg", "L"),  # a grey photo: nothing converts it
        (srgb_profile() + CRAFTED_PAYLOAD, "png", "RGBA"),  # stays a PNG (transparency)
    ],
)
def test_a_crafted_colour_profile_leaves_none_of_its_bytes_in_the_stored_photo(
    profile, kind, mode, on_photo_step, private_storage, processing
):
    out = io.BytesIO()
    fill = {"RGB": (200, 30, 30), "L": 120, "RGBA": (200, 30, 30, 128)}[mode]
    Image.new(mode, (48, 32), fill).save(out, format=kind.upper(), icc_profile=profile)
    original = out.getvalue()
    assert CRAFTED_PAYLOAD in original or kind == "png"  # a PNG keeps its profile compressed
    with processing():
        post_photos(on_photo_step, upload(f"crafted.{kind}", original, f"image/{kind}"))
    photo = DraftPhoto.objects.get()
    assert photo.state == PhotoState.READY and not photo.original
    data = stored_bytes(photo.file.name)
    for fragment in (b"script", b"123-45-6789", b"ICC_PROFILE", b"iCCP", b"not a profile"):
        assert fragment not in data, fragment
    with Image.open(io.BytesIO(data)) as stored:
        assert "icc_profile" not in stored.info
    assert stored_files(private_storage) == [private_storage / photo.file.name]  # no original


def test_processing_drops_the_comment_of_a_jpeg_without_a_profile(on_photo_step, processing):
    # Without a profile to convert, the decoded image is saved as it is: Pillow would copy its
    # comment (COM marker) into the new file unless told not to.
    original = jpeg_bytes(size=(64, 48), comment=b"Alex at 100 Maple St")
    with processing():
        post_photos(on_photo_step, upload("IMG_0003.jpg", original))
    data = stored_bytes(DraftPhoto.objects.get().file.name)
    assert b"Maple St" not in data


def test_processing_drops_every_chunk_of_a_png_but_its_pixels(on_photo_step, processing):
    original = png_with_metadata()
    with processing():
        post_photos(on_photo_step, upload("scan.png", original, "image/png"))
    photo = DraftPhoto.objects.get()
    data = stored_bytes(photo.file.name)
    for chunk in (b"iCCP", b"tEXt", b"iTXt", b"zTXt", b"eXIf", b"Maple", b"xmpmeta"):
        assert chunk not in data, chunk
    with Image.open(io.BytesIO(data)) as stored:
        assert stored.format == "JPEG"  # no transparency: a JPEG
        assert "icc_profile" not in stored.info


def test_png_with_transparency_stays_png(on_photo_step, processing):
    out = io.BytesIO()
    Image.new("RGBA", (20, 20), (0, 0, 255, 128)).save(out, format="PNG", icc_profile=b"")
    with processing():
        post_photos(on_photo_step, upload("screenshot.png", out.getvalue(), "image/png"))
    photo = DraftPhoto.objects.get()
    assert (photo.state, photo.content_type) == (PhotoState.READY, "image/png")
    with Image.open(io.BytesIO(stored_bytes(photo.file.name))) as stored:
        assert stored.mode == "RGBA" and stored.getpixel((5, 5))[3] == 128


def test_webp_is_accepted_and_stored_as_jpeg(on_photo_step, processing):
    out = io.BytesIO()
    Image.new("RGB", (20, 20), "green").save(out, format="WEBP")
    with processing():
        post_photos(on_photo_step, upload("photo.webp", out.getvalue(), "image/webp"))
    photo = DraftPhoto.objects.get()
    assert (photo.state, photo.content_type) == (PhotoState.READY, "image/jpeg")


def test_stored_under_a_random_name_outside_the_public_media(
    on_photo_step, private_storage, processing
):
    with processing():
        post_photos(on_photo_step, upload("my-house-at-100-maple-st.jpg", jpeg_bytes()))
    photo = DraftPhoto.objects.get()
    assert "maple" not in photo.file.name
    assert len(Path(photo.file.name).stem) == 32
    path = Path(storages["private"].path(photo.file.name))
    assert path.is_file()
    assert Path(settings.MEDIA_ROOT) not in path.parents
    with pytest.raises(ValueError):
        storages["private"].url(photo.file.name)  # no public URL at all


def test_private_storage_is_configured_outside_media_root():
    private = storages.backends["private"]
    assert private["OPTIONS"]["base_url"] is None
    location = Path(private["OPTIONS"]["location"])
    assert Path(settings.MEDIA_ROOT) not in [location, *location.parents]


# --- Processing that fails, bounded in time and memory -------------------------------------------


def test_a_damaged_photo_passes_the_request_then_is_marked_failed(
    on_photo_step, private_storage, processing
):
    data = jpeg_bytes(size=(400, 300))
    with processing():
        response = post_photos(on_photo_step, upload("cut-off.jpg", data[: len(data) // 2]))
    assert response.status_code == 302  # the header is sound: only the decode finds the damage
    photo = DraftPhoto.objects.get()
    assert (photo.state, photo.failure) == (PhotoState.FAILED, PhotoFailure.DAMAGED)
    assert stored_files(private_storage) == []  # the unusable upload is not kept

    page = on_photo_step.get(reverse("reports:photos")).content.decode()
    assert "We could not use this photo. Remove it and choose another copy." in page
    on_photo_step.post(reverse("reports:photos"), {"remove": str(photo.pk)})
    assert DraftPhoto.objects.count() == 0


def test_a_decode_slower_than_the_time_limit_is_stopped_and_marked_failed(
    on_photo_step, private_storage, processing, settings
):
    data = noise_jpeg(size=(3000, 2000))  # about 0.2 s of work; the limit is 0.05 s
    settings.REPORTS_PHOTO_TIMEOUT_SECONDS = 0.05
    with processing():
        post_photos(on_photo_step, upload("slow.jpg", data))
        started = time.monotonic()
    photo = DraftPhoto.objects.get()
    assert (photo.state, photo.failure) == (PhotoState.FAILED, PhotoFailure.TIMED_OUT)
    assert stored_files(private_storage) == []
    assert time.monotonic() - started < 10  # a bound, not a benchmark: it did not hang


def test_a_decode_needing_more_memory_than_allowed_is_marked_failed(
    on_photo_step, private_storage, processing, settings
):
    out = io.BytesIO()
    Image.linear_gradient("L").resize((8000, 5000)).convert("RGB").save(out, format="JPEG")
    assert len(out.getvalue()) < photos.MAX_BYTES  # small, but 160 MB once decoded
    settings.REPORTS_PHOTO_MEMORY_MB = 100
    with processing():
        post_photos(on_photo_step, upload("wide.jpg", out.getvalue()))
    photo = DraftPhoto.objects.get()
    assert (photo.state, photo.failure) == (PhotoState.FAILED, PhotoFailure.OUT_OF_MEMORY)
    assert stored_files(private_storage) == []


ALLOCATE_UNDER_THE_CHILDS_LIMITS = """
import sys
sys.path.insert(0, sys.argv[1])
import photo_child
photo_child.limit_resources(200 * 2**20, 5)
try:
    bytearray(int(sys.argv[2]) * 2**20)
except MemoryError:
    sys.exit(9)
"""


def test_the_childs_memory_limit_makes_a_large_allocation_fail():
    """RLIMIT_AS as the child sets it (photo_child.limit_resources): past it, memory is refused."""
    folder = str(Path(photos.photo_child.__file__).parent)

    def allocate(megabytes: int) -> int:
        command = [sys.executable, "-I", "-c", ALLOCATE_UNDER_THE_CHILDS_LIMITS, folder]
        return subprocess.run([*command, str(megabytes)], check=False).returncode

    assert (allocate(50), allocate(300)) == (0, 9)


def test_clean_photo_bounds(settings):
    """The same bounds called directly: the child gives up, the caller gets a reason."""
    settings.REPORTS_PHOTO_TIMEOUT_SECONDS = 0.01
    with pytest.raises(photos.PhotoFailed) as failed:
        photos.clean_photo(jpeg_bytes())
    assert failed.value.reason == PhotoFailure.TIMED_OUT
    settings.REPORTS_PHOTO_TIMEOUT_SECONDS = 30
    with pytest.raises(photos.PhotoFailed) as failed:
        photos.clean_photo(b"\xff\xd8\xff not a jpeg")
    assert failed.value.reason == PhotoFailure.DAMAGED


# --- The real worker -----------------------------------------------------------------------------


@pytest.fixture
def db_queue(settings):
    """The tasks' database backend, as in production: the request stores a task row."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    return settings


def task_statuses() -> list[str]:
    rows = DBTaskResult.objects.filter(task_path="reports.tasks.process_photo")
    return list(rows.order_by("enqueued_at").values_list("status", flat=True))


@pytest.mark.django_db(transaction=True)
def test_the_worker_processes_the_photo_the_request_only_queued(
    db_queue, on_photo_step, private_storage
):
    response = post_photos(on_photo_step, upload("bike.jpg", jpeg_bytes(exif=gps_exif())))
    assert response.status_code == 302
    photo = DraftPhoto.objects.get()
    assert photo.state == PhotoState.RECEIVED
    assert task_statuses() == [TaskResultStatus.READY]
    assert stored_files(private_storage) == [private_storage / photo.original.name]

    run_worker()
    photo.refresh_from_db()
    assert photo.state == PhotoState.READY and photo.attempts == 1
    assert task_statuses() == [TaskResultStatus.SUCCESSFUL]
    assert stored_files(private_storage) == [private_storage / photo.file.name]
    assert b"PhoneMaker" not in stored_bytes(photo.file.name)

    run_worker()  # nothing left to do: the photo is processed once
    assert task_statuses() == [TaskResultStatus.SUCCESSFUL]


@pytest.mark.django_db(transaction=True)
def test_a_photo_sent_before_the_worker_ran_is_processed_as_the_reports(
    db_queue, on_photo_step, private_storage
):
    fill_details(on_photo_step, photos=[upload("bike.jpg", jpeg_bytes())])
    assert submit(on_photo_step)["Location"] == reverse("reports:confirmation")
    report = Report.objects.get()
    (photo,) = report.photos.all()
    assert photo.state == PhotoState.RECEIVED and not DraftPhoto.objects.exists()

    run_worker()
    photo.refresh_from_db()
    assert photo.state == PhotoState.READY
    assert photo.file.name.startswith("reports/")
    assert stored_files(private_storage) == [private_storage / photo.file.name]


@pytest.mark.django_db(transaction=True)
def test_a_storage_error_in_the_worker_is_retried_later_and_then_succeeds(
    db_queue, on_photo_step, private_storage, full_disk, settings
):
    post_photos(on_photo_step, upload("bike.jpg", jpeg_bytes()))
    photo = DraftPhoto.objects.get()
    full_disk()
    run_worker()
    photo.refresh_from_db()
    assert photo.state == PhotoState.RECEIVED  # kept in quarantine for the next attempt
    assert task_statuses() == [TaskResultStatus.FAILED, TaskResultStatus.READY]
    retry = DBTaskResult.objects.get(status=TaskResultStatus.READY)
    assert retry.run_after > timezone.now() + timedelta(seconds=20)  # a later attempt
    assert stored_files(private_storage) == [private_storage / photo.original.name]

    use_private_storage(settings, private_storage)  # space again
    DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now())
    run_worker()
    photo.refresh_from_db()
    assert (photo.state, photo.attempts) == (PhotoState.READY, 2)
    assert stored_files(private_storage) == [private_storage / photo.file.name]


# --- Idempotency: the same form posted twice -----------------------------------------------------


def test_the_same_upload_key_posted_twice_adds_the_photos_once(
    on_photo_step, private_storage, processing
):
    key = photos.new_upload_key()
    files = lambda: [upload("front.jpg", jpeg_bytes()), upload("side.jpg", jpeg_bytes())]  # noqa: E731
    with processing():
        post_photos(on_photo_step, *files(), key=key)
        again = post_photos(on_photo_step, *files(), key=key)  # the browser's retry
    assert again.status_code == 302
    assert DraftPhoto.objects.count() == 2
    assert len(stored_files(private_storage)) == 2
    with processing():
        post_photos(on_photo_step, upload("back.jpg", jpeg_bytes()))  # a new form, a new key
    assert DraftPhoto.objects.count() == 3 and len(stored_files(private_storage)) == 3


def test_the_database_adds_a_photo_once_per_key_and_place():
    draft = ReportDraft.objects.create()
    fields = {"draft": draft, "content_type": "image/jpeg", "width": 1, "height": 1, "size": 1}
    DraftPhoto.objects.create(**fields, original="quarantine/a.jpg", upload_key="k" * 22)
    with pytest.raises(DatabaseError), transaction.atomic():
        DraftPhoto.objects.create(**fields, original="quarantine/b.jpg", upload_key="k" * 22)
    DraftPhoto.objects.create(**fields, original="quarantine/c.jpg", upload_key="")
    DraftPhoto.objects.create(**fields, original="quarantine/d.jpg", upload_key="")
    assert DraftPhoto.objects.count() == 3


def test_the_form_shown_again_after_a_refusal_has_a_new_key(on_photo_step):
    key = photos.new_upload_key()
    page = post_photos(on_photo_step, upload("bad.jpg", b"not a photo"), key=key)
    html = page.content.decode()
    assert 'name="upload_key"' in html and key not in html


def test_more_information_posted_twice_is_added_once(client, report_content, private_storage):
    report = ReportFactory()
    url = info_link(report)
    key = client.get(url).context["form"]["upload_key"].value()
    data = lambda: {"text": "Blue", "photos": [upload("a.jpg", jpeg_bytes())], "upload_key": key}  # noqa: E731
    assert client.post(url, data())["Location"] == reverse("reports:more_information_sent")
    again = client.post(url, data())  # the link is used by now, but this is the same answer
    assert again["Location"] == reverse("reports:more_information_sent")
    assert ReportAddition.objects.count() == 1 and report.photos.count() == 1
    assert len(stored_files(private_storage)) == 1


# --- A file exists if and only if its row does ---------------------------------------------------


def failing_second_photo_insert():
    """A database wrapper (connection.execute_wrapper) that fails the second photo's INSERT."""
    inserts = []

    def wrapper(execute, sql, params, many, context):
        if sql.startswith('INSERT INTO "reports_draftphoto"'):
            inserts.append(sql)
            if len(inserts) == 2:
                raise DatabaseError("the database went away")
        return execute(sql, params, many, context)

    return wrapper


def test_a_write_that_fails_halfway_leaves_no_file(report_content, private_storage):
    draft = ReportDraft.objects.create()
    uploads = [upload("one.jpg", jpeg_bytes()), upload("two.jpg", jpeg_bytes())]
    with connection.execute_wrapper(failing_second_photo_insert()), pytest.raises(DatabaseError):
        operations.draft_add_photos(draft=draft, uploads=uploads, upload_key="k" * 22)
    assert photo_rows() == 0
    assert stored_files(private_storage) == []


def test_files_of_a_rolled_back_transaction_are_swept(
    report_content, private_storage, django_capture_on_commit_callbacks
):
    draft = ReportDraft.objects.create()
    with (
        django_capture_on_commit_callbacks() as queued,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        operations.draft_add_photos(
            draft=draft, uploads=[upload("one.jpg", jpeg_bytes())], upload_key="k" * 22
        )
        raise RuntimeError("something after the photo failed")
    assert photo_rows() == 0 and queued == []  # no row, nothing queued ...
    (left,) = stored_files(private_storage)  # ... but the quarantine copy, until the sweep
    call_command("purge_reports", stdout=io.StringIO())
    assert stored_files(private_storage) == [left]  # less than an hour old: maybe in a request
    age(left, hours=2)
    call_command("purge_reports", stdout=io.StringIO())
    assert stored_files(private_storage) == []


def test_a_photo_removed_before_processing_leaves_nothing(
    on_photo_step, private_storage, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as queued:
        post_photos(on_photo_step, upload("one.jpg", jpeg_bytes()))
    photo = DraftPhoto.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        on_photo_step.post(reverse("reports:photos"), {"remove": str(photo.pk)})
    assert photo_rows() == 0 and stored_files(private_storage) == []
    for callback in queued:  # the processing queued by the upload runs late
        callback()
    assert photo_rows() == 0 and stored_files(private_storage) == []


def test_another_drafts_photo_cannot_be_removed(client, on_photo_step, private_storage):
    post_photos(on_photo_step, upload("one.jpg", jpeg_bytes()))
    other = ReportDraft.objects.create()
    foreign = DraftPhoto.objects.create(
        draft=other,
        state=PhotoState.READY,
        file="drafts/x.jpg",
        content_type="image/jpeg",
        width=1,
        height=1,
        size=1,
    )
    on_photo_step.post(reverse("reports:photos"), {"remove": str(foreign.pk)})
    assert DraftPhoto.objects.filter(pk=foreign.pk).exists()


class FullDiskStorage(PrivateFileSystemStorage):
    """A disk that fills up during a write: part of the file is written, then ENOSPC."""

    def save(self, name, content, max_length=None):
        content.seek(0)
        partial = ContentFile(content.read(100))
        super().save(name, partial, max_length=max_length)
        raise OSError(errno.ENOSPC, "No space left on device")


@pytest.fixture
def full_disk(settings, private_storage):
    def fill():
        backend = f"{FullDiskStorage.__module__}.{FullDiskStorage.__qualname__}"
        use_private_storage(settings, private_storage, backend=backend)

    return fill


def test_a_full_disk_is_a_clear_message_keeps_the_answers_and_leaves_no_partial_file(
    on_photo_step, private_storage, processing, full_disk
):
    fill_details(on_photo_step)
    with processing():
        post_photos(on_photo_step, upload("first.jpg", jpeg_bytes()))
    kept = stored_files(private_storage)
    answers = ReportDraft.objects.get().answers

    full_disk()
    with processing():
        response = post_photos(
            on_photo_step, upload("second.jpg", jpeg_bytes()), upload("third.jpg", jpeg_bytes())
        )
    page = response.content.decode()
    assert response.status_code == 200
    assert "We could not store your photo just now" in page
    assert '<a href="#id_photos">' in page
    assert "first.jpg" in page  # the photo added before is still there
    assert list(DraftPhoto.objects.values_list("display_name", flat=True)) == ["first.jpg"]
    assert ReportDraft.objects.get().answers == answers
    assert stored_files(private_storage) == kept  # no partial file of the second or third


def test_a_full_disk_keeps_the_residents_text_on_the_more_information_page(
    client, report_content, private_storage, full_disk
):
    report = ReportFactory()
    url = info_link(report)
    full_disk()
    response = client.post(url, {"text": "It was blue", "photos": [upload("a.jpg", jpeg_bytes())]})
    page = response.content.decode()
    assert "We could not store your photo just now" in page
    assert "It was blue</textarea>" in page
    assert ReportAddition.objects.count() == 0 and report.photos.count() == 0
    assert stored_files(private_storage) == []


# --- The sweep in purge_reports ------------------------------------------------------------------


def test_purge_reports_sweeps_orphan_and_stale_quarantine_files_only(
    report_content, private_storage
):
    report = ReportFactory()
    ready = add_photo(report)
    draft = ReportDraft.objects.create()
    operations.draft_add_photos(
        draft=draft, uploads=[upload("waiting.jpg", jpeg_bytes())], upload_key=""
    )
    waiting = DraftPhoto.objects.get()
    storage = storages["private"]
    orphans = [
        storage.save("reports/orphan.jpg", ContentFile(b"left by a killed worker")),
        storage.save("quarantine/stale.jpg", ContentFile(b"left by a killed request")),
    ]
    young = storage.save("quarantine/young.jpg", ContentFile(b"a request writing it now"))
    elsewhere = storage.save("exports/old.csv", ContentFile(b"not a photo"))
    for name in [*orphans, ready.file.name, waiting.original.name, elsewhere]:
        age(private_storage / name, hours=3)

    out = io.StringIO()
    call_command("purge_reports", "--dry-run", stdout=out)
    assert "Would delete 2 stored photo file(s)" in out.getvalue()
    assert len(stored_files(private_storage)) == 6

    out = io.StringIO()
    call_command("purge_reports", stdout=out)
    assert "Deleted 2 stored photo file(s)" in out.getvalue()
    assert stored_files(private_storage) == sorted(
        private_storage / name
        for name in [ready.file.name, waiting.original.name, young, elsewhere]
    )


def test_purge_reports_queues_stalled_photos_again_and_gives_up_after_four_attempts(
    report_content, private_storage, django_capture_on_commit_callbacks
):
    draft = ReportDraft.objects.create()
    uploads = [upload("stalled.jpg", jpeg_bytes()), upload("killer.jpg", jpeg_bytes())]
    operations.draft_add_photos(draft=draft, uploads=uploads, upload_key="")
    stalled, killer = DraftPhoto.objects.order_by("display_name").reverse()
    DraftPhoto.objects.update(created_at=timezone.now() - timedelta(hours=2))
    # Its task was started four times and never finished (a worker killed each time).
    DraftPhoto.objects.filter(pk=killer.pk).update(attempts=operations.MAX_PROCESSING_ATTEMPTS)

    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("purge_reports", stdout=out)
    assert "Queued 2 photo(s) still waiting for processing again." in out.getvalue()
    stalled.refresh_from_db()
    killer.refresh_from_db()
    assert stalled.state == PhotoState.READY
    assert (killer.state, killer.failure) == (PhotoState.FAILED, PhotoFailure.GAVE_UP)
    assert stored_files(private_storage) == [private_storage / stalled.file.name]


# --- What the resident and staff see -------------------------------------------------------------


def test_check_answers_lists_received_and_unusable_photos(
    on_photo_step, processing, django_capture_on_commit_callbacks
):
    fill_details(on_photo_step)
    with django_capture_on_commit_callbacks():  # the worker has not run yet
        post_photos(on_photo_step, upload("bike.jpg", jpeg_bytes()))
    data = jpeg_bytes(size=(400, 300))
    with processing():
        post_photos(on_photo_step, upload("cut.jpg", data[: len(data) // 2]))
    page = on_photo_step.get(reverse("reports:check")).content.decode()
    assert "bike.jpg (" in page and "): received" in page
    assert "cut.jpg (" in page and "): we could not use this photo" in page
    assert f'href="{reverse("reports:photos")}?change=1"' in page  # where they can remove one


def test_staff_see_a_photo_only_once_processed_and_see_one_that_failed(
    verified_superuser_client, report_content, private_storage
):
    report = ReportFactory()
    ready = add_photo(report)
    url = info_link(report)
    key = verified_superuser_client.get(url).context["form"]["upload_key"].value()
    uploads = [upload("waiting.jpg", jpeg_bytes()), upload("slow.jpg", jpeg_bytes())]
    verified_superuser_client.post(url, {"text": "", "photos": uploads, "upload_key": key})
    waiting, slow = report.photos.filter(state=PhotoState.RECEIVED).order_by("position")
    operations.photo_mark_failed(photo_id=slow.pk, failure=PhotoFailure.TIMED_OUT)

    change = reverse("admin:reports_report_change", args=[report.pk])
    page = verified_superuser_client.get(change).content.decode()
    assert page.count('class="report-photo-thumb"') == 1
    assert reverse("admin:reports_report_photo", args=[ready.pk]) in page
    assert "Received, being processed" in page
    assert "Could not be processed" in page and "Processing it took too long" in page
    photo_url = reverse("admin:reports_report_photo", args=[waiting.pk])
    assert verified_superuser_client.get(photo_url).status_code == 404  # never the quarantine


def test_the_journey_with_a_photo_sends_it_to_the_report(on_photo_step, processing, mailoutbox):
    with processing():
        fill_details(on_photo_step, photos=[upload("bike.jpg", jpeg_bytes())], about=ABOUT_YOU)
    with processing():
        submit(on_photo_step)
    (photo,) = Report.objects.get().photos.all()
    assert photo.state == PhotoState.READY and photo.file.name.startswith("drafts/")
    assert len(mailoutbox) == 1  # the receipt
