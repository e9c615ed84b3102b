"""What the desk's managers read: first reply, time to solve, satisfaction and abuse, per agent and week;
and the two counts on the admin landing (unassigned with nobody on shift, overdue first replies)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.contrib.auth import get_user_model
from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, Q
from django.db.models.functions import TruncWeek
from django.utils import timezone

from support.models import Conversation, Message, MessageKind
from support.services.shifts import shifts_on

WEEKS = 8


@dataclass
class Row:
    week: date
    agent_id: int | None
    agent: str = ""
    conversations: int = 0
    first_reply: timedelta | None = None
    to_solve: timedelta | None = None
    rating: float | None = None
    ratings: int = 0
    abuse: int = 0


def _week(value) -> date:
    return value.date() if isinstance(value, datetime) else value


def weekly(*, now: datetime | None = None) -> list[Row]:
    """Three grouped queries, whatever the number of conversations."""
    now = now or timezone.now()
    since = now - timedelta(weeks=WEEKS)
    tz = timezone.get_current_timezone()
    rows: dict[tuple, Row] = {}

    def row(week, agent_id) -> Row:
        key = (_week(week), agent_id)
        return rows.setdefault(key, Row(*key))

    duration = DurationField()
    for item in (
        Conversation.objects.filter(created_at__gte=since)
        .annotate(week=TruncWeek("created_at", tzinfo=tz)).values("week", "assigned_to")
        .annotate(n=Count("id"),
                  first=Avg(ExpressionWrapper(F("first_reply_at") - F("created_at"), output_field=duration)),
                  solve=Avg(ExpressionWrapper(F("solved_at") - F("created_at"), output_field=duration)))
    ):
        target = row(item["week"], item["assigned_to"])
        target.conversations, target.first_reply, target.to_solve = item["n"], item["first"], item["solve"]
    for item in (
        Conversation.objects.filter(rated_at__gte=since)
        .annotate(week=TruncWeek("rated_at", tzinfo=tz)).values("week", "assigned_to")
        .annotate(avg=Avg("rating"), n=Count("id"))
    ):
        target = row(item["week"], item["assigned_to"])
        target.rating, target.ratings = item["avg"], item["n"]
    for item in (
        Message.objects.filter(created_at__gte=since, kind=MessageKind.CUSTOMER, flagged=True)
        .annotate(week=TruncWeek("created_at", tzinfo=tz)).values("week", "recipient_agent")
        .annotate(n=Count("id"))
    ):
        row(item["week"], item["recipient_agent"]).abuse = item["n"]
    names = dict(get_user_model().objects.filter(pk__in={r.agent_id for r in rows.values()}).values_list(
        "pk", "username"))
    for item in rows.values():
        item.agent = names.get(item.agent_id, "—")
    return sorted(rows.values(), key=lambda r: (r.week, r.agent), reverse=True)


def agents_shown() -> int:
    return get_user_model().objects.filter(support_shifts__isnull=False).distinct().count()


@dataclass
class Landing:
    unsolved: int
    unassigned: int
    nobody_on_shift: bool
    overdue: int


def landing(*, now: datetime | None = None) -> Landing:
    now = now or timezone.now()
    shifts = shifts_on(now)
    on_shift = any(shift.agents.filter(is_active=True).exists() for shift in shifts)
    counts = Conversation.objects.unsolved().aggregate(
        unsolved=Count("id"), unassigned=Count("id", filter=Q(assigned_to__isnull=True)))
    return Landing(
        unsolved=counts["unsolved"], unassigned=counts["unassigned"], nobody_on_shift=not on_shift,
        overdue=Conversation.objects.overdue(at=now).count(),
    )

