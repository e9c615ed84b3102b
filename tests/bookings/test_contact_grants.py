"""The contact gate: open exactly from starts_at to ends_at, on the package's channels, by the clock."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine

from bookings import services
from bookings.contact import (
    customer_may_contact,
    customer_numbers_for_talent,
    disclose_customer_number,
    talent_contact_for_booking,
    talent_may_contact,
)
from bookings.errors import NotPermitted
from bookings.models import ContactDisclosure, ContactGrant
from tests.bookings.helpers import book, confirm
from tests.conftest import wib
from tests.factories import PackageFactory

NOON = wib(2026, 11, 23, 12)
START = wib(2026, 11, 23, 22)
END = START + timedelta(minutes=60)
GRACE_END = END + timedelta(minutes=5)  # SLEEPCALL_GOODBYE_GRACE_MINUTES: the talent says goodbye
SECOND = timedelta(seconds=1)


@pytest.fixture
def booking(customer, talent, package, staff):
    with time_machine.travel(NOON, tick=False):
        return confirm(book(customer, talent, package, START), staff)


def may(talent, customer, channel, at) -> bool:
    return talent_may_contact(talent=talent, customer=customer, channel=channel, at=at)


def see(talent, customer, at) -> str | None:
    return disclose_customer_number(talent=talent, customer=customer, viewer=talent.user, at=at)


def test_no_channel_opens_before_starts_at(booking, talent, customer):
    assert not may(talent, customer, "call", START - SECOND)
    assert not may(talent, customer, "chat", START - SECOND)


def test_channels_open_exactly_at_starts_at(booking, talent, customer):
    assert may(talent, customer, "call", START)
    assert may(talent, customer, "chat", START)


def test_channels_are_open_until_just_before_ends_at(booking, talent, customer):
    assert may(talent, customer, "chat", END - SECOND)


def test_channels_close_exactly_at_ends_at(booking, talent, customer):
    assert not may(talent, customer, "call", END)
    assert not may(talent, customer, "chat", END)


def test_with_no_worker_running_the_permission_is_refused_just_past_the_end(booking, talent, customer):
    """No sweep has run (the booking is still 'confirmed'); the clock alone closes the grant."""
    with time_machine.travel(END + SECOND, tick=False):
        booking.refresh_from_db()
        assert booking.status == "confirmed"
        assert not may(talent, customer, "call", None)
        assert not ContactGrant.objects.active().exists()
        assert talent_contact_for_booking(booking=booking, viewer=customer.user) is None


def test_the_gate_answers_both_ways(booking, talent, customer):
    assert customer_may_contact(customer=customer, talent=talent, channel="call", at=START)
    assert not customer_may_contact(customer=customer, talent=talent, channel="call", at=END)


def test_a_call_only_package_refuses_chat(customer, talent, staff):
    call_only = PackageFactory(channels="call", offered_by=[talent])
    with time_machine.travel(NOON, tick=False):
        confirm(book(customer, talent, call_only, START), staff)
    assert may(talent, customer, "call", START)
    assert not may(talent, customer, "chat", START)


def test_a_chat_only_package_refuses_call(customer, talent, staff):
    chat_only = PackageFactory(channels="chat", offered_by=[talent])
    with time_machine.travel(NOON, tick=False):
        confirm(book(customer, talent, chat_only, START), staff)
    assert may(talent, customer, "chat", START)
    assert not may(talent, customer, "call", START)


def test_no_grant_means_no_contact_for_anyone_else(booking, talent, other_talent, other_customer):
    assert not may(other_talent, booking.customer, "call", START)
    assert not may(talent, other_customer, "call", START)


def test_an_unpaid_booking_grants_nothing(customer, talent, package):
    with time_machine.travel(NOON, tick=False):
        book(customer, talent, package, START)
    assert not may(talent, customer, "call", START)
    assert not ContactGrant.objects.exists()


def test_the_talent_sees_the_number_from_the_unblock_lead_time(booking, talent, customer, settings):
    lead = timedelta(minutes=settings.SLEEPCALL_UNBLOCK_LEAD_MINUTES)
    assert lead == timedelta(minutes=10)
    assert see(talent, customer, START - lead - SECOND) is None
    number = see(talent, customer, START - lead)
    assert number == str(customer.whatsapp)
    assert not may(talent, customer, "chat", START - lead)  # seeing the number to unblock is not a channel


def test_the_lead_time_is_configurable(booking, talent, customer, settings):
    settings.SLEEPCALL_UNBLOCK_LEAD_MINUTES = 30
    assert see(talent, customer, START - timedelta(minutes=30))


def test_the_number_is_hidden_again_at_the_end_of_the_goodbye_grace(booking, talent, customer):
    assert disclose_customer_number(talent=talent, customer=customer, viewer=talent.user, at=GRACE_END - SECOND)
    assert disclose_customer_number(talent=talent, customer=customer, viewer=talent.user, at=GRACE_END) is None
    assert customer_numbers_for_talent(talent=talent, viewer=talent.user, at=GRACE_END) == {}


def test_the_customer_sees_the_talents_work_number_only_during_the_session(booking, customer, talent):
    assert talent_contact_for_booking(booking=booking, viewer=customer.user, at=START - SECOND) is None
    handle, channels = talent_contact_for_booking(booking=booking, viewer=customer.user, at=START)
    assert handle == str(talent.contact_handle)
    assert channels == {"call", "chat"}
    assert talent_contact_for_booking(booking=booking, viewer=customer.user, at=END) is None


def test_every_disclosure_is_logged(booking, talent, customer):
    talent_contact_for_booking(booking=booking, viewer=customer.user, at=START)
    customer_numbers_for_talent(talent=talent, viewer=talent.user, at=START)
    log = set(ContactDisclosure.objects.values_list("viewer", "subject", "handle", "at"))
    assert log == {
        (talent.user.pk, "customer", str(customer.whatsapp), START),
        (customer.user.pk, "talent", str(talent.contact_handle), START),
    }


def test_a_refresh_within_the_minute_logs_nothing_more_the_next_minute_logs_again(booking, talent, customer):
    """The Today page refreshes every 20 seconds: one row per viewer, number and minute, the first sight."""
    for seconds in (0, 20, 40):
        customer_numbers_for_talent(talent=talent, viewer=talent.user, at=START + timedelta(seconds=seconds))
        talent_contact_for_booking(booking=booking, viewer=customer.user, at=START + timedelta(seconds=seconds))
    customer_numbers_for_talent(talent=talent, viewer=talent.user, at=START + timedelta(seconds=60))
    log = sorted(ContactDisclosure.objects.values_list("subject", "at"))
    assert log == [("customer", START), ("customer", START + timedelta(minutes=1)), ("talent", START)]


def test_nothing_is_logged_when_nothing_is_shown(booking, talent, customer):
    talent_contact_for_booking(booking=booking, viewer=customer.user, at=END)
    customer_numbers_for_talent(talent=talent, viewer=talent.user, at=GRACE_END)
    assert not ContactDisclosure.objects.exists()


def test_revoking_closes_the_grant_at_once(booking, talent, customer, staff):
    at = START + timedelta(minutes=5)
    with time_machine.travel(at, tick=False):
        services.end_session_early(booking=booking, by=staff, reason="customer asked for video")
    assert may(talent, customer, "call", START + timedelta(minutes=4))  # history stays true
    assert not may(talent, customer, "call", at)
    assert disclose_customer_number(talent=talent, customer=customer, viewer=talent.user, at=at) is None


def test_revoking_twice_changes_nothing(booking, staff):
    grant = booking.grant
    assert services.revoke_grant(grant=grant, by=staff, reason="first", at=START)
    assert not services.revoke_grant(grant=grant, by=staff, reason="second", at=END)
    grant.refresh_from_db()
    assert (grant.revoked_at, grant.revoke_reason) == (START, "first")


def test_a_new_booking_of_the_same_pair_gets_a_new_grant(booking, customer, talent, package, staff):
    with time_machine.travel(NOON, tick=False):
        again = confirm(book(customer, talent, package, START + timedelta(days=1)), staff)
    assert again.grant.pk != booking.grant.pk
    assert not may(talent, customer, "call", END + timedelta(hours=1))
    assert may(talent, customer, "call", START + timedelta(days=1))


def test_the_talent_ticks_unblocked_and_blocked_once(booking, talent, other_talent):
    grant = booking.grant
    assert services.mark_unblocked(grant=grant, talent=talent, at=START)
    assert not services.mark_unblocked(grant=grant, talent=talent, at=END)
    assert services.mark_blocked(grant=grant, talent=talent, at=END)
    grant.refresh_from_db()
    assert (grant.unblocked_at, grant.blocked_at) == (START, END)
    with pytest.raises(NotPermitted):
        services.mark_blocked(grant=grant, talent=other_talent)
