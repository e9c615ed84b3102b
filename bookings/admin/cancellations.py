"""Customers' requests to cancel a paid session: staff approve (refund by the policy) or decline."""

from __future__ import annotations

from django.contrib import admin, messages
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bookings import permissions
from bookings.errors import BookingError
from bookings.models import CancellationRequest
from bookings.money import rupiah
from bookings.services import decide_cancellation

from . import cells
from .base import ReadOnlyAdmin, posted


@admin.register(CancellationRequest)
class CancellationRequestAdmin(ReadOnlyAdmin):
    list_display = ["booking_cell", "customer", "session", "requested", "reason", "refund", "status"]
    list_filter = ["status"]
    list_select_related = ["booking__customer", "booking__talent"]
    actions = ["approve_selected", "decline_selected"]
    list_per_page = 50

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm(permissions.CANCEL_BOOKING) or request.user.has_perm("bookings.view_booking")

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    def has_decide_permission(self, request):
        return request.user.has_perm(permissions.CANCEL_BOOKING)

    @admin.display(description=gettext_lazy("booking"), ordering="booking_id")
    def booking_cell(self, request_row):
        return cells.booking_link(request_row.booking)

    @admin.display(description=gettext_lazy("customer"))
    def customer(self, request_row):
        return request_row.booking.customer

    @admin.display(description=gettext_lazy("session"), ordering="booking__starts_at")
    def session(self, request_row):
        return f"{request_row.booking.talent} · {cells.local_time(request_row.booking.starts_at)}"

    @admin.display(description=gettext_lazy("asked"), ordering="requested_at")
    def requested(self, request_row):
        return cells.local_time(request_row.requested_at)

    @admin.display(description=gettext_lazy("refund by the policy"), ordering="policy_refund")
    def refund(self, request_row):
        return rupiah(request_row.policy_refund)

    def _decide(self, request, queryset, *, approve: bool, action: str):
        note = posted(request, "note")
        rows = list(queryset.select_related("booking__customer"))
        if request.POST.get("apply"):
            done, refused = 0, []
            for row in rows:
                try:
                    decide_cancellation(request=row, staff=request.user, approve=approve, note=note)
                    done += 1
                except BookingError as error:
                    refused.append(f"#{row.booking_id}: {error}")
            if done:
                messages.success(request, _("%(count)s requests decided.") % {"count": done})
            for text in refused:
                messages.error(request, text)
            if done:
                return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Approve cancellations") if approve else _("Decline cancellations"),
            "opts": self.model._meta,
            "rows": rows,
            "approve": approve,
            "note": note,
            "action": action,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/bookings/cancellationrequest/decide.html", context)

    @admin.action(description=gettext_lazy("Approve selected: cancel with the policy's refund…"),
                  permissions=["decide"])
    def approve_selected(self, request, queryset):
        return self._decide(request, queryset, approve=True, action="approve_selected")

    @admin.action(description=gettext_lazy("Decline selected (the session stays on)…"), permissions=["decide"])
    def decline_selected(self, request, queryset):
        return self._decide(request, queryset, approve=False, action="decline_selected")
