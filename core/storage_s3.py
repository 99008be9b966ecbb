"""The private storage on S3-compatible object storage (``DJANGO_STORAGE=s3``; see
core/storage.py). Its own module so that boto3 is imported only where it is configured."""

from storages.backends.s3 import S3Storage


class PrivateS3Storage(S3Storage):
    def url(self, name, parameters=None, expire=None, http_method=None):
        raise ValueError("Private files have no URL; serve them through a checked view.")
