from django.core.management.base import BaseCommand
from django.db import transaction

from core.registry import registry
from core.search_words import refresh_search_words


class Command(BaseCommand):
    help = "Load the demo content from the seed. Safe to run again: it adds only what is missing."

    def handle(self, *args, **options):
        # Each app registers a loader that creates only what is missing, in INSTALLED_APPS
        # order: later loaders link to what earlier ones created.
        total = 0
        with transaction.atomic():
            for name, load in registry.demo_loaders:
                created = load()
                total += created
                self.stdout.write(f"{name}: {created} new")
            # The words "Did you mean" suggests: loaders may write without signals.
            refresh_search_words()
        self.stdout.write(self.style.SUCCESS(f"Demo content loaded: {total} new records."))
