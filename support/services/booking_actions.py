"""Booking actions from a conversation about a booking: each calls the booking core and notes it in the thread."""

from __future__ import annotations

from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from bookings import permissions
from bookings.models import BankAccount, Booking, Status
from bookings.services import cancel_booking_by_staff
from sleepcall.zones import zone_info
from support import permissions as desk
from support.errors import DeskError, NotAwaitingPayment
from support.models import Conversation, Message, MessageKind

from .replies import reply


def _booking_of(conversation: Conversation) -> Booking:
    if conversation.booking_id is None:
        raise DeskError(_("This conversation is not about a booking."))
    return conversation.booking


def cancel_booking_for_conversation(*, conversation: Conversation, agent: AbstractBaseUser, reason: str,
                                    at: datetime | None = None) -> Booking:
    """Cancel with refund through cancel_booking_by_staff (which checks the state and records the history)."""
    permissions.require(agent, permissions.CANCEL_BOOKING)
    at = at or timezone.now()
    with transaction.atomic():
        booking = cancel_booking_by_staff(booking=_booking_of(conversation), staff=agent, reason=reason, at=at)
        text = _("Booking #%(pk)s cancelled: %(reason)s.") % {"pk": booking.pk, "reason": reason.strip()}
        if booking.refund_amount:
            text += " " + _("Refund due: Rp %(amount)s.") % {"amount": f"{booking.refund_amount:,}".replace(",", ".")}
        Message.objects.create(conversation=conversation, author=agent, kind=MessageKind.SYSTEM, body=text,
                               created_at=at)
    return booking


def resend_payment_instructions(*, conversation: Conversation, agent: AbstractBaseUser,
                                at: datetime | None = None) -> Message:
    """Send the exact amount, the accounts and the deadline again, as a reply in the customer's language."""
    permissions.require(agent, desk.ANSWER)
    booking = _booking_of(conversation)
    if booking.status != Status.AWAITING_PAYMENT:
        raise NotAwaitingPayment()
    language = conversation.language
    with translation.override(language), timezone.override(zone_info(conversation.time_zone)):
        body = render_to_string("support/payment_instructions.txt", {
            "booking": booking, "accounts": BankAccount.objects.active(),
            "pay_path": reverse("pay", args=[booking.pk]),
        }).strip()
    return reply(conversation=conversation, agent=agent, body=body, at=at)
