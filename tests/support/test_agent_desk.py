"""Agents in the admin: roles, the inbox, the flood reply, the conversation page and its actions."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bookings.models import Booking, Status
from bookings.models.booking import RefundStatus
from notifications.models import Notification
from support.models import CannedReply, Conversation, ConversationStatus, Message, MessageKind
from support.services import open_conversation, reply
from tests.factories import CustomerFactory

INBOX = "admin:support_conversation_changelist"


def _act(client, conversation, **data):
    return client.post(reverse("admin:support_conversation_act", args=[conversation.pk]), data)


def test_cs_agents_see_the_desk_but_not_payment_decisions(client, agent, customer):
    from bookings import permissions

    conversation, _ = open_conversation(user=customer.user, category="payment", body="x")
    client.force_login(agent)
    assert client.get(reverse(INBOX)).status_code == 200
    assert client.get(reverse("admin:support_conversation_change", args=[conversation.pk])).status_code == 200
    assert not agent.has_perm(permissions.VERIFY_PAYMENT) and not agent.has_perm(permissions.REFUND_BOOKING)
    assert not agent.has_perm(permissions.OVERRIDE_PARTIAL)


def test_payment_verifiers_do_not_see_the_desk(client, verifier, customer):
    conversation, _ = open_conversation(user=customer.user, category="payment", body="x")
    client.force_login(verifier)
    assert client.get(reverse(INBOX)).status_code == 403
    assert client.get(reverse("admin:support_conversation_change", args=[conversation.pk])).status_code == 403
    assert _act(client, conversation, action="reply", body="hi").status_code == 403
    message = conversation.messages.get()
    assert client.get(reverse("support:image", args=[conversation.pk, message.pk])).status_code == 403
    assert "desk-landing" not in client.get(reverse("admin:index")).content.decode()


def test_the_landing_counts_unassigned_with_nobody_on_shift_and_overdue(client, agent, customer):
    open_conversation(user=customer.user, category="payment", body="x")
    client.force_login(agent)
    page = client.get(reverse("admin:index")).content.decode()
    assert 'data-count="unassigned">1<' in page and 'data-flag="nobody-on-shift"' in page
    assert 'data-count="overdue">0<' in page


def _conversations(n: int) -> None:
    for index in range(n):
        open_conversation(user=CustomerFactory().user, category="payment", body=f"pesan {index}")


def _inbox_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse(INBOX)).status_code == 200
    return len(queries)


def test_the_inbox_costs_the_same_queries_for_5_and_50_conversations(client, agent):
    client.force_login(agent)
    _conversations(5)
    few = _inbox_queries(client)
    _conversations(45)
    assert _inbox_queries(client) == few


def test_the_inbox_filters_by_category_assignee_status_and_flag(client, agent, customer):
    conversation, _ = open_conversation(user=customer.user, category="payment", body="dasar g0bl0k")
    open_conversation(user=CustomerFactory().user, category="other", body="halo")
    client.force_login(agent)
    for query, count in [("?category__exact=payment", 1), ("?flagged__exact=1", 1), ("?state=solved", 0),
                         ("?state=all", 2), ("", 2)]:
        response = client.get(reverse(INBOX) + query)
        assert response.context["cl"].result_count == count, query


def test_a_flood_is_answered_with_one_canned_reply_filled_per_customer(client, agent):
    canned = CannedReply.objects.get(shortcut="kami-dengar")
    rina, dimas = CustomerFactory(display_name="Rina"), CustomerFactory(display_name="Dimas", language="en")
    first, _ = open_conversation(user=rina.user, category="payment", body="mana?")
    second, _ = open_conversation(user=dimas.user, category="payment", body="where?")
    client.force_login(agent)
    response = client.post(reverse(INBOX), {"action": "reply_with_canned", "canned": canned.pk,
                                            "_selected_action": [first.pk, second.pk]})
    assert response.status_code == 302
    assert first.messages.get(kind=MessageKind.STAFF).body.startswith("Halo kak Rina, kami dengar kakak")
    assert second.messages.get(kind=MessageKind.STAFF).body.startswith("Hi Dimas, we hear you")
    canned.refresh_from_db()
    assert canned.use_count == 2
    assert Conversation.objects.filter(status=ConversationStatus.WAITING).count() == 2
    assert Notification.objects.filter(recipient=rina.user, event="support_reply").exists()


def test_a_staff_reply_tells_the_customer_with_a_link_to_the_thread(customer, agent):
    conversation, _ = open_conversation(user=customer.user, category="payment", body="x")
    reply(conversation=conversation, agent=agent, body="Sudah masuk ya kak")
    rows = Notification.objects.filter(recipient=customer.user, event="support_reply")
    assert {row.channel for row in rows} == {"email", "site"}
    row = rows.get(channel="email")
    assert "Sudah masuk ya kak" in row.body
    assert row.url.endswith(reverse("support:conversation", args=[conversation.pk]))


def test_the_agent_page_shows_bookings_payments_and_ban_state(client, agent, customer, booking):
    conversation, _ = open_conversation(user=customer.user, category="payment", body="x", booking=booking)
    client.force_login(agent)
    page = client.get(reverse("admin:support_conversation_change", args=[conversation.pk])).content.decode()
    assert 'id="about-booking"' in page and f"#{booking.pk}" in page and "Not banned" in page
    assert "Resend payment instructions" in page and "Cancel with refund" in page


def test_reply_note_status_and_assignment_from_the_page(client, agent, other_agent, customer):
    conversation, _ = open_conversation(user=customer.user, category="other", body="x")
    client.force_login(agent)
    _act(client, conversation, action="note", body="check statement")
    _act(client, conversation, action="reply", body="Halo kak", solve="1")
    _act(client, conversation, action="assign", agent=other_agent.pk)
    conversation.refresh_from_db()
    assert conversation.status == ConversationStatus.SOLVED and conversation.assigned_to == other_agent
    assert conversation.first_reply_at is not None
    kinds = list(conversation.messages.values_list("kind", flat=True))
    assert kinds[:3] == [MessageKind.CUSTOMER, MessageKind.NOTE, MessageKind.STAFF]
    response = _act(client, conversation, action="status", status="nonsense")
    assert response.status_code == 302  # refused with a message, not a 500


def test_cancel_with_refund_from_the_conversation_calls_the_booking_core(client, agent, customer, talent, package):
    from tests.admin.conftest import waiting_payment

    payment = waiting_payment(customer, talent, package)
    paid = payment.booking
    conversation, _ = open_conversation(user=customer.user, category="cancel_refund", body="batal", booking=paid)
    client.force_login(agent)
    _act(client, conversation, action="cancel_booking", reason="Customer asked")
    paid.refresh_from_db()
    assert paid.status == Status.CANCELLED and paid.refund_status == RefundStatus.DUE
    assert conversation.messages.filter(kind=MessageKind.SYSTEM, body__contains="Refund due").exists()
    assert paid.events.filter(actor=agent, to_status=Status.CANCELLED).exists()


def test_a_cancel_without_a_reason_is_refused(client, agent, customer, booking):
    conversation, _ = open_conversation(user=customer.user, category="cancel_refund", body="batal", booking=booking)
    client.force_login(agent)
    _act(client, conversation, action="cancel_booking", reason=" ")
    assert Booking.objects.get(pk=booking.pk).status == Status.AWAITING_PAYMENT


def test_payment_instructions_are_resent_in_the_thread(client, agent, customer, booking):
    from bookings.models import BankAccount

    BankAccount.objects.create(bank="BCA", account_number="1234567890", holder="PT Sleep Call")
    conversation, _ = open_conversation(user=customer.user, category="payment", body="rekening?", booking=booking)
    client.force_login(agent)
    _act(client, conversation, action="resend_instructions")
    text = conversation.messages.get(kind=MessageKind.STAFF).body
    assert f"#{booking.pk}" in text and "BCA 1234567890" in text and "Rp 100." in text


def test_reply_on_whatsapp_opens_wa_me_with_the_filled_reply_and_records_it(client, agent, customer):
    canned = CannedReply.objects.get(shortcut="aturan")
    conversation, _ = open_conversation(user=customer.user, category="session", body="x")
    client.force_login(agent)
    response = _act(client, conversation, action="whatsapp", canned=canned.pk)
    digits = "".join(ch for ch in str(customer.whatsapp) if ch.isdigit())
    assert response.url.startswith(f"https://wa.me/{digits}?text=Halo%20kak%20")
    record = conversation.messages.get(kind=MessageKind.WHATSAPP)
    assert record.body.startswith(f"Halo kak {customer.display_name}")
    assert Notification.objects.filter(recipient=customer.user, channel="whatsapp", sent_by=agent).exists()


def test_another_conversations_message_cannot_be_marked_from_this_one(client, agent, customer):
    mine, _ = open_conversation(user=customer.user, category="other", body="x")
    other, _ = open_conversation(user=CustomerFactory().user, category="other", body="y")
    client.force_login(agent)
    message = other.messages.get()
    assert _act(client, mine, action="mark", message=message.pk, abusive="1").status_code == 404
    assert not Message.objects.get(pk=message.pk).flagged


@pytest.mark.parametrize("action", ["unknown", ""])
def test_an_unknown_action_is_a_404(client, agent, customer, action):
    conversation, _ = open_conversation(user=customer.user, category="other", body="x")
    client.force_login(agent)
    assert _act(client, conversation, action=action).status_code == 404


def test_the_figures_page_lists_agents_by_week(client, agent, customer):
    conversation, _ = open_conversation(user=customer.user, category="other", body="x")
    reply(conversation=conversation, agent=agent, body="y")
    client.force_login(agent)
    page = client.get(reverse("admin:support_conversation_figures")).content.decode()
    assert agent.username in page
