"""Which start times a customer may book, for one talent and one package.

Three queries whatever the amount of data (weekly rules, time off, slot-holding bookings); the rest
is arithmetic on aware datetimes. Windows are in the talent's zone and may cross midnight; the
date range is read in the viewer's zone, so a WIT customer's "tonight" is their own night.
"""

from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from django.conf import settings
from django.utils import timezone

from sleepcall.zones import zone_info
from talents.models import Talent

from .models import Booking, Package

Interval = tuple[datetime, datetime]
EPOCH = datetime(2000, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class SlotRules:
    grid: timedelta
    buffer: timedelta
    notice: timedelta

    @classmethod
    def from_settings(cls) -> SlotRules:
        return cls(
            grid=timedelta(minutes=settings.SLEEPCALL_SLOT_GRID_MINUTES),
            buffer=timedelta(minutes=settings.SLEEPCALL_BUFFER_MINUTES),
            notice=timedelta(minutes=settings.SLEEPCALL_MIN_NOTICE_MINUTES),
        )


def night_of(moment: datetime, zone: str) -> date:
    """The night a moment belongs to, in the talent's zone: a night runs from noon to noon."""
    return (timezone.localtime(moment, zone_info(zone)) - timedelta(hours=12)).date()


def weekly_windows(talent: Talent, first: date, last: date, rules: list | None = None) -> list[Interval]:
    """The talent's windows that start on days first..last (talent zone), merged where they touch."""
    tz = zone_info(talent.time_zone)
    rules = list(talent.availability_rules.all()) if rules is None else rules
    windows: list[Interval] = []
    day = first
    while day <= last:
        for rule in rules:
            if rule.weekday != day.weekday():
                continue
            start = datetime.combine(day, rule.start, tz)
            end_day = day + timedelta(days=1) if rule.end <= rule.start else day
            windows.append((start, datetime.combine(end_day, rule.end, tz)))
        day += timedelta(days=1)
    return _merge(windows)


def _merge(intervals: list[Interval]) -> list[Interval]:
    merged: list[Interval] = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _ceil_to_grid(moment: datetime, grid: timedelta) -> datetime:
    steps = -((EPOCH - moment) // grid)  # ceiling division on timedeltas
    return EPOCH + steps * grid


class _Busy:
    """Sorted busy intervals with a fast 'does [s, e) touch any of them' test."""

    def __init__(self, intervals: list[Interval]) -> None:
        self.intervals = _merge(intervals)
        self.starts = [s for s, _ in self.intervals]

    def clashes(self, start: datetime, end: datetime) -> bool:
        i = bisect.bisect_left(self.starts, end)  # intervals starting before `end`
        return i > 0 and self.intervals[i - 1][1] > start


def free_starts(
    *,
    talent: Talent,
    package: Package,
    first: date,
    last: date,
    zone: str | None = None,
    now: datetime | None = None,
    exclude_booking: Booking | None = None,
    held_at: datetime | None = None,
) -> list[datetime]:
    """Bookable start times (aware, UTC) whose local date in `zone` lies in first..last.

    `held_at` (default `now`) is when unpaid holds are judged: a page kept for the rest of a minute
    asks for starts as if it were the next minute, with the holds of the moment it was built.
    """
    now = now or timezone.now()
    rules = SlotRules.from_settings()
    view_tz = zone_info(zone or talent.time_zone)
    duration = package.duration
    gap = max(rules.buffer, timedelta(minutes=talent.rest_minutes))

    # Windows can begin the evening before `first` and end the morning after `last`: pad a day.
    range_start = datetime.combine(first, datetime.min.time(), view_tz)
    range_end = datetime.combine(last + timedelta(days=1), datetime.min.time(), view_tz)
    windows = weekly_windows(talent, first - timedelta(days=2), last + timedelta(days=1))

    span_start, span_end = range_start - timedelta(days=2), range_end + timedelta(days=2)
    time_off = _Busy([(t.starts_at, t.ends_at) for t in talent.time_off.overlapping(span_start, span_end)])
    holding = Booking.objects.holding(at=held_at or now).for_talent(talent).overlapping(span_start, span_end)
    if exclude_booking is not None:
        holding = holding.exclude(pk=exclude_booking.pk)
    booked = list(holding.values_list("starts_at", "ends_at"))
    busy = _Busy([(s - gap, e + gap) for s, e in booked])
    per_night = Counter(night_of(s, talent.time_zone) for s, _ in booked)
    limit = talent.sessions_per_night_limit

    earliest = now + rules.notice
    starts: list[datetime] = []
    for window_start, window_end in windows:
        candidate = _ceil_to_grid(max(window_start, earliest, range_start), rules.grid)
        while candidate + duration <= window_end and candidate < range_end:
            end = candidate + duration
            if (
                not time_off.clashes(candidate, end)
                and not busy.clashes(candidate, end)
                and per_night[night_of(candidate, talent.time_zone)] < limit
            ):
                starts.append(candidate.astimezone(UTC))
            candidate += rules.grid
    return sorted(set(starts))


def is_free(*, talent: Talent, package: Package, starts_at: datetime, now: datetime | None = None) -> bool:
    """Whether one start time is bookable now (same rules as the list customers pick from)."""
    day = timezone.localtime(starts_at, zone_info(talent.time_zone)).date()
    return starts_at in free_starts(talent=talent, package=package, first=day, last=day, now=now)


def next_free_start(*, talent: Talent, package: Package, now: datetime | None = None, days: int = 14):
    now = now or timezone.now()
    today = timezone.localtime(now, zone_info(talent.time_zone)).date()
    starts = free_starts(talent=talent, package=package, first=today, last=today + timedelta(days=days - 1), now=now)
    return starts[0] if starts else None


def next_free_starts(
    *,
    talents: list[Talent],
    packages: dict[int, Package],
    now: datetime | None = None,
    days: int = 7,
    held_at: datetime | None = None,
) -> dict[int, datetime | None]:
    """The earliest bookable start per talent (by id) for the given package of each, in three queries.

    For lists: weekly rules, time off and slot-holding bookings of every listed talent are read at
    once and the slots computed here, with the same rules as `free_starts`. `held_at` (default `now`)
    is when a booking must still hold its slot to count as busy: a cached answer passes a moment a
    little before `now`, so an unpaid booking expiring meanwhile still counts as busy.
    """
    from talents.models import AvailabilityRule, TimeOff

    now = now or timezone.now()
    wanted = [t for t in talents if t.pk in packages]
    if not wanted:
        return {t.pk: None for t in talents}
    ids = [t.pk for t in wanted]
    span_start, span_end = now - timedelta(days=2), now + timedelta(days=days + 2)
    rules_by: dict[int, list] = {pk: [] for pk in ids}
    for rule in AvailabilityRule.objects.filter(talent_id__in=ids):
        rules_by[rule.talent_id].append(rule)
    off_by: dict[int, list[Interval]] = {pk: [] for pk in ids}
    for off in TimeOff.objects.filter(talent_id__in=ids).overlapping(span_start, span_end):
        off_by[off.talent_id].append((off.starts_at, off.ends_at))
    booked_by: dict[int, list[Interval]] = {pk: [] for pk in ids}
    holding = Booking.objects.holding(at=held_at or now).filter(talent_id__in=ids).overlapping(span_start, span_end)
    for talent_id, start, end in holding.values_list("talent_id", "starts_at", "ends_at"):
        booked_by[talent_id].append((start, end))

    result: dict[int, datetime | None] = {t.pk: None for t in talents}
    for talent in wanted:
        result[talent.pk] = _first_free(
            talent, packages[talent.pk], rules_by[talent.pk], off_by[talent.pk], booked_by[talent.pk], now, days
        )
    return result


def _first_free(
    talent: Talent, package: Package, rules: list, time_off: list[Interval], booked: list[Interval],
    now: datetime, days: int,
) -> datetime | None:
    slot_rules = SlotRules.from_settings()
    gap = max(slot_rules.buffer, timedelta(minutes=talent.rest_minutes))
    today = timezone.localtime(now, zone_info(talent.time_zone)).date()
    windows = weekly_windows(talent, today - timedelta(days=1), today + timedelta(days=days), rules)
    off = _Busy(time_off)
    busy = _Busy([(s - gap, e + gap) for s, e in booked])
    per_night = Counter(night_of(s, talent.time_zone) for s, _ in booked)
    limit = talent.sessions_per_night_limit
    earliest = now + slot_rules.notice
    horizon = now + timedelta(days=days)
    for window_start, window_end in windows:
        candidate = _ceil_to_grid(max(window_start, earliest), slot_rules.grid)
        while candidate + package.duration <= window_end and candidate < horizon:
            end = candidate + package.duration
            if (
                not off.clashes(candidate, end)
                and not busy.clashes(candidate, end)
                and per_night[night_of(candidate, talent.time_zone)] < limit
            ):
                return candidate.astimezone(UTC)
            candidate += slot_rules.grid
    return None
