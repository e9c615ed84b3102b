"""A customer's request to cancel a paid session; staff decide it under the refund policy."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for staff")
    APPROVED = "approved", _("Approved (cancelled)")
    DECLINED = "declined", _("Declined")


class CancellationRequest(models.Model):
    booking = models.ForeignKey(
        "bookings.Booking", on_delete=models.PROTECT, related_name="cancellation_requests", verbose_name=_("booking")
    )
    reason = models.TextField(_("customer's reason"))
    requested_at = models.DateTimeField(_("requested at"))
    # The refund the policy gives at the time of asking: staff may be slow, the customer keeps it.
    policy_refund = models.PositiveIntegerField(_("refund by the policy (Rp)"))
    status = models.CharField(
        _("status"), max_length=10, choices=RequestStatus.choices, default=RequestStatus.PENDING, db_index=True
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.TextField(_("staff note"), blank=True)

    class Meta:
        ordering = ["requested_at"]
        verbose_name = _("cancellation request")
        verbose_name_plural = _("cancellation requests")
        constraints = [
            models.UniqueConstraint(
                fields=["booking"], condition=Q(status="pending"), name="one_pending_cancellation_per_booking"
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.booking_id}: {self.get_status_display()}"
