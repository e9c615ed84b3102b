"""The figures at the top of the admin: what waits, tonight's sessions, money verified, bookings a day.

What waits includes talents' reports to decide and leaked-number changes to approve: a talent
waiting on either is a talent at risk, so they belong beside the payments.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.core.cache import cache
from django.db.models import Count, F, Min, Q, Sum
from django.db.models.functions import Least, TruncDate
from django.utils import timezone

from bookings.models import Booking, ContactGrant, Payment, Report, Status
from bookings.models.payment import PaymentStatus, waiting_filter
from bookings.models.report import ReportStatus
from talents.freshness import catalogue_version
from talents.models import NumberChangeRequest

CHART_DAYS = 14
PAST_DAYS_KEPT_SECONDS = 24 * 3600  # the key names the days: tomorrow asks for other ones
OVERDUE_BLOCK_ROWS = 20
SESSION_STATES = (Status.CONFIRMED, Status.COMPLETED, Status.ENDED_EARLY)


@dataclass
class Bar:
    day: date
    count: int
    x: int = 0
    y: int = 0
    height: int = 0


@dataclass
class Dashboard:
    waiting: int
    oldest_waiting: datetime | None
    sessions_tonight: int
    revenue_today: int
    revenue_week: int
    reports_to_decide: int = 0
    number_changes_to_decide: int = 0
    bars: list[Bar] = field(default_factory=list)
    chart_max: int = 0
    blocks_overdue: list[ContactGrant] = field(default_factory=list)


def blocks_overdue(now: datetime) -> list[ContactGrant]:
    """Talents who have not blocked yet, 30 minutes after the end: oldest first, one query."""
    return list(
        ContactGrant.objects.block_overdue(at=now).select_related("talent", "customer").order_by("ends_at")
        [:OVERDUE_BLOCK_ROWS]
    )


def night_bounds(now: datetime) -> tuple[datetime, datetime]:
    """'Tonight' runs from noon to noon in the local zone, so 01:00 still belongs to last night."""
    local = timezone.localtime(now)
    noon = local.replace(hour=12, minute=0, second=0, microsecond=0)
    if local.hour < 12:
        noon -= timedelta(days=1)
    return noon, noon + timedelta(days=1)


def _start_of_day(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, datetime.min.time()))


def build(*, now: datetime | None = None) -> Dashboard:
    now = now or timezone.now()
    today = timezone.localdate(now)
    day_start = _start_of_day(today)
    week_start = _start_of_day(today - timedelta(days=today.weekday()))
    waiting = waiting_filter()
    verified = Q(status=PaymentStatus.VERIFIED, decided_at__gte=week_start)
    kept = Least(F("amount_claimed"), F("booking__amount_due"))  # an over-payment is refunded, not revenue
    payments = Payment.objects.filter(waiting | verified).aggregate(
        waiting=Count("id", filter=waiting), oldest=Min("submitted_at", filter=waiting),
        week=Sum(kept, filter=verified), today=Sum(kept, filter=verified & Q(decided_at__gte=day_start)),
    )
    night_start, night_end = night_bounds(now)
    tonight = Q(status__in=SESSION_STATES, starts_at__gte=night_start, starts_at__lt=night_end)
    made_today = Q(created_at__gte=day_start)
    # Two counts, each a range of its own index (booking_starts_at, booking_created_at).
    bookings = {"tonight": Booking.objects.filter(tonight).count(), "today": Booking.objects.filter(made_today).count()}
    return Dashboard(
        waiting=payments["waiting"],
        oldest_waiting=payments["oldest"],
        sessions_tonight=bookings["tonight"],
        revenue_today=payments["today"] or 0,
        revenue_week=payments["week"] or 0,
        reports_to_decide=Report.objects.filter(status=ReportStatus.UNDER_REVIEW).count(),
        number_changes_to_decide=NumberChangeRequest.objects.filter(
            status=NumberChangeRequest.Status.PENDING
        ).count(),
        blocks_overdue=blocks_overdue(now),
        **_chart(today, made_today=bookings["today"]),
    )


def past_days(first: date, today: date) -> dict[date, int]:
    """Bookings made per local day from `first` to yesterday. Those days are over, so the counts change
    only when a booking is written or deleted: kept under the catalogue's version, which every booking
    save and delete (and every bulk booking write) replaces, and under the days and the zone."""
    zone = timezone.get_current_timezone()
    key = f"dashboard:past-days:{catalogue_version()}:{first}:{today}:{timezone.get_current_timezone_name()}"
    counts = cache.get(key)
    if counts is None:
        counts = dict(
            Booking.objects.filter(created_at__gte=_start_of_day(first), created_at__lt=_start_of_day(today))
            .annotate(day=TruncDate("created_at", tzinfo=zone))
            .values_list("day")
            .annotate(n=Count("id"))
            .values_list("day", "n")
        )
        cache.set(key, counts, PAST_DAYS_KEPT_SECONDS)
    return counts


def _chart(today: date, *, made_today: int, width: int = 560, height: int = 120) -> dict:
    """Bookings made per day over the last two weeks, laid out for a server-rendered SVG."""
    first = today - timedelta(days=CHART_DAYS - 1)
    counts = {**past_days(first, today), today: made_today}
    top = max(counts.values(), default=0)
    slot = width // CHART_DAYS
    bars = []
    for index in range(CHART_DAYS):
        day = first + timedelta(days=index)
        count = counts.get(day, 0)
        bar_height = round((height - 20) * count / top) if top else 0
        bars.append(Bar(day, count, x=index * slot + 4, y=height - 16 - bar_height, height=bar_height))
    return {"bars": bars, "chart_max": top}
