"""Private storage: files with no URL at all, for evidence photos and anything like them.

``storages["private"]`` (settings.STORAGES) is a ``PrivateFileSystemStorage`` on disk
outside MEDIA_ROOT, or with ``DJANGO_STORAGE=s3`` a ``core.storage_s3.PrivateS3Storage``
bucket of its own with objects stored without any ACL. Neither has a URL, not even a signed
one: a plain FileSystemStorage
with ``base_url=None`` falls back to MEDIA_URL, and these refuse, so no template or admin
widget can ever link a private file past the permission-checked view that streams it.
``private_storage`` looks the storage up on first use (and again after settings change in
tests), so model fields follow the STORAGES setting instead of keeping an old instance.
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
