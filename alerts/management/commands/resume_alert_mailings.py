"""Queue again the alert mailings a worker stopped in the middle of
(alerts.operations.mailings_resume): their start, or the batches of their pending deliveries.
Nothing is sent twice. Run it every few minutes (cron, a scheduler) beside the workers."""

from django.core.management.base import BaseCommand

from alerts import operations


class Command(BaseCommand):
    help = "Queue again alert mailings that a stopped worker left unfinished."

    def handle(self, *args, **options):
        queued = operations.mailings_resume()
        self.stdout.write(f"Queued {queued} alert mailing task(s) again.")
