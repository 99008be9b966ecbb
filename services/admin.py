from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationTabularInline

from core.admin import IMAGE_FIELDSET, ContentTranslationAdmin
from services.models import Service, ServiceCategory


class ServiceInline(TranslationTabularInline):
    model = Service
    fields = ("name", "display_order", "is_published")
    readonly_fields = ("name", "is_published")
    ordering = ("display_order", "name")
    extra = 0
    show_change_link = True
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(ServiceCategory)
class ServiceCategoryAdmin(ContentTranslationAdmin):
    list_display = ("name", "display_order", "service_count")
    list_editable = ("display_order",)
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name_en",)}
    inlines = [ServiceInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(service_count=Count("services"))

    @admin.display(description=_("services"), ordering="service_count")
    def service_count(self, category):
        return category.service_count


@admin.register(Service)
class ServiceAdmin(ContentTranslationAdmin):
    markdown_fields = ("body",)
    list_display = ("name", "category", "display_order", "is_published", "updated_at")
    list_filter = ("is_published", "category")
    list_select_related = ("category",)
    list_editable = ("display_order",)
    search_fields = ("name", "summary", "body")
    ordering = ("category__display_order", "display_order", "name")
    prepopulated_fields = {"slug": ("name_en",)}
    readonly_fields = ("updated_at",)
    save_on_top = True
    fieldsets = (
        (None, {"fields": ("name", "slug", "category", "summary", "body")}),
        (_("Contact"), {"fields": ("contact_phone", "contact_email", "hours")}),
        IMAGE_FIELDSET,
        (_("Publishing"), {"fields": ("is_published", "display_order", "updated_at")}),
    )
