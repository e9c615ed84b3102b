"""A talent's own "not with this customer again", chosen from a past session (or its report)."""

from __future__ import annotations

from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bookings.errors import BookingError, NotPermitted
from bookings.models import Booking, BookingEvent, ContactGrant, TalentExclusion
from bookings.models.grant import unblock_lead
from talents.models import Talent


class ExclusionNotPossible(BookingError):
    message = gettext_lazy("You can choose this only for a customer you have had a session with.")


def is_excluded(*, talent: Talent, customer_id: int) -> bool:
    return TalentExclusion.objects.filter(talent=talent, customer_id=customer_id).exists()


def exclude_customer(*, booking: Booking, talent: Talent, at: datetime | None = None) -> TalentExclusion:
    """From this session on, the customer cannot book this talent again; choosing twice changes nothing.

    Only for a session that took place (its number was shown), so a talent cannot shut out a
    customer they have never met. Staff decisions on reports never lift it.
    """
    at = at or timezone.now()
    if booking.talent_id != talent.pk or talent.user is None:
        raise NotPermitted()
    grant = ContactGrant.objects.filter(booking=booking).first()
    if grant is None or at < grant.starts_at - unblock_lead():
        raise ExclusionNotPossible()
    existing = TalentExclusion.objects.filter(talent=talent, customer_id=booking.customer_id).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            exclusion = TalentExclusion.objects.create(
                talent=talent, customer_id=booking.customer_id, booking=booking, created_by=talent.user, created_at=at
            )
            BookingEvent.objects.create(
                booking=booking, actor=talent.user, from_status=booking.status, to_status=booking.status,
                reason=_("The talent chose not to be booked by this customer again."), at=at,
            )
    except IntegrityError:  # the same choice from two tabs at once
        return TalentExclusion.objects.get(talent=talent, customer_id=booking.customer_id)
    return exclusion
