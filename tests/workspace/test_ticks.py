"""The talent's 'unblocked' and 'blocked' ticks are recorded on the grant, only when they make sense."""

from __future__ import annotations

from datetime import timedelta

import time_machine
from django.urls import reverse

from bookings.models import ContactGrant
from tests.workspace.conftest import END, LEAD, START


def _post(client, name, booking, moment):
    with time_machine.travel(moment, tick=False):
        return client.post(reverse(f"workspace:{name}", args=[booking.pk]))


def test_unblocked_is_recorded_from_the_lead_time(talent_client, session):
    response = _post(talent_client, "tick_unblocked", session, START - LEAD)
    assert response.status_code == 302
    assert ContactGrant.objects.get(pk=session.grant.pk).unblocked_at == START - LEAD


def test_unblocked_is_refused_before_the_lead_time(talent_client, session):
    _post(talent_client, "tick_unblocked", session, START - LEAD - timedelta(seconds=1))
    assert ContactGrant.objects.get(pk=session.grant.pk).unblocked_at is None


def test_ticking_unblocked_twice_keeps_the_first_time(talent_client, session):
    _post(talent_client, "tick_unblocked", session, START - LEAD)
    _post(talent_client, "tick_unblocked", session, START)
    assert ContactGrant.objects.get(pk=session.grant.pk).unblocked_at == START - LEAD


def test_blocked_is_refused_while_live(talent_client, session):
    _post(talent_client, "tick_blocked", session, END - timedelta(seconds=1))
    assert ContactGrant.objects.get(pk=session.grant.pk).blocked_at is None


def test_blocked_is_recorded_after_the_end_and_the_session_is_done(talent_client, session):
    _post(talent_client, "tick_blocked", session, END)
    assert ContactGrant.objects.get(pk=session.grant.pk).blocked_at == END
    with time_machine.travel(END + timedelta(minutes=1), tick=False):
        body = talent_client.get(reverse("workspace:today")).content.decode()
    assert 'data-state="done"' in body


def test_ticks_need_post(talent_client, session):
    with time_machine.travel(START, tick=False):
        assert talent_client.get(reverse("workspace:tick_unblocked", args=[session.pk])).status_code == 405
