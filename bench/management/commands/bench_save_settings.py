"""Save the department settings record once, for the storm figure of `make bench` (bench/run.py).

Every public page shows the record, so the save purges every page at the fronts in
HTTP_CACHE_PURGE_URLS, through the site's own path: the model's save, its post_save signal and
the purge sent after the commit (core/http_cache.py). The record is saved unchanged. A purge
that fails only logs a warning on the site (the task worker retries it); here it fails the
command, since the bench would otherwise count the renders of a storm that never happened.
"""

import logging

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from core.models import DepartmentSettings


class FailedPurges(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


class Command(BaseCommand):
    help = "Save the department settings unchanged: purges every public page at the fronts."

    def handle(self, *args, **options):
        if not settings.HTTP_CACHE_PURGE_URLS:
            raise CommandError("No fronts to purge (DJANGO_HTTP_CACHE_PURGE_URLS is empty).")
        failed = FailedPurges()
        purge_log = logging.getLogger("core.http_cache")
        purge_log.addHandler(failed)
        try:
            with transaction.atomic():  # the purge goes out when this commits
                DepartmentSettings.load().save()
        finally:
            purge_log.removeHandler(failed)
        if failed.messages:
            raise CommandError("; ".join(failed.messages))
        fronts = len(settings.HTTP_CACHE_PURGE_URLS)
        self.stdout.write(f"Saved the department settings; purged at {fronts} front(s).")
