from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from cary_pd.models import DepartmentSettings, Page, User
from reports.two_factor import StaffAuthenticationForm

admin.site.site_header = _("Cary Police Department — Staff")
admin.site.site_title = _("Cary Police Department — Staff")
admin.site.index_title = _("Website administration")
admin.site.site_url = "/"
# Sign-in with an authenticator code for staff who set one up (reports need it; see
# reports/two_factor.py). django-axes throttles failed attempts, wrong codes included.
admin.site.login_form = StaffAuthenticationForm
admin.site.login_template = "reports/admin/login.html"


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "email", "first_name", "last_name", "is_staff", "is_active")
    list_filter = ("is_staff", "is_superuser", "is_active", "groups")


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    list_display = ("title", "slug", "is_published", "updated_at")
    list_filter = ("is_published",)
    search_fields = ("title", "summary", "body")
    prepopulated_fields = {"slug": ("title",)}
    readonly_fields = ("updated_at",)
    fields = ("title", "slug", "summary", "body", "is_published", "updated_at")


class SingletonModelAdmin(admin.ModelAdmin):
    """For a SingletonModel: staff edit the one record, never add a second or delete it."""

    def has_add_permission(self, request):
        return not self.model.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(DepartmentSettings)
class DepartmentSettingsAdmin(SingletonModelAdmin):
    readonly_fields = ("updated_at",)
    fieldsets = (
        (_("Department"), {"fields": ("name", "street_address", "locality", "email")}),
        (
            _("Phone numbers"),
            {
                "fields": (
                    "emergency_phone",
                    "non_emergency_phone",
                    "neighborhood_watch_phone",
                    "town_services_phone",
                )
            },
        ),
        (_("Online resources"), {"fields": ("website_url", "facebook_url", "twitter_url")}),
        (None, {"fields": ("updated_at",)}),
    )
