"""No hoarding: proofs waiting for staff count in the limit, and never hold a slot past the start."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.utils import translation

from bookings import services
from bookings.errors import TooManyUnpaidBookings
from bookings.models import Booking, ContactGrant, Payment, Status
from bookings.models.booking import RefundStatus
from bookings.slots import is_free
from notifications.models import Notification
from tests.bookings.helpers import book, pay
from tests.conftest import wib
from tests.factories import CustomerFactory, PackageFactory, TalentFactory, every_night

NOON = wib(2026, 11, 23, 12)
TONIGHT = wib(2026, 11, 23, 21)


@pytest.fixture(autouse=True)
def _english():
    """The history reasons are asserted in the English msgids."""
    with translation.override("en"):
        yield


@pytest.fixture
def frozen():
    with time_machine.travel(NOON, tick=False) as clock:
        yield clock


def _talents(n: int, package) -> list:
    talents = []
    for _ in range(n):
        talent = TalentFactory()
        every_night(talent)
        package.talents.add(talent)
        talents.append(talent)
    return talents


def test_a_submitted_proof_still_counts_in_the_unverified_limit(customer, package, frozen, settings):
    settings.SLEEPCALL_MAX_UNPAID_BOOKINGS = 2
    first, second, third = _talents(3, package)
    pay(book(customer, first, package, TONIGHT))
    pay(book(customer, second, package, TONIGHT))
    with pytest.raises(TooManyUnpaidBookings):
        book(customer, third, package, TONIGHT)


def test_a_verified_booking_frees_its_place_in_the_limit(customer, package, staff, frozen, settings):
    settings.SLEEPCALL_MAX_UNPAID_BOOKINGS = 1
    first, second = _talents(2, package)
    services.verify_payment(payment=pay(book(customer, first, package, TONIGHT)), staff=staff)
    book(customer, second, package, TONIGHT)


def test_an_undecided_proof_keeps_the_slot_until_the_start_and_not_a_second_longer(customer, talent, package, frozen):
    booking = book(customer, talent, package, TONIGHT)
    pay(booking)
    frozen.move_to(TONIGHT - timedelta(seconds=1))
    booking.refresh_from_db()
    assert booking.is_holding_slot() and Booking.objects.holding().filter(pk=booking.pk).exists()
    frozen.move_to(TONIGHT)
    assert not booking.is_holding_slot() and not Booking.objects.holding().filter(pk=booking.pk).exists()


def test_at_the_start_the_undecided_booking_expires_with_the_claimed_amount_due_back(customer, talent, package,
                                                                                     frozen):
    booking = book(customer, talent, package, TONIGHT)
    pay(booking, amount=booking.amount_due + 500)
    frozen.move_to(TONIGHT)
    assert services.expire_overdue_bookings() == 1
    booking.refresh_from_db()
    assert (booking.status, booking.refund_status, booking.refund_amount) == (
        Status.EXPIRED, RefundStatus.DUE, booking.amount_due + 500)
    event = booking.events.last()
    assert (event.from_status, event.to_status, event.actor) == (Status.PAYMENT_SUBMITTED, Status.EXPIRED, None)
    assert "session started before the payment was checked" in event.reason
    assert services.expire_overdue_bookings() == 0  # twice changes nothing


def test_a_booking_of_the_released_slot_goes_through_without_the_sweep(customer, other_customer, package, frozen,
                                                                        settings):
    """A two-hour session whose proof nobody decided: from its start, its second hour is free to book."""
    settings.SLEEPCALL_MIN_NOTICE_MINUTES = 30
    talent = TalentFactory()
    every_night(talent)
    long = PackageFactory(offered_by=[talent], duration_minutes=120)
    package.talents.add(talent)
    held = book(customer, talent, long, TONIGHT)
    pay(held)
    frozen.move_to(TONIGHT)
    later = TONIGHT + timedelta(minutes=45)
    assert is_free(talent=talent, package=package, starts_at=later, now=TONIGHT)
    rival = book(other_customer, talent, package, later)
    held.refresh_from_db()
    assert (held.status, rival.status) == (Status.EXPIRED, Status.AWAITING_PAYMENT)


def test_verifying_after_the_start_settles_the_money_but_never_opens_the_session(customer, talent, package, staff,
                                                                                 frozen):
    booking = book(customer, talent, package, TONIGHT)
    payment = pay(booking)
    frozen.move_to(TONIGHT + timedelta(minutes=5))
    services.verify_payment(payment=payment, staff=staff)  # no sweep ran: the decision expires it itself
    booking.refresh_from_db()
    payment.refresh_from_db()
    assert payment.status == "verified" and payment.decided_by == staff
    assert (booking.status, booking.refund_status, booking.refund_amount) == (
        Status.EXPIRED, RefundStatus.DUE, booking.amount_due)
    assert not ContactGrant.objects.filter(booking=booking).exists()
    assert "Transfer confirmed after the session had started" in booking.events.last().reason
    assert not Payment.objects.waiting().exists()
    assert Notification.objects.filter(event="refund_due", recipient=customer.user, channel="email").count() == 1
    assert not Notification.objects.filter(event="payment_verified").exists()  # nothing says "confirmed"


def test_rejecting_after_the_start_means_nothing_is_due_back(customer, talent, package, staff, frozen):
    booking = book(customer, talent, package, TONIGHT)
    payment = pay(booking)
    frozen.move_to(TONIGHT)
    services.expire_overdue_bookings()
    assert list(Payment.objects.waiting()) == [payment]  # still for staff to decide, flagged
    services.reject_payment(payment=payment, staff=staff, reason="not_received")
    booking.refresh_from_db()
    payment.refresh_from_db()
    assert (payment.status, payment.rejection_reason) == ("rejected", "not_received")
    assert (booking.status, booking.refund_status, booking.refund_amount) == (Status.EXPIRED, RefundStatus.NONE, 0)
    assert "Transfer not received" in booking.events.last().reason
    assert not Payment.objects.waiting().exists()
    assert not Notification.objects.filter(event="refund_due").exists()


def test_verifying_a_second_before_the_start_confirms_as_always(customer, talent, package, staff, frozen):
    booking = book(customer, talent, package, TONIGHT)
    payment = pay(booking)
    frozen.move_to(TONIGHT - timedelta(seconds=1))
    services.verify_payment(payment=payment, staff=staff)
    booking.refresh_from_db()
    assert booking.status == Status.CONFIRMED and booking.refund_status == RefundStatus.NONE


def test_one_png_no_longer_holds_a_talents_whole_night(customer, talent, package, frozen, settings):
    settings.SLEEPCALL_MAX_UNPAID_BOOKINGS = 2
    for hour in (21, 22, 23):
        try:
            pay(book(customer, talent, package, wib(2026, 11, 23, hour, 15 if hour > 21 else 0)))
        except TooManyUnpaidBookings:
            break
    assert Booking.objects.for_customer(customer).unverified().count() == 2
    other = CustomerFactory()
    book(other, talent, package, wib(2026, 11, 24, 0, 30))
