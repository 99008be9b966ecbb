"""Delete requests for records the department no longer needs.

Fulfilled and refused requests whose status last changed more than RECORDS_RETENTION_DAYS days
ago, with their history and their document (the file too). Open requests are kept.

`--dry-run` lists what would happen and changes nothing. Run it daily (cron, a scheduler).
"""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from records import operations


class Command(BaseCommand):
    help = "Delete fulfilled and refused requests for records past the retention period."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="List what would be done; change nothing."
        )

    def handle(self, *args, dry_run=False, **options):
        days = settings.RECORDS_RETENTION_DAYS
        references = operations.records_purge(
            retention_days=days, now=timezone.now(), dry_run=dry_run
        )
        verb = "Would delete" if dry_run else "Deleted"
        for reference in references:
            self.stdout.write(f"{verb} {reference}")
        summary = (
            f"{'Dry run: ' if dry_run else ''}{len(references)} request(s) for records past the "
            f"retention period of {days} days."
        )
        self.stdout.write(self.style.SUCCESS(summary))
