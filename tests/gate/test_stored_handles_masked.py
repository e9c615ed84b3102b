"""Rows stored before the check existed: a name or bio that already carries a handle is shown masked
wherever the other party or the public reads it (Today, week, session, past, reports, reminder e-mails,
the public talent pages)."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse

from bookings import tasks
from bookings.models import Customer, Report
from notifications.models import Notification
from talents.models import Talent
from tests.workspace.conftest import LEAD, START

STORED = "Budi WA 0813 2238 3664"
LEAKED = ("0813", "2238", "3664")


def leaks(text: str) -> bool:
    return any(part in text for part in LEAKED)


@pytest.fixture
def named_session(session):
    # Written straight to the database, as a row from before the validator would be.
    Customer.objects.filter(pk=session.customer_id).update(display_name=STORED)
    return session


@pytest.mark.parametrize(("page", "moment"), [
    ("workspace:today", START - LEAD),
    ("workspace:week", START - timedelta(days=1)),
    ("workspace:past", START + timedelta(days=1)),
])
def test_the_talent_pages_never_print_the_handle_in_a_stored_name(talent_client, named_session, page, moment):
    with time_machine.travel(moment, tick=False):
        body = talent_client.get(reverse(page)).content.decode()
    assert "Budi •••" in body
    assert not leaks(body)


def test_the_session_page_never_prints_the_handle_in_a_stored_name(talent_client, named_session):
    with time_machine.travel(START - timedelta(hours=3), tick=False):
        body = talent_client.get(reverse("workspace:session", args=[named_session.pk])).content.decode()
    assert "<h1>Budi •••</h1>" in body
    assert not leaks(body)


def test_the_reports_page_never_prints_the_handle_in_a_stored_name(talent_client, talent, named_session):
    Report.objects.create(booking=named_session, talent=talent, customer=named_session.customer,
                          category="insults", description="Kasar")
    body = talent_client.get(reverse("workspace:reports")).content.decode()
    assert "Budi •••" in body and not leaks(body)


def test_the_unblock_reminder_subject_and_body_never_carry_the_handle(named_session):
    with time_machine.travel(START - timedelta(minutes=15), tick=False):
        assert tasks.remind_talents_to_unblock() == 1
    reminders = Notification.objects.filter(event="talent_unblock")
    assert reminders.exists()
    for reminder in reminders:
        assert "Budi •••" in reminder.subject
        assert not leaks(reminder.subject) and not leaks(reminder.body)


def test_the_block_reminder_never_carries_the_handle(named_session):
    with time_machine.travel(START + timedelta(hours=2), tick=False):  # the block is overdue by then
        assert tasks.remind_talents_to_block() == 1
    for reminder in Notification.objects.filter(event="talent_block"):
        assert not leaks(reminder.subject) and not leaks(reminder.body)


def test_a_name_that_is_only_a_handle_is_shown_as_customer(talent_client, session):
    Customer.objects.filter(pk=session.customer_id).update(display_name="0813 2238 3664")
    with time_machine.travel(START - LEAD, tick=False):
        body = talent_client.get(reverse("workspace:today")).content.decode()
    assert not leaks(body)


def test_the_public_pages_never_print_a_stored_bio_or_alias_with_a_handle(client, talent, package):
    Talent.objects.filter(pk=talent.pk).update(
        display_name="Nayla 0813 2238 3664", bio="Aku Nayla. WA 0813-2238-3664 ya, online jam 21.00–02.00"
    )
    for url in (reverse("talent_list"), reverse("talent_detail", args=[talent.slug]), reverse("home")):
        body = client.get(url).content.decode()
        assert not leaks(body), url
    detail = client.get(reverse("talent_detail", args=[talent.slug])).content.decode()
    assert "Aku Nayla. ••• ya, online jam 21.00–02.00" in detail
    assert "Nayla •••" in detail
