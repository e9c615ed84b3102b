"""A proof still undecided when its session starts: the booking lets the slot go, the money is settled.

The customer may well have paid, so the booking expires with a refund due for the amount claimed;
the payment stays on the staff waiting list, flagged, until staff say whether the transfer came in
(`verify_payment`: it did, the refund stays due) or not (`reject_payment`: nothing is owed).
"""

from __future__ import annotations

from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Sum
from django.utils.translation import gettext as _

from bookings import notices
from bookings.models import Booking, BookingEvent, Payment, Status
from bookings.models.booking import RefundStatus
from bookings.models.payment import PaymentStatus
from bookings.money import rupiah
from talents.models import Talent

from .transitions import move


def expire_undecided_at_start(*, at: datetime, talent: Talent | None = None) -> int:
    """Expire every booking whose session started with its proof undecided (the caller's transaction).

    Rows another transaction holds (a staff member verifying right now) are skipped: that decision
    comes first, and a later run picks up what is left.
    """
    bookings = Booking.objects.undecided_at_start(at=at)
    if talent is not None:
        bookings = bookings.for_talent(talent)
    rows = list(bookings.select_for_update(skip_locked=True).order_by("pk"))
    for booking in rows:
        expire_at_start(booking=booking, at=at)
    return len(rows)


def expire_at_start(*, booking: Booking, at: datetime) -> None:
    """One locked booking, `payment_submitted` and started: expired, the amount claimed due back."""
    claimed = booking.payments.filter(status=PaymentStatus.SUBMITTED).aggregate(total=Sum("amount_claimed"))
    booking.refund_status = RefundStatus.DUE
    booking.refund_amount = claimed["total"] or 0
    booking.refund_reference = ""
    reason = _(
        "The session started before the payment was checked: the slot is released and %(amount)s is due "
        "back once the transfer is found."
    ) % {"amount": rupiah(booking.refund_amount)}
    move(booking, Status.EXPIRED, actor=None, at=at, reason=reason,
         extra_fields=["refund_status", "refund_amount", "refund_reference"])


def is_late(payment: Payment, booking: Booking) -> bool:
    """The proof is still undecided but its booking expired at the session start."""
    return payment.status == PaymentStatus.SUBMITTED and booking.status == Status.EXPIRED


def settle_late_payment(
    *, payment: Payment, booking: Booking, staff: AbstractBaseUser, received: bool, note: str, at: datetime
) -> Payment:
    """Staff decide a late proof (both rows locked by the caller): received keeps the refund due."""
    payment.status = PaymentStatus.VERIFIED if received else PaymentStatus.REJECTED
    payment.decided_by, payment.decided_at = staff, at
    payment.save(update_fields=["status", "decided_by", "decided_at", "rejection_reason", "rejection_note"])
    if received:
        reason = _("Transfer confirmed after the session had started: %(amount)s is due back.") % {
            "amount": rupiah(booking.refund_amount)}
    else:
        if booking.refund_status == RefundStatus.DUE:
            booking.refund_status, booking.refund_amount = RefundStatus.NONE, 0
            booking.save(update_fields=["refund_status", "refund_amount", "updated_at"])
        reason = _("Transfer not received; nothing is due back.") + (f" {note}" if note else "")
    BookingEvent.objects.create(
        booking=booking, actor=staff, from_status=booking.status, to_status=booking.status, reason=reason, at=at
    )
    if received:
        notices.refund_due(booking)  # only now is it known that money came in
    return payment
