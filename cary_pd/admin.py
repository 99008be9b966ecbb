from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from cary_pd.models import Page, User
from core.admin import ContentTranslationAdmin

admin.site.site_header = _("Cary Police Department — Staff")
admin.site.site_title = _("Cary Police Department — Staff")
admin.site.index_title = _("Website administration")
admin.site.site_url = "/"


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "email", "first_name", "last_name", "is_staff", "is_active")
    list_filter = ("is_staff", "is_superuser", "is_active", "groups")


@admin.register(Page)
class PageAdmin(ContentTranslationAdmin):
    markdown_fields = ("body",)
    list_display = ("title", "slug", "is_published", "updated_at")
    list_filter = ("is_published",)
    search_fields = ("title", "summary", "body")
    prepopulated_fields = {"slug": ("title_en",)}
    readonly_fields = ("updated_at",)
    fields = ("title", "slug", "summary", "body", "is_published", "updated_at")
