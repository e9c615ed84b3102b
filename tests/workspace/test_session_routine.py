"""Today through the session routine: wait for the customer's first message, wind down, say goodbye, block.

Every step is computed from the grant and the clock; each edge is checked under frozen time.
"""

from __future__ import annotations

import re
from datetime import timedelta
from html import escape
from urllib.parse import parse_qs, urlsplit

import pytest
import time_machine
from django.urls import reverse

from bookings import services
from bookings.contact import customer_may_contact, talent_contact_for_booking, talent_may_contact
from bookings.models import ContactDisclosure, ContactGrant
from bookings.templatetags.sleepcall import readable_number
from tests.workspace.conftest import END, GRACE, LEAD, START, WIND_DOWN

SECOND = timedelta(seconds=1)
TODAY = reverse("workspace:today")


@pytest.fixture
def rina(customer):
    customer.display_name = "Rina"
    customer.language = "id"
    customer.save()
    return customer


def _today(client, moment) -> str:
    with time_machine.travel(moment, tick=False):
        response = client.get(TODAY)
    assert response.status_code == 200
    return response.content.decode()


def _links(body: str) -> dict[str, str]:
    return dict(re.findall(r'data-link="(\w+)" href="([^"]+)"', body))


@pytest.mark.parametrize(
    ("moment", "number_shown", "channels_open"),
    [
        (START - LEAD - SECOND, False, False),
        (START - LEAD, True, False),
        (START - SECOND, True, False),
        (START, True, True),
        (END - SECOND, True, True),
        (END, True, False),  # the goodbye grace: number, no channel
        (END + GRACE - SECOND, True, False),
        (END + GRACE, False, False),
    ],
)
def test_the_number_shows_from_the_lead_to_the_grace_end_and_channels_only_from_start_to_end(
    talent_client, rina, session, moment, number_shown, channels_open
):
    body = _today(talent_client, moment)
    assert (readable_number(rina.whatsapp) in body) == number_shown
    links = _links(body)
    assert ("chat" in links and "call" in links) == channels_open
    assert talent_may_contact(talent=session.talent, customer=rina, channel="chat", at=moment) == channels_open


def test_a_live_session_says_wait_for_the_customers_first_message_and_shows_the_opener(talent_client, rina, session):
    body = _today(talent_client, START)
    assert "Tunggu pesan pertama dari Rina; balas saja, jangan memulai." in body
    opener = f"Halo Kak {session.talent.display_name}, aku Rina, pesanan #{session.pk}, {session.package_name}"
    assert f"<q data-opener>{escape(opener)}</q>" in body


def test_the_opener_shown_to_the_talent_is_in_the_customers_language(talent_client, rina, session):
    rina.language = "en"
    rina.save()
    body = _today(talent_client, START)
    assert escape(f"Hi {session.talent.display_name}, I'm Rina, booking #{session.pk}") in body


def test_the_talents_channel_links_carry_no_prefilled_text(talent_client, rina, session):
    links = _links(_today(talent_client, START + timedelta(minutes=1)))
    assert links["chat"] == links["call"] == f"https://wa.me/{str(rina.whatsapp).lstrip('+')}"


def test_wind_down_starts_five_minutes_before_the_end(talent_client, rina, session):
    assert 'data-state="live"' in _today(talent_client, END - WIND_DOWN - SECOND)
    body = _today(talent_client, END - WIND_DOWN)
    assert 'data-state="wind_down"' in body and "Menjelang akhir: sisa 5 menit" in body
    assert "Menjelang akhir: sisa 1 menit" in _today(talent_client, END - SECOND)


def test_the_wind_down_follows_its_setting(talent_client, rina, session, settings):
    settings.SLEEPCALL_WIND_DOWN_MINUTES = 10
    assert 'data-state="wind_down"' in _today(talent_client, END - timedelta(minutes=10))


def test_at_the_end_today_offers_the_goodbye_prefilled_in_the_customers_language(talent_client, rina, session):
    body = _today(talent_client, END)
    assert 'data-state="goodbye"' in body and "Ucapkan salam penutup sekarang." in body
    links = _links(body)
    assert set(links) == {"goodbye"}
    goodbye = parse_qs(urlsplit(links["goodbye"]).query)["text"][0]
    assert goodbye.startswith("Sesi kita sudah selesai ya, Kak Rina. Terima kasih sudah ngobrol")
    assert "Tidak ada telepon atau chat lagi" in body and "5 menit" in body


def test_after_the_grace_today_says_block_now_and_hides_the_number(talent_client, rina, session):
    body = _today(talent_client, END + GRACE)
    assert 'data-state="block_now"' in body and "Blokir customer sekarang." in body
    assert readable_number(rina.whatsapp) not in body and "wa.me" not in body


def test_the_grace_follows_its_setting(talent_client, rina, session, settings):
    settings.SLEEPCALL_GOODBYE_GRACE_MINUTES = 10
    body = _today(talent_client, END + timedelta(minutes=9))
    assert 'data-state="goodbye"' in body and readable_number(rina.whatsapp) in body
    assert 'data-state="block_now"' in _today(talent_client, END + timedelta(minutes=10))


def test_a_session_ended_early_skips_the_goodbye_and_hides_the_number_at_once(talent_client, rina, talent, session):
    services.end_session_early(booking=session, by=talent.user, reason="Kasar", at=START + timedelta(minutes=5))
    body = _today(talent_client, START + timedelta(minutes=5))
    assert 'data-state="block_now"' in body and readable_number(rina.whatsapp) not in body


def test_in_the_grace_the_customer_has_no_channel_and_no_number(rina, talent, session):
    for moment in (END, END + GRACE - SECOND):
        assert not customer_may_contact(customer=rina, talent=talent, channel="chat", at=moment)
        assert not customer_may_contact(customer=rina, talent=talent, channel="call", at=moment)
        assert talent_contact_for_booking(booking=session, viewer=rina.user, at=moment) is None
        assert ContactGrant.objects.disclosable(at=moment).filter(pk=session.grant.pk).exists()
    assert not ContactGrant.objects.disclosable(at=END + GRACE).filter(pk=session.grant.pk).exists()


def test_the_number_shown_in_the_grace_is_logged(talent_client, talent, session):
    _today(talent_client, END + timedelta(minutes=2))
    assert ContactDisclosure.objects.get().at == END + timedelta(minutes=2)


def test_blocked_may_be_ticked_as_soon_as_the_goodbye_is_answered(talent_client, session):
    with time_machine.travel(END + timedelta(minutes=1), tick=False):
        talent_client.post(reverse("workspace:tick_blocked", args=[session.pk]))
    assert ContactGrant.objects.get(pk=session.grant.pk).blocked_at == END + timedelta(minutes=1)
    assert 'data-state="done"' in _today(talent_client, END + timedelta(minutes=2))


def test_today_flags_a_block_overdue_at_thirty_minutes(talent_client, session):
    assert "data-block-overdue" not in _today(talent_client, END + timedelta(minutes=30) - SECOND)
    assert "data-block-overdue" in _today(talent_client, END + timedelta(minutes=30))
