"""Closing a payout week and recording what was paid. Nothing else writes a payout."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bookings.errors import BookingError, ReasonRequired, ReferenceTooLong
from bookings.models import Booking
from bookings.slots import night_of
from sleepcall.zones import zone_info
from talents.workspace.earnings import earning_filter, talent_share

from .models import ItemKind, PayoutItem, PayoutLine, PayoutWeek

# Every close takes this lock on PostgreSQL, so two managers closing (even two different weeks)
# never take the same adjustment; the unique constraints are the backstop.
CLOSE_LOCK = 14_0005


class WeekNotOver(BookingError):
    message = _("This week is not over yet: its last night ends on Monday at noon.")


class NotAMonday(BookingError):
    message = _("A payout week starts on a Monday.")


def week_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def week_over_at(starts_on: date) -> datetime:
    """Monday noon WIB after the week: the last night is over for every Indonesian zone (WIB is the latest)."""
    return datetime.combine(starts_on + timedelta(days=7), time(12), zone_info("Asia/Jakarta"))


def _sessions_of_week(starts_on: date, at: datetime) -> list[Booking]:
    """Earning sessions whose night (in the talent's zone) lies in the week, not yet in any payout."""
    wide_start = datetime.combine(starts_on - timedelta(days=1), time(0), zone_info("Asia/Jakarta"))
    wide_end = week_over_at(starts_on) + timedelta(days=1)
    candidates = (
        Booking.objects.filter(earning_filter(at), starts_at__gte=wide_start, starts_at__lt=wide_end)
        .exclude(payout_items__kind=ItemKind.SESSION)
        .select_related("talent")
    )
    last = starts_on + timedelta(days=6)
    return [b for b in candidates if starts_on <= night_of(b.starts_at, b.talent.time_zone) <= last]


def _taken_back(at: datetime) -> list[Booking]:
    """Sessions paid in a closed week that no longer earn (refunded since), not yet taken back."""
    return list(
        Booking.objects.filter(payout_items__kind=ItemKind.SESSION)
        .exclude(earning_filter(at))
        .exclude(payout_items__kind=ItemKind.ADJUSTMENT)
        .select_related("talent")
        .distinct()
    )


def close_week(*, starts_on: date, staff: AbstractBaseUser, at: datetime | None = None) -> PayoutWeek:
    """Write the week's payout lines once; closing again returns the closed week unchanged."""
    at = at or timezone.now()
    if starts_on.weekday() != 0:
        raise NotAMonday()
    if at < week_over_at(starts_on):
        raise WeekNotOver()
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CLOSE_LOCK])
        week, _created = PayoutWeek.objects.get_or_create(starts_on=starts_on)
        week = PayoutWeek.objects.select_for_update().get(pk=week.pk)
        if week.closed_at is not None:
            return week
        items: dict[int, list[tuple[Booking, str, int]]] = defaultdict(list)
        for booking in _sessions_of_week(starts_on, at):
            items[booking.talent_id].append((booking, ItemKind.SESSION, talent_share(booking.price)))
        for booking in _taken_back(at):
            items[booking.talent_id].append((booking, ItemKind.ADJUSTMENT, -talent_share(booking.price)))
        for talent_id, rows in sorted(items.items()):
            earned = sum(amount for _b, kind, amount in rows if kind == ItemKind.SESSION)
            adjustments = sum(amount for _b, kind, amount in rows if kind == ItemKind.ADJUSTMENT)
            line = PayoutLine.objects.create(
                week=week, talent_id=talent_id, sessions=sum(1 for _b, kind, _a in rows if kind == ItemKind.SESSION),
                earned=earned, adjustments=adjustments, amount=earned + adjustments,
            )
            PayoutItem.objects.bulk_create(
                PayoutItem(line=line, booking=booking, kind=kind, amount=amount) for booking, kind, amount in rows
            )
        week.closed_at, week.closed_by = at, staff
        week.save(update_fields=["closed_at", "closed_by"])
    return week


def _clean_reference(reference: str) -> str:
    reference = reference.strip()
    if not reference:
        raise ReasonRequired(_("Please give the payout's transfer reference."))
    if len(reference) > PayoutLine._meta.get_field("reference").max_length:
        raise ReferenceTooLong()
    return reference


def mark_payouts_paid(
    *, line_ids: Iterable[int], staff: AbstractBaseUser, reference: str, at: datetime | None = None
) -> int:
    """Record the transfer of one or many lines; a line already paid keeps its first reference."""
    at = at or timezone.now()
    reference = _clean_reference(reference)
    return PayoutLine.objects.filter(pk__in=list(line_ids), paid_at__isnull=True).update(
        paid_at=at, paid_by=staff, reference=reference
    )
