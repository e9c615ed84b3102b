"""Who hears of a message: the customer of each staff reply, the assigned agent of each new message.

Both go through the one outbox (notifications.services.notify), inside the event's transaction.
"""

from __future__ import annotations

from django.urls import reverse

from support.models import Category, Conversation, Message


def _notify(**kwargs) -> None:
    try:
        from notifications.services import notify
    except ImportError:  # the outbox lands on main separately; until then nothing is sent
        return
    notify(**kwargs)


def tell_customer(*, conversation: Conversation, message: Message) -> None:
    _notify(
        to=conversation.requester, event="support_reply", key=f"support_reply:{message.pk}",
        url=reverse("support:conversation", args=[conversation.pk]),
        context={"conversation_id": conversation.pk, "category": Category(conversation.category).label,
                 "text": message.body},
    )


def tell_agent(*, conversation: Conversation, message: Message) -> None:
    """Agents read the masked text: an insult is not delivered to their inbox in full."""
    if conversation.assigned_to_id is None:
        return
    _notify(
        to=conversation.assigned_to, event="support_message", key=f"support_message:{message.pk}",
        url=reverse("admin:support_conversation_change", args=[conversation.pk]),
        context={"conversation_id": conversation.pk, "category": Category(conversation.category).label,
                 "text": message.safe_text, "flagged": message.flagged},
    )
