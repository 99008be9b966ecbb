"""The patrol's side of house checks: the list of checks, the printable "Active checks today"
list of a district, the visit form, and routing for the checks no district matched.

House checks hold a resident's address, dates away and contacts, so they take what crime
reports take: the house check permissions (the "Patrol" group, and superusers) and a session
that passed two-factor authentication (``core.admin.is_verified``, django-otp). Patrol works
town-wide lists per district, so every member sees every check. Giving a check to a district
takes superuser rights or the ``route_housecheck`` permission (a patrol supervisor's).

Every change goes through housechecks.operations, which records it in the check's history.
Nobody deletes a check here: `manage.py purge_house_checks` does after the retention period.
"""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from core.admin import (
    ActionPagesMixin,
    HistoryInline,
    PrivateRowsMixin,
    has_verified_permission,
)
from districts.models import District
from housechecks import operations
from housechecks.forms import NOT_ROUTED, RouteForm, TodayForm, VisitForm
from housechecks.models import HouseCheck, HouseCheckEvent, HouseCheckVisit, today


def can_record_visits(request) -> bool:
    return has_verified_permission(request, "housechecks.add_housecheckvisit")


def can_route_checks(request) -> bool:
    return has_verified_permission(request, "housechecks.route_housecheck")


def officer_name(user) -> str:
    if user is None:
        return "-"
    return user.get_full_name() or user.get_username()


class PatrolMixin(PrivateRowsMixin):
    """Read-only rows, for Patrol members who passed two-factor authentication."""

    view_permission = "housechecks.view_housecheck"


class VisitInline(PatrolMixin, admin.TabularInline):
    model = HouseCheckVisit
    fields = ("visited_at", "officer_display", "outcome", "note", "note_for_resident")
    readonly_fields = fields
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("officer")

    @admin.display(description=_("officer"))
    def officer_display(self, visit):
        return officer_name(visit.officer)


class EventInline(PatrolMixin, HistoryInline):
    model = HouseCheckEvent
    fields = ("created_at", "action", "actor_display", "note")
    readonly_fields = fields

    @admin.display(description=_("by"))
    def actor_display(self, event):
        return officer_name(event.actor) if event.actor else _("the resident or the system")


@admin.register(HouseCheck)
class HouseCheckAdmin(PatrolMixin, ActionPagesMixin, admin.ModelAdmin):
    list_display = (
        "reference",
        "district_display",
        "leave_date",
        "return_date",
        "state_display",
        "visit_count",
        "address",
    )
    list_filter = ("district", "leave_date", "return_date")
    search_fields = ("reference",)
    search_help_text = _("Search by reference number.")
    list_select_related = ("district",)
    date_hierarchy = "leave_date"
    list_per_page = 50
    inlines = [VisitInline, EventInline]
    change_list_template = "housechecks/admin/housecheck_change_list.html"
    change_form_template = "housechecks/admin/housecheck_change_form.html"
    action_template = "housechecks/admin/housecheck_action.html"
    operation_error = operations.HouseCheckError
    operation_argument = "check"
    fieldsets = (
        (
            _("The check"),
            {
                "fields": (
                    "reference",
                    "district",
                    "address",
                    "leave_date",
                    "return_date",
                    "cancelled_at",
                    "summary_sent_at",
                )
            },
        ),
        (
            _("Notes for officers"),
            {
                "fields": (
                    "has_alarm",
                    "alarm_company",
                    "vehicles",
                    "key_holder_name",
                    "key_holder_phone",
                    "notes",
                )
            },
        ),
        (
            _("The resident"),
            {
                "fields": (
                    "resident_name",
                    "email",
                    "phone",
                    "emergency_name",
                    "emergency_phone",
                    "language",
                    "created_at",
                )
            },
        ),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(visits_so_far=Count("visits"))

    @admin.display(description=_("district"), ordering="district__number")
    def district_display(self, check):
        return check.district or _("Not routed")

    @admin.display(description=_("status"))
    def state_display(self, check):
        return check.get_state_display()

    @admin.display(description=_("visits"), ordering="visits_so_far")
    def visit_count(self, check):
        return check.visits_so_far

    # --- Extra pages -----------------------------------------------------------------------

    def get_urls(self):
        def wrap(view):
            return self.admin_site.admin_view(view)

        return [
            path("today/", wrap(self.today_view), name="housechecks_housecheck_today"),
            path(
                "<int:object_id>/visit/", wrap(self.visit_view), name="housechecks_housecheck_visit"
            ),
            path(
                "<int:object_id>/route/", wrap(self.route_view), name="housechecks_housecheck_route"
            ),
            *super().get_urls(),
        ]

    def _context(self, request, **extra):
        return {**self.admin_site.each_context(request), "opts": self.opts, **extra}

    def today_view(self, request):
        """The printable list: the checks of one district whose away period covers the day."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        districts = list(District.objects.order_by("number", "name"))
        data = request.GET.copy()
        data.setdefault("district", districts[0].slug if districts else NOT_ROUTED)
        data.setdefault("date", today().isoformat())
        form = TodayForm(data, districts=districts)
        checks, district, day = [], None, today()
        if form.is_valid():
            day = form.cleaned_data["date"] or today()
            slug = form.cleaned_data["district"]
            district = next((each for each in districts if each.slug == slug), None)
            checks = list(
                HouseCheck.objects.active_on(day)
                .filter(district=district)
                .annotate(visits_so_far=Count("visits"))
                .order_by("address", "pk")
            )
        context = self._context(
            request,
            title=_("Active house checks"),
            form=form,
            checks=checks,
            district=district,
            day=day,
            can_record=can_record_visits(request),
        )
        return TemplateResponse(request, "housechecks/admin/today.html", context)

    def render_action_page(self, request, obj, form, **page):
        return super().render_action_page(
            request, obj, form, next_url=self._next_url(request) or "", **page
        )

    def success_url(self, request, obj) -> str:
        return self._next_url(request) or self.change_url(obj)

    def refused_response(self, request, obj):
        # The form again, what the officer typed kept, under the reason.
        return None

    def _next_url(self, request) -> str | None:
        """Back to the printable list the form was opened from; nowhere else."""
        url = request.POST.get("next") or request.GET.get("next") or ""
        today_url = reverse("admin:housechecks_housecheck_today")
        same_site = url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()})
        return url if same_site and url.startswith(today_url) else None

    def visit_view(self, request, object_id):
        if not can_record_visits(request):
            raise PermissionDenied
        check = get_object_or_404(HouseCheck, pk=object_id)
        return self.action_page(
            request,
            check,
            self.page_form(request, VisitForm),
            operation=operations.visit_record,
            fields=("visited_at", "outcome", "note", "note_for_resident"),
            success=_("Visit recorded."),
            title=_("Record a visit"),
            button=_("Record the visit"),
            intro=_("Recorded as your visit, %(name)s.") % {"name": officer_name(request.user)},
        )

    def route_view(self, request, object_id):
        if not can_route_checks(request):
            raise PermissionDenied
        check = get_object_or_404(HouseCheck, pk=object_id)
        return self.action_page(
            request,
            check,
            self.page_form(request, RouteForm, initial={"district": check.district_id}),
            operation=operations.house_check_route,
            fields=("district",),
            success=_("District changed."),
            title=_("Route to a district"),
            button=_("Save"),
        )

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "today_url": reverse("admin:housechecks_housecheck_today"),
        }
        return super().changelist_view(request, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "can_record": can_record_visits(request),
            "can_route": can_route_checks(request),
        }
        return super().change_view(request, object_id, form_url, extra_context)
