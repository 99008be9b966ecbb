"""Remove personal data the department no longer needs.

- Closed (approved or rejected) reports whose status last changed more than the staff-set
  retention period ago (Report settings in the admin): their photos are deleted, files too, and
  the resident's personal data is replaced or blanked. The reference, type, dates, status and
  case number stay, so statistics and the case link survive.
- Drafts never sent, last touched more than REPORTS_DRAFT_MAX_AGE_DAYS days ago, with their
  photos; and the pointers left by sent drafts after the same time.

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
        summary = (
            f"{'Dry run: ' if dry_run else ''}{len(reports)} report(s) past the retention period "
            f"of {retention_days} days."
        )
        self.stdout.write(self.style.SUCCESS(summary))
