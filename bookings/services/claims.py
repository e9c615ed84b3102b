"""'I'm on it': a verifier claims a waiting payment so two verifiers never work the same row."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Q
from django.utils import timezone

from bookings.errors import ClaimedByOther, IllegalTransition
from bookings.models import Payment
from bookings.models.payment import PaymentStatus

from .. import permissions


def claim_payment(*, payment: Payment, staff: AbstractBaseUser, at: datetime | None = None) -> Payment:
    """Claim (or renew one's own claim on) a waiting payment for SLEEPCALL_CLAIM_MINUTES.

    One conditional UPDATE: of two verifiers claiming at once, the database lets exactly one through.
    """
    permissions.require(staff, permissions.VERIFY_PAYMENT)
    at = at or timezone.now()
    free = Q(claimed_by=None) | Q(claimed_until__lte=at) | Q(claimed_by=staff)
    until = at + timedelta(minutes=settings.SLEEPCALL_CLAIM_MINUTES)
    won = Payment.objects.filter(free, pk=payment.pk, status=PaymentStatus.SUBMITTED).update(
        claimed_by=staff, claimed_until=until
    )
    payment = Payment.objects.select_related("claimed_by").get(pk=payment.pk)
    if not won:
        if payment.status != PaymentStatus.SUBMITTED:
            raise IllegalTransition(current=payment.get_status_display(), target=PaymentStatus.SUBMITTED.label)
        raise claimed_error(payment)
    return payment


def release_claim(*, payment: Payment, staff: AbstractBaseUser) -> None:
    """The verifier lets the row go before the claim lapses."""
    Payment.objects.filter(pk=payment.pk, claimed_by=staff).update(claimed_by=None, claimed_until=None)


def claimed_error(payment: Payment) -> ClaimedByOther:
    return ClaimedByOther(
        who=payment.claimed_by.get_username() if payment.claimed_by else "?", booking=payment.booking_id,
        until=timezone.localtime(payment.claimed_until).strftime("%H:%M"),
    )


def refuse_if_claimed_by_other(payment: Payment, staff: AbstractBaseUser, at: datetime) -> None:
    """A decision on a row another verifier holds is refused (call with the payment row locked)."""
    if payment.claim_held_by_other(staff, at):
        raise claimed_error(payment)
