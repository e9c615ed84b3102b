"""The refunds-due list: where each refund goes, mark one or a bank batch refunded, CSV for the bank."""

from __future__ import annotations

from django.contrib import admin, messages
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bookings import permissions
from bookings.errors import BookingError
from bookings.models import Refund
from bookings.models.booking import RefundStatus
from bookings.money import rupiah
from bookings.services import mark_refunded_many

from . import cells
from .base import ReadOnlyAdmin, posted
from .csv_export import csv_response


class RefundStateFilter(admin.SimpleListFilter):
    """Due by default: the list is the work still to do."""

    title = gettext_lazy("refund")
    parameter_name = "refund"

    def lookups(self, request, model_admin):
        return [("due", _("Refund due")), ("refunded", _("Refunded")), ("all", _("All"))]

    def choices(self, changelist):
        for value, label in self.lookup_choices:
            yield {
                "selected": (self.value() or "due") == value,
                "query_string": changelist.get_query_string({self.parameter_name: value}),
                "display": label,
            }

    def queryset(self, request, queryset):
        value = self.value() or "due"
        if value == "all":
            return queryset.exclude(refund_status=RefundStatus.NONE)
        return queryset.filter(refund_status=RefundStatus.REFUNDED if value == "refunded" else RefundStatus.DUE)


@admin.register(Refund)
class RefundAdmin(ReadOnlyAdmin):
    list_display = ["booking_cell", "customer", "talent", "session", "amount", "account", "state"]
    list_filter = [RefundStateFilter]
    list_select_related = ["customer", "talent"]
    search_fields = ["id", "customer__display_name", "refund_account_name", "refund_account_number"]
    actions = ["mark_selected_refunded", "export_bank_csv"]
    list_per_page = 100

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm(permissions.REFUND_BOOKING) or request.user.has_perm("bookings.view_booking")

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    def has_refund_permission(self, request):
        return request.user.has_perm(permissions.REFUND_BOOKING)

    @admin.display(description=gettext_lazy("booking"), ordering="id")
    def booking_cell(self, refund):
        return cells.booking_link(refund)

    @admin.display(description=gettext_lazy("session"), ordering="starts_at")
    def session(self, refund):
        return cells.local_time(refund.starts_at)

    @admin.display(description=gettext_lazy("refund"), ordering="refund_amount")
    def amount(self, refund):
        return rupiah(refund.refund_amount)

    @admin.display(description=gettext_lazy("to account"))
    def account(self, refund):
        if not refund.has_refund_account:
            return _("not given yet (the customer is asked on the booking page)")
        return f"{refund.refund_bank} {refund.refund_account_number} a.n. {refund.refund_account_name}"

    @admin.display(description=gettext_lazy("state"), ordering="refund_status")
    def state(self, refund):
        if refund.refund_status == RefundStatus.REFUNDED:
            return _("refunded, reference %(reference)s") % {"reference": refund.refund_reference}
        return refund.get_refund_status_display()

    @admin.action(description=gettext_lazy("Mark selected refunded (one transfer reference)…"),
                  permissions=["refund"])
    def mark_selected_refunded(self, request, queryset):
        reference = posted(request, "reference")
        rows = list(queryset.select_related("customer"))
        if request.POST.get("apply"):
            try:
                count = mark_refunded_many(booking_ids=[r.pk for r in rows], staff=request.user, reference=reference)
            except BookingError as error:
                messages.error(request, str(error))
            else:
                messages.success(request, _("%(count)s refunds recorded as paid.") % {"count": count})
                return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Mark refunds paid"),
            "opts": self.model._meta,
            "intro": _("These refunds will be recorded as paid with one transfer reference; each customer is told:"),
            "rows": [{"pk": r.pk, "label": f"#{r.pk} {r.customer}", "amount": r.refund_amount} for r in rows],
            "total": sum(r.refund_amount for r in rows),
            "reference": reference,
            "action": "mark_selected_refunded",
            "button": _("Mark these refunded"),
            "back_url": request.get_full_path(),
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/money/reference_selected.html", context)

    @admin.action(description=gettext_lazy("Export selected for the bank's bulk transfer (CSV)"))
    def export_bank_csv(self, request, queryset):
        rows = queryset.select_related("customer").order_by("pk")
        header = [_("booking"), _("customer"), _("bank"), _("account number"), _("account holder"),
                  _("amount (Rp)"), _("transfer note"), _("refund")]
        return csv_response(
            f"refunds-{timezone.localdate():%Y%m%d}.csv", header,
            ([r.pk, r.customer.display_name, r.refund_bank, r.refund_account_number, r.refund_account_name,
              r.refund_amount, f"Refund Sleep Call #{r.pk}", r.get_refund_status_display()] for r in rows),
        )
