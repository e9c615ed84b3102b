"""Editing a talent's weekly hours and time off without breaking a session already booked.

A booking that holds its slot (confirmed, payment being checked, or an unpaid hold not yet
expired) and has not ended must stay inside the new hours and outside any time off; otherwise the
edit is refused with a message naming those sessions. The talent row is locked, as booking
creation locks it, so a booking cannot slip in under the old hours while the edit is checked.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bookings.errors import BookingError
from bookings.models import Booking
from bookings.slots import weekly_windows
from sleepcall.zones import abbreviation, zone_info
from talents.freshness import catalogue_changed
from talents.models import AvailabilityRule, Talent, TimeOff


@dataclass(frozen=True)
class Window:
    weekday: int
    start: time
    end: time


class ScheduleConflict(BookingError):
    message = gettext_lazy(
        "This change would leave booked sessions outside your hours: %(sessions)s. "
        "Keep these hours, or ask the admin team to move or cancel those sessions first."
    )


class InvalidWindow(BookingError):
    message = gettext_lazy(
        "A window needs a start and an end that differ (an end before the start runs past midnight)."
    )


class InvalidTimeOff(BookingError):
    message = gettext_lazy("Time off must end after it starts, and not in the past.")


def describe_session(booking: Booking, zone: str) -> str:
    tz = zone_info(zone)
    start, end = timezone.localtime(booking.starts_at, tz), timezone.localtime(booking.ends_at, tz)
    return f"{formats.date_format(start, 'D j M')} {start:%H:%M}–{end:%H:%M} {abbreviation(zone)}"


def _sessions_to_keep(talent: Talent, at: datetime) -> list[Booking]:
    return list(Booking.objects.holding(at=at).for_talent(talent).filter(ends_at__gt=at).order_by("starts_at"))


def _conflict(bookings: list[Booking], zone: str) -> ScheduleConflict:
    return ScheduleConflict(sessions="; ".join(describe_session(b, zone) for b in bookings))


def outside_windows(talent: Talent, bookings: list[Booking], windows: list[Window]) -> list[Booking]:
    """The bookings that no window (after merging touching ones) fully contains."""
    if not bookings:
        return []
    tz = zone_info(talent.time_zone)
    first = min(timezone.localtime(b.starts_at, tz).date() for b in bookings) - timedelta(days=1)
    last = max(timezone.localtime(b.ends_at, tz).date() for b in bookings)
    merged = weekly_windows(talent, first, last, rules=list(windows))
    return [b for b in bookings if not any(s <= b.starts_at and b.ends_at <= e for s, e in merged)]


def set_weekly_hours(*, talent: Talent, windows: list[Window], at: datetime | None = None) -> None:
    """Replace all weekly windows at once, or refuse and change nothing."""
    at = at or timezone.now()
    for window in windows:
        if window.start == window.end and window.start != time(0):
            raise InvalidWindow()
    with transaction.atomic():
        talent = Talent.objects.select_for_update().get(pk=talent.pk)
        stranded = outside_windows(talent, _sessions_to_keep(talent, at), windows)
        if stranded:
            raise _conflict(stranded, talent.time_zone)
        AvailabilityRule.objects.filter(talent=talent).delete()
        AvailabilityRule.objects.bulk_create(
            AvailabilityRule(talent=talent, weekday=w.weekday, start=w.start, end=w.end)
            for w in sorted(set(windows), key=lambda w: (w.weekday, w.start))
        )
        catalogue_changed()  # bulk_create sends no signal


def add_time_off(
    *, talent: Talent, starts_at: datetime, ends_at: datetime, reason: str = "", at: datetime | None = None
) -> TimeOff:
    """Block a period; refused when a booked session falls inside it."""
    at = at or timezone.now()
    if ends_at <= starts_at or ends_at <= at:
        raise InvalidTimeOff()
    with transaction.atomic():
        talent = Talent.objects.select_for_update().get(pk=talent.pk)
        clashing = [b for b in _sessions_to_keep(talent, at) if b.starts_at < ends_at and b.ends_at > starts_at]
        if clashing:
            raise ScheduleConflict(
                _("You have booked sessions in this time off: %(sessions)s. Pick other times, or ask the admin "
                  "team to move or cancel those sessions first.")
                % {"sessions": "; ".join(describe_session(b, talent.time_zone) for b in clashing)}
            )
        return TimeOff.objects.create(talent=talent, starts_at=starts_at, ends_at=ends_at, reason=reason.strip())


def remove_time_off(*, time_off: TimeOff, talent: Talent) -> bool:
    """Working more never breaks a session, so removing time off is always allowed."""
    return bool(TimeOff.objects.filter(pk=time_off.pk, talent=talent).delete()[0])
