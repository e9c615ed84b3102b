"""The payment page: first the session rules, then the exact amount, where to transfer, the deadline, the proof;
and the top-up page for a transfer that fell short.

The rules come before the money: until this version is accepted the page shows only the rules (the
slot stays held meanwhile), so nobody transfers for a session whose rules they have not seen.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from bookings.errors import BookingError
from bookings.forms import PaymentForm, TopUpForm
from bookings.forms.payment import COMMON_BANKS
from bookings.models import BankAccount, Booking, Payment, Status
from bookings.models.payment import PaymentStatus
from bookings.money import rupiah
from bookings.services import accept_rules, submit_payment, submit_top_up
from bookings.services.payment import missing_amount

from .access import customer_required, get_booking_for_customer


@customer_required
@require_http_methods(["GET", "POST"])
def pay(request: HttpRequest, pk: int) -> HttpResponse:
    booking = get_booking_for_customer(request, pk)
    now = timezone.now()
    if booking.status != Status.AWAITING_PAYMENT or booking.payment_deadline <= now:
        if booking.status == Status.PAYMENT_SUBMITTED:
            if missing_amount(booking):
                return redirect("top_up", pk=booking.pk)
            messages.info(request, _("We are verifying your transfer."))
        elif booking.status == Status.AWAITING_PAYMENT:
            messages.error(request, _("The payment deadline has passed; this booking has expired."))
        return redirect("booking_detail", pk=booking.pk)
    customer = request.customer
    if not booking.rules_accepted:
        if request.method == "POST":
            messages.error(request, _("Please read and accept the session rules first."))
        return render(request, "bookings/rules.html", {"booking": booking}, status=200)
    expected = booking.amount_due
    if request.method == "POST":
        form = PaymentForm(request.POST, request.FILES, expected=expected, booking=booking)
        if form.is_valid():
            data = form.cleaned_data
            try:
                submit_payment(
                    booking=booking, customer=customer, account=data["account"], bank=data["bank"],
                    sender_name=data["sender_name"], amount_claimed=data["amount_claimed"], proof=data["proof"],
                )
            except BookingError as error:
                form.add_error(None, str(error))
            else:
                return _sent(request, booking)
    else:
        form = PaymentForm(initial={"amount_claimed": expected}, expected=expected, booking=booking)
    rejected = (
        Payment.objects.filter(booking=booking, status=PaymentStatus.REJECTED).order_by("-submitted_at").first()
    )
    return _page(request, booking, form, expected, rejected=rejected)


@customer_required
@require_http_methods(["GET", "POST"])
def top_up(request: HttpRequest, pk: int) -> HttpResponse:
    """A short transfer is made good by a second one, not by a rejection and the whole sum again."""
    booking = get_booking_for_customer(request, pk)
    expected = missing_amount(booking)
    if not expected:
        return redirect("pay" if booking.status == Status.AWAITING_PAYMENT else "booking_detail", pk=booking.pk)
    if request.method == "POST":
        form = TopUpForm(request.POST, request.FILES, expected=expected, booking=booking)
        if form.is_valid():
            data = form.cleaned_data
            try:
                submit_top_up(
                    booking=booking, customer=request.customer, account=data["account"], bank=data["bank"],
                    sender_name=data["sender_name"], amount_claimed=data["amount_claimed"], proof=data["proof"],
                )
            except BookingError as error:
                form.add_error(None, str(error))
            else:
                return _sent(request, booking)
    else:
        form = TopUpForm(initial={"amount_claimed": expected}, expected=expected, booking=booking)
    return _page(request, booking, form, expected, top_up=True)


def _sent(request: HttpRequest, booking: Booking) -> HttpResponse:
    booking.refresh_from_db()
    missing = missing_amount(booking)
    if missing:
        messages.warning(request, _(
            "We received your proof. It is %(missing)s short of the amount due: send the rest and add it as a "
            "top-up, so we can confirm your session."
        ) % {"missing": rupiah(missing)})
    else:
        messages.success(request, _("Thank you! We are verifying your transfer."))
    return redirect("booking_detail", pk=booking.pk)


def _page(request, booking, form, expected: int, *, top_up: bool = False, rejected=None) -> HttpResponse:
    return render(request, "bookings/pay.html", {
        "booking": booking, "form": form, "expected": expected, "top_up": top_up,
        "accounts": BankAccount.objects.active(), "rejected": rejected, "banks": COMMON_BANKS,
    }, status=400 if form.is_bound else 200)


@customer_required
@require_POST
def rules(request: HttpRequest, pk: int) -> HttpResponse:
    """Accept the session rules (their version and the time are kept), then see how to pay."""
    booking = get_booking_for_customer(request, pk)
    if request.POST.get("accept") != "yes":
        messages.error(request, _("Please tick that you accept the session rules."))
        return redirect("pay", pk=booking.pk)
    try:
        accept_rules(booking=booking, customer=request.customer)
    except BookingError as error:
        messages.error(request, str(error))
    return redirect("pay", pk=booking.pk)
