"""Remove personal data the department no longer needs.

- Closed (approved or rejected) reports whose status last changed more than the staff-set
  retention period ago (Report settings in the admin): their photos are deleted, files too, and
  the resident's personal data is replaced or blanked. The reference, type, dates, status and
  case number stay, so statistics and the case link survive.
- Drafts never sent, last touched more than REPORTS_DRAFT_MAX_AGE_DAYS days ago, with their
  photos; and the pointers left by sent drafts after the same time.
- Photo files no row names (a request or worker killed mid-write, a rolled-back transaction,
  an upload left in quarantine), once they are more than an hour old; and photos still waiting
  for processing an hour after their upload are queued again (their task never finished).

`--dry-run` lists what would happen and changes nothing. Run it daily (cron, a scheduler).
"""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from reports import operations
from reports.models import Report, ReportDraft, ReportSettings


class Command(BaseCommand):
    help = "Delete photos and personal data of closed reports past the retention period."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="List what would be done; change nothing."
        )

    def handle(self, *args, dry_run=False, **options):
        now = timezone.now()
        retention_days = ReportSettings.load().retention_days
        reports = list(
            Report.objects.due_for_purge(retention_days=retention_days, now=now)
            .select_related("incident_type")
            .order_by("status_changed_at")
        )
        draft_cutoff = now - timedelta(days=settings.REPORTS_DRAFT_MAX_AGE_DAYS)
        drafts = list(ReportDraft.objects.filter(updated_at__lt=draft_cutoff))
        verb = "Would anonymise" if dry_run else "Anonymised"
        for report in reports:
            photos = report.photos.count()
            if not dry_run:
                operations.report_anonymise(report=report)
            self.stdout.write(
                f"{verb} {report.reference} ({report.get_status_display()}, closed "
                f"{timezone.localtime(report.status_changed_at):%Y-%m-%d}): "
                f"{photos} photo(s) {'to delete' if dry_run else 'deleted'}"
            )
        for draft in drafts:
            if not dry_run:
                operations.draft_discard(draft=draft)
        draft_verb = "Would delete" if dry_run else "Deleted"
        self.stdout.write(
            f"{draft_verb} {len(drafts)} old draft(s) "
            f"(older than {settings.REPORTS_DRAFT_MAX_AGE_DAYS} days)."
        )
        stalled = operations.photos_requeue_stalled(now=now, dry_run=dry_run)
        self.stdout.write(
            f"{'Would queue' if dry_run else 'Queued'} {stalled} photo(s) still waiting for "
            "processing again."
        )
        orphans = operations.photo_files_sweep(now=now, dry_run=dry_run)
        self.stdout.write(
            f"{'Would delete' if dry_run else 'Deleted'} {len(orphans)} stored photo file(s) "
            "that no photo uses (older than an hour)."
        )
        summary = (
            f"{'Dry run: ' if dry_run else ''}{len(reports)} report(s) past the retention period "
            f"of {retention_days} days."
        )
        self.stdout.write(self.style.SUCCESS(summary))
