"""A paid session: move it once, ask to cancel it, and say where a refund goes."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from bookings.errors import BookingError
from bookings.forms.money import CancellationRequestForm, RefundAccountForm
from bookings.models import CancellationRequest, Payment, RequestStatus
from bookings.services import request_cancellation, reschedule_booking, set_refund_account
from bookings.services.cancellation import policy_refund
from bookings.services.reschedule import may_reschedule, reschedule_deadline, reschedule_starts
from sleepcall.zones import zone_info

from .access import customer_required, get_booking_for_customer
from .mine import render_detail

MOVE_NIGHTS = 7


def _starts_by_night(booking, zone: str, now: datetime) -> list[tuple[datetime, list[datetime]]]:
    """The free starts of the coming nights, grouped by the night they begin (noon to noon, viewer's zone)."""
    tz = zone_info(zone)
    today = timezone.localtime(now, tz).date()
    starts = reschedule_starts(booking=booking, first=today, last=today + timedelta(days=MOVE_NIGHTS), zone=zone,
                               at=now)
    nights: dict = defaultdict(list)
    for start in starts:
        nights[(timezone.localtime(start, tz) - timedelta(hours=12)).date()].append(start)
    return sorted(nights.items())[:MOVE_NIGHTS]


@customer_required
@require_http_methods(["GET", "POST"])
def move(request: HttpRequest, pk: int) -> HttpResponse:
    booking = get_booking_for_customer(request, pk)
    now = timezone.now()
    if request.method == "POST":
        starts_at = parse_datetime(request.POST.get("starts_at", ""))
        if starts_at is None or timezone.is_naive(starts_at):
            messages.error(request, _("Please choose one of the free times shown."))
        else:
            try:
                reschedule_booking(booking=booking, customer=request.customer, starts_at=starts_at, at=now)
            except BookingError as error:
                messages.error(request, str(error))
            else:
                messages.success(request, _("Your session is moved. The talent sees the new time."))
                return redirect("booking_detail", pk=booking.pk)
    allowed = may_reschedule(booking, now)
    return render(request, "bookings/move.html", {
        "booking": booking,
        "allowed": allowed,
        "nights": _starts_by_night(booking, request.zone, now) if allowed else [],
        "deadline": reschedule_deadline(booking),
        "hours": settings.SLEEPCALL_RESCHEDULE_MIN_HOURS,
        "chosen": request.POST.get("starts_at", ""),
    })


def _account_initial(booking) -> dict:
    """Suggest the account the transfer came from; the customer corrects it."""
    if booking.has_refund_account:
        return {"refund_bank": booking.refund_bank, "refund_account_number": booking.refund_account_number,
                "refund_account_name": booking.refund_account_name}
    payment = Payment.objects.filter(booking=booking).order_by("-submitted_at").first()
    return {"refund_bank": payment.bank, "refund_account_name": payment.sender_name} if payment else {}


@customer_required
@require_http_methods(["GET", "POST"])
def request_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    booking = get_booking_for_customer(request, pk)
    now = timezone.now()
    pending = CancellationRequest.objects.filter(booking=booking, status=RequestStatus.PENDING).first()
    form = CancellationRequestForm(request.POST or None, initial=_account_initial(booking))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            request_cancellation(booking=booking, customer=request.customer, reason=data["reason"], at=now)
            set_refund_account(booking=booking, customer=request.customer, bank=data["refund_bank"],
                               number=data["refund_account_number"], holder=data["refund_account_name"])
        except BookingError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Your request is sent. The admin team decides soon; we will e-mail you."))
            return redirect("booking_detail", pk=booking.pk)
    return render(request, "bookings/cancel_request.html", {
        "booking": booking, "form": form, "pending": pending,
        "refund": policy_refund(booking, at=now), "full_hours": settings.SLEEPCALL_CANCEL_FULL_REFUND_HOURS,
        "late_percent": settings.SLEEPCALL_CANCEL_LATE_REFUND_PERCENT, "open": booking.status == "confirmed"
        and now < booking.ends_at,
    })


@customer_required
@require_POST
def refund_account(request: HttpRequest, pk: int) -> HttpResponse:
    booking = get_booking_for_customer(request, pk)
    form = RefundAccountForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            set_refund_account(booking=booking, customer=request.customer, bank=data["refund_bank"],
                               number=data["refund_account_number"], holder=data["refund_account_name"])
        except BookingError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Thank you. We will send the refund to this account."))
            return redirect("booking_detail", pk=booking.pk)
    return render_detail(request, booking, account_form=form)
