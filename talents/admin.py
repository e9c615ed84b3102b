from django.contrib import admin, messages
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bookings import permissions
from bookings.admin.numbers import ShowsNumbers
from bookings.contact import StaffSight
from bookings.errors import BookingError
from sleepcall.time_inputs import ADMIN_TIME_OVERRIDES

from .models import AvailabilityRule, NumberChangeRequest, Talent, TimeOff
from .services import approve_number_change, reject_number_change


class AvailabilityRuleInline(admin.TabularInline):
    model = AvailabilityRule
    extra = 0
    formfield_overrides = ADMIN_TIME_OVERRIDES


class TimeOffInline(admin.TabularInline):
    model = TimeOff
    extra = 0
    formfield_overrides = ADMIN_TIME_OVERRIDES


@admin.register(Talent)
class TalentAdmin(ShowsNumbers, admin.ModelAdmin):
    list_display = ["display_name", "slug", "time_zone", "is_active"]
    list_filter = ["is_active", "time_zone"]
    search_fields = ["display_name", "slug"]
    prepopulated_fields = {"slug": ["display_name"]}
    inlines = [AvailabilityRuleInline, TimeOffInline]
    number_permission = permissions.VIEW_TALENT_NUMBER
    number_fields = ("contact_handle",)

    def numbers_shown(self, talent):
        return [StaffSight(handle=talent.contact_handle, talent=talent)]

    def get_fields(self, request, obj=None):
        """Managers adding a talent type the number; afterwards only number holders see it."""
        if obj is None:
            return admin.ModelAdmin.get_fields(self, request, obj)
        return super().get_fields(request, obj)

    def get_readonly_fields(self, request, obj=None):
        """After creation the work number changes only through an approved number-change request."""
        readonly = list(super().get_readonly_fields(request, obj))
        return ["contact_handle", *readonly] if obj else readonly


@admin.register(TimeOff)
class TimeOffAdmin(admin.ModelAdmin):
    list_display = ["talent", "starts_at", "ends_at", "reason"]
    list_select_related = ["talent"]
    formfield_overrides = ADMIN_TIME_OVERRIDES


@admin.register(NumberChangeRequest)
class NumberChangeRequestAdmin(ShowsNumbers, admin.ModelAdmin):
    """Approving replaces the talent's work number at once (through the service, never by editing)."""

    list_display = ["talent", "current_number", "new_number", "reason", "status", "requested_at", "decided_by"]
    list_filter = ["status"]
    list_select_related = ["talent", "decided_by"]
    readonly_fields = ["talent", "new_number", "reason", "status", "requested_at", "decided_by", "decided_at"]
    actions = ["approve_selected", "reject_selected"]
    number_permission = permissions.VIEW_TALENT_NUMBER
    number_columns = ("current_number", "new_number")
    number_fields = ("new_number",)

    def numbers_shown(self, change):
        return [StaffSight(handle=change.talent.contact_handle, talent=change.talent),
                StaffSight(handle=change.new_number, talent=change.talent)]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_decide_permission(self, request) -> bool:
        return request.user.has_perm(permissions.DECIDE_NUMBER_CHANGE)

    @admin.display(description=gettext_lazy("current work number"))
    def current_number(self, change):
        return change.talent.contact_handle

    def _decide(self, request, queryset, service, done_text: str) -> None:
        done = 0
        for change in queryset.select_related("talent"):
            try:
                service(request=change, staff=request.user)
                done += 1
            except BookingError as error:
                messages.error(request, f"{change.talent}: {error}")
        if done:
            messages.success(request, done_text % {"count": done})

    @admin.action(description=gettext_lazy("Approve: replace the talent's work number"), permissions=["decide"])
    def approve_selected(self, request, queryset):
        self._decide(request, queryset, approve_number_change, _("%(count)s number changes approved."))

    @admin.action(description=gettext_lazy("Reject: keep the current number"), permissions=["decide"])
    def reject_selected(self, request, queryset):
        self._decide(request, queryset, reject_number_change, _("%(count)s number changes rejected."))
