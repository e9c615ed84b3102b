"""The talent's optional "{name} wrote first" tick: on the grant, with when and by whom, once; staff see it."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse

from bookings import services
from bookings.errors import NotPermitted
from bookings.models import ContactGrant
from bookings.services.grant import NotDuringSession
from tests.workspace.conftest import END, GRACE, START

SECOND = timedelta(seconds=1)


def _tick(client, booking, moment):
    with time_machine.travel(moment, tick=False):
        return client.post(reverse("workspace:tick_wrote_first", args=[booking.pk]))


def test_wrote_first_is_recorded_with_the_time_and_the_talent(talent_client, talent, session):
    response = _tick(talent_client, session, START + timedelta(minutes=2))
    assert response.status_code == 302
    grant = ContactGrant.objects.get(pk=session.grant.pk)
    assert grant.customer_wrote_first_at == START + timedelta(minutes=2)
    assert grant.customer_wrote_first_by == talent.user


def test_ticking_twice_keeps_the_first_time(talent, session):
    assert services.mark_customer_wrote_first(grant=session.grant, talent=talent, at=START)
    assert not services.mark_customer_wrote_first(grant=session.grant, talent=talent, at=START + timedelta(minutes=9))
    assert ContactGrant.objects.get(pk=session.grant.pk).customer_wrote_first_at == START


@pytest.mark.parametrize("moment", [START, END - SECOND, END, END + GRACE - SECOND])
def test_wrote_first_may_be_ticked_from_the_start_to_the_grace_end(talent, session, moment):
    assert services.mark_customer_wrote_first(grant=session.grant, talent=talent, at=moment)


@pytest.mark.parametrize("moment", [START - SECOND, END + GRACE])
def test_wrote_first_is_refused_outside_the_session_and_its_goodbye(talent, session, moment):
    with pytest.raises(NotDuringSession):
        services.mark_customer_wrote_first(grant=session.grant, talent=talent, at=moment)


def test_another_talent_cannot_tick_it(other_talent, session):
    with pytest.raises(NotPermitted):
        services.mark_customer_wrote_first(grant=session.grant, talent=other_talent, at=START)


def test_another_talents_session_is_not_found(client, other_talent, session):
    client.force_login(other_talent.user)
    assert _tick(client, session, START).status_code == 404
    assert ContactGrant.objects.get(pk=session.grant.pk).customer_wrote_first_at is None


def test_a_visitor_is_sent_to_log_in(client, session):
    response = _tick(client, session, START)
    assert response.status_code == 302 and "login" in response.url


def test_the_tick_shows_on_today_and_the_wait_message_goes(talent_client, customer, talent, session):
    with time_machine.travel(START + timedelta(minutes=1), tick=False):
        before = talent_client.get(reverse("workspace:today")).content.decode()
        services.mark_customer_wrote_first(grant=session.grant, talent=talent)
        after = talent_client.get(reverse("workspace:today")).content.decode()
    assert "data-wait-first" in before and "data-wait-first" not in after
    assert f"{customer.display_name} menulis duluan (22:01)" in after


def test_staff_see_it_on_the_booking(client, staff, talent, session):
    services.mark_customer_wrote_first(grant=session.grant, talent=talent, at=START + timedelta(minutes=3))
    client.force_login(staff)
    body = client.get(reverse("admin:bookings_booking_change", args=[session.pk])).content.decode()
    assert "customer menulis duluan, dicatat oleh" in body.lower()
    noted_by = body.split("field-customer_wrote_first_by")[1][:400]
    assert talent.user.username in noted_by
