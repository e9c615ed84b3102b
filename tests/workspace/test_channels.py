"""Badges and tap-to-open links follow the package's channels: a call-only package never offers chat.

Both channels open WhatsApp (where the talent unblocks the customer); never a carrier call (tel:).
"""

from __future__ import annotations

import pytest
import time_machine
from django.urls import reverse

from tests.factories import PackageFactory
from tests.workspace.conftest import START

TODAY = reverse("workspace:today")


@pytest.fixture
def session_with(book, talent):
    def make(channels: str):
        return book(START, package=PackageFactory(channels=channels, offered_by=[talent]))

    return make


def _today(client, moment=START) -> str:
    with time_machine.travel(moment, tick=False):
        return client.get(TODAY).content.decode()


def test_call_only_shows_a_call_badge_and_only_a_call_link(talent_client, session_with):
    booking = session_with("call")
    body = _today(talent_client)
    digits = str(booking.customer.whatsapp).lstrip("+")
    assert 'data-channel="call"' in body and 'data-channel="chat"' not in body
    assert f'data-link="call" href="https://wa.me/{digits}"' in body
    assert 'data-link="chat"' not in body and "tel:" not in body
    assert "no chat messages" in body or "tidak ada pesan chat" in body


def test_chat_only_shows_a_chat_badge_and_only_a_whatsapp_link(talent_client, session_with):
    booking = session_with("chat")
    body = _today(talent_client)
    digits = str(booking.customer.whatsapp).lstrip("+")
    assert 'data-channel="chat"' in body and 'data-channel="call"' not in body
    assert f'data-link="chat" href="https://wa.me/{digits}"' in body
    assert 'data-link="call"' not in body and "tel:" not in body


def test_call_and_chat_show_both(talent_client, session_with):
    booking = session_with("call+chat")
    body = _today(talent_client)
    digits = str(booking.customer.whatsapp).lstrip("+")
    assert 'data-channel="call"' in body and 'data-channel="chat"' in body
    assert f'data-link="call" href="https://wa.me/{digits}"' in body
    assert f'data-link="chat" href="https://wa.me/{digits}"' in body
    assert "no chat messages" not in body and "tidak ada pesan chat" not in body


@pytest.mark.parametrize("channels", ["call", "chat", "call+chat"])
def test_badges_show_before_the_session_but_links_do_not(talent_client, session_with, channels):
    session_with(channels)
    body = _today(talent_client, START.replace(hour=18))
    for channel in channels.split("+"):
        assert f'data-channel="{channel}"' in body
    assert "wa.me" not in body and "tel:" not in body
