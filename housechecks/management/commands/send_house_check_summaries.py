"""Email each resident, once, the summary of their house check's visits.

For every check that is over (its return date has passed, or the resident cancelled it) and
whose summary was not sent yet: queue an email to the resident (sent by the task worker) with
the visits' dates, times and outcomes, and only the officers' notes marked for the resident;
record ``summary_sent_at`` so it is never sent twice. Run it daily (cron, a scheduler), e.g.
``15 7 * * * manage.py send_house_check_summaries``. `--dry-run` lists and changes nothing.
"""

from django.core.management.base import BaseCommand

from housechecks import operations


class Command(BaseCommand):
    help = "Email residents the summary of their house check once they are back."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="List what would be sent; change nothing."
        )

    def handle(self, *args, dry_run=False, **options):
        references = operations.summaries_send(dry_run=dry_run)
        verb = "Would queue" if dry_run else "Queued"
        for reference in references:
            self.stdout.write(f"{verb} the summary of {reference}")
        self.stdout.write(self.style.SUCCESS(f"{len(references)} summary email(s)."))
