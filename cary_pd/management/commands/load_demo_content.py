from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction

# Each app with demo content has a demo.load() that creates only what is missing.
# Order matters: later loaders link to what earlier ones created.
DEMO_MODULES = ["cary_pd.demo", "services.demo", "programs.demo", "outreach.demo", "reports.demo"]


class Command(BaseCommand):
    help = "Load the demo content from the seed. Safe to run again: it adds only what is missing."

    def handle(self, *args, **options):
        total = 0
        with transaction.atomic():
            for module_name in DEMO_MODULES:
                created = import_module(module_name).load()
                total += created
                self.stdout.write(f"{module_name}: {created} new")
        self.stdout.write(self.style.SUCCESS(f"Demo content loaded: {total} new records."))
