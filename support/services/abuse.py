"""Abuse on the desk: an agent's own verdict on a message, and bans proposed for staff to decide."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bookings import permissions
from bookings.errors import IllegalTransition, ReasonRequired
from bookings.models import Ban, Customer
from bookings.services import ban_customer
from support import permissions as desk
from support.models import BanProposal, Conversation, Message, MessageKind, ProposalStatus

from .notices import tell_ban_deciders


def mark_message(*, message: Message, agent: AbstractBaseUser, abusive: bool, at: datetime | None = None) -> Message:
    """An agent overrules the lexicon either way; the conversation stays flagged while any message is."""
    permissions.require(agent, desk.ANSWER)
    at = at or timezone.now()
    with transaction.atomic():
        message = Message.objects.select_for_update().get(pk=message.pk)
        if message.kind != MessageKind.CUSTOMER or message.flagged == abusive:
            return message
        message.flagged, message.flagged_by = abusive, agent
        if abusive and not message.masked_body:
            message.masked_body = _("(hidden: marked abusive)")
        message.save(update_fields=["flagged", "flagged_by", "masked_body"])
        conversation = message.conversation
        conversation.flagged = conversation.messages.filter(flagged=True).exists()
        last = conversation.messages.exclude(kind__in=[MessageKind.NOTE, MessageKind.SYSTEM]).last()
        conversation.preview = last.safe_text[:160] if last else ""
        conversation.save(update_fields=["flagged", "preview"])
        if abusive and conversation.customer_id:
            propose_ban_if_repeated(customer=conversation.customer, at=at)
    return message


def propose_ban_if_repeated(*, customer: Customer, at: datetime) -> BanProposal | None:
    """N flagged messages in M days (settings) propose a ban; a person on staff decides."""
    since = at - timedelta(days=settings.SUPPORT_ABUSE_BAN_DAYS)
    flagged = Message.objects.filter(
        conversation__customer=customer, kind=MessageKind.CUSTOMER, flagged=True, created_at__gte=since
    ).count()
    if flagged < settings.SUPPORT_ABUSE_BAN_AFTER:
        return None
    if Ban.objects.in_force().filter(whatsapp=customer.whatsapp).exists():
        return None
    if BanProposal.objects.filter(customer=customer, status=ProposalStatus.PROPOSED).exists():
        return None
    reason = _("%(count)s abusive messages to the desk in %(days)s days.") % {
        "count": flagged, "days": settings.SUPPORT_ABUSE_BAN_DAYS}
    try:
        with transaction.atomic():
            proposal = BanProposal.objects.create(customer=customer, reason=reason, created_at=at)
    except IntegrityError:  # proposed a moment ago by another message
        return None
    tell_ban_deciders(proposal=proposal)
    return proposal


def decide_ban_proposal(*, proposal: BanProposal, staff: AbstractBaseUser, ban: bool, note: str,
                        at: datetime | None = None) -> BanProposal:
    """Ban (through ban_customer, which cancels open bookings) or dismiss; needs the ban permission."""
    permissions.require(staff, permissions.BAN_CUSTOMER)
    if not note.strip():
        raise ReasonRequired()
    at = at or timezone.now()
    target = ProposalStatus.BANNED if ban else ProposalStatus.DISMISSED
    with transaction.atomic():
        proposal = BanProposal.objects.select_for_update().get(pk=proposal.pk)
        if proposal.status == target:
            return proposal
        if proposal.status != ProposalStatus.PROPOSED:
            raise IllegalTransition(current=proposal.get_status_display(), target=target.label)
        if ban:
            ban_customer(customer=proposal.customer, staff=staff, reason=note, at=at)
        proposal.status, proposal.decided_by, proposal.decided_at = target, staff, at
        proposal.decision_note = note.strip()
        proposal.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
    return proposal


def abusive_conversations_of(customer: Customer):
    return Conversation.objects.filter(customer=customer, flagged=True)
