"""Staff decisions on a talent's request to replace a leaked work number."""

from __future__ import annotations

from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from bookings import permissions
from bookings.errors import IllegalTransition
from talents.models import NumberChangeRequest, Talent

Status = NumberChangeRequest.Status


def approve_number_change(
    *, request: NumberChangeRequest, staff: AbstractBaseUser, at: datetime | None = None
) -> NumberChangeRequest:
    """The new number replaces the talent's work number at once; approving twice changes nothing."""
    return _decide(request, staff, Status.APPROVED, at)


def reject_number_change(
    *, request: NumberChangeRequest, staff: AbstractBaseUser, at: datetime | None = None
) -> NumberChangeRequest:
    """The talent keeps the current number; rejecting twice changes nothing."""
    return _decide(request, staff, Status.REJECTED, at)


def _decide(request: NumberChangeRequest, staff: AbstractBaseUser, target: str, at: datetime | None):
    permissions.require(staff, permissions.DECIDE_NUMBER_CHANGE)
    at = at or timezone.now()
    with transaction.atomic():
        talent = Talent.objects.select_for_update().get(pk=request.talent_id)
        request = NumberChangeRequest.objects.select_for_update().get(pk=request.pk)
        if request.status == target:
            return request
        if request.status != Status.PENDING:
            raise IllegalTransition(current=request.get_status_display(), target=Status(target).label)
        if target == Status.APPROVED:
            talent.contact_handle = request.new_number
            talent.save(update_fields=["contact_handle"])
        request.status, request.decided_by, request.decided_at = target, staff, at
        request.save(update_fields=["status", "decided_by", "decided_at"])
    return request
