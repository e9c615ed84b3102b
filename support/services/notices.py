"""Who hears of the desk: the customer of each staff reply, the assigned agent of each new message,
and the staff who ban of a ban proposal. All through the one outbox, inside the event's transaction."""

from __future__ import annotations

from django.urls import reverse

from bookings import permissions
from notifications.services import notify, notify_staff
from support.models import BanProposal, Category, Conversation, Message


def _name(conversation: Conversation) -> str:
    person = conversation.customer or conversation.talent
    return person.display_name if person else ""


def tell_customer(*, conversation: Conversation, message: Message) -> None:
    notify(
        to=conversation.requester, event="support_reply", key=f"support_reply:{message.pk}",
        url=reverse("support:conversation", args=[conversation.pk]),
        context={"conversation_id": conversation.pk, "category": Category(conversation.category).label,
                 "name": _name(conversation), "text": message.body},
    )


def tell_agent(*, conversation: Conversation, message: Message) -> None:
    """Agents read the masked text: an insult is not delivered to their inbox in full."""
    if conversation.assigned_to_id is None:
        return
    notify(
        to=conversation.assigned_to, event="support_message", key=f"support_message:{message.pk}",
        url=reverse("admin:support_conversation_change", args=[conversation.pk]),
        context={"conversation_id": conversation.pk, "category": Category(conversation.category).label,
                 "text": message.safe_text, "flagged": message.flagged},
    )


def tell_ban_deciders(*, proposal: BanProposal) -> None:
    notify_staff(
        permission=permissions.BAN_CUSTOMER, event="support_ban_proposed", key=f"support_ban_proposed:{proposal.pk}",
        url=reverse("admin:support_banproposal_changelist") + "?status__exact=proposed",
        context={"customer": proposal.customer.display_name, "reason": proposal.reason},
    )
