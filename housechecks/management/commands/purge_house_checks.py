"""Delete house checks the department no longer needs.

Checks over (returned, or cancelled) more than HOUSECHECKS_RETENTION_DAYS days ago are
deleted with their visits and history: no name, address, email or phone number of theirs is
left. `--dry-run` lists what would be deleted and changes nothing. Run it daily (cron).
"""

from django.conf import settings
from django.core.management.base import BaseCommand

from housechecks import operations


class Command(BaseCommand):
    help = "Delete house checks past the retention period."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="List what would be done; change nothing."
        )

    def handle(self, *args, dry_run=False, **options):
        days = settings.HOUSECHECKS_RETENTION_DAYS
        references = operations.house_checks_purge(retention_days=days, dry_run=dry_run)
        verb = "Would delete" if dry_run else "Deleted"
        for reference in references:
            self.stdout.write(f"{verb} {reference}")
        summary = (
            f"{'Dry run: ' if dry_run else ''}{len(references)} house check(s) past the "
            f"retention period of {days} days."
        )
        self.stdout.write(self.style.SUCCESS(summary))
