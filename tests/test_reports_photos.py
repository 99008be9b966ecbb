"""Evidence photos: checked by content, re-encoded with no EXIF, stored privately, refused with a
clear message (never a 500) when they are not sound images of a sensible size."""

import io
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.urls import reverse
from PIL import Image

from reports import photos
from reports.models import DraftPhoto, ReportDraft
from tests.reports_support import (
    gps_exif,
    jpeg_bytes,
    pass_eligibility,
    png_header_bomb,
    row_counts,
    upload,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("private_storage")]


@pytest.fixture
def on_photo_step(client, report_content):
    client.get(reverse("reports:start"))  # settings records exist on a live site
    pass_eligibility(client)
    return client


def stored_files(folder: Path) -> list[Path]:
    return [path for path in folder.rglob("*") if path.is_file()] if folder.exists() else []


def post_photos(client, *files):
    return client.post(reverse("reports:photos"), {"photos": list(files), "action": "upload"})


def test_gps_exif_photo_is_stored_with_no_exif_at_all(on_photo_step, private_storage):
    original = jpeg_bytes(size=(80, 60), exif=gps_exif(orientation=6))
    with Image.open(io.BytesIO(original)) as check:
        assert check.getexif().get_ifd(0x8825)  # the test photo really carries GPS
    response = post_photos(on_photo_step, upload("IMG_0001.jpg", original))
    assert response.status_code == 302
    photo = DraftPhoto.objects.get()
    data = storages["private"].open(photo.file.name).read()
    assert b"Exif" not in data and b"PhoneMaker" not in data and b"GPS" not in data
    with Image.open(io.BytesIO(data)) as stored:
        assert stored.format == "JPEG"
        assert dict(stored.getexif()) == {}
        assert "exif" not in stored.info and "xmp" not in stored.info
        assert stored.size == (60, 80)  # turned upright by the EXIF orientation, then dropped
    assert (photo.width, photo.height) == (60, 80)


def test_stored_under_a_random_name_outside_the_public_media(on_photo_step, private_storage):
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


def test_png_with_transparency_stays_png(on_photo_step):
    out = io.BytesIO()
    Image.new("RGBA", (20, 20), (0, 0, 255, 128)).save(out, format="PNG")
    post_photos(on_photo_step, upload("screenshot.png", out.getvalue(), "image/png"))
    assert DraftPhoto.objects.get().content_type == "image/png"


def test_webp_is_accepted_and_stored_as_jpeg(on_photo_step):
    out = io.BytesIO()
    Image.new("RGB", (20, 20), "green").save(out, format="WEBP")
    post_photos(on_photo_step, upload("photo.webp", out.getvalue(), "image/webp"))
    assert DraftPhoto.objects.get().content_type == "image/jpeg"


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


def test_truncated_jpeg_is_refused(on_photo_step, private_storage):
    data = jpeg_bytes(size=(400, 300))
    file = upload("cut-off.jpg", data[: len(data) // 2])
    assert_refused(on_photo_step, private_storage, file, "cut-off.jpg is damaged or incomplete")


def test_image_over_the_pixel_limit_is_refused(on_photo_step, private_storage):
    out = io.BytesIO()
    Image.new("L", (8000, 5001)).save(out, format="PNG")  # 40.008 megapixels, a small file
    file = upload("huge.png", out.getvalue(), "image/png")
    assert_refused(on_photo_step, private_storage, file, "huge.png has too many pixels")


def test_decompression_bomb_is_refused_before_decoding(on_photo_step, private_storage):
    file = upload("bomb.png", png_header_bomb(), "image/png")
    assert_refused(on_photo_step, private_storage, file, "bomb.png has too many pixels")


def test_eleven_megabyte_file_is_refused(on_photo_step, private_storage):
    data = jpeg_bytes()
    data = data + b"\0" * (11 * 1024 * 1024 - len(data))
    file = upload("big.jpg", data)
    assert_refused(on_photo_step, private_storage, file, "big.jpg is 11.0\xa0MB")


def test_good_photos_are_kept_when_one_of_several_is_refused(on_photo_step, private_storage):
    response = post_photos(
        on_photo_step, upload("good.jpg", jpeg_bytes()), upload("bad.jpg", b"not an image")
    )
    assert "bad.jpg is not a photo we can use" in response.content.decode()
    assert list(DraftPhoto.objects.values_list("display_name", flat=True)) == ["good.jpg"]
    assert len(stored_files(private_storage)) == 1


def test_at_most_five_photos(on_photo_step, private_storage):
    files = [upload(f"p{n}.jpg", jpeg_bytes()) for n in range(6)]
    response = post_photos(on_photo_step, *files)
    assert "You can add up to 5 photos" in response.content.decode()
    assert DraftPhoto.objects.count() == 0
    post_photos(on_photo_step, *[upload(f"p{n}.jpg", jpeg_bytes()) for n in range(5)])
    assert DraftPhoto.objects.count() == 5
    page = on_photo_step.get(reverse("reports:photos")).content.decode()
    assert "You have added the most photos you can" in page
    assert 'type="file"' not in page


def test_a_photo_can_be_removed(on_photo_step, private_storage):
    post_photos(on_photo_step, upload("one.jpg", jpeg_bytes()))
    photo = DraftPhoto.objects.get()
    page = on_photo_step.get(reverse("reports:photos")).content.decode()
    assert "one.jpg" in page and f'name="remove" value="{photo.pk}"' in page
    on_photo_step.post(reverse("reports:photos"), {"remove": str(photo.pk)})
    assert DraftPhoto.objects.count() == 0
    assert stored_files(private_storage) == []


def test_another_drafts_photo_cannot_be_removed(client, on_photo_step, private_storage):
    post_photos(on_photo_step, upload("one.jpg", jpeg_bytes()))
    other = ReportDraft.objects.create()
    foreign = DraftPhoto.objects.create(
        draft=other, file="drafts/x.jpg", content_type="image/jpeg", width=1, height=1, size=1
    )
    on_photo_step.post(reverse("reports:photos"), {"remove": str(foreign.pk)})
    assert DraftPhoto.objects.filter(pk=foreign.pk).exists()


def test_process_photo_refuses_by_content_not_by_name(private_storage):
    with pytest.raises(ValidationError) as error:
        photos.process_photo(upload("x.png", b"\x89PNG\r\n\x1a\n garbage"), folder="t")
    assert error.value.code == "not_an_image"


def test_twelve_megapixel_photo_costs_little_more_than_pillow_itself(private_storage):
    """The benchmark the issue sets: at most 1.5x Pillow's own decode + re-encode time."""
    out = io.BytesIO()
    # A photo-like image: noise compresses like a real photo does.
    Image.effect_noise((4000, 3000), 64).convert("RGB").save(
        out, format="JPEG", quality=92, exif=gps_exif()
    )
    data = out.getvalue()

    def pillow_alone():
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            image.save(io.BytesIO(), format="JPEG", quality=photos.JPEG_QUALITY)

    def ours():
        photos.process_photo(upload("big.jpg", data), folder="bench")

    # Interleaved runs and medians: the machines are shared, so only the ratio is meaningful.
    pillow_alone(), ours()  # warm up
    alone_times, our_times = [], []
    for _ in range(7):
        for function, times in ((pillow_alone, alone_times), (ours, our_times)):
            start = time.perf_counter()
            function()
            times.append(time.perf_counter() - start)
    baseline, measured = sorted(alone_times)[3], sorted(our_times)[3]
    print(f"12 MP JPEG: Pillow alone {baseline:.3f}s, process_photo {measured:.3f}s")
    assert measured <= baseline * 1.5
