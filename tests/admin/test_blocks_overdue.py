"""A session not ticked "blocked" 30 minutes after its end reaches staff on the landing; the talent is reminded once."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse

from bookings import dashboard, services, tasks
from bookings.models import ContactGrant
from tests.conftest import wib
from tests.workspace.conftest import confirm_session

START = wib(2026, 12, 1, 22)
END = START + timedelta(minutes=60)
OVERDUE = END + timedelta(minutes=30)
SECOND = timedelta(seconds=1)


@pytest.fixture
def session(customer, talent, package, staff):
    return confirm_session(customer=customer, talent=talent, package=package, starts_at=START, staff=staff)


def _landing(client, moment) -> str:
    with time_machine.travel(moment, tick=False):
        return client.get(reverse("admin:index")).content.decode()


def test_the_flag_rises_exactly_thirty_minutes_after_the_end(session):
    assert dashboard.build(now=OVERDUE - SECOND).blocks_overdue == []
    assert [g.booking_id for g in dashboard.build(now=OVERDUE).blocks_overdue] == [session.pk]


def test_the_landing_names_the_talent_and_the_time(client, cs_agent, session, talent):
    client.force_login(cs_agent)
    assert "Talents who have not blocked yet" not in _landing(client, OVERDUE - SECOND)
    page = _landing(client, OVERDUE)
    assert "Talents who have not blocked yet" in page
    row = page.split(f'data-block-overdue="{session.pk}"')[1].split("</tr>")[0]
    assert talent.display_name in row and "23:00" in row  # the end, in WIB


def test_a_ticked_block_clears_the_flag(session, talent):
    services.mark_blocked(grant=session.grant, talent=talent, at=END + timedelta(minutes=3))
    assert dashboard.build(now=OVERDUE).blocks_overdue == []


def test_a_session_stopped_early_is_overdue_thirty_minutes_after_the_stop(session, talent):
    stop = START + timedelta(minutes=10)
    services.end_session_early(booking=session, by=talent.user, reason="Kasar", at=stop)
    assert dashboard.build(now=stop + timedelta(minutes=30) - SECOND).blocks_overdue == []
    assert len(dashboard.build(now=stop + timedelta(minutes=30)).blocks_overdue) == 1


def test_a_session_cancelled_before_the_number_was_shown_is_never_overdue(session, staff):
    services.cancel_booking_by_staff(booking=session, staff=staff, reason="Talent sakit", at=START - timedelta(hours=3))
    assert dashboard.build(now=OVERDUE).blocks_overdue == []


def test_the_flag_is_computed_from_the_clock_not_from_the_reminder_having_run(session):
    """No sweep ran at all, and the landing still knows."""
    assert ContactGrant.objects.get(pk=session.grant.pk).block_reminded_at is None
    assert len(dashboard.build(now=OVERDUE).blocks_overdue) == 1


def test_the_talent_gets_one_reminder_when_it_becomes_overdue(session):
    with time_machine.travel(END, tick=False):
        assert tasks.remind_talents_to_block() == 0
    with time_machine.travel(OVERDUE - SECOND, tick=False):
        assert tasks.remind_talents_to_block() == 0
    with time_machine.travel(OVERDUE, tick=False):
        assert tasks.remind_talents_to_block() == 1
    with time_machine.travel(OVERDUE + timedelta(minutes=5), tick=False):
        assert tasks.remind_talents_to_block() == 0
    from notifications.models import Notification

    reminders = Notification.objects.filter(event="talent_block", channel="email", recipient=session.talent.user)
    assert reminders.count() == 1
    # Staff keep seeing it after the reminder went out, until the talent ticks "blocked".
    assert len(dashboard.build(now=OVERDUE + timedelta(minutes=5)).blocks_overdue) == 1


def test_the_landing_lists_many_overdue_blocks_in_one_query(session, book_many):
    one = _count_queries(OVERDUE)
    book_many(5)
    assert _count_queries(OVERDUE) == one


def _count_queries(moment) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        dashboard.blocks_overdue(moment)
    return len(queries)


@pytest.fixture
def book_many(package, staff):
    from tests.factories import CustomerFactory, TalentFactory, every_night

    def make(n: int):
        for _ in range(n):
            talent = TalentFactory()
            every_night(talent)
            package.talents.add(talent)
            confirm_session(customer=CustomerFactory(), talent=talent, package=package, starts_at=START, staff=staff)

    return make
