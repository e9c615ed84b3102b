"""Holding a slot: amount due with a unique code, a deadline, and the limits on who may book."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine

from bookings import services
from bookings.errors import (
    CustomerBanned,
    PackageUnavailable,
    SlotTaken,
    SlotUnavailable,
    TalentUnavailable,
    TooManyUnpaidBookings,
)
from bookings.models import Ban, Booking, BookingEvent, Report, Status
from tests.bookings.helpers import book
from tests.conftest import wib
from tests.factories import CustomerFactory, PackageFactory

NOON = wib(2026, 11, 23, 12)
TONIGHT = wib(2026, 11, 23, 22)


@pytest.fixture(autouse=True)
def frozen_noon():
    with time_machine.travel(NOON, tick=False):
        yield


def test_amount_due_is_the_price_plus_a_unique_code(customer, talent, package):
    booking = book(customer, talent, package, TONIGHT)
    assert 1 <= booking.unique_code <= 999
    assert booking.amount_due == package.price + booking.unique_code
    assert isinstance(booking.amount_due, int)


def test_the_package_is_copied_so_a_later_price_change_leaves_the_booking_alone(customer, talent, package):
    booking = book(customer, talent, package, TONIGHT)
    package.price = 250_000
    package.save()
    booking.refresh_from_db()
    assert booking.price == 100_000
    assert booking.ends_at - booking.starts_at == timedelta(minutes=60)
    assert booking.channels == "call+chat"


def test_open_bookings_never_share_a_unique_code(talent, other_talent, package):
    package.talents.add(other_talent)
    codes = set()
    for i in range(10):
        for who in (talent, other_talent):
            night = TONIGHT - timedelta(hours=1) + timedelta(days=i)
            codes.add(book(CustomerFactory(), who, package, night).unique_code)
    assert len(codes) == 20


def test_a_code_is_free_again_once_its_booking_is_no_longer_open(customer, talent, package, settings, monkeypatch):
    booking = book(customer, talent, package, TONIGHT)
    services.cancel_booking_by_customer(booking=booking, customer=customer)
    monkeypatch.setattr("bookings.services.booking.random.choice", lambda free: booking.unique_code)
    again = book(customer, talent, package, TONIGHT)
    assert again.unique_code == booking.unique_code


def test_the_payment_deadline_is_sixty_minutes_by_default(customer, talent, package):
    booking = book(customer, talent, package, TONIGHT)
    assert booking.payment_deadline == NOON + timedelta(minutes=60)


def test_the_payment_deadline_never_falls_after_the_session_starts(customer, talent, package, settings):
    settings.SLEEPCALL_PAYMENT_WINDOW_MINUTES = 24 * 60
    booking = book(customer, talent, package, TONIGHT)
    assert booking.payment_deadline == TONIGHT


def test_creation_is_recorded_in_the_history(customer, talent, package):
    booking = book(customer, talent, package, TONIGHT)
    event = BookingEvent.objects.get(booking=booking)
    assert (event.from_status, event.to_status, event.actor) == ("", Status.AWAITING_PAYMENT, customer.user)


def test_an_overlapping_slot_is_taken(customer, other_customer, talent, package):
    book(customer, talent, package, TONIGHT)
    with pytest.raises(SlotTaken):
        book(other_customer, talent, package, TONIGHT + timedelta(minutes=30))


def test_another_talent_at_the_same_time_is_free(customer, other_customer, talent, other_talent, package):
    package.talents.add(other_talent)
    book(customer, talent, package, TONIGHT)
    assert book(other_customer, other_talent, package, TONIGHT).status == Status.AWAITING_PAYMENT


def test_a_time_outside_the_talents_hours_is_unavailable(customer, talent, package):
    with pytest.raises(SlotUnavailable):
        book(customer, talent, package, wib(2026, 11, 23, 15))


def test_a_start_off_the_grid_is_unavailable(customer, talent, package):
    with pytest.raises(SlotUnavailable):
        book(customer, talent, package, TONIGHT + timedelta(minutes=7))


def test_stale_holds_of_the_talent_are_released_when_someone_books(customer, other_customer, talent, package):
    stale = book(customer, talent, package, TONIGHT)
    with time_machine.travel(NOON + timedelta(minutes=61), tick=False):
        fresh = book(other_customer, talent, package, TONIGHT)
    stale.refresh_from_db()
    assert stale.status == Status.EXPIRED
    assert fresh.status == Status.AWAITING_PAYMENT
    assert stale.events.last().to_status == Status.EXPIRED


def test_a_start_beyond_the_booking_horizon_is_unavailable(customer, talent, package, settings):
    """The pages offer the coming nights; a crafted request cannot hold a slot months ahead."""
    settings.SLEEPCALL_BOOKING_HORIZON_DAYS = 14
    assert book(customer, talent, package, TONIGHT + timedelta(days=13)).status == Status.AWAITING_PAYMENT
    with pytest.raises(SlotUnavailable):
        book(customer, talent, package, TONIGHT + timedelta(days=15))


def test_a_customer_may_hold_at_most_two_unpaid_bookings(customer, talent, package):
    book(customer, talent, package, TONIGHT)
    book(customer, talent, package, TONIGHT + timedelta(days=1))
    with pytest.raises(TooManyUnpaidBookings):
        book(customer, talent, package, TONIGHT + timedelta(days=2))
    assert Booking.objects.count() == 2


def test_the_unpaid_limit_is_configurable(customer, talent, package, settings):
    settings.SLEEPCALL_MAX_UNPAID_BOOKINGS = 1
    book(customer, talent, package, TONIGHT)
    with pytest.raises(TooManyUnpaidBookings):
        book(customer, talent, package, TONIGHT + timedelta(days=1))


def test_a_banned_number_cannot_book(customer, talent, package, staff):
    Ban.objects.create(whatsapp=customer.whatsapp, reason="abuse", created_by=staff)
    with pytest.raises(CustomerBanned):
        book(customer, talent, package, TONIGHT)


def test_a_customer_under_review_cannot_book_the_talent_who_reported_them(customer, talent, other_talent, package):
    old = book(customer, talent, package, TONIGHT)
    Report.objects.create(booking=old, talent=talent, customer=customer, category="insults", description="x")
    with pytest.raises(TalentUnavailable):
        book(customer, talent, package, TONIGHT + timedelta(days=1))
    package.talents.add(other_talent)
    assert book(customer, other_talent, package, TONIGHT + timedelta(days=1))


def test_a_package_the_talent_does_not_offer_is_refused(customer, talent):
    with pytest.raises(PackageUnavailable):
        book(customer, talent, PackageFactory(), TONIGHT)


def test_an_inactive_talent_cannot_be_booked(customer, talent, package):
    talent.is_active = False
    talent.save()
    with pytest.raises(TalentUnavailable):
        book(customer, talent, package, TONIGHT)
