"""The payment page: the exact amount, where to transfer, the deadline, and the proof upload."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from bookings.errors import BookingError
from bookings.forms import PaymentForm
from bookings.forms.payment import COMMON_BANKS
from bookings.models import BankAccount, Payment, Status
from bookings.models.payment import PaymentStatus
from bookings.services import accept_rules, submit_payment

from .access import customer_required, get_booking_for_customer


@customer_required
@require_http_methods(["GET", "POST"])
def pay(request: HttpRequest, pk: int) -> HttpResponse:
    booking = get_booking_for_customer(request, pk)
    now = timezone.now()
    if booking.status != Status.AWAITING_PAYMENT or booking.payment_deadline <= now:
        if booking.status == Status.PAYMENT_SUBMITTED:
            messages.info(request, _("We are verifying your transfer."))
        elif booking.status == Status.AWAITING_PAYMENT:
            messages.error(request, _("The payment deadline has passed; this booking has expired."))
        return redirect("booking_detail", pk=booking.pk)
    customer = request.customer
    if request.method == "POST":
        form = PaymentForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            try:
                accept_rules(booking=booking, customer=customer)
                submit_payment(
                    booking=booking, customer=customer, bank=data["bank"], sender_name=data["sender_name"],
                    amount_claimed=data["amount_claimed"], proof=data["proof"],
                )
            except BookingError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Thank you! We are verifying your transfer."))
                return redirect("booking_detail", pk=booking.pk)
    else:
        form = PaymentForm(initial={"amount_claimed": booking.amount_due, "accept_rules": booking.rules_accepted})
    rejected = (
        Payment.objects.filter(booking=booking, status=PaymentStatus.REJECTED).order_by("-submitted_at").first()
    )
    return render(request, "bookings/pay.html", {
        "booking": booking, "form": form, "accounts": BankAccount.objects.active(), "rejected": rejected,
        "banks": COMMON_BANKS,
    }, status=400 if form.is_bound else 200)
