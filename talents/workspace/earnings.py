"""What a talent earns: their share of each session's price, totalled by week and month in SQL.

A session earns when it took place: completed, ended early (the customer paid and is not refunded;
talents mostly end early because of abuse, and must not lose money for stopping it), or confirmed
with its end passed (the completion sweep may not have run yet). Refunded or cancelled ones earn
nothing; giving back an over-payment is not a refund of the session. The share is of the price
only, never the unique code, rounded down per session.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Count, DateTimeField, ExpressionWrapper, F, IntegerField, Q, QuerySet, Sum, Value
from django.db.models.functions import TruncMonth, TruncWeek

from bookings.models import Booking, Status
from bookings.models.booking import RefundStatus
from sleepcall.zones import zone_info
from talents.models import Talent

# Weeks and months are counted by night, so a session at 00:30 on a Monday belongs to Sunday's night.
NIGHT_SHIFT = timedelta(hours=12)


def talent_share(price: int) -> int:
    return price * settings.SLEEPCALL_TALENT_SHARE_PERCENT // 100


def share_expression() -> ExpressionWrapper:
    # Both operands are integers, so SQLite and PostgreSQL both divide as integers (round down).
    return ExpressionWrapper(
        F("price") * Value(settings.SLEEPCALL_TALENT_SHARE_PERCENT) / Value(100), output_field=IntegerField()
    )


def earning_filter(at: datetime) -> Q:
    took_place = Q(status__in=[Status.COMPLETED, Status.ENDED_EARLY]) | Q(status=Status.CONFIRMED, ends_at__lte=at)
    return took_place & _not_refunded_in_full()


def _not_refunded_in_full() -> Q:
    """Giving back an over-payment (the extra the customer sent) leaves the session's price paid."""
    return Q(refund_status=RefundStatus.NONE) | Q(refund_amount__lt=F("amount_due"))


def past_sessions(talent: Talent, at: datetime) -> QuerySet[Booking]:
    """Sessions that were on and are over, newest first, with the talent's share (0 if not earned)."""
    over = Q(ends_at__lte=at) | Q(status=Status.ENDED_EARLY)
    return (
        Booking.objects.for_talent(talent)
        .filter(over, status__in=[Status.CONFIRMED, Status.COMPLETED, Status.ENDED_EARLY, Status.CANCELLED])
        .filter(grant__isnull=False)
        .annotate(customer_name=F("customer__display_name"), share=share_expression())
        .order_by("-starts_at")
    )


def _night_start() -> ExpressionWrapper:
    return ExpressionWrapper(F("starts_at") - Value(NIGHT_SHIFT), output_field=DateTimeField())


def totals(talent: Talent, at: datetime, *, by: str, limit: int) -> list[dict]:
    """[{period, sessions, earned}], newest period first; one query."""
    trunc = {"week": TruncWeek, "month": TruncMonth}[by]
    return list(
        Booking.objects.for_talent(talent)
        .filter(earning_filter(at))
        .annotate(period=trunc(_night_start(), tzinfo=zone_info(talent.time_zone)))
        .values("period")
        .annotate(sessions=Count("id"), earned=Sum(share_expression()))
        .order_by("-period")[:limit]
    )


def earned(booking: Booking, at: datetime) -> bool:
    took_place = booking.status in (Status.COMPLETED, Status.ENDED_EARLY) or (
        booking.status == Status.CONFIRMED and booking.ends_at <= at
    )
    return took_place and (booking.refund_status == RefundStatus.NONE or booking.refund_amount < booking.amount_due)
