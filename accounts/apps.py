from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Staff sign-in for the whole admin: django-axes throttling and two-factor codes."""

    name = "accounts"
    verbose_name = _("Staff sign-in")

    def ready(self):
        from django.contrib import admin

        from accounts.two_factor import StaffAuthenticationForm

        # Sign-in with an authenticator or backup code for staff who set one up; django-axes
        # throttles failed attempts, right passwords without the right code included.
        admin.site.login_form = StaffAuthenticationForm
        admin.site.login_template = "accounts/admin/login.html"
