"""A talent sees only their own data; customers and visitors cannot open the workspace."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse

from bookings.models import ContactGrant, Report, Status
from talents.models import TimeOff
from tests.workspace.conftest import START

PAGES = ["today", "week", "past", "schedule", "reports", "profile", "number"]
SESSION_POSTS = ["tick_unblocked", "tick_blocked", "end_early", "report"]
DURING = START + timedelta(minutes=20)


@pytest.mark.parametrize("page", PAGES)
def test_a_visitor_is_sent_to_log_in(client, page):
    response = client.get(reverse(f"workspace:{page}"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


@pytest.mark.parametrize("page", PAGES)
def test_a_customer_gets_a_404(client, customer, page):
    client.force_login(customer.user)
    assert client.get(reverse(f"workspace:{page}")).status_code == 404


def test_staff_without_a_talent_profile_get_a_404(client, staff):
    client.force_login(staff)
    assert client.get(reverse("workspace:today")).status_code == 404


def test_a_talent_is_sent_to_tonight_after_logging_in(talent_client):
    response = talent_client.get(reverse("after_login"))
    assert response.url == reverse("workspace:today")


def test_another_talents_session_page_is_a_404(client, other_talent, session):
    client.force_login(other_talent.user)
    assert client.get(reverse("workspace:session", args=[session.pk])).status_code == 404


@pytest.mark.parametrize("action", SESSION_POSTS)
def test_another_talent_cannot_act_on_this_session(client, other_talent, session, action):
    client.force_login(other_talent.user)
    with time_machine.travel(DURING, tick=False):
        response = client.post(
            reverse(f"workspace:{action}", args=[session.pk]), {"category": "spam", "description": "x", "end_now": "on"}
        )
    assert response.status_code == 404
    grant = ContactGrant.objects.get(pk=session.grant.pk)
    assert grant.unblocked_at is None and grant.blocked_at is None and grant.revoked_at is None
    session.refresh_from_db()
    assert session.status == Status.CONFIRMED and not Report.objects.exists()


def test_a_booking_without_a_grant_is_a_404(talent_client, talent, customer, package):
    from bookings import services

    booking = services.create_booking(
        customer=customer, talent=talent, package=package, starts_at=START, at=START - timedelta(days=1)
    )
    assert talent_client.get(reverse("workspace:session", args=[booking.pk])).status_code == 404


def test_another_talents_sessions_are_not_on_my_pages(client, other_talent, session, customer):
    client.force_login(other_talent.user)
    for page, moment in [("today", DURING), ("week", START - timedelta(days=2)), ("past", DURING + timedelta(days=1))]:
        with time_machine.travel(moment, tick=False):
            body = client.get(reverse(f"workspace:{page}")).content.decode()
        assert customer.display_name not in body and str(customer.whatsapp) not in body


def test_another_talents_time_off_cannot_be_removed(client, talent, other_talent):
    time_off = TimeOff.objects.create(talent=talent, starts_at=START, ends_at=START + timedelta(days=1))
    client.force_login(other_talent.user)
    assert client.post(reverse("workspace:time_off_remove", args=[time_off.pk])).status_code == 404
    assert TimeOff.objects.filter(pk=time_off.pk).exists()
