"""Issuing and revoking contact grants: a mirrored pair, plus the talent's unblock/block ticks."""

from __future__ import annotations

from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone
from django.utils.translation import gettext_lazy

from bookings.errors import BookingError, NotPermitted
from bookings.models import Booking, ContactGrant
from talents.models import Talent


class NotDuringSession(BookingError):
    message = gettext_lazy("You can note that the customer wrote first only during the session or the goodbye.")


def issue_grant(*, booking: Booking, issued_by: AbstractBaseUser, at: datetime) -> ContactGrant:
    """One grant per confirmed booking, for exactly the session and the package's channels."""
    grant, _created = ContactGrant.objects.get_or_create(
        booking=booking,
        defaults={
            "talent_id": booking.talent_id,
            "customer_id": booking.customer_id,
            "channels": booking.channels,
            "starts_at": booking.starts_at,
            "ends_at": booking.ends_at,
            "issued_by": issued_by,
            "issued_at": at,
        },
    )
    return grant


def revoke_grant(*, grant: ContactGrant, by: AbstractBaseUser, reason: str, at: datetime | None = None) -> bool:
    """Stop a grant now. Returns False when it was already revoked (nothing changes)."""
    at = at or timezone.now()
    changed = ContactGrant.objects.filter(pk=grant.pk, revoked_at__isnull=True).update(
        revoked_at=at, revoked_by=by, revoke_reason=reason
    )
    if changed:
        grant.revoked_at, grant.revoked_by, grant.revoke_reason = at, by, reason
    return bool(changed)


def _own(grant: ContactGrant, talent: Talent) -> None:
    if grant.talent_id != talent.pk:
        raise NotPermitted()


def mark_unblocked(*, grant: ContactGrant, talent: Talent, at: datetime | None = None) -> bool:
    """The talent ticks 'unblocked'; recorded once."""
    _own(grant, talent)
    at = at or timezone.now()
    return bool(ContactGrant.objects.filter(pk=grant.pk, unblocked_at__isnull=True).update(unblocked_at=at))


def mark_blocked(*, grant: ContactGrant, talent: Talent, at: datetime | None = None) -> bool:
    """The talent ticks 'blocked again'; recorded once."""
    _own(grant, talent)
    at = at or timezone.now()
    return bool(ContactGrant.objects.filter(pk=grant.pk, blocked_at__isnull=True).update(blocked_at=at))


def mark_customer_wrote_first(*, grant: ContactGrant, talent: Talent, at: datetime | None = None) -> bool:
    """The talent notes that the customer opened the conversation; recorded once, with when and by whom."""
    _own(grant, talent)
    at = at or timezone.now()
    if not (grant.is_active_at(at) or grant.is_in_goodbye_grace_at(at)):
        raise NotDuringSession()
    changed = ContactGrant.objects.filter(pk=grant.pk, customer_wrote_first_at__isnull=True).update(
        customer_wrote_first_at=at, customer_wrote_first_by=talent.user
    )
    if changed:
        grant.customer_wrote_first_at, grant.customer_wrote_first_by = at, talent.user
    return bool(changed)
