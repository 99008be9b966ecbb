"""Storage for evidence photos: files on disk outside MEDIA_ROOT, with no URL at all.

A plain FileSystemStorage with ``base_url=None`` falls back to MEDIA_URL; this one refuses, so
no template or admin widget can ever link a photo past the permission-checked view. In
production the "private" entry of settings.STORAGES may name an S3 backend instead (no public
ACL, no query-string auth exposed), and nothing else changes.
"""

from django.core.files.storage import FileSystemStorage


class PrivateFileSystemStorage(FileSystemStorage):
    def url(self, name):
        raise ValueError("Private files have no public URL; serve them through a checked view.")
