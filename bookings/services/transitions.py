"""The allowed moves of a booking, and the one place that writes a status and its history."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser

from bookings.errors import IllegalTransition
from bookings.models import Booking, BookingEvent, Status
from talents.freshness import catalogue_changed

ALLOWED: dict[str, frozenset[str]] = {
    Status.AWAITING_PAYMENT: frozenset({Status.PAYMENT_SUBMITTED, Status.EXPIRED, Status.CANCELLED}),
    # Expired: the session started before staff decided the proof (services/late_payments.py).
    Status.PAYMENT_SUBMITTED: frozenset({Status.CONFIRMED, Status.AWAITING_PAYMENT, Status.CANCELLED, Status.EXPIRED}),
    Status.CONFIRMED: frozenset({Status.COMPLETED, Status.ENDED_EARLY, Status.CANCELLED}),
}


def can_move(current: str, target: str) -> bool:
    return target in ALLOWED.get(current, frozenset())


def require_move(booking: Booking, target: str) -> None:
    if not can_move(booking.status, target):
        raise IllegalTransition(current=Status(booking.status).label, target=Status(target).label)


def lock_booking(booking_id: int) -> Booking:
    """Lock the row for the rest of the transaction and return it fresh from the database."""
    return Booking.objects.select_for_update().get(pk=booking_id)


def move(
    booking: Booking,
    target: str,
    *,
    actor: AbstractBaseUser | None,
    at: datetime,
    reason: str = "",
    extra_fields: Iterable[str] = (),
) -> None:
    """Change the status of a locked booking and append its history row. Caller holds the lock."""
    require_move(booking, target)
    BookingEvent.objects.create(
        booking=booking, actor=actor, from_status=booking.status, to_status=target, reason=reason, at=at
    )
    booking.status = target
    booking.save(update_fields=["status", "updated_at", *extra_fields])


def move_many(ids_and_statuses: list[tuple[int, str]], target: str, *, at: datetime, reason: str) -> int:
    """A sweep's batch: one UPDATE and one INSERT for all rows, rows already claimed under lock."""
    if not ids_and_statuses:
        return 0
    ids = [pk for pk, _ in ids_and_statuses]
    Booking.objects.filter(pk__in=ids).update(status=target, updated_at=at)
    catalogue_changed()  # an UPDATE sends no signal; the slots these held may be free now
    BookingEvent.objects.bulk_create(
        BookingEvent(booking_id=pk, from_status=status, to_status=target, reason=reason, at=at)
        for pk, status in ids_and_statuses
    )
    return len(ids)
