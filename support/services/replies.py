"""What agents write: replies (one or many at once), internal notes, and the WhatsApp hand-off."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from bookings import permissions
from notifications.services import record_whatsapp
from sleepcall.wa_me import wa_link
from support import permissions as desk
from support.errors import EmptyMessage, NeedsWhatsApp
from support.models import CannedReply, Conversation, ConversationStatus, Message, MessageKind

from .canned import fill_canned
from .notices import tell_customer


def _answered(conversation: Conversation, message: Message, at: datetime) -> None:
    """A reply (on the site or on WhatsApp) answers the customer: the wait ends, the first reply counts."""
    conversation.first_reply_at = conversation.first_reply_at or at
    conversation.waiting_since = None
    conversation.preview = message.safe_text[:160]
    fields = ["first_reply_at", "waiting_since", "preview"]
    if conversation.status == ConversationStatus.OPEN:
        conversation.status = ConversationStatus.WAITING
        fields.append("status")
    if conversation.assigned_to_id is None:  # whoever answers an unassigned conversation takes it
        conversation.assigned_to_id = message.author_id
        fields.append("assigned_to")
    conversation.save(update_fields=fields)


def _count_use(canned: CannedReply | None, times: int = 1) -> None:
    if canned is not None:
        CannedReply.objects.filter(pk=canned.pk).update(use_count=F("use_count") + times)


def reply(*, conversation: Conversation, agent: AbstractBaseUser, body: str, canned: CannedReply | None = None,
          at: datetime | None = None) -> Message:
    """The agent answers; the customer is told (with a link to the thread)."""
    permissions.require(agent, desk.ANSWER)
    at = at or timezone.now()
    body = body.replace("\x00", "").strip()
    if not body:
        raise EmptyMessage()
    with transaction.atomic():
        conversation = Conversation.objects.select_for_update().get(pk=conversation.pk)
        message = Message.objects.create(conversation=conversation, author=agent, kind=MessageKind.STAFF, body=body,
                                         canned_reply=canned, created_at=at)
        _answered(conversation, message, at)
        _count_use(canned)
        tell_customer(conversation=conversation, message=message)
    return message


def bulk_reply(*, conversations: Iterable[Conversation], agent: AbstractBaseUser, canned: CannedReply,
               at: datetime | None = None) -> int:
    """One canned reply to many (a flood), filled for each customer; solved conversations are left alone."""
    permissions.require(agent, desk.ANSWER)
    at = at or timezone.now()
    sent = 0
    with transaction.atomic():
        ids = [c.pk for c in conversations]
        locked = (
            Conversation.objects.select_for_update(of=("self",))
            .filter(pk__in=ids).exclude(status=ConversationStatus.SOLVED)
            .select_related("customer", "talent", "booking__talent").order_by("pk")
        )
        for conversation in locked:
            body = fill_canned(canned=canned, conversation=conversation, agent=agent)
            message = Message.objects.create(conversation=conversation, author=agent, kind=MessageKind.STAFF,
                                             body=body, canned_reply=canned, created_at=at)
            _answered(conversation, message, at)
            tell_customer(conversation=conversation, message=message)
            sent += 1
        if sent:
            _count_use(canned, sent)
    return sent


def add_note(*, conversation: Conversation, agent: AbstractBaseUser, body: str, at: datetime | None = None) -> Message:
    """For the team only: the customer never sees a note."""
    permissions.require(agent, desk.ANSWER)
    body = body.replace("\x00", "").strip()
    if not body:
        raise EmptyMessage()
    return Message.objects.create(conversation=conversation, author=agent, kind=MessageKind.NOTE, body=body,
                                  created_at=at or timezone.now())


def reply_on_whatsapp(*, conversation: Conversation, agent: AbstractBaseUser, canned: CannedReply | None = None,
                      body: str = "", at: datetime | None = None) -> str:
    """Record the hand-off in the thread and give the wa.me link with the reply filled in."""
    permissions.require(agent, desk.ANSWER)
    at = at or timezone.now()
    person = conversation.customer or conversation.talent
    number = getattr(person, "whatsapp", None) or getattr(person, "contact_handle", None)
    if not number:
        raise NeedsWhatsApp()
    text = fill_canned(canned=canned, conversation=conversation, agent=agent) if canned else body.strip()
    with transaction.atomic():
        conversation = Conversation.objects.select_for_update().get(pk=conversation.pk)
        message = Message.objects.create(conversation=conversation, author=agent, kind=MessageKind.WHATSAPP,
                                         body=text, canned_reply=canned, created_at=at)
        _answered(conversation, message, at)
        _count_use(canned)
        record_whatsapp(to=conversation.requester, staff=agent, event="support_whatsapp", number=str(number),
                        text=text, key=f"support_whatsapp:{message.pk}", language=conversation.language)
    return wa_link(number, text)
