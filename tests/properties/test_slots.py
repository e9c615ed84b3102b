"""The slot function never offers a start it must not: for random weekly schedules (many crossing midnight),
time off, held bookings, rests and nightly limits, in all three zones, whoever looks and from where."""

from __future__ import annotations

import sys
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings as django_settings
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from bookings.errors import BookingError
from bookings.models import Booking
from bookings.models.booking import HOLDING
from bookings.services import create_booking
from bookings.slots import free_starts
from talents.models import AvailabilityRule, TimeOff
from tests.factories import CustomerFactory, PackageFactory, TalentFactory

ZONES = ["Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"]  # WIB, WITA, WIT
NOW = datetime(2026, 12, 1, 5, 0, tzinfo=ZoneInfo("UTC"))  # noon WIB
FIRST = date(2026, 12, 1)
EXAMPLES = 200
offered = {"examples": 0, "starts": 0}

windows = st.lists(  # weekday, start (quarter hours), length (quarter hours): many wrap past midnight
    st.tuples(st.integers(0, 6), st.integers(0, 95), st.integers(2, 40)), min_size=1, max_size=6)
time_off = st.lists(st.tuples(st.integers(0, 3 * 96), st.integers(1, 48)), max_size=3)  # start, length (quarters)


def quarters(n: int) -> timedelta:
    return timedelta(minutes=15 * n)


class SlotsTest(TestCase):
    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        sys.__stdout__.write(f"\nslots: {offered['examples']} examples, {offered['starts']} offered starts checked\n")

    def _covered(self, rules, tz, start: datetime, end: datetime) -> bool:
        """Every minute of the session lies in a weekly window (windows may join across midnight)."""
        instances = []
        local = start.astimezone(tz).date()
        for offset in range(-2, 2):
            day = local + timedelta(days=offset)
            for rule in rules:
                if rule.weekday == day.weekday():
                    begin = datetime.combine(day, rule.start, tz)
                    end_day = day + timedelta(days=1) if rule.end <= rule.start else day
                    instances.append((begin, datetime.combine(end_day, rule.end, tz)))
        moment = start
        while moment < end:
            if not any(b <= moment < e for b, e in instances):
                return False
            moment += timedelta(minutes=5)
        return True

    @settings(max_examples=EXAMPLES)
    @given(
        zone=st.sampled_from(ZONES), viewer=st.sampled_from(ZONES), rules=windows, offs=time_off,
        duration=st.sampled_from([30, 60, 90, 120]), limit=st.integers(1, 3), rest=st.sampled_from([0, 15, 30, 60]),
        booked=st.lists(st.integers(0, 200), max_size=3),
    )
    def test_no_start_breaks_a_rule(self, zone, viewer, rules, offs, duration, limit, rest, booked):
        offered["examples"] += 1
        tz = ZoneInfo(zone)
        talent = TalentFactory(time_zone=zone, max_sessions_per_night=limit, min_rest_minutes=rest)
        made = []
        for weekday, start, length in rules:
            begin = datetime.combine(FIRST, time(0), tz) + quarters(start)
            made.append(AvailabilityRule(talent=talent, weekday=weekday, start=begin.time(),
                                         end=(begin + quarters(length)).time()))
        AvailabilityRule.objects.bulk_create(made)
        for start, length in offs:
            begin = datetime.combine(FIRST, time(0), tz) + quarters(start)
            TimeOff.objects.create(talent=talent, starts_at=begin, ends_at=begin + quarters(length))
        package = PackageFactory(offered_by=[talent], duration_minutes=duration)
        last = FIRST + timedelta(days=3)
        for pick in booked:  # hold some of the offered starts, as customers would
            starts = free_starts(talent=talent, package=package, first=FIRST, last=last, now=NOW)
            if starts:
                try:
                    create_booking(customer=CustomerFactory(), talent=talent, package=package,
                                   starts_at=starts[pick % len(starts)], at=NOW)
                except BookingError:
                    pass

        starts = free_starts(talent=talent, package=package, first=FIRST, last=last, zone=viewer, now=NOW)
        offered["starts"] += len(starts)
        talent_rules = list(talent.availability_rules.all())
        gap = max(timedelta(minutes=django_settings.SLEEPCALL_BUFFER_MINUTES), timedelta(minutes=rest))
        holding = list(Booking.objects.filter(talent=talent, status__in=HOLDING))
        offs_made = list(talent.time_off.all())
        length = timedelta(minutes=duration)

        def night(moment: datetime) -> date:
            return (moment.astimezone(tz) - timedelta(hours=12)).date()

        for start in starts:
            end = start + length
            assert start >= NOW + timedelta(minutes=django_settings.SLEEPCALL_MIN_NOTICE_MINUTES), start
            assert self._covered(talent_rules, tz, start, end), f"{start} outside the weekly hours"
            assert not any(t.starts_at < end and t.ends_at > start for t in offs_made), f"{start} inside time off"
            assert not any(b.starts_at - gap < end and b.ends_at + gap > start for b in holding), (
                f"{start} inside a booking or its buffer")
            assert sum(night(b.starts_at) == night(start) for b in holding) < limit, f"{start} past the nightly limit"
            local_day = start.astimezone(ZoneInfo(viewer)).date()
            assert FIRST <= local_day <= last, f"{start} outside the days asked for, in the viewer's zone"
