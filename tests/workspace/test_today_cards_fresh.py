"""Today's session cards are kept per process only for exactly the same values: the next refresh after
a tick, a report, a revoke or a minute passing shows the change, and a card with a customer's number
is never kept. (The cards live in the worker's memory, not in the Django cache: Redis or local
memory makes no difference to them.)"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from bookings import services
from bookings.models import ContactDisclosure, ContactGrant
from talents.workspace import today_cards
from tests.workspace.conftest import END, GRACE, LEAD, START


@pytest.fixture(autouse=True)
def _cards_kept():
    """The production path: cards are kept unless DEBUG (pytest runs with DEBUG off)."""
    today_cards._kept.clear()
    yield
    today_cards._kept.clear()


def _card(client, booking, moment, language="en") -> str:
    client.cookies["django_language"] = language
    with time_machine.travel(moment, tick=False):
        page = client.get(reverse("workspace:today")).content.decode()
    match = re.search(rf'<article [^>]*id="session-{booking.pk}">.*?</article>', page, re.S)
    assert match, page
    return match.group()


def test_the_same_upcoming_card_is_kept_and_reused(talent_client, session):
    first = _card(talent_client, session, START - timedelta(hours=1))
    assert len(today_cards._kept) == 1
    assert _card(talent_client, session, START - timedelta(hours=1)) == first


def test_a_tick_shows_on_the_next_refresh(talent_client, session):
    moment = START - LEAD + timedelta(minutes=1)
    before = _card(talent_client, session, moment)
    assert "I unblocked" in before
    with time_machine.travel(moment, tick=False):
        talent_client.post(reverse("workspace:tick_unblocked", args=[session.pk]))
    after = _card(talent_client, session, moment)
    assert "I unblocked" not in after and "Unblocked at 21:51" in after


def test_the_unblock_time_turns_the_kept_upcoming_card_at_the_exact_second(talent_client, session):
    for seconds in (120, 60, 1):  # the same upcoming card, kept
        assert 'data-state="upcoming"' in _card(talent_client, session, START - LEAD - timedelta(seconds=seconds))
    card = _card(talent_client, session, START - LEAD)
    assert 'data-state="unblock_now"' in card and "I unblocked" in card


def test_the_minutes_left_move_on_every_minute(talent_client, session):
    assert "Live: 30 minutes left" in _card(talent_client, session, START + timedelta(minutes=30))
    assert "Live: 29 minutes left" in _card(talent_client, session, START + timedelta(minutes=31))


def test_a_report_shows_on_the_next_refresh(talent_client, talent, session):
    after_grace = END + GRACE + timedelta(minutes=1)
    assert ">Report</a>" in _card(talent_client, session, after_grace)
    services.file_report(booking=session, talent=talent, category="spam", description="x", at=after_grace)
    assert "Report sent" in _card(talent_client, session, after_grace)


def test_a_revoke_shows_on_the_next_refresh(talent_client, session, staff):
    moment = START - timedelta(hours=1)
    assert 'data-state="upcoming"' in _card(talent_client, session, moment)
    services.revoke_grant(grant=session.grant, by=staff, reason="x", at=moment)
    assert "Cancelled. Nothing to do." in _card(talent_client, session, moment)


def test_the_number_shows_until_the_grace_ends_and_no_card_with_it_is_kept(talent_client, session, customer):
    number_digits = re.sub(r"\D", "", str(customer.whatsapp))
    for moment in (START - LEAD, START, END - timedelta(seconds=1), END, END + GRACE - timedelta(seconds=1)):
        card = _card(talent_client, session, moment)
        assert "data-number" in card, moment
        assert not any(number_digits in re.sub(r"\D", "", html) for html in today_cards._kept.values())
    assert "data-number" not in _card(talent_client, session, END + GRACE)
    assert "data-number" not in _card(talent_client, session, START - LEAD - timedelta(seconds=1))
    # every sight is still logged, one row per minute
    assert ContactDisclosure.objects.filter(grant=session.grant).count() == 5


def test_each_language_gets_its_own_card(talent_client, session):
    moment = START - timedelta(hours=1)
    english = _card(talent_client, session, moment)
    indonesian = _card(talent_client, session, moment, language="id")
    assert "Unblock from" in english and "Buka blokir mulai" in indonesian
    assert len(today_cards._kept) == 2


def test_the_one_token_on_the_page_works_for_every_form(talent, session):
    client = Client(enforce_csrf_checks=True)
    client.force_login(talent.user)
    moment = START + timedelta(minutes=5)
    with time_machine.travel(moment, tick=False):
        page = client.get(reverse("workspace:today")).content.decode()
        tokens = set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', page))
        forms = re.findall(r'<form method="post" action="(/workspace/sessions/[^"]+)"', page)
        assert len(forms) >= 2  # unblocked, wrote first, end now
        token = re.search(rf'action="{forms[0]}">\s*<input type="hidden" name="csrfmiddlewaretoken" value="([^"]+)"',
                          page).group(1)
        assert client.post(forms[0], {"csrfmiddlewaretoken": token}).status_code == 302
    assert ContactGrant.objects.get(pk=session.grant.pk).unblocked_at == moment
    assert len(tokens) <= 3  # the sessions' forms share one; the logout and language forms have theirs


def test_the_blocked_tick_changes_a_kept_card_on_the_next_refresh(talent_client, session):
    after_grace = END + GRACE + timedelta(minutes=2)
    before = _card(talent_client, session, after_grace)
    assert "I blocked" in before and len(today_cards._kept) == 1  # block now: no number, kept
    with time_machine.travel(after_grace, tick=False):
        talent_client.post(reverse("workspace:tick_blocked", args=[session.pk]))
    after = _card(talent_client, session, after_grace)
    assert "I blocked" not in after and "Blocked again at 23:07. All done." in after
