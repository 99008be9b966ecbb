"""Object storage for several app servers (settings: DJANGO_STORAGE=s3, README "Scaling out").

Public uploads (images, their renditions, meeting minutes) use django-storages' S3Storage as it
comes, configured in settings.py. Evidence photos from crime reports use ``PrivateS3Storage``: a
bucket of its own, objects stored without any ACL (so only the site's credentials can read them)
and, like ``reports.storage.PrivateFileSystemStorage``, no URL at all, not even a signed one. The
only way to a photo is the admin view that checks the reviewer's permission and two-factor
sign-in and streams the file from storage.
"""

from storages.backends.s3 import S3Storage


class PrivateS3Storage(S3Storage):
    def url(self, name, parameters=None, expire=None, http_method=None):
        raise ValueError("Private files have no URL; serve them through a checked view.")
