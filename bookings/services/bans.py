"""Banning and unbanning a customer. A ban follows the person and every number they have used.

Lock order, shared with `create_booking` (talent, customer, bookings) and `update_customer_profile`
(customer): the customer rows first, in id order, then their bookings. So a number change or a
booking racing a ban either commits before the ban sees it (and is undone by it) or waits for the
ban and is refused.
"""

from __future__ import annotations

from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from bookings import notices, permissions
from bookings.errors import ReasonRequired
from bookings.models import Ban, Booking, Customer, CustomerNumber
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
        customers = _lock_customer_and_accounts_sharing_numbers(customer)
        customer = customers[0]
        ban = Ban.objects.in_force().on_customer(customer).first()
        if ban is None:
            try:
                with transaction.atomic():
                    ban = Ban.objects.create(
                        whatsapp=customer.whatsapp, customer=customer, reason=reason.strip(), created_by=staff
                    )
            except IntegrityError:  # another staff member banned this number a moment ago
                ban = Ban.objects.in_force().get(whatsapp=customer.whatsapp)
        # The customer reads the cancel reason; the ban's own reason (which may quote the number they
        # abused) stays with staff, so a ban is never refused for what its reason says.
        cancel_reason = _("Account suspended for breaking the session rules.")
        for booking in open_bookings_of_customers([c.pk for c in customers], at=at):
            cancel_booking_by_staff(booking=booking, staff=staff, reason=cancel_reason, at=at)
        notices.customer_banned(ban)
    return ban


def _lock_customer_and_accounts_sharing_numbers(customer: Customer) -> list[Customer]:
    """Lock the customer, then every other account that has used one of their numbers, in id order.

    Returns the customer first. The accounts sharing a number are banned with them, so their
    bookings are cancelled too.
    """
    numbers = CustomerNumber.objects.filter(customer_id=customer.pk).values("whatsapp")
    linked = CustomerNumber.objects.filter(whatsapp__in=numbers).values("customer_id")
    locked = list(Customer.objects.select_for_update().filter(pk__in=linked).order_by("pk"))
    if not any(c.pk == customer.pk for c in locked):  # a customer row with no number history yet
        locked = list(Customer.objects.select_for_update().filter(pk=customer.pk)) + locked
    return sorted(locked, key=lambda c: c.pk != customer.pk)


def open_bookings_of_customers(customer_ids: list[int], *, at: datetime) -> list[Booking]:
    """Bookings of these accounts still to happen: unpaid, waiting, or confirmed and not yet over."""
    return list(
        Booking.objects.filter(customer_id__in=customer_ids, status__in=HOLDING, ends_at__gt=at).order_by("pk")
    )


def unban_customer(*, customer: Customer, staff: AbstractBaseUser, reason: str, at: datetime | None = None) -> bool:
    """Lift the ban in force on the customer's number. Returns False when there was none."""
    permissions.require(staff, permissions.BAN_CUSTOMER)
    at = at or timezone.now()
    if not reason.strip():
        raise ReasonRequired()
    # The bans on this account or its current number; a ban on another account that shares a number
    # with this one is lifted on that account's page.
    own = Q(customer_id=customer.pk) | Q(whatsapp=customer.whatsapp)
    lifted = Ban.objects.in_force().filter(own).update(lifted_at=at, lifted_by=staff, lift_reason=reason.strip())
    return bool(lifted)
