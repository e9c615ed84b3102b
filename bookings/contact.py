"""The contact gate: the only way to learn a contact handle or whether a channel is open.

A talent may see the customer's number from the unblock lead time before the session, to unblock
it, until the end of the goodbye grace after it, to say goodbye and wait for the answer; channels
open only at `starts_at` and close at `ends_at`, for both sides: in the grace nothing is open and the
customer's page shows no contact. All of it is computed from the clock in the query. Every handle
shown through here is logged.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone

from bookings.models import Booking, ContactDisclosure, ContactGrant, Customer
from talents.models import Talent


@dataclass(frozen=True)
class StaffSight:
    """One number a staff page shows: a customer's (talent None) or a talent's."""

    handle: str
    customer: Customer | None = None
    talent: Talent | None = None


def talent_may_contact(*, talent: Talent, customer: Customer, channel: str, at: datetime | None = None) -> bool:
    """May this talent call / chat this customer now?"""
    return ContactGrant.objects.active(at=at).with_channel(channel).filter(talent=talent, customer=customer).exists()


def customer_may_contact(*, customer: Customer, talent: Talent, channel: str, at: datetime | None = None) -> bool:
    """May this customer call / chat this talent now? The same grant, seen from the other side."""
    return talent_may_contact(talent=talent, customer=customer, channel=channel, at=at)


def open_channels(*, grant: ContactGrant, at: datetime | None = None) -> frozenset[str]:
    at = at or timezone.now()
    return grant.channel_set if grant.is_active_at(at) else frozenset()


def customer_numbers_for_talent(
    *, talent: Talent, viewer: AbstractBaseUser, at: datetime | None = None
) -> dict[int, str]:
    """Customer numbers this talent may see now, by grant id: one query, one batch of log rows."""
    at = at or timezone.now()
    grants = list(ContactGrant.objects.disclosable(at=at).filter(talent=talent).select_related("customer"))
    _log(grants, viewer, ContactDisclosure.Subject.CUSTOMER, lambda g: g.customer.whatsapp, at)
    return {g.pk: str(g.customer.whatsapp) for g in grants}


def customer_numbers_among(
    grants: list[ContactGrant], *, viewer: AbstractBaseUser, at: datetime | None = None
) -> dict[int, str]:
    """The same answer as `customer_numbers_for_talent` for one talent's grants already read with
    their customers' numbers (Today, annotated `customer_whatsapp`): the gate's rule applied to
    them, no second query, the same log rows."""
    at = at or timezone.now()
    shown = [g for g in grants if g.is_disclosable_at(at)]
    _log(shown, viewer, ContactDisclosure.Subject.CUSTOMER, lambda g: g.customer_whatsapp, at)
    return {g.pk: str(g.customer_whatsapp) for g in shown}


def disclose_customer_number(
    *, talent: Talent, customer: Customer, viewer: AbstractBaseUser, at: datetime | None = None
) -> str | None:
    at = at or timezone.now()
    grant = ContactGrant.objects.disclosable(at=at).filter(talent=talent, customer=customer).first()
    if grant is None:
        return None
    _log([grant], viewer, ContactDisclosure.Subject.CUSTOMER, lambda g: customer.whatsapp, at)
    return str(customer.whatsapp)


def talent_contact_for_booking(
    *, booking: Booking, viewer: AbstractBaseUser, at: datetime | None = None
) -> tuple[str, frozenset[str]] | None:
    """The talent's work number and the open channels, only while the booking's grant is active.

    None in the goodbye grace too: the talent says goodbye then; the customer has no channel left.
    """
    at = at or timezone.now()
    grant = ContactGrant.objects.active(at=at).filter(booking=booking).select_related("talent").first()
    if grant is None:
        return None
    _log([grant], viewer, ContactDisclosure.Subject.TALENT, lambda g: g.talent.contact_handle, at)
    return str(grant.talent.contact_handle), grant.channel_set


def _log(grants: list[ContactGrant], viewer: AbstractBaseUser, subject: str, handle, at: datetime) -> None:
    """One row per grant, viewer, number and minute: the first sight in a minute is kept, a refresh
    within it adds nothing (ON CONFLICT DO NOTHING, one statement)."""
    if grants:
        minute = at.replace(second=0, microsecond=0)
        ContactDisclosure.objects.bulk_create(
            (ContactDisclosure(grant=g, viewer=viewer, subject=subject, handle=str(handle(g)), at=at, minute=minute)
             for g in grants),
            ignore_conflicts=True,
        )


def log_staff_views(*, viewer: AbstractBaseUser, place: str, shown: Iterable[StaffSight],
                    at: datetime | None = None) -> int:
    """Numbers a staff page showed: one log row each, in one query, naming the page."""
    at = at or timezone.now()
    rows = [
        ContactDisclosure(
            viewer=viewer, customer=sight.customer, talent=sight.talent, handle=str(sight.handle)[:32],
            subject=ContactDisclosure.Subject.CUSTOMER if sight.talent is None else ContactDisclosure.Subject.TALENT,
            place=place[:120], at=at,
        )
        for sight in shown if sight.handle
    ]
    ContactDisclosure.objects.bulk_create(rows)
    return len(rows)
