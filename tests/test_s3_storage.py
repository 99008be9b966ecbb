"""Uploads in S3-compatible object storage (DJANGO_STORAGE=s3), against moto's S3 server on
loopback: public images and their renditions in the public bucket with plain URLs, evidence
photos in the private bucket with no URL, readable only through the checked admin view."""

import json
import subprocess
import sys

import boto3
import pytest
import requests
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.factories import ServiceFactory
from tests.reports_support import add_photo, add_totp_device, admin_login, current_token, jpeg_bytes
from tests.servers import ROOT, free_port, production_env

pytestmark = pytest.mark.django_db

PUBLIC_BUCKET = "cary-pd-media"
PRIVATE_BUCKET = "cary-pd-report-photos"
CREDENTIALS = {"AWS_ACCESS_KEY_ID": "moto-test-key", "AWS_SECRET_ACCESS_KEY": "moto-test-secret"}


@pytest.fixture(scope="module")
def s3_endpoint():
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=free_port(), verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


def s3_client(endpoint):
    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id=CREDENTIALS["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=CREDENTIALS["AWS_SECRET_ACCESS_KEY"],
    )


def settings_for(env: dict[str, str]) -> dict:
    """STORAGES and the CSP as settings.py builds them from this environment (a fresh process)."""
    script = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "print(json.dumps({'STORAGES': s.STORAGES, 'SECURE_CSP': s.SECURE_CSP}, default=str))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=production_env(DATABASE_URL="sqlite:///:memory:", **env),
        capture_output=True,
        text=True,
        timeout=60,
    )
    found = json.loads(result.stdout) if result.returncode == 0 else {}
    return {"returncode": result.returncode, "stderr": result.stderr, **found}


def s3_env(endpoint: str) -> dict[str, str]:
    return {
        "DJANGO_STORAGE": "s3",
        "DJANGO_S3_BUCKET": PUBLIC_BUCKET,
        "DJANGO_S3_PRIVATE_BUCKET": PRIVATE_BUCKET,
        "DJANGO_S3_ENDPOINT_URL": endpoint,
        "DJANGO_S3_REGION": "us-east-1",
        "DJANGO_S3_ADDRESSING_STYLE": "path",
        **CREDENTIALS,
    }


@pytest.fixture
def on_s3(s3_endpoint, settings, monkeypatch, fast_password_hashing):
    """The site's storages switched to S3 exactly as settings.py does it for DJANGO_STORAGE=s3,
    with fresh buckets: the public one readable by anyone through its bucket policy."""
    for name, value in CREDENTIALS.items():
        monkeypatch.setenv(name, value)
    client = s3_client(s3_endpoint)
    for bucket in (PUBLIC_BUCKET, PRIVATE_BUCKET):
        client.create_bucket(Bucket=bucket)
    client.put_bucket_policy(
        Bucket=PUBLIC_BUCKET,
        Policy=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Principal": "*",
                        "Action": "s3:GetObject",
                        "Resource": f"arn:aws:s3:::{PUBLIC_BUCKET}/*",
                    }
                ],
            }
        ),
    )
    found = settings_for(s3_env(s3_endpoint))
    assert found["returncode"] == 0, found["stderr"]
    settings.STORAGES = found["STORAGES"]  # Django and reports.storage drop their old instances
    settings.SECURE_CSP = found["SECURE_CSP"]
    yield {"endpoint": s3_endpoint, "client": client}
    for bucket in (PUBLIC_BUCKET, PRIVATE_BUCKET):
        for item in client.list_objects_v2(Bucket=bucket).get("Contents", []):
            client.delete_object(Bucket=bucket, Key=item["Key"])
        client.delete_bucket(Bucket=bucket)


def keys(client, bucket) -> list[str]:
    return [item["Key"] for item in client.list_objects_v2(Bucket=bucket).get("Contents", [])]


def test_s3_settings_use_two_buckets_and_never_sign_public_urls(s3_endpoint):
    found = settings_for(s3_env(s3_endpoint))
    public, private = found["STORAGES"]["default"], found["STORAGES"]["private"]
    assert public["BACKEND"] == "storages.backends.s3.S3Storage"
    assert public["OPTIONS"]["bucket_name"] == PUBLIC_BUCKET
    assert public["OPTIONS"]["querystring_auth"] is False
    assert private["BACKEND"] == "core.storage_s3.PrivateS3Storage"
    assert private["OPTIONS"]["bucket_name"] == PRIVATE_BUCKET
    assert private["OPTIONS"]["default_acl"] is None
    assert found["STORAGES"]["staticfiles"]["BACKEND"].startswith("whitenoise.")
    # Images from the bucket are allowed by the Content Security Policy, nothing else is.
    assert s3_endpoint in found["SECURE_CSP"]["img-src"]
    assert s3_endpoint not in found["SECURE_CSP"]["script-src"]


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"DJANGO_STORAGE": "s3"}, "needs DJANGO_S3_BUCKET and DJANGO_S3_PRIVATE_BUCKET"),
        (
            {"DJANGO_STORAGE": "s3", "DJANGO_S3_BUCKET": "a", "DJANGO_S3_PRIVATE_BUCKET": "a"},
            "must differ from DJANGO_S3_BUCKET",
        ),
        ({"DJANGO_STORAGE": "ftp"}, "DJANGO_STORAGE must be filesystem or s3"),
    ],
)
def test_incomplete_s3_settings_are_refused_with_a_clear_message(env, message):
    found = settings_for(env)
    assert found["returncode"] != 0
    assert message in found["stderr"]


def test_default_storage_stays_on_the_file_system(settings):
    assert settings.STORAGES["default"]["BACKEND"].endswith("FileSystemStorage")
    assert settings.STORAGES["private"]["BACKEND"] == "core.storage.PrivateFileSystemStorage"


def test_images_and_their_renditions_are_served_from_the_public_bucket(on_s3, client):
    service = ServiceFactory(
        image=SimpleUploadedFile("patrol.jpg", jpeg_bytes(size=(1000, 750)), "image/jpeg"),
        image_alt="An officer on a bicycle",
    )
    s3 = on_s3["client"]
    original = service.image.name
    assert keys(s3, PUBLIC_BUCKET) == [original]
    assert keys(s3, PRIVATE_BUCKET) == []

    picture = service.picture
    assert [source.width for source in picture.sources] == [320, 640, 960, 1000]
    url = picture.default.url
    assert url.startswith(f"{on_s3['endpoint']}/{PUBLIC_BUCKET}/renditions/")
    assert "Signature" not in url and "?" not in url  # plain, lasting URLs
    response = requests.get(url, timeout=10)  # anonymous, as a browser
    assert response.status_code == 200
    assert response.content[:4] == b"RIFF" and response.content[8:12] == b"WEBP"
    # The original and each rendition, made on first use in the same bucket.
    assert len(keys(s3, PUBLIC_BUCKET)) == 1 + len(picture.sources)

    page = client.get(service.get_absolute_url())
    html = page.content.decode()
    assert page.status_code == 200
    assert f"{on_s3['endpoint']}/{PUBLIC_BUCKET}/renditions/" in html
    assert original not in html  # the original upload is never sent to a browser
    assert on_s3["endpoint"] in page["Content-Security-Policy"].split("img-src")[1].split(";")[0]


def test_report_photos_stay_private_and_reach_only_a_verified_reviewer(
    on_s3, client, report_reviewer, report_content
):
    from tests.factories import ReportFactory

    report = ReportFactory()
    photo = add_photo(report)
    s3 = on_s3["client"]
    assert keys(s3, PRIVATE_BUCKET) == [photo.file.name]
    assert keys(s3, PUBLIC_BUCKET) == []

    # No URL at all from the storage, and the object is closed to anonymous requests.
    with pytest.raises(ValueError, match="no URL"):
        storages["private"].url(photo.file.name)
    direct = f"{on_s3['endpoint']}/{PRIVATE_BUCKET}/{photo.file.name}"
    assert requests.get(direct, timeout=10).status_code == 403
    grants = s3.get_object_acl(Bucket=PRIVATE_BUCKET, Key=photo.file.name)["Grants"]
    assert all("URI" not in grant["Grantee"] for grant in grants)  # no AllUsers/AuthenticatedUsers

    view = reverse("admin:reports_report_photo", args=[photo.pk])
    refused = client.get(view)
    assert refused.status_code == 302 and reverse("admin:login") in refused["Location"]

    device = add_totp_device(report_reviewer)
    assert admin_login(client, report_reviewer, token=current_token(device)).status_code == 302
    response = client.get(view)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert "no-store" in response["Cache-Control"]
    body = b"".join(response.streaming_content)
    stored = s3.get_object(Bucket=PRIVATE_BUCKET, Key=photo.file.name)["Body"].read()
    assert body == stored and body[:2] == b"\xff\xd8"
