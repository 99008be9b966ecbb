"""Storage for evidence photos: files on disk outside MEDIA_ROOT, with no URL at all.

A plain FileSystemStorage with ``base_url=None`` falls back to MEDIA_URL; this one refuses, so
no template or admin widget can ever link a photo past the permission-checked view. In
production the "private" entry of settings.STORAGES may name an S3 backend instead (no public
ACL, no query-string auth exposed), and nothing else changes.
"""

from django.core.files.storage import FileSystemStorage, storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.functional import LazyObject, empty


class PrivateFileSystemStorage(FileSystemStorage):
    def url(self, name):
        raise ValueError("Private files have no public URL; serve them through a checked view.")


class PrivateStorage(LazyObject):
    """``storages["private"]``, looked up on first use (and again after settings change in
    tests), so model fields follow the STORAGES setting instead of keeping an old instance."""

    def _setup(self):
        self._wrapped = storages["private"]


private_storage = PrivateStorage()


@receiver(setting_changed)
def _reset_private_storage(*, setting, **kwargs):
    if setting == "STORAGES":
        private_storage._wrapped = empty
