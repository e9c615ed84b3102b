"""Each state of a session on the Today page, at the exact edges of the lead time, start and end."""

from __future__ import annotations

from datetime import time, timedelta

import pytest
import time_machine
from django.urls import reverse

from bookings import services
from bookings.models import ContactGrant
from bookings.templatetags.sleepcall import readable_number
from talents.workspace.tonight import SessionState, session_state
from tests.conftest import wib
from tests.workspace.conftest import END, GRACE, LEAD, START, WIND_DOWN

SECOND = timedelta(seconds=1)
TODAY = reverse("workspace:today")


@pytest.mark.parametrize(
    ("moment", "state"),
    [
        (START - LEAD - SECOND, SessionState.UPCOMING),
        (START - LEAD, SessionState.UNBLOCK_NOW),
        (START - SECOND, SessionState.UNBLOCK_NOW),
        (START, SessionState.LIVE),
        (END - WIND_DOWN - SECOND, SessionState.LIVE),
        (END - WIND_DOWN, SessionState.WIND_DOWN),
        (END - SECOND, SessionState.WIND_DOWN),
        (END, SessionState.GOODBYE),
        (END + GRACE - SECOND, SessionState.GOODBYE),
        (END + GRACE, SessionState.BLOCK_NOW),
        (END + timedelta(hours=3), SessionState.BLOCK_NOW),
    ],
)
def test_the_state_follows_the_clock_at_each_edge(session, moment, state):
    assert session_state(session.grant, moment) == state


@pytest.mark.parametrize(
    ("moment", "state"),
    [
        (START - LEAD - SECOND, "upcoming"),
        (START - LEAD, "unblock_now"),
        (START, "live"),
        (END - WIND_DOWN, "wind_down"),
        (END - SECOND, "wind_down"),
        (END, "goodbye"),
        (END + GRACE, "block_now"),
    ],
)
def test_the_page_shows_the_state_of_the_moment(talent_client, session, moment, state):
    with time_machine.travel(moment, tick=False):
        response = talent_client.get(TODAY)
    assert response.status_code == 200
    assert f'data-state="{state}"' in response.content.decode()


@pytest.mark.parametrize(("before_start", "state"), [(timedelta(minutes=25, seconds=1), "upcoming"),
                                                     (timedelta(minutes=25), "unblock_now")])
def test_a_longer_unblock_lead_moves_the_edge_and_the_number_with_it(talent_client, customer, session, settings,
                                                                      before_start, state):
    settings.SLEEPCALL_UNBLOCK_LEAD_MINUTES = 25
    with time_machine.travel(START - before_start, tick=False):
        body = talent_client.get(TODAY).content.decode()
    assert f'data-state="{state}"' in body
    assert (readable_number(customer.whatsapp) in body) == (state == "unblock_now")


def test_a_session_at_noon_is_on_today_from_its_unblock_time(talent_client, talent, customer, package, staff):
    """Tonight runs noon to noon, but a noon session's unblock time falls in the night before."""
    from talents.models import AvailabilityRule
    from tests.workspace.conftest import confirm_session

    noon = wib(2026, 11, 15, 12, 0)
    AvailabilityRule.objects.create(talent=talent, weekday=6, start=time(11), end=time(14))
    confirm_session(customer=customer, talent=talent, package=package, starts_at=noon, staff=staff)
    with time_machine.travel(noon - LEAD, tick=False):
        body = talent_client.get(TODAY).content.decode()
    assert 'data-state="unblock_now"' in body and readable_number(customer.whatsapp) in body
    with time_machine.travel(noon - LEAD - SECOND, tick=False):
        assert 'data-state=' not in talent_client.get(TODAY).content.decode()


def test_the_blocked_tick_makes_it_done(talent, session):
    services.mark_blocked(grant=session.grant, talent=talent, at=END + SECOND)
    session.grant.refresh_from_db()
    assert session_state(session.grant, END + SECOND) == SessionState.DONE


def test_a_revoked_session_asks_to_block_at_once(talent, session):
    services.end_session_early(booking=session, by=talent.user, reason="Rude", at=START + timedelta(minutes=5))
    grant = ContactGrant.objects.get(pk=session.grant.pk)
    assert session_state(grant, START + timedelta(minutes=5)) == SessionState.BLOCK_NOW


def test_a_session_cancelled_before_the_number_was_shown_needs_nothing(staff, session):
    services.cancel_booking_by_staff(booking=session, staff=staff, reason="Talent ill", at=START - timedelta(hours=2))
    grant = ContactGrant.objects.get(pk=session.grant.pk)
    assert session_state(grant, START) == SessionState.DONE


def test_the_live_state_shows_the_minutes_left(talent_client, session):
    with time_machine.travel(START + timedelta(minutes=45), tick=False):
        body = talent_client.get(TODAY).content.decode()
    assert "15" in body and 'data-state="live"' in body


def test_times_are_shown_in_the_talents_zone(talent_client, talent, session):
    talent.time_zone = "Asia/Jayapura"  # WIT, two hours ahead of WIB
    talent.save()
    with time_machine.travel(START - timedelta(hours=1), tick=False):
        body = talent_client.get(TODAY).content.decode()
    assert "00:00–01:00 WIT" in body


def test_tonight_lists_the_sessions_in_order(talent_client, book):
    later = book(START + timedelta(minutes=150))
    earlier = book(START)
    with time_machine.travel(START - timedelta(hours=3), tick=False):
        body = talent_client.get(TODAY).content.decode()
    assert body.index(f'id="session-{earlier.pk}"') < body.index(f'id="session-{later.pk}"')


def test_tomorrow_nights_session_is_not_on_today(talent_client, book):
    tomorrow = book(START + timedelta(days=1))
    with time_machine.travel(START - timedelta(hours=3), tick=False):
        body = talent_client.get(TODAY).content.decode()
    assert f'id="session-{tomorrow.pk}"' not in body


def test_a_session_after_midnight_belongs_to_tonight(talent_client, book):
    after_midnight = book(START + timedelta(hours=3))  # 01:00 Sunday
    with time_machine.travel(START - timedelta(hours=3), tick=False):  # 19:00 Saturday
        body = talent_client.get(TODAY).content.decode()
    assert f'id="session-{after_midnight.pk}"' in body


def test_an_unblocked_session_waiting_for_the_block_tick_stays_after_noon(talent_client, session):
    with time_machine.travel(START + timedelta(hours=14, minutes=30), tick=False):  # Sunday 12:30, a new night
        body = talent_client.get(TODAY).content.decode()
    assert f'id="session-{session.pk}"' in body and 'data-state="block_now"' in body


def test_htmx_polling_gets_only_the_list(talent_client, session):
    with time_machine.travel(START, tick=False):
        response = talent_client.get(TODAY, headers={"HX-Request": "true"})
    body = response.content.decode()
    assert body.lstrip().startswith('<section id="tonight"') and "<html" not in body
    assert 'hx-trigger="every 20s' in body
