"""Placeholders: known ones only, filled per conversation in the customer's language and zone, escaped."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from bookings.services import set_customer_zone
from sleepcall.wa_me import wa_link
from support.models import CannedReply
from support.services import fill_canned, open_conversation

BODY_ID = ("Halo {customer_name}, pesanan {booking_code} {amount_due} dengan {talent_alias} mulai {session_start}. "
           "{agent_name}")
BODY_EN = ("Hi {customer_name}, booking {booking_code} {amount_due} with {talent_alias} starts {session_start}. "
           "{agent_name}")


@pytest.fixture
def canned(db):
    return CannedReply.objects.create(title="t", shortcut="t", body_id=BODY_ID, body_en=BODY_EN)


def test_placeholders_are_filled_for_this_conversation_in_indonesian(customer, booking, agent, canned):
    conversation, _ = open_conversation(user=customer.user, category="payment", body="x", booking=booking)
    text = fill_canned(canned=canned, conversation=conversation, agent=agent)
    amount = f"Rp {booking.amount_due:,}".replace(",", ".")
    assert text == (f"Halo {customer.display_name}, pesanan #{booking.pk} {amount} dengan "
                    f"{booking.talent.display_name} mulai Selasa, 1 Desember 2026 · 22:00 WIB. Ayu")


def test_english_customers_get_the_english_text_and_their_own_zone(customer, booking, agent, canned):
    customer.language = "en"
    customer.save()
    set_customer_zone(customer=customer, time_zone="Asia/Makassar")
    conversation, _ = open_conversation(user=customer.user, category="payment", body="x", booking=booking)
    text = fill_canned(canned=canned, conversation=conversation, agent=agent)
    assert text.startswith(f"Hi {customer.display_name}, booking #{booking.pk}")
    assert "Tuesday, 1 December 2026 · 23:00 WITA" in text


def test_a_value_is_inserted_as_written_and_never_read_as_a_placeholder(customer, agent, canned):
    customer.display_name = "{agent_name}<b>"
    customer.save()
    conversation, _ = open_conversation(user=customer.user, category="other", body="x")
    text = fill_canned(canned=canned, conversation=conversation, agent=agent)
    assert text.startswith("Halo {agent_name}<b>, pesanan  ")


def test_the_filled_reply_is_escaped_on_the_agent_page(client, customer, agent, canned):
    customer.display_name = "<script>alert(1)</script>"
    customer.save()
    conversation, _ = open_conversation(user=customer.user, category="other", body="x")
    client.force_login(agent)
    url = reverse("admin:support_conversation_change", args=[conversation.pk]) + f"?canned={canned.pk}"
    page = client.get(url).content.decode()
    assert "Halo &lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert(1)" not in page


@pytest.mark.parametrize("body", ["Halo {nama}", "Halo {customer_name.__class__}", "Halo {0}", "{customer_name!r}"])
def test_an_unknown_placeholder_is_refused_when_saved(db, body):
    reply = CannedReply(title="t", shortcut="x", body_id=body, body_en="ok")
    with pytest.raises(ValidationError) as error:
        reply.full_clean()
    assert "Unknown placeholder" in str(error.value)


def test_the_admin_refuses_an_unknown_placeholder_and_keeps_the_text(client, manager):
    client.force_login(manager)
    response = client.post(reverse("admin:support_cannedreply_add"), {
        "title": "Baru", "shortcut": "baru", "category": "", "body_id": "Halo {nama_pelanggan}", "body_en": "Hi",
        "is_active": "on",
    })
    assert response.status_code == 200
    page = response.content.decode()
    assert "Unknown placeholder" in page and "Halo {nama_pelanggan}" in page
    assert not CannedReply.objects.filter(shortcut="baru").exists()


def test_managers_keep_canned_replies_and_agents_only_read_them(client, agent, manager):
    client.force_login(agent)
    assert client.get(reverse("admin:support_cannedreply_add")).status_code == 403
    assert client.get(reverse("admin:support_cannedreply_changelist")).status_code == 200
    client.force_login(manager)
    assert client.get(reverse("admin:support_cannedreply_add")).status_code == 200
    assert client.get(reverse("admin:support_lexiconword_add")).status_code == 200


def test_the_starter_set_is_shipped_with_placeholders_that_all_exist(db):
    from support.services import unknown_placeholders

    shortcuts = set(CannedReply.objects.values_list("shortcut", flat=True))
    assert {"belum-verifikasi", "nominal-beda", "refund", "pesan-lagi", "aturan", "kami-dengar"} <= shortcuts
    for reply in CannedReply.objects.all():
        assert not unknown_placeholders(reply.body_id) and not unknown_placeholders(reply.body_en)
        assert reply.body_id != reply.body_en


def test_wa_me_encodes_spaces_line_breaks_and_emoji():
    link = wa_link("+62 812-3456-7890", "Halo kak,\nterima kasih 🙏 & sampai jumpa?")
    assert link == ("https://wa.me/6281234567890?text=Halo%20kak%2C%0Aterima%20kasih%20%F0%9F%99%8F%20%26%20"
                    "sampai%20jumpa%3F")
