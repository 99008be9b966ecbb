"""Forget alert subscribers the department no longer needs (alerts.operations.subscribers_purge):
addresses never confirmed within 7 days, and addresses that unsubscribed more than
ALERTS_UNSUBSCRIBED_RETENTION_DAYS days ago. The send log keeps the counts.

`--dry-run` says what would happen and changes nothing. Run it daily (cron, a scheduler), like
`purge_reports`.
"""

from django.core.management.base import BaseCommand

from alerts import operations


class Command(BaseCommand):
    help = "Delete unconfirmed and long-unsubscribed email alert subscribers."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Say what would be done; change nothing."
        )

    def handle(self, *args, dry_run=False, **options):
        counts = operations.subscribers_purge(dry_run=dry_run)
        verb = "Would delete" if dry_run else "Deleted"
        self.stdout.write(
            f"{verb} {counts['unconfirmed']} unconfirmed and {counts['unsubscribed']} "
            "unsubscribed alert subscriber(s)."
        )
