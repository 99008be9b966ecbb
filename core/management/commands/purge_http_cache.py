from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core import http_cache


class Command(BaseCommand):
    help = (
        "Purge pages at every front in HTTP_CACHE_PURGE_URLS: all of them (after a deploy), "
        "or those with the given surrogate keys, e.g. programs.program:12."
    )

    def add_arguments(self, parser):
        parser.add_argument("keys", nargs="*", help="surrogate keys; none means every page")

    def handle(self, *args, keys, **options):
        if not settings.HTTP_CACHE_PURGE_URLS:
            self.stdout.write("No fronts to purge (DJANGO_HTTP_CACHE_PURGE_URLS is empty).")
            return
        keys = keys or [http_cache.SITE_KEY]
        failed = []
        for url in settings.HTTP_CACHE_PURGE_URLS:
            try:
                http_cache.send_purge(url, keys)
            except OSError as error:
                failed.append(f"{url} ({type(error).__name__})")
        if failed:
            raise CommandError(f"Could not purge at {', '.join(failed)}")
        fronts = len(settings.HTTP_CACHE_PURGE_URLS)
        self.stdout.write(f"Purged {' '.join(keys)} at {fronts} front(s).")
