"""My bookings, one booking (the session view), and cancelling before payment."""

from __future__ import annotations

from collections import defaultdict

from django.contrib import messages
from django.db.models import F, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from bookings.contact import talent_contact_for_booking
from bookings.errors import BookingError
from bookings.forms.money import RefundAccountForm
from bookings.models import Booking, Customer, Payment, Status
from bookings.models.booking import RefundStatus
from bookings.models.package import CALL, CHAT
from bookings.routine import opener_text
from bookings.services import cancel_booking_by_customer
from bookings.services.reschedule import may_reschedule, reschedule_deadline
from bookings.templatetags.sleepcall import readable_number
from sleepcall.compiled import CompiledRead
from sleepcall.wa_me import wa_link
from talents.models import Talent

from .access import customer_required, get_booking_for_customer
from .states import RebookRules, describe, last_payment


def _bookings_of(customer_id: int) -> QuerySet[Booking]:
    return Booking.objects.filter(customer_id=customer_id).annotate(
        talent_display_name=F("talent__display_name"), talent_slug=F("talent__slug"),
    )


# Asked on every visit of My bookings: compiled once per process.
_bookings_read = CompiledRead(Booking, _bookings_of, (-7_000_000_001,))
# What the list shows of each booking's talent (its alias, and its slug for "book again").
_TALENT_SHOWN = ("id", "display_name", "slug")


def bookings_with_talents(customer: Customer) -> list[Booking]:
    """The customer's bookings, each with its talent (only the fields the list shows; any other is
    read when asked, as with .only()): one query for any number."""
    bookings = list(_bookings_read(customer.pk))
    names = [f.attname for f in Talent._meta.concrete_fields if f.attname in _TALENT_SHOWN]
    for booking in bookings:
        shown = {"id": booking.talent_id, "display_name": booking.talent_display_name, "slug": booking.talent_slug}
        booking.talent = Talent.from_db(Booking.objects.db, names, [shown[name] for name in names])
    return bookings


def _payments_of(customer_id: int) -> QuerySet[Payment]:
    return Payment.objects.filter(booking__customer_id=customer_id).order_by("submitted_at", "pk")


_payments_read = CompiledRead(Payment, _payments_of, (-7_000_000_001,))


def payments_by_booking(customer: Customer) -> dict[int, list[Payment]]:
    """Every transfer of the customer's bookings, oldest first, by booking id: one query for any number."""
    grouped: dict[int, list[Payment]] = defaultdict(list)
    for payment in _payments_read(customer.pk):
        grouped[payment.booking_id].append(payment)
    return grouped


@customer_required
def my_bookings(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    bookings, sent = bookings_with_talents(request.customer), payments_by_booking(request.customer)
    rules = RebookRules.for_customer(request.customer)
    rows = []
    for booking in bookings:
        paid = sent.get(booking.pk, [])
        state = describe(booking, at=now, payment=paid[-1] if paid else None, rules=rules, payments=paid)
        rows.append((booking, state))
    return render(request, "bookings/mine.html", {"rows": rows})


@customer_required
@never_cache
def booking_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The session view: times always; the talent's handle only while the grant says the session is on."""
    return render_detail(request, get_booking_for_customer(request, pk))


def render_detail(
    request: HttpRequest, booking: Booking, account_form: RefundAccountForm | None = None
) -> HttpResponse:
    now = timezone.now()
    payments = list(Payment.objects.filter(booking=booking).select_related("account").order_by("-submitted_at"))
    payment = payments[0] if payments else None
    state = describe(booking, at=now, payment=payment)
    if state.can_rebook:  # only then do a ban or an open report change what the page says
        state = describe(booking, at=now, payment=payment, rules=RebookRules.for_customer(request.customer))
    contact = None
    if booking.status == Status.CONFIRMED:
        found = talent_contact_for_booking(booking=booking, viewer=request.user, at=now)
        if found is not None:
            number, channels = found
            opener = opener_text(
                talent_alias=booking.talent.display_name, customer_name=request.customer.display_name,
                booking_id=booking.pk, package_name=booking.package_name, language=request.customer.language,
            )
            contact = {
                "number": number, "display": readable_number(number),
                "chat": CHAT in channels, "call": CALL in channels,
                "opener": opener, "message_link": wa_link(number, opener),
            }
    refund_due = booking.refund_status == RefundStatus.DUE
    if account_form is None and refund_due:
        account_form = RefundAccountForm(initial={
            "refund_bank": booking.refund_bank or (payment.bank if payment else ""),
            "refund_account_number": booking.refund_account_number,
            "refund_account_name": booking.refund_account_name or (payment.sender_name if payment else ""),
        })
    return render(request, "bookings/detail.html", {
        "booking": booking, "state": state, "contact": contact, "payment": payment, "now": now,
        "may_move": may_reschedule(booking, now),
        "move_deadline": reschedule_deadline(booking),
        "cancel_request": booking.cancellation_requests.order_by("-requested_at").first(),
        "may_ask_cancel": booking.status == Status.CONFIRMED and now < booking.ends_at,
        "account_form": account_form if refund_due else None,
        "moves": booking.events.filter(moved_to__isnull=False) if booking.rescheduled_at else [],
        "transfers": [p for p in payments if p.status == payment.status] if payment else [],
    })


@customer_required
@require_http_methods(["GET", "POST"])
def cancel(request: HttpRequest, pk: int) -> HttpResponse:
    """Asks first (a page of its own, so it works without JavaScript); only the POST cancels."""
    booking = get_booking_for_customer(request, pk)
    if request.method == "GET":
        state = describe(booking, at=timezone.now(), payment=last_payment(booking))
        if not state.can_cancel:
            return redirect("booking_detail", pk=booking.pk)
        return render(request, "bookings/cancel.html", {"booking": booking})
    try:
        cancel_booking_by_customer(booking=booking, customer=request.customer)
    except BookingError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Your booking is cancelled."))
    return redirect("my_bookings")
