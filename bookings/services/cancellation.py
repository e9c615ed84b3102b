"""After payment a customer cannot cancel alone: they ask, with a reason, and staff decide by the policy."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bookings import notices
from bookings.errors import CancellationPending, IllegalTransition, NotPermitted, NotReschedulable, ReasonRequired
from bookings.models import Booking, BookingEvent, CancellationRequest, Customer, RequestStatus, Status
from bookings.models.payment import PaymentStatus

from .booking import cancel_booking_by_staff
from .transitions import lock_booking


def policy_refund(booking: Booking, *, at: datetime) -> int:
    """Full refund more than SLEEPCALL_CANCEL_FULL_REFUND_HOURS before the start, a share until the start,
    nothing once it has begun. Of the verified money, never more."""
    paid = sum(p.amount_claimed for p in booking.payments.filter(status=PaymentStatus.VERIFIED))
    if at >= booking.starts_at:
        return 0
    if booking.starts_at - at > timedelta(hours=settings.SLEEPCALL_CANCEL_FULL_REFUND_HOURS):
        return paid
    return paid * settings.SLEEPCALL_CANCEL_LATE_REFUND_PERCENT // 100


def request_cancellation(
    *, booking: Booking, customer: Customer, reason: str, at: datetime | None = None
) -> CancellationRequest:
    """Record the request and its refund by the policy now; the session stays on until staff decide."""
    at = at or timezone.now()
    reason = reason.strip()
    if not reason:
        raise ReasonRequired()
    with transaction.atomic():
        booking = lock_booking(booking.pk)
        if booking.customer_id != customer.pk:
            raise NotPermitted()
        if booking.status != Status.CONFIRMED or at >= booking.ends_at:
            raise NotReschedulable(_("Only a confirmed session that is not over can be cancelled on request."))
        if CancellationRequest.objects.filter(booking=booking, status=RequestStatus.PENDING).exists():
            raise CancellationPending()
        try:
            with transaction.atomic():
                request = CancellationRequest.objects.create(
                    booking=booking, reason=reason, requested_at=at, policy_refund=policy_refund(booking, at=at)
                )
        except IntegrityError as error:
            raise CancellationPending() from error
        BookingEvent.objects.create(
            booking=booking, actor=customer.user, from_status=booking.status, to_status=booking.status,
            reason=_("Cancellation requested: %(reason)s") % {"reason": reason}, at=at,
        )
        notices.cancellation_requested(request)
    return request


def decide_cancellation(
    *, request: CancellationRequest, staff: AbstractBaseUser, approve: bool, note: str = "",
    at: datetime | None = None,
) -> CancellationRequest:
    """Approve (cancel, refund by the policy at the time of asking) or decline (the session stays on)."""
    at = at or timezone.now()
    if not approve and not note.strip():
        raise ReasonRequired(_("Please tell the customer why the request is declined."))
    with transaction.atomic():
        booking = lock_booking(request.booking_id)
        request = CancellationRequest.objects.select_for_update().get(pk=request.pk)
        if request.status != RequestStatus.PENDING:
            wanted = RequestStatus.APPROVED if approve else RequestStatus.DECLINED
            if request.status == wanted:
                return request
            raise IllegalTransition(current=request.get_status_display(), target=wanted.label)
        if approve:
            reason = _("Customer's request: %(reason)s") % {"reason": request.reason}
            if note.strip():
                reason += f" ({note.strip()})"
            cancel_booking_by_staff(booking=booking, staff=staff, reason=reason, at=at,
                                    refund_limit=request.policy_refund)
        else:
            BookingEvent.objects.create(
                booking=booking, actor=staff, from_status=booking.status, to_status=booking.status,
                reason=_("Cancellation request declined: %(note)s") % {"note": note.strip()}, at=at,
            )
        request.status = RequestStatus.APPROVED if approve else RequestStatus.DECLINED
        request.decided_by, request.decided_at, request.decision_note = staff, at, note.strip()
        request.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
        if not approve:
            notices.cancellation_declined(request)
    return request
