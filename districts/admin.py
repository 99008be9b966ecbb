"""Districts in the admin. Content editors maintain the districts, their boundaries (a GeoJSON
file, checked on upload) and the street index (a CSV file); only superusers say who works a
district's queue (its staff members)."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.admin import ContentTranslationAdmin
from districts import operations
from districts.models import District, StreetRange


class UploadForm(forms.Form):
    file = forms.FileField(label=_("File"))

    def __init__(self, *args, max_bytes: int, accept: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.max_bytes = max_bytes
        self.fields["file"].widget.attrs["accept"] = accept

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > self.max_bytes:
            raise forms.ValidationError(
                _("The file is larger than %(size)d MB.") % {"size": self.max_bytes // 2**20}
            )
        return upload.read(self.max_bytes + 1)


class UploadViews:
    """A page with a file form that hands the file's bytes to an operation (all or nothing)."""

    def _upload_view(self, request, *, title, intro, operation, done, max_bytes, accept, model):
        opts = model._meta
        if not request.user.has_perm(f"{opts.app_label}.change_{opts.model_name}"):
            raise PermissionDenied
        problems = []
        if request.method == "POST":
            form = UploadForm(request.POST, request.FILES, max_bytes=max_bytes, accept=accept)
            if form.is_valid():
                try:
                    result = operation(data=form.cleaned_data["file"])
                except operations.UploadRefused as refused:
                    problems = refused.problems
                else:
                    messages.success(request, done(result))
                    return redirect(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        else:
            form = UploadForm(max_bytes=max_bytes, accept=accept)
        context = {
            **self.admin_site.each_context(request),
            "opts": opts,
            "title": title,
            "intro": intro,
            "form": form,
            "problems": problems,
            "changelist_url": reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"),
        }
        return TemplateResponse(request, "districts/admin/upload.html", context)


@admin.register(District)
class DistrictAdmin(UploadViews, ContentTranslationAdmin):
    markdown_fields = ("description",)
    list_display = (
        "name",
        "number",
        "captain_name",
        "phone",
        "street_count",
        "has_boundary",
        "is_sample",
    )
    list_filter = ("is_sample",)
    search_fields = ("name", "captain_name", "description", "slug")
    prepopulated_fields = {"slug": ("name_en",)}
    readonly_fields = ("boundary_summary", "updated_at")
    change_list_template = "admin/districts/district/change_list.html"
    fieldsets = (
        (None, {"fields": ("name", "slug", "number", "description", "display_order")}),
        (_("Captain and contact"), {"fields": ("captain_name", "phone", "email")}),
        (_("Boundary"), {"fields": ("boundary_summary",)}),
        (_("District staff"), {"fields": ("staff_members",)}),
        (None, {"fields": ("is_sample", "updated_at")}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(streets=Count("street_ranges"))

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if request.user.is_superuser:
            return fieldsets
        return [
            (name, {**options, "fields": [f for f in options["fields"] if f != "staff_members"]})
            for name, options in fieldsets
            if [f for f in options["fields"] if f != "staff_members"]
        ]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "staff_members":
            from django.contrib.auth import get_user_model

            kwargs["queryset"] = get_user_model().objects.filter(is_staff=True, is_active=True)
            kwargs["widget"] = admin.widgets.FilteredSelectMultiple(
                db_field.verbose_name, is_stacked=False
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    @admin.display(description=_("streets"), ordering="streets")
    def street_count(self, district):
        return district.streets

    @admin.display(description=_("boundary"), boolean=True)
    def has_boundary(self, district):
        return district.boundary is not None

    @admin.display(description=_("boundary"))
    def boundary_summary(self, district):
        """Boundaries change only through the checked upload, never by typing JSON here."""
        upload = reverse("admin:districts_district_upload_boundaries")
        if not district.boundary:
            text = _("No boundary yet.")
        else:
            text = _("A %(kind)s.") % {"kind": district.boundary.get("type", "?")}
        return format_html(
            '{} <a href="{}">{}</a>', text, upload, _("Upload the boundaries (GeoJSON)")
        )

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path(
                "upload-boundaries/",
                wrap(self.boundaries_view),
                name="districts_district_upload_boundaries",
            ),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "can_upload": request.user.has_perm("districts.change_district"),
        }
        return super().changelist_view(request, extra_context)

    def boundaries_view(self, request):
        return self._upload_view(
            request,
            title=_("Upload district boundaries"),
            intro=[
                _(
                    "A GeoJSON FeatureCollection (at most 2 MB) in longitude and latitude "
                    "(WGS 84): one Polygon or MultiPolygon feature per district, with a "
                    '"district" property holding the district\'s slug or number.'
                ),
                _(
                    "The file replaces every district's boundary: a district the file does not "
                    "list loses its boundary. If any feature has a problem, nothing changes."
                ),
            ],
            operation=operations.replace_boundaries,
            done=lambda result: (
                ngettext(
                    "%(count)d district boundary updated.",
                    "%(count)d district boundaries updated.",
                    result.updated,
                )
                % {"count": result.updated}
            ),
            max_bytes=operations.MAX_BOUNDARY_BYTES,
            accept=".geojson,.json,application/geo+json,application/json",
            model=District,
        )


@admin.register(StreetRange)
class StreetRangeAdmin(UploadViews, admin.ModelAdmin):
    list_display = ("street", "from_number", "to_number", "parity", "district", "is_sample")
    list_filter = ("district", "parity", "is_sample")
    search_fields = ("street",)
    list_select_related = ("district",)
    change_list_template = "admin/districts/streetrange/change_list.html"
    fields = ("street", "from_number", "to_number", "parity", "district", "is_sample")

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path(
                "import/",
                wrap(self.import_view),
                name="districts_streetrange_import",
            ),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "can_upload": request.user.has_perm("districts.change_streetrange"),
        }
        return super().changelist_view(request, extra_context)

    def import_view(self, request):
        return self._upload_view(
            request,
            title=_("Import streets from CSV"),
            intro=[
                _(
                    "A CSV file (UTF-8, at most 2 MB and 20,000 lines) with the header "
                    "street,from,to,parity,district: the street name, the first and last house "
                    "number, all, odd or even, and the district's slug or number. For example: "
                    "Kildaire Farm Rd,100,2999,odd,district-1"
                ),
                _(
                    "The file replaces the streets of the districts it lists; other districts' "
                    "streets stay as they are. If any line has a problem, nothing changes."
                ),
            ],
            operation=operations.replace_streets,
            done=lambda result: (
                ngettext(
                    "%(count)d street range imported.",
                    "%(count)d street ranges imported.",
                    result.created,
                )
                % {"count": result.created}
            ),
            max_bytes=operations.MAX_STREET_BYTES,
            accept=".csv,text/csv",
            model=StreetRange,
        )
