"""Talents' reports: staff read them and decide (dismiss, warn, ban); the talent reads the outcome."""

from __future__ import annotations

from django.contrib import admin, messages
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.translation import gettext as _

from bookings import permissions
from bookings.errors import BookingError
from bookings.models import Report
from bookings.models.report import ReportStatus
from bookings.services import decide_report
from bookings.services.reports import Decision

from .base import ReadOnlyAdmin, back, decision_view, posted


@admin.register(Report)
class ReportAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "talent", "customer", "booking", "category", "status", "decided_by"]
    list_filter = ["status", "category"]
    list_select_related = ["talent", "customer", "booking", "decided_by"]
    search_fields = ["customer__display_name", "talent__display_name", "description"]
    readonly_fields = ["booking", "talent", "customer", "category", "description", "status", "created_at",
                       "decided_by", "decided_at", "decision_note"]
    change_form_template = "admin/bookings/report/change_form.html"

    def get_urls(self):
        return [
            path("<id:object_id>/decide/", decision_view(self.admin_site, permissions.DECIDE_REPORT, self.decide_view),
                 name="bookings_report_decide"),
            *super().get_urls(),
        ]

    def decide_view(self, request, object_id):
        report = get_object_or_404(Report, pk=object_id)
        try:
            report = decide_report(report=report, staff=request.user, decision=posted(request, "decision"),
                                   note=posted(request, "note"))
        except BookingError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Report decided: %(outcome)s.") % {"outcome": report.get_status_display()})
        return back(request, reverse("admin:bookings_report_change", args=[report.pk]))

    def change_view(self, request, object_id, form_url="", extra_context=None):
        report = Report.objects.filter(pk=object_id).first()
        extra = {
            "report": report,
            "decisions": Decision.choices,
            "may_decide": report is not None and report.status == ReportStatus.UNDER_REVIEW
            and request.user.has_perm(permissions.DECIDE_REPORT),
            "may_ban": request.user.has_perm(permissions.BAN_CUSTOMER),
            **(extra_context or {}),
        }
        return super().change_view(request, object_id, form_url, extra_context=extra)
