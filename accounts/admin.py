"""The admin's two-factor pages, for superusers only: the staff list with its two actions (issue
an enrolment link, reset two-factor authentication), which need a session signed in with two
factors, and the read-only audit."""

# django-otp's device admins, imported so that they register here and can be removed below.
import django_otp.plugins.otp_static.admin
import django_otp.plugins.otp_totp.admin  # noqa: F401
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db.models import Count, Exists, OuterRef, Subquery
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import operations
from accounts.models import EnrolmentInvitation, StaffTwoFactor, TwoFactorEvent

# No admin for the devices themselves: django-otp's shows authenticator keys and backup codes,
# and adds a device with any key to any account, so a superuser's password alone could give
# itself (or anyone) a second factor. Staff set up their own with an enrolment link; the list
# below shows who has what and resets it.
for device_model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(device_model):
        admin.site.unregister(device_model)


class SuperuserOnlyAdmin(admin.ModelAdmin):
    """Shown to superusers only (other staff get a 403, and no entry on the index); read-only."""

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(StaffTwoFactor)
class StaffTwoFactorAdmin(SuperuserOnlyAdmin):
    list_display = (
        "username",
        "full_name",
        "is_superuser",
        "authenticator",
        "backup_codes",
        "enrolment_link",
    )
    list_display_links = None
    list_filter = ("is_superuser", "groups")
    search_fields = ("username", "first_name", "last_name", "email")
    ordering = ("username",)
    fields = ("username", "first_name", "last_name", "email", "is_superuser")
    actions = ["issue_enrolment_links", "reset_two_factor"]

    def get_queryset(self, request):
        user = OuterRef("pk")
        backup_codes = (
            StaticToken.objects.filter(device__user=user, device__confirmed=True)
            .values("device__user")
            .annotate(count=Count("pk"))
            .values("count")
        )
        return (
            super()
            .get_queryset(request)
            .filter(is_staff=True)
            .annotate(
                has_authenticator=Exists(TOTPDevice.objects.filter(user=user, confirmed=True)),
                backup_codes_left=Subquery(backup_codes),
                link_expires_at=Subquery(
                    EnrolmentInvitation.objects.usable().filter(user=user).values("expires_at")
                ),
            )
        )

    def has_verified_permission(self, request):
        """The actions: a superuser whose session passed two-factor authentication."""
        return request.user.is_superuser and request.user.is_verified()

    @admin.display(description=_("name"))
    def full_name(self, obj):
        return obj.get_full_name()

    @admin.display(description=_("authenticator app"), boolean=True)
    def authenticator(self, obj):
        return obj.has_authenticator

    @admin.display(description=_("backup codes left"))
    def backup_codes(self, obj):
        return obj.backup_codes_left or 0

    @admin.display(description=_("enrolment link valid until"))
    def enrolment_link(self, obj):
        return obj.link_expires_at

    def changelist_view(self, request, extra_context=None):
        if request.method == "GET" and not self.has_verified_permission(request):
            messages.warning(
                request,
                _(
                    "Sign in with the code from your authenticator app to issue enrolment "
                    "links or reset two-factor authentication."
                ),
            )
        return super().changelist_view(request, extra_context)

    @admin.action(permissions=["verified"], description=_("Issue an enrolment link"))
    def issue_enrolment_links(self, request, queryset):
        address = operations.client_address(request)
        issued = [
            operations.invitation_issue(user=user, issued_by=request.user, ip_address=address)
            for user in queryset
        ]
        context = {
            **self.admin_site.each_context(request),
            "title": _("Enrolment links"),
            "opts": self.model._meta,
            "issued": issued,
            "hours": settings.TWO_FACTOR_INVITATION_HOURS,
        }
        response = TemplateResponse(request, "accounts/admin/enrolment_links.html", context)
        add_never_cache_headers(response)  # shown once: never kept by a browser or a cache
        return response

    @admin.action(permissions=["verified"], description=_("Reset two-factor authentication"))
    def reset_two_factor(self, request, queryset):
        if request.POST.get("post") == "yes":
            address = operations.client_address(request)
            count = 0
            for user in queryset:
                operations.two_factor_reset(user=user, reset_by=request.user, ip_address=address)
                count += 1
            self.message_user(
                request,
                ngettext(
                    "Two-factor authentication was reset for %(count)d account. Issue an "
                    "enrolment link when they are ready to set it up again.",
                    "Two-factor authentication was reset for %(count)d accounts. Issue an "
                    "enrolment link when they are ready to set it up again.",
                    count,
                )
                % {"count": count},
                messages.SUCCESS,
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Reset two-factor authentication"),
            "opts": self.model._meta,
            "queryset": queryset,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "accounts/admin/reset_confirm.html", context)


@admin.register(TwoFactorEvent)
class TwoFactorEventAdmin(SuperuserOnlyAdmin):
    list_display = ("created_at", "action", "username", "actor_username", "ip_address", "detail")
    list_filter = ("action", "created_at")
    search_fields = ("username", "actor_username")
    date_hierarchy = "created_at"
    fields = ("created_at", "action", "username", "actor_username", "ip_address", "detail")
