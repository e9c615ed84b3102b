"""Money back to customers: where it goes, paying one refund or a bank batch, and telling the customer."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bookings import notices
from bookings.errors import IllegalTransition, NotPermitted, ReasonRequired, ReferenceTooLong, RefundAccountIncomplete
from bookings.models import Booking, BookingEvent, Customer, Status
from bookings.models.booking import RefundStatus
from bookings.money import rupiah

from .transitions import lock_booking


def tell_refund_due(booking: Booking) -> None:
    """Inside the transaction that made the refund due: the customer learns the amount and what we need."""
    notices.refund_due(booking)


def tell_refund_paid(booking: Booking) -> None:
    notices.refund_paid(booking)


def _clean_reference(reference: str) -> str:
    reference = reference.strip()
    if not reference:
        raise ReasonRequired(_("Please give the refund's transfer reference."))
    if len(reference) > Booking._meta.get_field("refund_reference").max_length:
        raise ReferenceTooLong()
    return reference


def _mark_one(booking_id: int, staff: AbstractBaseUser, reference: str, at: datetime) -> tuple[Booking, bool]:
    """Caller holds a transaction. Returns the booking and whether this call paid it."""
    booking = lock_booking(booking_id)
    if booking.refund_status == RefundStatus.REFUNDED:
        return booking, False
    if booking.refund_status != RefundStatus.DUE:
        raise IllegalTransition(current=_("no refund due"), target=RefundStatus.REFUNDED.label)
    booking.refund_status = RefundStatus.REFUNDED
    booking.refund_reference = reference
    booking.save(update_fields=["refund_status", "refund_reference", "updated_at"])
    BookingEvent.objects.create(
        booking=booking, actor=staff, from_status=booking.status, to_status=booking.status,
        reason=_("Refunded %(amount)s, reference %(reference)s") % {
            "amount": booking.refund_amount, "reference": booking.refund_reference
        },
        at=at,
    )
    tell_refund_paid(booking)
    return booking, True


def mark_refunded(*, booking: Booking, staff: AbstractBaseUser, reference: str, at: datetime | None = None) -> Booking:
    """Staff paid a refund due; recorded once, with the bank's reference, and the customer is told."""
    at = at or timezone.now()
    reference = _clean_reference(reference)
    with transaction.atomic():
        booking, _changed = _mark_one(booking.pk, staff, reference, at)
    return booking


def mark_refunded_many(
    *, booking_ids: Iterable[int], staff: AbstractBaseUser, reference: str, at: datetime | None = None
) -> int:
    """One bank batch paid many refunds: all or nothing, in id order (no deadlock with another batch).

    Returns how many were paid by this call; ones already refunded are skipped, a booking with no
    refund due stops the whole batch with its error, so the reference is never half recorded.
    """
    at = at or timezone.now()
    reference = _clean_reference(reference)
    paid = 0
    with transaction.atomic():
        for booking_id in sorted(set(booking_ids)):
            _booking, changed = _mark_one(booking_id, staff, reference, at)
            paid += changed
    return paid


def set_refund_account(
    *, booking: Booking, customer: Customer, bank: str, number: str, holder: str
) -> Booking:
    """The customer says where the refund goes; they may correct it until it is paid."""
    bank, number, holder = bank.strip(), "".join(number.split()), holder.strip()
    if not (bank and number and holder):
        raise RefundAccountIncomplete()
    with transaction.atomic():
        booking = lock_booking(booking.pk)
        if booking.customer_id != customer.pk:
            raise NotPermitted()
        if booking.refund_status == RefundStatus.REFUNDED:
            raise IllegalTransition(current=RefundStatus.REFUNDED.label, target=_("new refund account"))
        booking.refund_bank, booking.refund_account_number, booking.refund_account_name = bank, number, holder
        booking.save(update_fields=["refund_bank", "refund_account_number", "refund_account_name", "updated_at"])
    return booking


def refund_session(*, booking: Booking, staff: AbstractBaseUser, reason: str, at: datetime | None = None) -> Booking:
    """Staff give back a session that took place (a complaint upheld): the rest of what was paid is due.

    The status stays (the session did happen); the talent's share is taken back from the earnings, in
    the next payout week when this week is already closed.
    """
    at = at or timezone.now()
    if not reason.strip():
        raise ReasonRequired()
    with transaction.atomic():
        booking = lock_booking(booking.pk)
        took_place = booking.status in (Status.COMPLETED, Status.ENDED_EARLY) or (
            booking.status == Status.CONFIRMED and booking.ends_at <= at
        )
        if not took_place:
            raise IllegalTransition(current=Status(booking.status).label, target=_("session refunded"))
        if booking.refund_status != RefundStatus.NONE and booking.refund_amount >= booking.amount_due:
            return booking  # already refunded in full (due or paid)
        already = booking.refund_amount if booking.refund_status == RefundStatus.REFUNDED else 0
        booking.refund_status = RefundStatus.DUE
        # The full amount due counts as refunded for the earnings; only what is still owed is paid out.
        booking.refund_amount = booking.amount_due
        booking.refund_reference = ""
        booking.save(update_fields=["refund_status", "refund_amount", "refund_reference", "updated_at"])
        BookingEvent.objects.create(
            booking=booking, actor=staff, from_status=booking.status, to_status=booking.status,
            reason=_("Session refunded: %(reason)s") % {"reason": reason.strip()}
            + (_(" (an earlier refund of %(amount)s was already paid)") % {"amount": rupiah(already)}
               if already else ""),
            at=at,
        )
        tell_refund_due(booking)
    return booking
