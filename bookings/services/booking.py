"""Creating a booking, and the moves that end one: expiry, completion, cancellation, ending early."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bookings import notices
from bookings.errors import (
    CustomerBanned,
    IllegalTransition,
    NotPermitted,
    NoUniqueCodeFree,
    PackageUnavailable,
    ReasonRequired,
    SessionNotStarted,
    SessionOver,
    SlotTaken,
    SlotUnavailable,
    TalentUnavailable,
    TooManyUnpaidBookings,
    check_shown_text,
)
from bookings.models import Booking, BookingEvent, ContactGrant, Customer, Package, Report, Status, TalentExclusion
from bookings.models.booking import MAX_UNIQUE_CODE, SHORT_CODES, RefundStatus
from bookings.models.payment import PaymentStatus
from bookings.models.report import ReportStatus
from bookings.slots import is_free
from talents.models import Talent

from .grant import revoke_grant
from .late_payments import expire_undecided_at_start
from .refunds import tell_refund_due
from .transitions import lock_booking, move, move_many, require_move

OVERLAP_CONSTRAINT = "booking_no_overlap_per_talent"
CODE_CONSTRAINT = "unique_amount_due_per_open_booking"


def _payment_window() -> timedelta:
    return timedelta(minutes=settings.SLEEPCALL_PAYMENT_WINDOW_MINUTES)


def payment_deadline(*, at: datetime, starts_at: datetime) -> datetime:
    """Pay within the window, and never after the session would start."""
    return min(at + _payment_window(), starts_at)


def _check_customer_may_book(customer: Customer, talent: Talent) -> None:
    """Asked with the customer's row locked, so a ban committed a moment ago is seen (services/bans.py)."""
    if Customer.objects.banned().filter(pk=customer.pk).exists():
        raise CustomerBanned()
    if Report.objects.filter(customer=customer, talent=talent, status=ReportStatus.UNDER_REVIEW).exists():
        raise TalentUnavailable()
    if TalentExclusion.objects.filter(customer=customer, talent=talent).exists():
        raise TalentUnavailable()  # the talent's own choice; no reason is given to the customer


def _release_stale_holds(talent: Talent, at: datetime) -> int:
    """Expire this talent's unpaid bookings past their deadline, so a dead sweep never blocks a slot."""
    # Locked (skipping rows another transaction is changing right now, e.g. a cancel), so the
    # batch update never overwrites a status someone else just set.
    stale = list(
        Booking.objects.for_talent(talent).stale_holds(at=at).select_for_update(skip_locked=True)
        .values_list("pk", "status")
    )
    released = move_many(stale, Status.EXPIRED, at=at, reason=_("Payment deadline passed."))
    return released + expire_undecided_at_start(at=at, talent=talent)


def _free_unique_code(price: int) -> int:
    """A code whose amount (price + code) no open booking has: three digits while one is free, else four.

    Codes are shared only by bookings whose amounts could meet, so each price has its own 999.
    """
    for codes in (SHORT_CODES, range(SHORT_CODES.stop, MAX_UNIQUE_CODE + 1)):
        taken = set(
            Booking.objects.open()
            .filter(amount_due__gte=price + codes.start, amount_due__lt=price + codes.stop)
            .values_list("amount_due", flat=True)
        )
        free = [code for code in codes if price + code not in taken]
        if free:
            return random.choice(free)
    raise NoUniqueCodeFree()


def create_booking(
    *, customer: Customer, talent: Talent, package: Package, starts_at: datetime, at: datetime | None = None
) -> Booking:
    """Hold a slot for a customer until the payment deadline; asking again for the same hold returns it.

    The talent's row is locked first, so two attempts at one talent's night run one after the
    other; on PostgreSQL the exclusion constraint is the backstop. Either way a loser gets SlotTaken.
    """
    at = at or timezone.now()
    if not talent.is_active:
        raise TalentUnavailable()
    if not package.is_active or not package.talents.filter(pk=talent.pk).exists():
        raise PackageUnavailable()
    ends_at = starts_at + package.duration

    if starts_at > at + timedelta(days=settings.SLEEPCALL_BOOKING_HORIZON_DAYS):
        raise SlotUnavailable()

    with transaction.atomic():
        talent = Talent.objects.select_for_update().get(pk=talent.pk)
        # Then the customer (lock order: talent, customer, bookings): two attempts of one customer at
        # two talents must also run one after the other, or both would pass the unpaid-hold limit.
        Customer.objects.select_for_update().filter(pk=customer.pk).first()
        _check_customer_may_book(customer, talent)
        _release_stale_holds(talent, at)
        same = Booking.objects.for_customer(customer).holding(at=at).filter(
            talent=talent, package=package, starts_at=starts_at
        ).first()
        if same is not None:
            return same  # a double tap: the customer already holds exactly this
        limit = settings.SLEEPCALL_MAX_UNPAID_BOOKINGS
        # A proof waiting for staff counts too: otherwise one uploaded picture frees a place in the limit.
        unpaid = Booking.objects.for_customer(customer).holding(at=at).unverified()
        if unpaid.count() >= limit:
            raise TooManyUnpaidBookings(limit=limit)
        if not is_free(talent=talent, package=package, starts_at=starts_at, now=at):
            gap = timedelta(minutes=max(settings.SLEEPCALL_BUFFER_MINUTES, talent.rest_minutes))
            near = Booking.objects.for_talent(talent).holding(at=at).overlapping(starts_at - gap, ends_at + gap)
            raise SlotTaken() if near.exists() else SlotUnavailable()
        booking = _insert_booking(customer, talent, package, starts_at, ends_at, at)
        BookingEvent.objects.create(
            booking=booking, actor=customer.user, to_status=Status.AWAITING_PAYMENT, reason="", at=at
        )
        notices.booking_held(booking)
    return booking


def _insert_booking(customer, talent, package, starts_at, ends_at, at) -> Booking:
    for _attempt in range(5):
        code = _free_unique_code(package.price)
        booking = Booking(
            customer=customer,
            talent=talent,
            package=package,
            package_name=package.name,
            package_name_en=package.name_en,
            channels=package.channels,
            duration_minutes=package.duration_minutes,
            price=package.price,
            unique_code=code,
            amount_due=package.price + code,
            starts_at=starts_at,
            ends_at=ends_at,
            status=Status.AWAITING_PAYMENT,
            payment_deadline=payment_deadline(at=at, starts_at=starts_at),
        )
        try:
            with transaction.atomic():
                booking.save()
        except IntegrityError as error:
            if OVERLAP_CONSTRAINT in str(error):
                raise SlotTaken() from error
            if CODE_CONSTRAINT in str(error) or "amount_due" in str(error):
                continue  # another talent's booking took this amount a moment ago; pick again
            raise
        return booking
    raise NoUniqueCodeFree()


def expire_overdue_bookings(*, at: datetime | None = None) -> int:
    """The sweep: unpaid bookings past their deadline, and undecided ones whose session started, expire.

    Safe to run twice."""
    at = at or timezone.now()
    with transaction.atomic():
        rows = list(
            Booking.objects.stale_holds(at=at).select_for_update(skip_locked=True).values_list("pk", "status")
        )
        expired = move_many(rows, Status.EXPIRED, at=at, reason=_("Payment deadline passed."))
        return expired + expire_undecided_at_start(at=at)


def complete_finished_sessions(*, at: datetime | None = None) -> int:
    """The sweep: confirmed sessions whose end has passed become completed. Safe to run twice."""
    at = at or timezone.now()
    with transaction.atomic():
        rows = list(
            Booking.objects.filter(status=Status.CONFIRMED, ends_at__lte=at)
            .select_for_update(skip_locked=True)
            .values_list("pk", "status")
        )
        return move_many(rows, Status.COMPLETED, at=at, reason=_("Session time is over."))


def cancel_booking_by_customer(*, booking: Booking, customer: Customer, at: datetime | None = None) -> Booking:
    """A customer may cancel only before paying; after that, staff decide (and refund)."""
    at = at or timezone.now()
    with transaction.atomic():
        booking = lock_booking(booking.pk)
        if booking.customer_id != customer.pk:
            raise NotPermitted()
        if booking.status == Status.CANCELLED:
            return booking
        if booking.status != Status.AWAITING_PAYMENT:
            raise IllegalTransition(current=Status(booking.status).label, target=Status.CANCELLED.label)
        move(booking, Status.CANCELLED, actor=customer.user, at=at, reason=_("Cancelled by the customer."))
    return booking


def _money_received(booking: Booking) -> int:
    """What the customer has paid (verified) or says they paid (waiting), in rupiah."""
    payments = booking.payments.filter(status__in=[PaymentStatus.VERIFIED, PaymentStatus.SUBMITTED])
    return sum(p.amount_claimed for p in payments)


def cancel_booking_by_staff(
    *,
    booking: Booking,
    staff: AbstractBaseUser,
    reason: str,
    at: datetime | None = None,
    refund_limit: int | None = None,
) -> Booking:
    """Staff may cancel at any time before the end; money received and not yet refunded becomes a refund due.

    `refund_limit` caps the refund (the cancellation policy for a customer's late request).
    """
    at = at or timezone.now()
    if not reason.strip():
        raise ReasonRequired()
    check_shown_text(reason, field="reason")  # the customer's e-mail quotes it
    with transaction.atomic():
        booking = lock_booking(booking.pk)
        if booking.status == Status.CANCELLED:
            return booking
        require_move(booking, Status.CANCELLED)
        if booking.status == Status.CONFIRMED and at >= booking.ends_at:
            raise SessionOver()
        fields = []
        received = _money_received(booking) if booking.status != Status.AWAITING_PAYMENT else 0
        # An over-payment may have been refunded already; only the rest is still owed (the earlier
        # refund and its reference stay in the booking's history).
        refunded = booking.refund_amount if booking.refund_status == RefundStatus.REFUNDED else 0
        owed = received - refunded if refund_limit is None else min(received - refunded, refund_limit)
        if owed > 0:
            booking.refund_status = RefundStatus.DUE
            booking.refund_amount = owed
            booking.refund_reference = ""
            fields = ["refund_status", "refund_amount", "refund_reference"]
        move(booking, Status.CANCELLED, actor=staff, at=at, reason=reason, extra_fields=fields)
        if fields:
            tell_refund_due(booking)
        grant = ContactGrant.objects.filter(booking=booking).first()
        if grant is not None:
            revoke_grant(grant=grant, by=staff, reason=reason, at=at)
        notices.booking_cancelled(booking, reason=reason)
    return booking


def end_session_early(
    *, booking: Booking, by: AbstractBaseUser, reason: str, at: datetime | None = None
) -> Booking:
    """The talent (their own session) or staff end a session that is on; the grant stops at once.

    Only a session under way can end early: one that has not begun is cancelled instead (with its
    refund), so a talent cannot end tomorrow's session tonight and be paid for it.
    """
    at = at or timezone.now()
    if not reason.strip():
        raise ReasonRequired()
    check_shown_text(reason, field="reason")
    with transaction.atomic():
        booking = lock_booking(booking.pk)
        is_own_talent = booking.talent.user_id is not None and booking.talent.user_id == by.pk
        if not (is_own_talent or by.is_staff):
            raise NotPermitted()
        if booking.status == Status.ENDED_EARLY:
            return booking
        require_move(booking, Status.ENDED_EARLY)
        if at >= booking.ends_at:
            raise SessionOver()
        if at < booking.starts_at:
            raise SessionNotStarted()
        move(booking, Status.ENDED_EARLY, actor=by, at=at, reason=reason)
        revoke_grant(grant=booking.grant, by=by, reason=reason, at=at)
    return booking

