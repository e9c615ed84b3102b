"""Merging, the banned customer's rate, assignment by shift and load, hand-over, overdue, ratings."""

from __future__ import annotations

from datetime import time, timedelta

import pytest
import time_machine

from bookings.models import Ban
from support import figures
from support.errors import AlreadyRated, NotRateable, TooManyMessages
from support.models import Conversation, ConversationStatus, Message, MessageKind, Shift
from support.services import (
    hand_over_shift,
    open_conversation,
    pick_agent,
    post_customer_message,
    rate_conversation,
    reply,
    set_status,
)
from tests.conftest import wib
from tests.factories import CustomerFactory

from .conftest import on_shift


def test_a_second_open_conversation_on_the_same_booking_merges_into_the_first(customer, booking):
    first, merged = open_conversation(user=customer.user, category="payment", body="Halo", booking=booking)
    again, merged_again = open_conversation(user=customer.user, category="cancel_refund", body="Lagi", booking=booking)
    assert (merged, merged_again) == (False, True) and again == first
    assert list(first.messages.values_list("body", flat=True)) == ["Halo", "Lagi"]


def test_a_solved_conversation_does_not_swallow_a_new_one(customer, booking, agent):
    first, _ = open_conversation(user=customer.user, category="payment", body="Halo", booking=booking)
    set_status(conversation=first, agent=agent, status=ConversationStatus.SOLVED)
    second, merged = open_conversation(user=customer.user, category="payment", body="Baru", booking=booking)
    assert not merged and second != first


def test_a_banned_customer_can_still_write_a_few_messages_a_day(customer, staff, settings):
    settings.SUPPORT_BANNED_MESSAGES_PER_DAY = 2
    Ban.objects.create(whatsapp=customer.whatsapp, customer=customer, reason="abuse", created_by=staff)
    conversation, _ = open_conversation(user=customer.user, category="other", body="Saya mau banding")
    post_customer_message(conversation=conversation, user=customer.user, body="Tolong")
    with pytest.raises(TooManyMessages):
        post_customer_message(conversation=conversation, user=customer.user, body="Lagi")
    with time_machine.travel(wib(2026, 12, 2, 12, 1), tick=False):
        post_customer_message(conversation=conversation, user=customer.user, body="Besok boleh")


def test_an_unbanned_customer_has_no_limit(customer, settings):
    settings.SUPPORT_BANNED_MESSAGES_PER_DAY = 1
    conversation, _ = open_conversation(user=customer.user, category="other", body="1")
    for n in range(3):
        post_customer_message(conversation=conversation, user=customer.user, body=str(n))


def test_a_new_conversation_goes_to_the_on_shift_agent_with_fewest_open(customer, agent, other_agent, day_shift):
    on_shift(day_shift, agent, other_agent)
    busy, _ = open_conversation(user=CustomerFactory().user, category="other", body="x")
    assert busy.assigned_to == agent  # a tie: the first agent
    conversation, _ = open_conversation(user=customer.user, category="other", body="y")
    assert conversation.assigned_to == other_agent


def test_an_agent_off_shift_gets_nothing(customer, agent, other_agent, day_shift):
    on_shift(day_shift, agent)
    Shift.objects.get(starts=time(16)).agents.add(other_agent)
    conversation, _ = open_conversation(user=customer.user, category="other", body="x")
    assert conversation.assigned_to == agent


def test_a_shift_across_midnight_covers_both_sides_of_it(customer, agent, db):
    night = Shift.objects.create(name="Late", starts=time(22), ends=time(6))
    night.agents.add(agent)
    Shift.objects.exclude(pk=night.pk).delete()
    for moment, expected in [(wib(2026, 12, 1, 23, 30), agent), (wib(2026, 12, 2, 5, 59), agent),
                             (wib(2026, 12, 2, 6, 0), None), (wib(2026, 12, 1, 21, 59), None)]:
        assert pick_agent(at=moment) == expected, moment


def test_with_nobody_on_shift_a_conversation_waits_unassigned_and_the_landing_says_so(customer, db):
    conversation, _ = open_conversation(user=customer.user, category="other", body="x")
    assert conversation.assigned_to is None
    landing = figures.landing()
    assert landing.unassigned == 1 and landing.nobody_on_shift


def test_hand_over_gives_open_conversations_to_the_next_shift_with_a_note(customer, agent, other_agent, day_shift):
    on_shift(day_shift, agent)
    evening = on_shift(Shift.objects.get(starts=time(16)), other_agent)
    open_one, _ = open_conversation(user=customer.user, category="other", body="x")
    solved, _ = open_conversation(user=CustomerFactory().user, category="other", body="y")
    set_status(conversation=solved, agent=agent, status=ConversationStatus.SOLVED)
    handover = hand_over_shift(shift=day_shift, by=agent, note="Customer waits for refund ref")
    assert handover.next_shift == evening and handover.conversations == 1
    open_one.refresh_from_db()
    solved.refresh_from_db()
    assert open_one.assigned_to == other_agent and solved.assigned_to == agent
    note = open_one.messages.get(kind=MessageKind.NOTE)
    assert "Customer waits for refund ref" in note.body


def test_hand_over_needs_a_note(agent, day_shift):
    from bookings.errors import ReasonRequired

    with pytest.raises(ReasonRequired):
        hand_over_shift(shift=day_shift, by=agent, note=" ")


def test_no_first_reply_after_15_minutes_is_overdue(customer, agent, settings):
    settings.SUPPORT_FIRST_REPLY_MINUTES = 15
    conversation, _ = open_conversation(user=customer.user, category="other", body="x")
    opened = conversation.created_at
    with time_machine.travel(opened + timedelta(minutes=14, seconds=59), tick=False):
        assert figures.landing().overdue == 0
    with time_machine.travel(opened + timedelta(minutes=15), tick=False):
        assert figures.landing().overdue == 1
        reply(conversation=conversation, agent=agent, body="Halo")
        assert figures.landing().overdue == 0


def test_the_inbox_puts_the_longest_waiting_first(customer, agent):
    first, _ = open_conversation(user=customer.user, category="other", body="x")
    with time_machine.travel(wib(2026, 12, 1, 12, 5), tick=False):
        second, _ = open_conversation(user=CustomerFactory().user, category="other", body="y")
        reply(conversation=first, agent=agent, body="answered")
    with time_machine.travel(wib(2026, 12, 1, 12, 10), tick=False):
        post_customer_message(conversation=first, user=customer.user, body="more")
    assert list(Conversation.objects.inbox_order()) == [second, first]


def test_a_solved_conversation_is_rated_once(customer, agent):
    conversation, _ = open_conversation(user=customer.user, category="other", body="x")
    with pytest.raises(NotRateable):
        rate_conversation(conversation=conversation, user=customer.user, score=5)
    set_status(conversation=conversation, agent=agent, status=ConversationStatus.SOLVED)
    rate_conversation(conversation=conversation, user=customer.user, score=4, comment="Cepat")
    with pytest.raises(AlreadyRated):
        rate_conversation(conversation=conversation, user=customer.user, score=1)
    conversation.refresh_from_db()
    assert (conversation.rating, conversation.rating_comment) == (4, "Cepat")


def test_no_rating_is_asked_after_abuse(client, customer, agent):
    conversation, _ = open_conversation(user=customer.user, category="other", body="admin goblok")
    set_status(conversation=conversation, agent=agent, status=ConversationStatus.SOLVED)
    client.force_login(customer.user)
    from django.urls import reverse

    page = client.get(reverse("support:conversation", args=[conversation.pk])).content.decode()
    assert 'id="rate"' not in page
    with pytest.raises(NotRateable):
        rate_conversation(conversation=conversation, user=customer.user, score=5)


def test_first_reply_solve_abuse_and_rating_per_agent_and_week(customer, agent):
    conversation, _ = open_conversation(user=customer.user, category="other", body="x")
    conversation.assigned_to = agent
    conversation.save()
    post_customer_message(conversation=conversation, user=customer.user, body="b4ngs4t")
    with time_machine.travel(wib(2026, 12, 1, 12, 10), tick=False):
        reply(conversation=conversation, agent=agent, body="Halo")
    with time_machine.travel(wib(2026, 12, 1, 13), tick=False):
        set_status(conversation=conversation, agent=agent, status=ConversationStatus.SOLVED)
    row = next(r for r in figures.weekly() if r.agent_id == agent.pk)
    assert row.first_reply == timedelta(minutes=10) and row.to_solve == timedelta(hours=1)
    assert row.abuse == 1 and row.conversations == 1
    assert Message.objects.filter(recipient_agent=agent, flagged=True).count() == 1
