from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from accounts import operations


class Command(BaseCommand):
    help = (
        "Print a one-time enrolment link with which a staff account sets up two-factor "
        "authentication. For the first superuser, or one who lost their phone and backup codes: "
        "everyone else gets theirs from a superuser in the admin."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        User = get_user_model()
        try:
            user = User.objects.get(**{User.USERNAME_FIELD: username})
        except User.DoesNotExist:
            raise CommandError(f"No account named {username!r}.") from None
        if not user.is_staff:
            raise CommandError(f"{username!r} is not a staff account.")
        issued = operations.invitation_issue(user=user, issued_by=None)
        self.stdout.write(
            f"Enrolment link for {username} (works once, signed in as {username}, until "
            f"{issued.invitation.expires_at:%Y-%m-%d %H:%M %Z}):\n{issued.url}"
        )
