"""A customer moves their paid session once, to another free start of the same talent and package."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bookings import notices
from bookings.errors import (
    AlreadyRescheduled,
    NotPermitted,
    NotReschedulable,
    RescheduleWindowClosed,
    SlotTaken,
    SlotUnavailable,
)
from bookings.models import Booking, BookingEvent, ContactGrant, Customer, Status
from bookings.slots import free_starts
from sleepcall.zones import zone_info
from talents.models import Talent

from .transitions import lock_booking

OVERLAP_CONSTRAINT = "booking_no_overlap_per_talent"


@dataclass(frozen=True)
class _Length:
    """The booking's own length (copied at booking time), whatever the package says today."""

    duration: timedelta


def reschedule_deadline(booking: Booking) -> datetime:
    return booking.starts_at - timedelta(hours=settings.SLEEPCALL_RESCHEDULE_MIN_HOURS)


def may_reschedule(booking: Booking, at: datetime) -> bool:
    return booking.status == Status.CONFIRMED and booking.rescheduled_at is None and at <= reschedule_deadline(booking)


def reschedule_starts(*, booking: Booking, first: date, last: date, zone: str, at: datetime) -> list[datetime]:
    """Where this booking could move: the talent's free starts, this booking's own slot not counted."""
    return [
        s for s in free_starts(
            talent=booking.talent, package=_Length(booking.duration), first=first, last=last, zone=zone, now=at,
            exclude_booking=booking,
        )
        if s != booking.starts_at and s <= at + timedelta(days=settings.SLEEPCALL_BOOKING_HORIZON_DAYS)
    ]


def _check(booking: Booking, customer: Customer, at: datetime) -> None:
    if booking.customer_id != customer.pk:
        raise NotPermitted()
    if booking.status != Status.CONFIRMED or at >= booking.starts_at:
        raise NotReschedulable()
    if booking.rescheduled_at is not None:
        raise AlreadyRescheduled()
    if at > reschedule_deadline(booking):
        raise RescheduleWindowClosed(hours=settings.SLEEPCALL_RESCHEDULE_MIN_HOURS)


def reschedule_booking(
    *, booking: Booking, customer: Customer, starts_at: datetime, at: datetime | None = None
) -> Booking:
    """Move the session and its grant together; the payment stays. Once per booking.

    The talent's row is locked first (the same order as create_booking), so two moves or a move and
    a new booking of one talent run one after the other; the exclusion constraint is the backstop.
    """
    at = at or timezone.now()
    with transaction.atomic():
        Talent.objects.select_for_update().filter(pk=booking.talent_id).first()
        booking = lock_booking(booking.pk)
        _check(booking, customer, at)
        day = timezone.localtime(starts_at, zone_info(booking.talent.time_zone)).date()
        if starts_at not in reschedule_starts(booking=booking, first=day, last=day, zone=booking.talent.time_zone,
                                              at=at):
            gap = timedelta(minutes=max(settings.SLEEPCALL_BUFFER_MINUTES, booking.talent.rest_minutes))
            near = (
                Booking.objects.for_talent(booking.talent).holding(at=at)
                .overlapping(starts_at - gap, starts_at + booking.duration + gap).exclude(pk=booking.pk)
            )
            raise SlotTaken() if near.exists() else SlotUnavailable()
        moved_from = booking.starts_at
        booking.starts_at, booking.ends_at = starts_at, starts_at + booking.duration
        booking.rescheduled_at = at
        try:
            with transaction.atomic():
                booking.save(update_fields=["starts_at", "ends_at", "rescheduled_at", "updated_at"])
        except IntegrityError as error:
            if OVERLAP_CONSTRAINT in str(error):
                raise SlotTaken() from error
            raise
        # The grant follows; the reminders of the old time are forgotten so they come again in time.
        ContactGrant.objects.filter(booking=booking).update(
            starts_at=booking.starts_at, ends_at=booking.ends_at,
            unblock_reminded_at=None, block_reminded_at=None, start_reminded_at=None,
        )
        BookingEvent.objects.create(
            booking=booking, actor=customer.user, from_status=booking.status, to_status=booking.status,
            reason=_("Moved by the customer."), moved_from=moved_from, moved_to=booking.starts_at, at=at,
        )
        notices.session_moved(booking, moved_from=moved_from)
    return booking
