from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.models import DepartmentSettings

# The photo fields of core.images.ImageFields, as one fieldset for any content admin.
IMAGE_FIELDSET = (
    _("Image (optional)"),
    {
        "fields": ("image", "image_alt"),
        "description": _("Pages look complete without an image."),
    },
)


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
