"""Bookings and sessions: tonight's and upcoming sessions with their grant, history, and staff moves."""

from __future__ import annotations

import re

from django.contrib import admin, messages
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bookings import dashboard, permissions, whatsapp
from bookings.contact import StaffSight, log_staff_views
from bookings.errors import BookingError
from bookings.models import Booking, BookingEvent, ContactDisclosure, ContactGrant, Payment, Status
from bookings.services import cancel_booking_by_staff, end_session_early, mark_refunded
from bookings.services.refunds import refund_session
from talents.workspace.earnings import earned

from . import cells
from .base import back, decision_view, posted


class SessionFilter(admin.SimpleListFilter):
    title = gettext_lazy("session")
    parameter_name = "session"

    def lookups(self, request, model_admin):
        return [
            ("tonight", _("Tonight")),
            ("upcoming", _("Upcoming (confirmed)")),
            ("live", _("Live now")),
            ("past", _("Past")),
        ]

    def queryset(self, request, queryset):
        now = timezone.now()
        if self.value() == "tonight":
            start, end = dashboard.night_bounds(now)
            return queryset.filter(starts_at__gte=start, starts_at__lt=end, status__in=dashboard.SESSION_STATES)
        if self.value() == "upcoming":
            return queryset.filter(status=Status.CONFIRMED, ends_at__gt=now)
        if self.value() == "live":
            return queryset.filter(status=Status.CONFIRMED, starts_at__lte=now, ends_at__gt=now)
        if self.value() == "past":
            return queryset.filter(ends_at__lte=now)
        return queryset

class BookingEventInline(admin.TabularInline):
    model = BookingEvent
    extra = 0
    can_delete = False
    fields = readonly_fields = ["at", "actor", "from_status", "to_status", "reason"]
    verbose_name_plural = gettext_lazy("state history")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

class ContactGrantInline(admin.StackedInline):
    """The session routine as it happened: the talent's ticks, the reminder, any revoke."""

    model = ContactGrant
    extra = 0
    can_delete = False
    fields = readonly_fields = ["starts_at", "ends_at", "unblocked_at", "customer_wrote_first_at",
                                "customer_wrote_first_by", "blocked_at", "block_reminded_at", "revoked_at",
                                "revoked_by", "revoke_reason"]
    verbose_name_plural = gettext_lazy("contact grant")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class PaymentInline(admin.TabularInline):
    model = Payment
    extra = 0
    can_delete = False
    fields = readonly_fields = ["submitted_at", "account", "bank", "sender_name", "amount_claimed", "is_top_up",
                                "status", "decided_by", "decided_at", "rejection_reason", "override_reason"]
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

def grant_state(grant: ContactGrant | None, now) -> str:
    if grant is None:
        return "—"
    if grant.revoked_at is not None:
        return _("revoked %(when)s: %(reason)s") % {"when": cells.local_time(grant.revoked_at),
                                                   "reason": grant.revoke_reason}
    if grant.is_active_at(now):
        state = _("active until %(end)s") % {"end": cells.local_time(grant.ends_at)}
    elif now < grant.starts_at:
        state = _("opens %(start)s") % {"start": cells.local_time(grant.starts_at)}
    else:
        state = _("ended")
    ticks = []
    if grant.unblocked_at:
        ticks.append(_("unblocked"))
    if grant.blocked_at:
        ticks.append(_("blocked again"))
    return f"{state} ({', '.join(ticks)})" if ticks else state

@admin.register(Booking)
class BookingAdmin(admin.ModelAdmin):
    list_display = ["id", "customer", "talent", "session_time", "status", "amount", "grant_cell", "refund_status"]
    list_filter = [SessionFilter, "status", "refund_status"]
    list_select_related = ["customer", "talent", "grant"]
    search_fields = ["id", "customer__display_name", "customer__whatsapp", "talent__display_name", "amount_due"]
    date_hierarchy = "starts_at"
    readonly_fields = [f.name for f in Booking._meta.fields]
    inlines = [PaymentInline, ContactGrantInline, BookingEventInline]
    change_form_template = "admin/bookings/booking/change_form.html"
    list_per_page = 50

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_search_fields(self, request):
        """Finding a booking by the customer's number is for those who may see numbers."""
        fields = super().get_search_fields(request)
        if request.user.has_perm(permissions.VIEW_CUSTOMER_NUMBER):
            return fields
        return [f for f in fields if f != "customer__whatsapp"]

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        changelist = getattr(response, "context_data", {}).get("cl")
        digits = re.sub(r"\D", "", changelist.query) if changelist is not None else ""
        if len(digits) >= 4 and request.user.has_perm(permissions.VIEW_CUSTOMER_NUMBER):
            # Digits typed in the search found these customers' bookings: a look-up of their numbers.
            digits = "62" + digits[1:] if digits.startswith("0") else digits
            log_staff_views(viewer=request.user, place=f"admin booking search “{changelist.query}”", shown=[
                StaffSight(handle=b.customer.whatsapp, customer=b.customer) for b in changelist.result_list
                if digits in str(b.customer.whatsapp)])
        return response

    @admin.display(description=gettext_lazy("session"), ordering="starts_at")
    def session_time(self, booking):
        return format_html("{} → {}", cells.local_time(booking.starts_at), timezone.localtime(booking.ends_at)
                           .strftime("%H:%M"))

    @admin.display(description=gettext_lazy("amount due"), ordering="amount_due")
    def amount(self, booking):
        return booking.amount_due_display

    @admin.display(description=gettext_lazy("contact grant"))
    def grant_cell(self, booking):
        return grant_state(getattr(booking, "grant", None), timezone.now())

    def get_urls(self):
        site = self.admin_site
        return [
            path("<id:object_id>/end-early/", decision_view(site, permissions.END_SESSION, self.end_early_view),
                 name="bookings_booking_end_early"),
            path("<id:object_id>/cancel/", decision_view(site, permissions.CANCEL_BOOKING, self.cancel_view),
                 name="bookings_booking_cancel"),
            path("<id:object_id>/whatsapp/<slug:kind>/", site.admin_view(self.whatsapp_view),
                 name="bookings_booking_whatsapp"),
            path("<id:object_id>/refunded/", decision_view(site, permissions.REFUND_BOOKING, self.refunded_view),
                 name="bookings_booking_refunded"),
            path("<id:object_id>/refund-session/",
                 decision_view(site, permissions.CANCEL_BOOKING, self.refund_session_view),
                 name="bookings_booking_refund_session"),
            *super().get_urls(),
        ]

    def _run(self, request: HttpRequest, object_id: int, action, done: str) -> HttpResponse:
        booking = get_object_or_404(Booking, pk=object_id)
        try:
            action(booking)
        except BookingError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, done % {"booking": booking.pk})
        return back(request, reverse("admin:bookings_booking_change", args=[booking.pk]))

    def end_early_view(self, request, object_id):
        reason = posted(request, "reason")
        return self._run(request, object_id, lambda b: end_session_early(booking=b, by=request.user, reason=reason),
                         _("Session #%(booking)s ended; its contact grant is revoked."))

    def cancel_view(self, request, object_id):
        reason = posted(request, "reason")
        return self._run(request, object_id,
                         lambda b: cancel_booking_by_staff(booking=b, staff=request.user, reason=reason),
                         _("Booking #%(booking)s cancelled."))

    def refunded_view(self, request, object_id):
        reference = posted(request, "reference")
        return self._run(request, object_id,
                         lambda b: mark_refunded(booking=b, staff=request.user, reference=reference),
                         _("Refund for booking #%(booking)s recorded."))

    def refund_session_view(self, request, object_id):
        reason = posted(request, "reason")
        return self._run(request, object_id,
                         lambda b: refund_session(booking=b, staff=request.user, reason=reason),
                         _("Booking #%(booking)s: the session's refund is due; the talent's share is taken back."))
    def whatsapp_view(self, request: HttpRequest, object_id: int, kind: str) -> HttpResponse:
        """Log the prefilled message in the outbox as sent by this staff member, then open WhatsApp."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        booking = get_object_or_404(Booking.objects.select_related("customer__user", "talent"), pk=object_id)
        try:
            link = whatsapp.send_by_hand(booking=booking, staff=request.user, kind=kind)
        except BookingError as error:
            messages.error(request, str(error))
            return back(request, reverse("admin:bookings_booking_change", args=[booking.pk]))
        return HttpResponseRedirect(link)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        booking = Booking.objects.select_related("customer", "talent").filter(pk=object_id).first()
        now = timezone.now()
        grant = ContactGrant.objects.filter(booking_id=object_id).select_related("revoked_by").first()
        # The log lists the numbers shown: CS and managers' work, never a verifier's.
        may_see_log = request.user.has_perm("bookings.view_contactdisclosure")
        disclosures = list(ContactDisclosure.objects.filter(grant__booking_id=object_id).select_related(
            "viewer", "grant__customer", "grant__talent")) if may_see_log and booking else []
        if disclosures and request.method == "GET":
            shown = {(d.subject, d.handle): d for d in disclosures}.values()
            log_staff_views(viewer=request.user, place=f"admin booking #{booking.pk} disclosure log", shown=[
                StaffSight(handle=d.handle, customer=d.grant.customer if d.subject == "customer" else None,
                           talent=d.grant.talent if d.subject == "talent" else None) for d in shown])
        extra = {
            "booking": booking,
            "grant": grant,
            "grant_state": grant_state(grant, now),
            "disclosures": disclosures,
            "may_see_log": may_see_log,
            "may_end": booking is not None and booking.status == Status.CONFIRMED
            and booking.starts_at <= now < booking.ends_at and request.user.has_perm(permissions.END_SESSION),
            "may_cancel": booking is not None and booking.status in (Status.AWAITING_PAYMENT,
                                                                     Status.PAYMENT_SUBMITTED, Status.CONFIRMED)
            and request.user.has_perm(permissions.CANCEL_BOOKING),
            "may_refund": booking is not None and booking.refund_status == "due"
            and request.user.has_perm(permissions.REFUND_BOOKING),
            "may_refund_session": booking is not None and earned(booking, now)
            and request.user.has_perm(permissions.CANCEL_BOOKING),
            "statement_lines": booking.statement_lines.select_related("statement") if booking else [],
            "whatsapp_messages": whatsapp.messages_for(booking, request.user) if booking else [],
            **(extra_context or {}),
        }
        return super().change_view(request, object_id, form_url, extra_context=extra)
