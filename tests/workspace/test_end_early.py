"""Ending a session early stops contact at once: the grant is revoked in the same request."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse

from bookings.contact import customer_may_contact, talent_may_contact
from bookings.models import BookingEvent, ContactGrant, Status
from tests.workspace.conftest import END, LEAD, START

DURING = START + timedelta(minutes=20)


def _end(client, booking, moment, reason=""):
    with time_machine.travel(moment, tick=False):
        return client.post(reverse("workspace:end_early", args=[booking.pk]), {"reason": reason})


def test_ending_early_revokes_the_grant_at_once(talent_client, talent, customer, session):
    _end(talent_client, session, DURING)
    grant = ContactGrant.objects.get(pk=session.grant.pk)
    assert grant.revoked_at == DURING
    assert not ContactGrant.objects.active(at=DURING).filter(pk=grant.pk).exists()
    assert not ContactGrant.objects.disclosable(at=DURING).filter(pk=grant.pk).exists()
    assert not talent_may_contact(talent=talent, customer=customer, channel="chat", at=DURING)
    assert not customer_may_contact(customer=customer, talent=talent, channel="call", at=DURING)


def test_after_ending_the_number_is_gone_and_the_talent_is_told_to_block(talent_client, customer, session):
    _end(talent_client, session, DURING)
    with time_machine.travel(DURING, tick=False):
        body = talent_client.get(reverse("workspace:today")).content.decode()
    assert str(customer.whatsapp) not in body
    assert 'data-state="block_now"' in body


def test_ending_early_records_the_status_and_the_reason(talent_client, talent, session):
    _end(talent_client, session, DURING, reason="He shouted at me")
    session.refresh_from_db()
    assert session.status == Status.ENDED_EARLY
    event = BookingEvent.objects.filter(booking=session).last()
    assert event.to_status == Status.ENDED_EARLY and event.actor == talent.user and event.reason == "He shouted at me"


def test_ending_without_a_reason_uses_a_default_one(talent_client, session):
    _end(talent_client, session, DURING)
    assert BookingEvent.objects.filter(booking=session).last().reason


def test_ending_after_the_end_is_refused_with_a_message(talent_client, session):
    response = _end(talent_client, session, END)
    session.refresh_from_db()
    assert session.status == Status.CONFIRMED
    with time_machine.travel(END, tick=False):
        body = talent_client.get(response.url).content.decode()
    assert "msg error" in body


@pytest.mark.parametrize(
    "moment",
    [START - timedelta(days=1), START - LEAD, START - timedelta(seconds=1)],
    ids=["a day ahead", "at unblock time", "a second before"],
)
def test_a_session_that_has_not_begun_cannot_be_ended_early(talent_client, session, moment):
    """Otherwise a talent could end tomorrow's session tonight and be paid for a session never held."""
    response = _end(talent_client, session, moment)
    session.refresh_from_db()
    assert session.status == Status.CONFIRMED
    assert ContactGrant.objects.get(pk=session.grant.pk).revoked_at is None
    with time_machine.travel(moment, tick=False):
        body = talent_client.get(response.url).content.decode()
    assert "has not begun yet" in body or "belum dimulai" in body


def test_the_first_second_of_the_session_may_end_it(talent_client, session):
    _end(talent_client, session, START)
    session.refresh_from_db()
    assert session.status == Status.ENDED_EARLY


def test_ending_twice_changes_nothing(talent_client, session):
    _end(talent_client, session, DURING)
    _end(talent_client, session, DURING + timedelta(minutes=1))
    assert ContactGrant.objects.get(pk=session.grant.pk).revoked_at == DURING
