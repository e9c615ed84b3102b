"""The chart's past days are cached; each booking write or delete, and each new day, makes the next
landing page right. Run on the configured cache (Redis in CI) and on local memory (the default)."""

from datetime import timedelta

import time_machine
from django.utils import timezone

from bookings import dashboard
from bookings.models import Booking
from bookings.services import create_booking
from tests.admin.conftest import NOW
from tests.conftest import wib


def bar_counts() -> list[int]:
    return [bar.count for bar in dashboard.build().bars]


def made_days_ago(booking: Booking, days: int) -> None:
    Booking.objects.filter(pk=booking.pk).update(created_at=NOW - timedelta(days=days))  # sends no signal


def test_a_booking_made_today_counts_at_once(customer, talent, package, cache_backend):
    before = bar_counts()
    create_booking(customer=customer, talent=talent, package=package, starts_at=wib(2026, 12, 1, 22))
    assert bar_counts() == [*before[:-1], before[-1] + 1]


def test_a_booking_written_after_the_past_days_were_cached_shows_on_its_day(customer, talent, package,
                                                                              cache_backend):
    booking = create_booking(customer=customer, talent=talent, package=package, starts_at=wib(2026, 12, 1, 22))
    made_days_ago(booking, 3)
    assert bar_counts()[-4] == 1  # cached now
    other = create_booking(customer=customer, talent=talent, package=package, starts_at=wib(2026, 12, 2, 22))
    made_days_ago(other, 3)
    other.save(update_fields=["status"])  # any booking save replaces the version the past days are kept under
    assert bar_counts()[-4] == 2


def test_a_deleted_booking_leaves_its_day(customer, talent, package, cache_backend):
    booking = create_booking(customer=customer, talent=talent, package=package, starts_at=wib(2026, 12, 1, 22))
    made_days_ago(booking, 2)
    assert bar_counts()[-3] == 1  # cached now
    booking.delete()
    assert bar_counts()[-3] == 0


def test_the_next_day_moves_the_window(customer, talent, package, cache_backend):
    create_booking(customer=customer, talent=talent, package=package, starts_at=wib(2026, 12, 1, 22))
    assert bar_counts()[-1] == 1
    with time_machine.travel(NOW + timedelta(days=1), tick=False):
        counts = bar_counts()
    assert counts[-1] == 0 and counts[-2] == 1  # today's booking is yesterday's now, read from the database


def test_each_zone_counts_its_own_days(customer, talent, package, cache_backend):
    booking = create_booking(customer=customer, talent=talent, package=package, starts_at=wib(2026, 12, 1, 22))
    Booking.objects.filter(pk=booking.pk).update(created_at=wib(2026, 11, 29, 23, 30))  # 30 Nov 01:30 in WIT
    with timezone.override("Asia/Jakarta"):
        jakarta = bar_counts()
    with timezone.override("Asia/Jayapura"):
        jayapura = bar_counts()
    assert jakarta[-3] == 1 and jakarta[-2] == 0
    assert jayapura[-3] == 0 and jayapura[-2] == 1
