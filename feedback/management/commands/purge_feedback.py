"""Delete the personal details of compliments and complaints the department no longer needs.

Items closed more than FEEDBACK_RETENTION_DAYS days ago (default 1826, five years) lose what the
resident wrote (officer, what happened, when, where, the note for the resident), who they are
(name, email, phone) and their history (internal notes, supervisors' addresses), replaced by one
"personal details deleted" entry. The row itself stays, with its reference, kind, status,
outcome and dates: the public yearly counts are computed from the rows, so they do not change,
and the status page still shows the outcome. Open items are never touched.

`--dry-run` lists what would happen and changes nothing. Run it daily (cron, a scheduler).
"""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from feedback import operations


class Command(BaseCommand):
    help = "Delete the personal details of compliments and complaints closed past retention."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="List what would be done; change nothing."
        )

    def handle(self, *args, dry_run=False, **options):
        days = settings.FEEDBACK_RETENTION_DAYS
        references = operations.feedback_purge(
            retention_days=days, now=timezone.now(), dry_run=dry_run
        )
        verb = (
            "Would delete the personal details of" if dry_run else "Deleted the personal details of"
        )
        for reference in references:
            self.stdout.write(f"{verb} {reference}")
        summary = (
            f"{'Dry run: ' if dry_run else ''}{len(references)} item(s) closed more than "
            f"{days} days ago."
        )
        self.stdout.write(self.style.SUCCESS(summary))
