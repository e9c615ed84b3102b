"""Managers close a week, see its lines, mark them paid with the transfer reference, export CSV."""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, Sum
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bookings.admin.base import ReadOnlyAdmin, posted
from bookings.admin.csv_export import csv_response
from bookings.errors import BookingError
from bookings.money import rupiah

from .models import PayoutItem, PayoutLine, PayoutWeek
from .services import close_week, mark_payouts_paid, week_of

CLOSE_PERMISSION = "payouts.close_payoutweek"


class PayoutLineInline(admin.TabularInline):
    model = PayoutLine
    extra = 0
    can_delete = False
    fields = readonly_fields = ["talent", "sessions", "earned", "adjustments", "amount", "paid_at", "reference"]
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(PayoutWeek)
class PayoutWeekAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "closed_at", "closed_by", "line_count", "total", "unpaid"]
    inlines = [PayoutLineInline]
    change_list_template = "admin/payouts/payoutweek/change_list.html"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("closed_by").annotate(
            n_lines=Count("lines"), total_amount=Sum("lines__amount"),
            n_unpaid=Count("lines", filter=Q(lines__paid_at__isnull=True)),
        )

    @admin.display(description=gettext_lazy("talents"))
    def line_count(self, week):
        return week.n_lines

    @admin.display(description=gettext_lazy("total"))
    def total(self, week):
        return rupiah(week.total_amount or 0)

    @admin.display(description=gettext_lazy("unpaid lines"))
    def unpaid(self, week):
        return week.n_unpaid

    def get_urls(self):
        return [
            path("close/", self.admin_site.admin_view(self.close_view), name="payouts_payoutweek_close"),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        last_monday = week_of(timezone.localdate()) - timedelta(days=7)
        extra = {"suggested_week": last_monday, "may_close": request.user.has_perm(CLOSE_PERMISSION)}
        return super().changelist_view(request, extra_context={**extra, **(extra_context or {})})

    def close_view(self, request: HttpRequest) -> HttpResponse:
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not request.user.has_perm(CLOSE_PERMISSION):
            raise PermissionDenied
        try:
            starts_on = date.fromisoformat(posted(request, "starts_on"))
        except ValueError:
            messages.error(request, _("Please give the week's Monday as a date (YYYY-MM-DD)."))
            return redirect("admin:payouts_payoutweek_changelist")
        try:
            week = close_week(starts_on=starts_on, staff=request.user)
        except BookingError as error:
            messages.error(request, str(error))
            return redirect("admin:payouts_payoutweek_changelist")
        messages.success(request, _("Week %(week)s is closed.") % {"week": week})
        return redirect(reverse("admin:payouts_payoutline_changelist") + f"?week__id__exact={week.pk}")


class PaidFilter(admin.SimpleListFilter):
    title = gettext_lazy("paid")
    parameter_name = "paid"

    def lookups(self, request, model_admin):
        return [("no", _("Not paid yet")), ("yes", _("Paid"))]

    def queryset(self, request, queryset):
        if self.value() == "no":
            return queryset.filter(paid_at__isnull=True)
        if self.value() == "yes":
            return queryset.filter(paid_at__isnull=False)
        return queryset


class PayoutItemInline(admin.TabularInline):
    model = PayoutItem
    extra = 0
    can_delete = False
    fields = readonly_fields = ["booking", "kind", "amount"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(PayoutLine)
class PayoutLineAdmin(ReadOnlyAdmin):
    list_display = ["talent", "week_cell", "sessions", "earned_cell", "adjustments_cell", "amount_cell", "paid"]
    list_filter = [PaidFilter, "week"]
    list_select_related = ["talent", "week"]
    inlines = [PayoutItemInline]
    actions = ["mark_selected_paid", "export_csv"]
    list_per_page = 100

    def has_pay_permission(self, request):
        return request.user.has_perm(CLOSE_PERMISSION)

    @admin.display(description=gettext_lazy("week of"), ordering="week__starts_on")
    def week_cell(self, line):
        return line.week.starts_on.strftime("%d-%m-%Y")

    @admin.display(description=gettext_lazy("earned"), ordering="earned")
    def earned_cell(self, line):
        return rupiah(line.earned)

    @admin.display(description=gettext_lazy("adjustments"), ordering="adjustments")
    def adjustments_cell(self, line):
        return f"−{rupiah(-line.adjustments)}" if line.adjustments else "—"

    @admin.display(description=gettext_lazy("to pay"), ordering="amount")
    def amount_cell(self, line):
        return rupiah(line.amount) if line.amount >= 0 else f"−{rupiah(-line.amount)}"

    @admin.display(description=gettext_lazy("paid"), ordering="paid_at")
    def paid(self, line):
        if line.paid_at is None:
            return _("not yet")
        return format_html("{}<br><small>{}</small>", timezone.localtime(line.paid_at).strftime("%d-%m"),
                           line.reference)

    @admin.action(description=gettext_lazy("Mark selected paid (one transfer reference)…"), permissions=["pay"])
    def mark_selected_paid(self, request, queryset):
        reference = posted(request, "reference")
        rows = list(queryset.select_related("talent", "week"))
        if request.POST.get("apply"):
            try:
                count = mark_payouts_paid(line_ids=[r.pk for r in rows], staff=request.user, reference=reference)
            except BookingError as error:
                messages.error(request, str(error))
            else:
                messages.success(request, _("%(count)s payout lines recorded as paid.") % {"count": count})
                return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Mark payouts paid"),
            "opts": self.model._meta,
            "intro": _("These payout lines will be recorded as paid with one transfer reference:"),
            "rows": [{"pk": r.pk, "label": f"{r.talent} · {r.week}", "amount": r.amount} for r in rows],
            "total": sum(r.amount for r in rows),
            "reference": reference,
            "action": "mark_selected_paid",
            "button": _("Mark these paid"),
            "back_url": request.get_full_path(),
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/money/reference_selected.html", context)

    @admin.action(description=gettext_lazy("Export selected (CSV)"))
    def export_csv(self, request, queryset):
        rows = queryset.select_related("talent", "week").order_by("week__starts_on", "talent__display_name")
        header = [_("week of"), _("talent"), _("sessions"), _("earned (Rp)"), _("adjustments (Rp)"),
                  _("to pay (Rp)"), _("transfer note"), _("paid reference")]
        return csv_response(
            f"payouts-{timezone.localdate():%Y%m%d}.csv", header,
            ([r.week.starts_on.isoformat(), r.talent.display_name, r.sessions, r.earned, r.adjustments, r.amount,
              f"Sleep Call payout {r.week.starts_on:%Y-%m-%d}", r.reference] for r in rows),
        )
