from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

DEMO_USERNAME = "admin"
DEMO_PASSWORD = "cary-demo-admin"  # noqa: S105 - local debug runs only, refused otherwise


class Command(BaseCommand):
    help = "For a local debug run only: create a demo superuser when no staff account exists."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Refusing to create a demo account with DJANGO_DEBUG off.")
        User = get_user_model()
        if User.objects.filter(is_staff=True).exists():
            self.stdout.write("A staff account exists; no demo account created.")
            return
        User.objects.create_superuser(DEMO_USERNAME, "admin@localhost", DEMO_PASSWORD)
        self.stdout.write(
            self.style.WARNING(
                f"Created a local demo superuser. Sign in at /admin/ as "
                f"'{DEMO_USERNAME}' with password '{DEMO_PASSWORD}'. Never use this in production."
            )
        )
