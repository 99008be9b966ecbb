"""Delete concerns and tips the department no longer needs.

- Concerns whose status last changed more than CONCERNS_RETENTION_DAYS days ago, whatever the
  status, with their history and photo (the files too). The district pages' counts cover the
  last 90 days only, so they do not change.
- Photos still waiting for processing an hour after their upload are queued again.

`--dry-run` lists what would happen and changes nothing. Run it daily (cron, a scheduler).
"""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from concerns import operations


class Command(BaseCommand):
    help = "Delete concerns and tips past the retention period."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="List what would be done; change nothing."
        )

    def handle(self, *args, dry_run=False, **options):
        now = timezone.now()
        days = settings.CONCERNS_RETENTION_DAYS
        references = operations.concerns_purge(retention_days=days, now=now, dry_run=dry_run)
        verb = "Would delete" if dry_run else "Deleted"
        for reference in references:
            self.stdout.write(f"{verb} {reference}")
        stalled = operations.photos_requeue_stalled(now=now, dry_run=dry_run)
        self.stdout.write(
            f"{'Would queue' if dry_run else 'Queued'} {stalled} photo(s) still waiting for "
            "processing again."
        )
        summary = (
            f"{'Dry run: ' if dry_run else ''}{len(references)} concern(s) past the retention "
            f"period of {days} days."
        )
        self.stdout.write(self.style.SUCCESS(summary))
