"""The sweeps and notifications: batched, idempotent, late-safe, and queued only after commit."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bookings import services, tasks
from bookings.models import Booking, BookingEvent, ContactGrant, Status
from notifications import delivery
from notifications.models import Notification
from tests.bookings.helpers import book, confirm, pay
from tests.conftest import wib
from tests.factories import CustomerFactory, TalentFactory, every_night

NOON = wib(2026, 11, 23, 12)
START = wib(2026, 11, 23, 22)
END = START + timedelta(minutes=60)


@pytest.fixture
def clock():
    with time_machine.travel(NOON, tick=False) as traveller:
        yield traveller


def emails_to(user) -> list:
    """What the outbox has sent to this person, once everything queued went out."""
    delivery.send_due()
    return [message for message in mail.outbox if message.to == [user.email]]


def many_unpaid(talent, package, n: int) -> list[Booking]:
    return [book(CustomerFactory(), talent, package, START + timedelta(days=i)) for i in range(n)]


def test_unpaid_bookings_past_their_deadline_expire(clock, talent, package):
    bookings = many_unpaid(talent, package, 3)
    clock.shift(timedelta(minutes=60))
    assert tasks.expire_unpaid_bookings() == 3
    assert set(Booking.objects.values_list("status", flat=True)) == {Status.EXPIRED}
    assert BookingEvent.objects.filter(to_status="expired", actor=None).count() == 3
    assert bookings


def test_expiry_waits_for_the_deadline(clock, talent, package):
    many_unpaid(talent, package, 1)
    clock.shift(timedelta(minutes=59))
    assert tasks.expire_unpaid_bookings() == 0


def test_expiry_run_twice_or_late_changes_nothing_more(clock, talent, package):
    many_unpaid(talent, package, 2)
    clock.shift(timedelta(days=3))
    assert tasks.expire_unpaid_bookings() == 2
    assert tasks.expire_unpaid_bookings() == 0
    assert BookingEvent.objects.filter(to_status="expired").count() == 2


def test_a_submitted_payment_never_expires(clock, customer, talent, package):
    pay(book(customer, talent, package, START))
    clock.shift(timedelta(hours=2))
    assert tasks.expire_unpaid_bookings() == 0


def test_the_expiry_sweep_is_batched(clock, package):
    """The same number of queries for one overdue booking as for twenty."""
    counts = []
    for n in (1, 20):
        talents = [TalentFactory() for _ in range(n)]
        for talent in talents:
            every_night(talent)
            package.talents.add(talent)
            book(CustomerFactory(), talent, package, START)
        with time_machine.travel(NOON + timedelta(hours=2), tick=False), CaptureQueriesContext(connection) as queries:
            assert tasks.expire_unpaid_bookings() == n
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_finished_sessions_complete(clock, customer, talent, package, staff):
    booking = confirm(book(customer, talent, package, START), staff)
    clock.move_to(END - timedelta(seconds=1))
    assert tasks.complete_finished_sessions() == 0
    clock.move_to(END)
    assert tasks.complete_finished_sessions() == 1
    assert tasks.complete_finished_sessions() == 0
    booking.refresh_from_db()
    assert booking.status == Status.COMPLETED


def test_ended_early_sessions_are_not_completed(clock, customer, talent, package, staff):
    booking = confirm(book(customer, talent, package, START), staff)
    clock.move_to(START + timedelta(minutes=5))
    services.end_session_early(booking=booking, by=staff, reason="abuse")
    clock.move_to(END + timedelta(hours=1))
    assert tasks.complete_finished_sessions() == 0


def test_the_talent_is_reminded_to_unblock_once_before_the_session(clock, customer, talent, package, staff):
    booking = confirm(book(customer, talent, package, START), staff)
    clock.move_to(START - timedelta(minutes=16))
    assert tasks.remind_talents_to_unblock() == 0
    clock.move_to(START - timedelta(minutes=15))
    assert tasks.remind_talents_to_unblock() == 1
    assert tasks.remind_talents_to_unblock() == 0
    [reminder] = emails_to(talent.user)
    assert customer.display_name in reminder.subject
    assert ContactGrant.objects.get(booking=booking).unblock_reminded_at is not None


def test_a_late_unblock_reminder_still_goes_out_during_the_session(clock, customer, talent, package, staff):
    confirm(book(customer, talent, package, START), staff)
    clock.move_to(START + timedelta(minutes=30))
    assert tasks.remind_talents_to_unblock() == 1


def test_no_unblock_reminder_after_the_end_or_for_a_revoked_grant(clock, customer, talent, package, staff):
    booking = confirm(book(customer, talent, package, START), staff)
    services.cancel_booking_by_staff(booking=booking, staff=staff, reason="ill")
    clock.move_to(START)
    assert tasks.remind_talents_to_unblock() == 0


def test_the_talent_is_reminded_to_block_once_when_it_is_overdue(clock, customer, talent, package, staff):
    """Not at the end (Today guides the goodbye then) but 30 minutes after it, when staff see it too."""
    confirm(book(customer, talent, package, START), staff)
    clock.move_to(END)
    assert tasks.remind_talents_to_block() == 0
    clock.move_to(END + timedelta(minutes=30) - timedelta(seconds=1))
    assert tasks.remind_talents_to_block() == 0
    clock.move_to(END + timedelta(minutes=30))
    assert tasks.remind_talents_to_block() == 1
    assert tasks.remind_talents_to_block() == 0
    assert "blokir" in emails_to(talent.user)[0].subject


def test_a_session_ended_early_gets_its_block_reminder_30_minutes_after_the_stop(clock, customer, talent, package,
                                                                                  staff):
    booking = confirm(book(customer, talent, package, START), staff)
    clock.move_to(START + timedelta(minutes=10))
    services.end_session_early(booking=booking, by=talent.user, reason="rude")
    assert tasks.remind_talents_to_block() == 0
    clock.shift(timedelta(minutes=30))
    assert tasks.remind_talents_to_block() == 1
    assert tasks.remind_talents_to_block() == 0


def test_no_block_reminder_for_a_session_cancelled_before_the_number_was_shown(clock, customer, talent, package,
                                                                                staff):
    booking = confirm(book(customer, talent, package, START), staff)
    services.cancel_booking_by_staff(booking=booking, staff=staff, reason="talent ill")
    clock.move_to(END + timedelta(minutes=1))
    assert tasks.remind_talents_to_block() == 0
    assert not Notification.objects.filter(event="talent_block").exists()  # only "session cancelled"


def test_no_block_reminder_once_the_talent_ticked_blocked(clock, customer, talent, package, staff):
    booking = confirm(book(customer, talent, package, START), staff)
    clock.move_to(START + timedelta(minutes=5))
    services.mark_unblocked(grant=booking.grant, talent=talent)
    clock.move_to(END + timedelta(seconds=5))
    services.mark_blocked(grant=ContactGrant.objects.get(pk=booking.grant.pk), talent=talent)
    assert tasks.remind_talents_to_block() == 0


def test_the_unblock_reminder_says_when_the_number_appears(clock, customer, talent, package, staff):
    confirm(book(customer, talent, package, START), staff)
    clock.move_to(START - timedelta(minutes=15))
    tasks.remind_talents_to_unblock()
    assert "21:50" in emails_to(talent.user)[0].body  # the 10-minute unblock lead before 22:00 WIB


def test_reminders_for_many_sessions_are_batched(clock, package, staff):
    """The same number of queries for one ending session as for ten."""
    counts = []
    for n in (1, 10):
        for _ in range(n):
            talent = TalentFactory()
            every_night(talent)
            package.talents.add(talent)
            confirm(book(CustomerFactory(), talent, package, START), staff)
        overdue = END + timedelta(minutes=30)
        with time_machine.travel(overdue, tick=False), CaptureQueriesContext(connection) as queries:
            assert tasks.remind_talents_to_block() == n
        counts.append(len(queries))
    assert counts[0] == counts[1]
    assert Notification.objects.filter(event="talent_block", channel="email").count() == 11
