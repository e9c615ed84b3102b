"""The lexicon sees through disguises and leaves fair sentences alone; flagged words are masked."""

from __future__ import annotations

import pytest
from django.urls import reverse

from notifications.models import Notification
from support.abuse import check, current_lexicon, mask
from support.models import BanProposal, LexiconWord, ProposalStatus
from support.services import decide_ban_proposal, mark_message, open_conversation, post_customer_message

from .conftest import on_shift

DISGUISED = [
    "ANJING LU", "a n j i n g", "anjiiing", "4nj1ng", "g0bl0k", "@njing", "an.jing kau", "dasar anjing",
    "kamu anjing", "b4ngs4t", "bangsaaat", "k o n t o l", "k0nt0l", "tolol!!!", "goblokk lu", "f*ck you",
    "fuuuck", "sh1t", "b!tch", "B.A.N.G.S.A.T", "dasar b@bi", "m3m3k", "anj ing lu", "you are a b1tch",
    "a.s.s.h.o.l.e", "b*ngsat", "(goblok)", "Admin GOBLOK!!", "dasar a-n-j-i-n-g", "t0l0l bgt", "Anjing!",
]
CLEAN = [
    "anjing saya sakit",
    "kata 'bangsat' itu kasar",
    "Kenapa talent bilang “tolol” ke saya?",
    "babi guling enak sekali",
    "monyet di kebun binatang lucu",
    "anjing kamu lucu banget",
    "Saya sudah transfer Rp 150.123 ke BCA",
    "Bisa ganti jam ke 22.30 WIB?",
    "Selamat malam kak, terima kasih banyak!!!",
    "setan merah menang semalam",
    "Nama saya Dick Sanders",
    "kodenya 4n1, tolong dicek",
]


@pytest.mark.parametrize("text", DISGUISED)
def test_a_disguised_insult_is_flagged(text):
    assert check(text).flagged, text


@pytest.mark.parametrize("text", CLEAN)
def test_a_fair_sentence_is_not_flagged(text):
    assert not check(text).flagged, (text, check(text).matched)


def test_masking_keeps_the_first_letter_only():
    verdict = check("dasar 4nj1ng, admin g0bl0k")
    assert mask("dasar 4nj1ng, admin g0bl0k", verdict) == "dasar 4*****, admin g*****"


def test_managers_add_words_in_the_admin(db):
    assert not check("kampungan lu", current_lexicon()).flagged
    LexiconWord.objects.create(word="kampungan")
    assert check("k4mpung4n lu", current_lexicon()).matched == ["kampungan"]


def test_a_flagged_message_is_stored_as_written_and_masked_in_the_inbox(client, customer, agent):
    conversation, _ = open_conversation(user=customer.user, category="other", body="admin g0bl0k lambat")
    message = conversation.messages.get()
    assert message.body == "admin g0bl0k lambat" and message.flagged and message.masked_body == "admin g***** lambat"
    client.force_login(agent)
    inbox = client.get(reverse("admin:support_conversation_changelist")).content.decode()
    assert "admin g***** lambat" in inbox and "g0bl0k" not in inbox
    page = client.get(reverse("admin:support_conversation_change", args=[conversation.pk])).content.decode()
    assert '<details class="desk-flagged"><summary>admin g***** lambat' in page  # collapsed behind "show message"


def test_the_agent_is_told_of_a_new_message_masked_when_flagged(customer, agent, day_shift):
    on_shift(day_shift, agent)
    conversation, _ = open_conversation(user=customer.user, category="other", body="b4ngs4t kalian")
    rows = Notification.objects.filter(recipient=agent, event="support_message")
    assert {row.channel for row in rows} == {"email", "site"}
    for row in rows:
        assert "b****** kalian" in row.body and "b4ngs4t" not in row.body and "b4ngs4t" not in row.subject
    post_customer_message(conversation=conversation, user=customer.user, body="maaf kak")
    assert Notification.objects.filter(recipient=agent, event="support_message", body__contains="maaf kak").exists()


def test_an_agent_marks_a_message_abusive_or_not_by_hand(customer, agent):
    conversation, _ = open_conversation(user=customer.user, category="other", body="kata 'bangsat' itu kasar")
    message = conversation.messages.get()
    assert not message.flagged
    mark_message(message=message, agent=agent, abusive=True)
    conversation.refresh_from_db()
    assert conversation.flagged and conversation.preview == "(hidden: marked abusive)"
    mark_message(message=message, agent=agent, abusive=False)
    conversation.refresh_from_db()
    assert not conversation.flagged and conversation.preview == "kata 'bangsat' itu kasar"


def test_repeated_abuse_proposes_a_ban_that_staff_decide(customer, agent, settings, booking):
    from bookings.models import Ban, Booking, Status

    settings.SUPPORT_ABUSE_BAN_AFTER = 2
    conversation, _ = open_conversation(user=customer.user, category="other", body="g0bl0k")
    assert not BanProposal.objects.exists()
    post_customer_message(conversation=conversation, user=customer.user, body="t0l0l")
    post_customer_message(conversation=conversation, user=customer.user, body="b4ngs4t")
    proposal = BanProposal.objects.get()
    assert proposal.customer == customer and proposal.status == ProposalStatus.PROPOSED
    assert Notification.objects.filter(recipient=agent, event="support_ban_proposed").exists()
    assert not Ban.objects.exists()
    decide_ban_proposal(proposal=proposal, staff=agent, ban=True, note="Insults to the desk")
    assert Ban.objects.in_force().filter(whatsapp=customer.whatsapp).exists()
    assert Booking.objects.get(pk=booking.pk).status == Status.CANCELLED


def test_a_verifier_cannot_decide_a_ban_proposal(customer, verifier, settings):
    from bookings.errors import NotPermitted

    proposal = BanProposal.objects.create(customer=customer, reason="x")
    with pytest.raises(NotPermitted):
        decide_ban_proposal(proposal=proposal, staff=verifier, ban=True, note="x")
