"""Conversations from the customer's side (open, write, rate) and their status and assignment."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.files import File
from django.db import transaction
from django.utils import timezone

from bookings import permissions
from bookings.models import Booking, Customer
from bookings.services.payment import proof_file_name
from support import abuse
from support import permissions as desk
from support.errors import (
    AlreadyRated,
    EmptyMessage,
    IllegalStatus,
    NotForCustomers,
    NotRateable,
    NotYourBooking,
    TooManyMessages,
)
from support.models import Conversation, ConversationStatus, Message, MessageKind
from support.models.conversation import UNSOLVED
from talents.models import Talent

from .abuse import propose_ban_if_repeated
from .notices import tell_agent
from .shifts import pick_agent

NEXT = {
    ConversationStatus.OPEN: {ConversationStatus.WAITING, ConversationStatus.SOLVED},
    ConversationStatus.WAITING: {ConversationStatus.OPEN, ConversationStatus.SOLVED},
    ConversationStatus.SOLVED: {ConversationStatus.OPEN},
}


def profile_of(user: AbstractBaseUser) -> tuple[Customer | None, Talent | None]:
    customer = Customer.objects.filter(user=user).first()
    talent = None if customer else Talent.objects.filter(user=user).first()
    return customer, talent


def _own_booking(booking: Booking | None, customer: Customer | None, talent: Talent | None) -> None:
    if booking is None:
        return
    if customer is not None and booking.customer_id == customer.pk:
        return
    if talent is not None and booking.talent_id == talent.pk:
        return
    raise NotYourBooking()


def _check_rate(user: AbstractBaseUser, customer: Customer | None, at: datetime) -> None:
    """A banned customer may still write (to appeal), a few messages a day."""
    if customer is None or not customer.is_banned:
        return
    limit = settings.SUPPORT_BANNED_MESSAGES_PER_DAY
    sent = Message.objects.filter(author=user, kind=MessageKind.CUSTOMER, created_at__gt=at - timedelta(days=1)).count()
    if sent >= limit:
        raise TooManyMessages(limit=limit)


def open_conversation(
    *,
    user: AbstractBaseUser,
    category: str,
    body: str,
    booking: Booking | None = None,
    image: File | None = None,
    at: datetime | None = None,
) -> tuple[Conversation, bool]:
    """Start a conversation, assigned to the on-shift agent with the fewest open ones.

    A second unsolved conversation of the same person about the same booking is the first one
    again: the message joins it. Returns (conversation, merged).
    """
    at = at or timezone.now()
    customer, talent = profile_of(user)
    if customer is None and talent is None:
        raise NotForCustomers()
    _own_booking(booking, customer, talent)
    if not body.strip():
        raise EmptyMessage()
    _check_rate(user, customer, at)
    with transaction.atomic():
        if booking is not None:
            existing = (
                Conversation.objects.select_for_update()
                .filter(requester=user, booking=booking, status__in=UNSOLVED)
                .order_by("created_at").first()
            )
            if existing is not None:
                _write(existing, user, body, image, at)
                return existing, True
        conversation = Conversation.objects.create(
            requester=user, customer=customer, talent=talent, booking=booking, category=category,
            assigned_to=pick_agent(at=at), created_at=at,
        )
        _write(conversation, user, body, image, at)
    return conversation, False


def post_customer_message(
    *, conversation: Conversation, user: AbstractBaseUser, body: str, image: File | None = None,
    at: datetime | None = None,
) -> Message:
    """The customer writes again; a solved or waiting conversation opens again."""
    at = at or timezone.now()
    if conversation.requester_id != user.pk:
        raise NotForCustomers()
    if not body.strip():
        raise EmptyMessage()
    _check_rate(user, conversation.customer, at)
    with transaction.atomic():
        conversation = Conversation.objects.select_for_update().get(pk=conversation.pk)
        return _write(conversation, user, body, image, at)


def _write(conversation: Conversation, user: AbstractBaseUser, body: str, image: File | None, at: datetime) -> Message:
    verdict = abuse.check(body, abuse.current_lexicon())
    message = Message(
        conversation=conversation, author=user, kind=MessageKind.CUSTOMER, body=body.replace("\x00", ""),
        flagged=verdict.flagged, matched=verdict.matched,
        masked_body=abuse.mask(body, verdict) if verdict.flagged else "",
        recipient_agent_id=conversation.assigned_to_id, created_at=at,
    )
    if image is not None:
        message.image.save(proof_file_name(image), image, save=False)
    message.save()
    conversation.status = ConversationStatus.OPEN
    conversation.solved_at = None
    conversation.waiting_since = conversation.waiting_since or at
    conversation.flagged = conversation.flagged or message.flagged
    conversation.preview = message.safe_text[:160]
    conversation.save(update_fields=["status", "solved_at", "waiting_since", "flagged", "preview"])
    if message.flagged and conversation.customer_id:
        propose_ban_if_repeated(customer=conversation.customer, at=at)
    tell_agent(conversation=conversation, message=message)
    return message


def set_status(*, conversation: Conversation, agent: AbstractBaseUser, status: str,
               at: datetime | None = None) -> Conversation:
    permissions.require(agent, desk.ANSWER)
    at = at or timezone.now()
    with transaction.atomic():
        conversation = Conversation.objects.select_for_update().get(pk=conversation.pk)
        if conversation.status == status:
            return conversation
        if status not in NEXT.get(conversation.status, set()):
            raise IllegalStatus(current=conversation.get_status_display(),
                                target=ConversationStatus(status).label if status in ConversationStatus.values
                                else status)
        conversation.status = status
        fields = ["status"]
        if status == ConversationStatus.SOLVED:
            conversation.solved_at, conversation.waiting_since = at, None
            fields += ["solved_at", "waiting_since"]
        conversation.save(update_fields=fields)
        Message.objects.create(conversation=conversation, author=agent, kind=MessageKind.SYSTEM, created_at=at,
                               body=str(ConversationStatus(status).label))
    return conversation


def assign_conversation(*, conversation: Conversation, agent: AbstractBaseUser | None, by: AbstractBaseUser,
                        at: datetime | None = None) -> Conversation:
    permissions.require(by, desk.ANSWER)
    at = at or timezone.now()
    updated = Conversation.objects.filter(pk=conversation.pk).exclude(assigned_to=agent).update(assigned_to=agent)
    if updated:
        Message.objects.create(conversation_id=conversation.pk, author=by, kind=MessageKind.SYSTEM, created_at=at,
                               body=f"→ {agent.get_username() if agent else '—'}")
    conversation.refresh_from_db(fields=["assigned_to"])
    return conversation


def rate_conversation(*, conversation: Conversation, user: AbstractBaseUser, score: int, comment: str = "",
                      at: datetime | None = None) -> Conversation:
    """Once, after it is solved, and never where abuse was flagged (we do not ask the abuser)."""
    at = at or timezone.now()
    if conversation.requester_id != user.pk:
        raise NotForCustomers()
    if not 1 <= int(score) <= 5:
        raise NotRateable()
    with transaction.atomic():
        conversation = Conversation.objects.select_for_update().get(pk=conversation.pk)
        if conversation.rating is not None:
            raise AlreadyRated()
        if not conversation.may_be_rated:
            raise NotRateable()
        conversation.rating, conversation.rating_comment, conversation.rated_at = int(score), comment.strip(), at
        conversation.save(update_fields=["rating", "rating_comment", "rated_at"])
    return conversation
