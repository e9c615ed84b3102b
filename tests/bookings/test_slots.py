"""Free start times: inside the windows (overnight too), outside time off and held slots, on the grid."""

from __future__ import annotations

from datetime import date, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from bookings.slots import free_starts
from talents.models import AvailabilityRule, TimeOff
from tests.bookings.helpers import book, confirm
from tests.conftest import wib
from tests.factories import CustomerFactory, PackageFactory, TalentFactory

NOON = wib(2026, 11, 23, 12)  # a Monday
MONDAY = date(2026, 11, 23)
WIT = ZoneInfo("Asia/Jayapura")


@pytest.fixture(autouse=True)
def frozen_noon():
    with time_machine.travel(NOON, tick=False):
        yield


def local(starts, zone="Asia/Jakarta") -> list[str]:
    tz = ZoneInfo(zone)
    return [s.astimezone(tz).strftime("%a %H:%M") for s in starts]


def monday_only(talent, start: time, end: time) -> None:
    talent.availability_rules.all().delete()
    AvailabilityRule.objects.create(talent=talent, weekday=0, start=start, end=end)


def test_an_overnight_window_runs_past_midnight(talent, package):
    monday_only(talent, time(22), time(1))
    starts = free_starts(talent=talent, package=package, first=MONDAY, last=MONDAY + timedelta(days=1))
    assert len(starts) == 9  # 22:00, 22:15 … 00:00
    assert local(starts)[0] == "Mon 22:00"
    assert local(starts)[-1] == "Tue 00:00"  # 60 minutes must fit before 01:00


def test_every_start_is_on_the_grid_and_the_session_fits_the_window(talent, package):
    monday_only(talent, time(21), time(2))
    starts = free_starts(talent=talent, package=package, first=MONDAY, last=MONDAY + timedelta(days=1))
    assert all(s.minute % 15 == 0 and s.second == 0 for s in starts)
    assert len(starts) == 17  # 21:00 … 01:00 every 15 minutes


def test_the_grid_is_configurable(talent, package, settings):
    settings.SLEEPCALL_SLOT_GRID_MINUTES = 30
    monday_only(talent, time(21), time(23))
    starts = free_starts(talent=talent, package=package, first=MONDAY, last=MONDAY)
    assert local(starts) == ["Mon 21:00", "Mon 21:30", "Mon 22:00"]


def test_a_window_of_the_day_before_reaches_into_the_range(talent, package):
    """Sunday 23:00–03:00: asking for Monday alone still offers Monday 00:00–02:00."""
    talent.availability_rules.all().delete()
    AvailabilityRule.objects.create(talent=talent, weekday=6, start=time(23), end=time(3))
    with time_machine.travel(wib(2026, 11, 22, 12), tick=False):
        starts = free_starts(talent=talent, package=package, first=MONDAY, last=MONDAY)
    assert local(starts)[0] == "Mon 00:00"
    assert local(starts)[-1] == "Mon 02:00"


def test_adjoining_windows_merge_so_a_session_can_span_them(talent):
    talent.availability_rules.all().delete()
    AvailabilityRule.objects.create(talent=talent, weekday=0, start=time(22), end=time(0))
    AvailabilityRule.objects.create(talent=talent, weekday=1, start=time(0), end=time(1))
    long = PackageFactory(duration_minutes=120, offered_by=[talent])
    starts = free_starts(talent=talent, package=long, first=MONDAY, last=MONDAY + timedelta(days=1))
    assert local(starts) == ["Mon 22:00", "Mon 22:15", "Mon 22:30", "Mon 22:45", "Mon 23:00"]


def test_minimum_notice_hides_starts_that_are_too_soon(talent, package):
    monday_only(talent, time(21), time(23))
    with time_machine.travel(wib(2026, 11, 23, 21, 5), tick=False):
        starts = free_starts(talent=talent, package=package, first=MONDAY, last=MONDAY)
    assert local(starts)[0] == "Mon 21:45"  # 21:05 + 30 minutes, rounded up to the grid


def test_time_off_removes_overlapping_starts(talent, package):
    monday_only(talent, time(21), time(2))
    TimeOff.objects.create(talent=talent, starts_at=wib(2026, 11, 23, 23), ends_at=wib(2026, 11, 24, 0, 30))
    starts = local(free_starts(talent=talent, package=package, first=MONDAY, last=MONDAY + timedelta(days=1)))
    assert "Mon 22:00" in starts
    assert "Mon 22:15" not in starts  # would run into 23:00
    assert "Mon 23:30" not in starts
    assert "Tue 00:30" in starts


def test_a_held_slot_and_its_buffer_are_not_offered(talent, package, customer):
    monday_only(talent, time(21), time(2))
    book(customer, talent, package, wib(2026, 11, 23, 22))
    starts = local(free_starts(talent=talent, package=package, first=MONDAY, last=MONDAY + timedelta(days=1)))
    # 60-minute sessions with a 10-minute buffer: 20:45 would end at 21:45 (too close to 22:00)
    assert "Mon 21:00" not in starts
    assert "Mon 21:45" not in starts
    assert "Mon 23:00" not in starts  # ends 23:00, buffer until 23:10
    assert "Mon 23:15" in starts


def test_the_buffer_is_configurable(talent, package, customer, settings):
    settings.SLEEPCALL_BUFFER_MINUTES = 0
    monday_only(talent, time(21), time(2))
    book(customer, talent, package, wib(2026, 11, 23, 22))
    starts = local(free_starts(talent=talent, package=package, first=MONDAY, last=MONDAY + timedelta(days=1)))
    assert "Mon 21:00" in starts and "Mon 23:00" in starts


def test_a_talents_minimum_rest_widens_the_gap(talent, package, customer):
    talent.min_rest_minutes = 30
    talent.save()
    monday_only(talent, time(21), time(2))
    book(customer, talent, package, wib(2026, 11, 23, 22))
    starts = local(free_starts(talent=talent, package=package, first=MONDAY, last=MONDAY + timedelta(days=1)))
    assert "Mon 23:15" not in starts
    assert "Mon 23:30" in starts


def test_an_expired_hold_frees_its_slot(talent, package, customer):
    monday_only(talent, time(21), time(2))
    book(customer, talent, package, wib(2026, 11, 23, 22))
    with time_machine.travel(NOON + timedelta(minutes=61), tick=False):
        starts = local(free_starts(talent=talent, package=package, first=MONDAY, last=MONDAY))
    assert "Mon 22:00" in starts


def test_the_nightly_session_limit_closes_the_night(talent, package, staff):
    talent.max_sessions_per_night = 2
    talent.save()
    monday_only(talent, time(20), time(4))
    confirm(book(CustomerFactory(), talent, package, wib(2026, 11, 23, 21)), staff)
    confirm(book(CustomerFactory(), talent, package, wib(2026, 11, 24, 1)), staff)  # same night, after midnight
    assert free_starts(talent=talent, package=package, first=MONDAY, last=MONDAY + timedelta(days=1)) == []


def test_the_nightly_limit_comes_from_settings_by_default(talent, package, customer, settings):
    settings.SLEEPCALL_MAX_SESSIONS_PER_NIGHT = 1
    monday_only(talent, time(21), time(2))
    book(customer, talent, package, wib(2026, 11, 23, 21))
    assert free_starts(talent=talent, package=package, first=MONDAY, last=MONDAY + timedelta(days=1)) == []


def test_a_talents_own_limit_of_zero_means_no_sessions_not_the_default(talent, package, settings):
    settings.SLEEPCALL_MAX_SESSIONS_PER_NIGHT = 6
    talent.max_sessions_per_night = 0
    talent.save()
    monday_only(talent, time(21), time(2))
    assert free_starts(talent=talent, package=package, first=MONDAY, last=MONDAY) == []


def test_a_wit_customer_sees_the_same_instants_in_their_own_night(talent, package):
    """A WIB talent at 21:00–23:00 is 23:00–01:00 for a customer in Jayapura (WIT, +2 hours)."""
    monday_only(talent, time(21), time(23))
    wib_starts = free_starts(talent=talent, package=package, first=MONDAY, last=MONDAY)
    wit_monday = free_starts(talent=talent, package=package, first=MONDAY, last=MONDAY, zone="Asia/Jayapura")
    wit_tuesday = free_starts(
        talent=talent, package=package, first=MONDAY + timedelta(days=1), last=MONDAY + timedelta(days=1),
        zone="Asia/Jayapura",
    )
    assert local(wit_monday, "Asia/Jayapura") == ["Mon 23:00", "Mon 23:15", "Mon 23:30", "Mon 23:45"]
    assert local(wit_tuesday, "Asia/Jayapura") == ["Tue 00:00"]
    assert wit_monday + wit_tuesday == wib_starts


def test_a_wita_talents_windows_are_in_their_own_zone(package):
    talent = TalentFactory(time_zone="Asia/Makassar")
    package.talents.add(talent)
    monday_only(talent, time(22), time(23))
    starts = free_starts(talent=talent, package=package, first=MONDAY, last=MONDAY)
    assert local(starts) == ["Mon 21:00"]  # 22:00 WITA is 21:00 WIB


def test_fourteen_days_take_a_constant_number_of_queries(talent, package, django_assert_num_queries, staff):
    for day in range(14):
        for hour in (21, 23):
            customer = CustomerFactory()
            confirm(book(customer, talent, package, wib(2026, 11, 23, hour) + timedelta(days=day)), staff)
    talent.refresh_from_db()
    with django_assert_num_queries(3):
        starts = free_starts(talent=talent, package=package, first=MONDAY, last=MONDAY + timedelta(days=13))
    assert starts
