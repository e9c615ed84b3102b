"""A talent's own "not with this customer again": the customer can no longer book that talent."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TalentExclusion(models.Model):
    """Independent of reports and their decisions: a staff warning or dismissal leaves it in place."""

    talent = models.ForeignKey(
        "talents.Talent", on_delete=models.PROTECT, related_name="exclusions", verbose_name=_("talent")
    )
    customer = models.ForeignKey(
        "bookings.Customer", on_delete=models.PROTECT, related_name="exclusions", verbose_name=_("customer")
    )
    booking = models.ForeignKey(
        "bookings.Booking", on_delete=models.PROTECT, related_name="+", verbose_name=_("from the session")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("chosen by")
    )
    created_at = models.DateTimeField(_("chosen at"))

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("talent's exclusion of a customer")
        verbose_name_plural = _("talents' exclusions of customers")
        constraints = [
            models.UniqueConstraint(fields=["talent", "customer"], name="one_exclusion_per_talent_and_customer"),
        ]

    def __str__(self) -> str:
        return f"{self.talent} ✕ {self.customer}"
