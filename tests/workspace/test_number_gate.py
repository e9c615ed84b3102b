"""The customer's number is on the page only while the grant gate allows it, lead time included."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse

from bookings.models import ContactDisclosure
from bookings.templatetags.sleepcall import readable_number
from tests.workspace.conftest import END, GRACE, LEAD, START

SECOND = timedelta(seconds=1)
TODAY = reverse("workspace:today")


def _today(client, moment) -> str:
    with time_machine.travel(moment, tick=False):
        return client.get(TODAY).content.decode()


@pytest.mark.parametrize("moment", [START - LEAD - SECOND, END + GRACE, END + timedelta(hours=1)])
def test_the_number_is_hidden_outside_the_window(talent_client, customer, session, moment):
    body = _today(talent_client, moment)
    assert str(customer.whatsapp) not in body
    assert "wa.me" not in body and "tel:" not in body


@pytest.mark.parametrize("moment", [START - LEAD, START - SECOND])
def test_the_number_shows_from_the_lead_time_but_no_channel_opens(talent_client, customer, session, moment):
    body = _today(talent_client, moment)
    assert readable_number(customer.whatsapp) in body
    assert "wa.me" not in body and "tel:" not in body
    assert 'data-state="unblock_now"' in body


@pytest.mark.parametrize("moment", [START, END - SECOND])
def test_the_number_and_links_show_during_the_session(talent_client, customer, session, moment):
    body = _today(talent_client, moment)
    assert readable_number(customer.whatsapp) in body
    assert "wa.me/" in body


def test_each_showing_is_logged(talent_client, talent, session):
    _today(talent_client, START)
    disclosure = ContactDisclosure.objects.get()
    assert disclosure.grant_id == session.grant.pk and disclosure.viewer_id == talent.user_id


def test_nothing_is_logged_when_nothing_is_shown(talent_client, session):
    _today(talent_client, START - LEAD - SECOND)
    assert not ContactDisclosure.objects.exists()


def test_the_number_is_hidden_on_the_session_page(talent_client, customer, session):
    with time_machine.travel(START, tick=False):
        body = talent_client.get(reverse("workspace:session", args=[session.pk])).content.decode()
    assert str(customer.whatsapp) not in body
