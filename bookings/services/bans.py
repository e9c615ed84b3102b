"""Banning and unbanning a customer. A ban follows the WhatsApp number, not only the account."""

from __future__ import annotations

from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bookings import notices, permissions
from bookings.errors import ReasonRequired
from bookings.models import Ban, Booking, Customer
from bookings.models.booking import HOLDING

from .booking import cancel_booking_by_staff


def ban_customer(*, customer: Customer, staff: AbstractBaseUser, reason: str, at: datetime | None = None) -> Ban:
    """Ban the customer's number and cancel their open bookings (refund due where money came in).

    Banning a number that is already banned changes nothing and returns the ban in force.
    All of it happens in one transaction: never a ban with bookings left running, nor the reverse.
    """
    permissions.require(staff, permissions.BAN_CUSTOMER)
    at = at or timezone.now()
    if not reason.strip():
        raise ReasonRequired()
    with transaction.atomic():
        ban = Ban.objects.in_force().filter(whatsapp=customer.whatsapp).first()
        if ban is not None:
            return ban
        try:
            with transaction.atomic():
                ban = Ban.objects.create(
                    whatsapp=customer.whatsapp, customer=customer, reason=reason.strip(), created_by=staff
                )
        except IntegrityError:  # another staff member banned this number a moment ago
            return Ban.objects.in_force().get(whatsapp=customer.whatsapp)
        cancel_reason = _("Customer banned: %(reason)s") % {"reason": reason.strip()}
        for booking in open_bookings_of_number(customer.whatsapp, at=at):
            cancel_booking_by_staff(booking=booking, staff=staff, reason=cancel_reason, at=at)
        notices.customer_banned(ban)
    return ban


def open_bookings_of_number(whatsapp, *, at: datetime) -> list[Booking]:
    """Bookings on this number still to happen: unpaid, waiting, or confirmed and not yet over."""
    return list(Booking.objects.filter(customer__whatsapp=whatsapp, status__in=HOLDING, ends_at__gt=at).order_by("pk"))


def unban_customer(*, customer: Customer, staff: AbstractBaseUser, reason: str, at: datetime | None = None) -> bool:
    """Lift the ban in force on the customer's number. Returns False when there was none."""
    permissions.require(staff, permissions.BAN_CUSTOMER)
    at = at or timezone.now()
    if not reason.strip():
        raise ReasonRequired()
    lifted = Ban.objects.in_force().filter(whatsapp=customer.whatsapp).update(
        lifted_at=at, lifted_by=staff, lift_reason=reason.strip()
    )
    return bool(lifted)
