"""The waiting-for-verification list and the payment detail page: verify or reject, one by one or in bulk."""

from __future__ import annotations

from datetime import timedelta
from functools import lru_cache
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.views.main import ChangeList
from django.db import connection
from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bookings import permissions
from bookings.errors import BookingError
from bookings.models import Payment, Report, Status
from bookings.models.customer import banned_customer_ids
from bookings.models.payment import PaymentStatus, RejectionReason
from bookings.models.report import ReportStatus
from bookings.proofs import is_image
from bookings.services import claim_payment, reject_payment, release_claim, verify_payment

from . import cells
from .base import ReadOnlyAdmin, back, decision_view, posted


class DecisionFilter(admin.SimpleListFilter):
    """Opens on the payments that wait for staff; the others are one click away."""

    title = gettext_lazy("decision")
    parameter_name = "decision"

    def lookups(self, request, model_admin):
        return [
            ("waiting", _("Waiting for verification")),
            (PaymentStatus.VERIFIED, PaymentStatus.VERIFIED.label),
            (PaymentStatus.REJECTED, PaymentStatus.REJECTED.label),
            ("all", _("All")),
        ]

    def choices(self, changelist):
        current = self.value() or "waiting"
        for value, label in self.lookup_choices:
            yield {
                "selected": current == value,
                "query_string": changelist.get_query_string({self.parameter_name: value}),
                "display": label,
            }

    def queryset(self, request, queryset):
        value = self.value() or "waiting"
        if value == "waiting":
            return queryset.waiting()
        if value in PaymentStatus.values:
            return queryset.filter(status=value)
        return queryset


def waiting_list_queryset(queryset: QuerySet[Payment]) -> QuerySet[Payment]:
    """Everything a row shows, in one query: booking, people, who decided, reused proof, banned number."""
    banned = Q(booking__customer_id__in=banned_customer_ids())
    # The talent reported this customer and staff have not decided yet: new bookings are refused,
    # but one made before the report still waits here, so the row says so before anyone verifies.
    reported = Report.objects.filter(
        customer_id=OuterRef("booking__customer_id"), talent_id=OuterRef("booking__talent_id"),
        status=ReportStatus.UNDER_REVIEW,
    )
    return (
        queryset.select_related("booking__customer", "booking__talent", "decided_by", "claimed_by")
        .with_reused_proof()
        .with_top_ups()
        .annotate(
            customer_banned=ExpressionWrapper(banned, output_field=BooleanField()), reported_by_talent=Exists(reported)
        )
    )


@lru_cache(maxsize=4)
def _rows_built(distance: int, vendor: str) -> QuerySet[Payment]:
    """Built once per process and per setting that shapes it; never evaluated, only cloned."""
    return waiting_list_queryset(Payment.objects.all())


def row_queryset() -> QuerySet[Payment]:
    """waiting_list_queryset() of every payment, as a fresh clone: resolving its subqueries and joins anew
    for every page was a tenth of the list's time, and nothing in it depends on the request or the time."""
    return _rows_built(settings.SLEEPCALL_PROOF_PHASH_DISTANCE, connection.vendor).all()


# Columns a row never shows: parsing the numbers (phonenumbers) for 50 rows was a tenth of the list's time,
# and the talent's bio, photo and languages and the booking's refund details are read for nothing.
ROW_DEFERRED = (
    "booking__customer__whatsapp", "booking__talent__contact_handle", "booking__talent__bio",
    "booking__talent__photo", "booking__talent__languages", "booking__refund_reference", "booking__refund_bank",
    "booking__refund_account_number", "booking__refund_account_name", "rejection_note", "override_reason",
)


class WaitingChangeList(ChangeList):
    """The list's page of rows without the numbers; bulk actions read the full rows (cl.get_queryset)."""

    def get_results(self, request):
        self.queryset = self.queryset.defer(*ROW_DEFERRED)
        super().get_results(request)


def already_verified_message(payment: Payment) -> str:
    return _("Booking #%(booking)s was already verified by %(who)s.") % {
        "booking": payment.booking_id, "who": payment.decided_by.get_username() if payment.decided_by else "?",
    }


@admin.register(Payment)
class PaymentAdmin(ReadOnlyAdmin):
    list_display = ["booking", "amount_claimed", "status", "submitted_at"]  # replaced per request below
    list_display_links = None
    list_filter = [DecisionFilter, "account"]
    search_fields = ["booking__id", "sender_name", "booking__customer__display_name", "booking__amount_due"]
    list_per_page = 50
    # No header offers sorting (as before: the admin compared columns rebuilt per call, which never matched),
    # and saying so spares building the columns a third time per page.
    sortable_by = ()
    show_full_result_count = False
    ordering = ["booking__starts_at", "pk"]  # the session that starts soonest is decided first
    actions = ["verify_selected", "reject_selected"]
    change_list_template = "admin/bookings/payment/change_list.html"
    change_form_template = "admin/bookings/payment/change_form.html"
    exclude = ["proof"]
    readonly_fields = ["booking", "account", "bank", "sender_name", "amount_claimed", "is_top_up", "proof_sha256",
                       "status", "submitted_at", "decided_by", "decided_at", "rejection_reason", "rejection_note",
                       "override_reason"]

    def get_queryset(self, request):
        """ModelAdmin.get_queryset (the ordering) on the rows built once."""
        ordering = self.get_ordering(request)
        return row_queryset().order_by(*ordering) if ordering else row_queryset()

    def get_changelist(self, request, **kwargs):
        return WaitingChangeList

    def changelist_view(self, request, extra_context=None):
        extra = {
            "row_form": cells.row_form(request),
            "refresh_seconds": settings.SLEEPCALL_WAITING_LIST_REFRESH_SECONDS,
            **(extra_context or {}),
        }
        return super().changelist_view(request, extra_context=extra)

    def get_list_display(self, request):
        """Cells that depend on who looks and when, bound to this request (the admin is shared by threads)."""
        return row_cells(user=request.user, now=timezone.now(), next_url=request.get_full_path())

    def action_checkbox(self, obj):
        """Plain HTML: the admin's checkbox widget rendered a template per row (a fifth of the list's time)."""
        return checkbox(obj, _("Select booking #%(booking)s"))

    # Row and detail-page buttons.

    def get_urls(self):
        site = self.admin_site
        return [
            path("<id:object_id>/verify/", decision_view(site, permissions.VERIFY_PAYMENT, self.verify_view),
                 name="bookings_payment_verify"),
            path("<id:object_id>/reject/", decision_view(site, permissions.VERIFY_PAYMENT, self.reject_view),
                 name="bookings_payment_reject"),
            path("<id:object_id>/claim/", decision_view(site, permissions.VERIFY_PAYMENT, self.claim_view),
                 name="bookings_payment_claim"),
            *super().get_urls(),
        ]

    def _payment(self, object_id: int) -> Payment:
        return get_object_or_404(Payment.objects.select_related("booking", "decided_by"), pk=object_id)

    def verify_view(self, request: HttpRequest, object_id: int) -> HttpResponse:
        payment = self._payment(object_id)
        was = payment.status
        override = posted(request, f"override_{payment.pk}") or posted(request, "override_reason")
        try:
            payment = verify_payment(payment=payment, staff=request.user, override_reason=override)
        except BookingError as error:
            self._refused(request, payment, error)
        else:
            if was == PaymentStatus.VERIFIED or payment.decided_by_id != request.user.pk:
                messages.warning(request, already_verified_message(payment))
            elif payment.booking.status == Status.EXPIRED:
                messages.warning(request, _(
                    "Booking #%(booking)s: the transfer is confirmed, but the session had started; the refund is due."
                ) % {"booking": payment.booking_id})
            else:
                messages.success(request, _("Booking #%(booking)s verified: the session is confirmed.") % {
                    "booking": payment.booking_id})
        return back(request, reverse("admin:bookings_payment_changelist"))

    def claim_view(self, request: HttpRequest, object_id: int) -> HttpResponse:
        """"I'm on it" (or "let go" when the claim is one's own and the button says so)."""
        payment = self._payment(object_id)
        if request.GET.get("release"):
            release_claim(payment=payment, staff=request.user)
        else:
            try:
                claim_payment(payment=payment, staff=request.user)
            except BookingError as error:
                messages.error(request, str(error))
        return back(request, reverse("admin:bookings_payment_changelist"))

    def reject_view(self, request: HttpRequest, object_id: int) -> HttpResponse:
        payment = self._payment(object_id)
        reason = posted(request, f"reason_{payment.pk}") or posted(request, "reason")
        note = posted(request, f"note_{payment.pk}") or posted(request, "note")
        try:
            payment = reject_payment(payment=payment, staff=request.user, reason=reason, note=note)
        except BookingError as error:
            self._refused(request, payment, error)
            if payment.status == PaymentStatus.SUBMITTED:
                # Keep what was typed: the detail page's form comes back filled in.
                url = reverse("admin:bookings_payment_change", args=[payment.pk])
                return HttpResponseRedirect(f"{url}?{urlencode({'reason': reason, 'note': note})}")
        else:
            if payment.booking.status == Status.EXPIRED:
                messages.success(request, _("Booking #%(booking)s: transfer not received, nothing is due back.") % {
                    "booking": payment.booking_id})
            else:
                messages.success(request, _(
                    "Payment for booking #%(booking)s rejected; the customer can pay again."
                ) % {"booking": payment.booking_id})
        return back(request, reverse("admin:bookings_payment_changelist"))

    def _refused(self, request: HttpRequest, payment: Payment, error: BookingError) -> None:
        payment.refresh_from_db()
        if payment.status == PaymentStatus.VERIFIED:
            messages.warning(request, already_verified_message(payment))
        else:
            messages.error(request, str(error))

    def change_view(self, request, object_id, form_url="", extra_context=None):
        payment = self.get_queryset(request).filter(pk=object_id).first()
        extra = {
            "payment": payment,
            "rejection_reasons": RejectionReason.choices,
            "may_verify": request.user.has_perm(permissions.VERIFY_PAYMENT),
            "may_override": request.user.has_perm(permissions.OVERRIDE_PARTIAL),
            "proof_cell": cells.proof(payment, request.user) if payment else "",
            "amount_cell": cells.amounts(payment) if payment else "",
            "proof_is_image": bool(payment and payment.proof and is_image(payment)),
            "typed_reason": request.GET.get("reason", ""),
            "typed_note": request.GET.get("note", ""),
            **(extra_context or {}),
        }
        return super().change_view(request, object_id, form_url, extra_context=extra)

    # Bulk actions.

    def has_verify_permission(self, request) -> bool:
        return request.user.has_perm(permissions.VERIFY_PAYMENT)

    @admin.action(description=gettext_lazy("Verify selected payments"), permissions=["verify"])
    def verify_selected(self, request, queryset):
        done, already, refused = 0, [], []
        for payment in queryset.select_related("booking", "decided_by"):
            was = payment.status
            try:
                payment = verify_payment(payment=payment, staff=request.user)
            except BookingError as error:
                refused.append(f"#{payment.booking_id}: {error}")
                continue
            if was == PaymentStatus.VERIFIED or payment.decided_by_id != request.user.pk:
                already.append(already_verified_message(payment))
            else:
                done += 1
        if done:
            messages.success(request, _("%(count)s payments verified.") % {"count": done})
        for text in already:
            messages.warning(request, text)
        for text in refused:
            messages.error(request, text)

    @admin.action(description=gettext_lazy("Reject selected payments…"), permissions=["verify"])
    def reject_selected(self, request, queryset):
        reason = posted(request, "reason")
        note = posted(request, "note")
        if request.POST.get("apply"):
            if reason not in RejectionReason.values:
                messages.error(request, _("Please choose a reason."))
            else:
                done, refused = 0, []
                for payment in queryset.select_related("booking", "decided_by"):
                    try:
                        reject_payment(payment=payment, staff=request.user, reason=reason, note=note)
                        done += 1
                    except BookingError as error:
                        refused.append(f"#{payment.booking_id}: {error}")
                if done:
                    messages.success(request, _("%(count)s payments rejected.") % {"count": done})
                for text in refused:
                    messages.error(request, text)
                if done or refused:
                    return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Reject payments"),
            "opts": self.model._meta,
            "payments": queryset.select_related("booking__customer"),
            "reasons": RejectionReason.choices,
            "reason": reason,
            "note": note,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/bookings/payment/reject_selected.html", context)


def checkbox(payment: Payment, label: str) -> SafeString:
    """The bulk actions' checkbox; label is the translated "Select booking #%(booking)s"."""
    return SafeString(
        f'<input type="checkbox" name="{admin.helpers.ACTION_CHECKBOX_NAME}" value="{payment.pk}"'
        f' class="action-select" aria-label="{escape(label % {"booking": payment.booking_id})}">'
    )


def row_cells(*, user, now, next_url: str) -> list:
    """The waiting list's columns, as functions of one payment."""
    soon = now + timedelta(hours=settings.SLEEPCALL_SOON_HOURS)
    parts = cells.RowParts(user)
    next_url = cells.escape_once(next_url)  # in every row's buttons: escaped once
    banned, reported = _("banned"), _("reported by this talent, under review")
    starts_soon = _("starts within %(hours)s h") % {"hours": settings.SLEEPCALL_SOON_HOURS}

    @admin.display(description=gettext_lazy("booking"), ordering="booking_id")
    def booking(payment):
        return SafeString(f'<a href="{parts.booking(payment.booking_id)}">#{payment.booking_id}</a>')

    @admin.display(description=gettext_lazy("customer"))
    def customer(payment):
        if payment.customer_banned:
            return cells.quick_html('{} <strong class="sc-bad">{}</strong>', payment.booking.customer, banned)
        if payment.reported_by_talent:
            return cells.quick_html('{} <strong class="sc-bad">{}</strong>', payment.booking.customer, reported)
        return str(payment.booking.customer)

    @admin.display(description=gettext_lazy("talent"))
    def talent(payment):
        return str(payment.booking.talent)

    @admin.display(description=gettext_lazy("session"), ordering="booking__starts_at")
    def session(payment):
        shown = parts.local_time(payment.booking.starts_at)
        if payment.status == PaymentStatus.SUBMITTED and now <= payment.booking.starts_at <= soon:
            return cells.quick_html('<strong class="sc-soon">{}</strong><br><span class="sc-bad">{}</span>', shown,
                                    starts_soon)
        return shown

    @admin.display(description=gettext_lazy("amount"))
    def amount(payment):
        return cells.amounts(payment, parts)

    @admin.display(description=gettext_lazy("proof"))
    def proof(payment):
        return cells.proof(payment, user, parts)

    @admin.display(description=gettext_lazy("waiting for"), ordering="submitted_at")
    def waited(payment):
        if payment.status != PaymentStatus.SUBMITTED:
            return payment.get_status_display()
        return cells.waited(payment, now)

    @admin.display(description=gettext_lazy("decision"))
    def decision(payment):
        return cells.decision(payment, user, next_url, now, urls=parts)

    return [booking, customer, talent, session, amount, proof, waited, decision]
