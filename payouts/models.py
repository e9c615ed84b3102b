"""Talent payouts: a closed week, one line per talent, and the sessions and adjustments in each line.

A closed week is never edited: a session refunded after its week closed becomes a negative item in
the next week that closes. Each booking is paid at most once and taken back at most once.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class PayoutWeek(models.Model):
    starts_on = models.DateField(_("week of (Monday)"), unique=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("closed by"),
    )

    class Meta:
        ordering = ["-starts_on"]
        verbose_name = _("payout week")
        verbose_name_plural = _("payout weeks")
        permissions = [("close_payoutweek", _("Can close a payout week and mark payouts paid"))]
        constraints = [
            models.CheckConstraint(condition=Q(closed_at__isnull=True) | Q(closed_by__isnull=False),
                                   name="payout_week_closed_by_someone"),
        ]

    def __str__(self) -> str:
        return f"{self.starts_on:%Y-%m-%d} – {self.ends_on:%Y-%m-%d}"

    @property
    def ends_on(self) -> date:
        return self.starts_on + timedelta(days=6)


class PayoutLineQuerySet(models.QuerySet):
    def unpaid(self) -> PayoutLineQuerySet:
        return self.filter(paid_at__isnull=True)


class PayoutLine(models.Model):
    week = models.ForeignKey(PayoutWeek, on_delete=models.PROTECT, related_name="lines", verbose_name=_("week"))
    talent = models.ForeignKey(
        "talents.Talent", on_delete=models.PROTECT, related_name="payout_lines", verbose_name=_("talent")
    )
    sessions = models.PositiveIntegerField(_("sessions"))
    earned = models.IntegerField(_("earned (Rp)"))
    adjustments = models.IntegerField(_("adjustments (Rp)"), default=0)
    amount = models.IntegerField(_("to pay (Rp)"))
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)
    paid_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("paid by"),
    )
    reference = models.CharField(_("transfer reference"), max_length=100, blank=True)

    objects = PayoutLineQuerySet.as_manager()

    class Meta:
        ordering = ["-week__starts_on", "talent__display_name"]
        verbose_name = _("payout line")
        verbose_name_plural = _("payout lines")
        constraints = [
            models.UniqueConstraint(fields=["week", "talent"], name="one_payout_line_per_talent_and_week"),
            models.CheckConstraint(condition=Q(amount=models.F("earned") + models.F("adjustments")),
                                   name="payout_line_amount_sum"),
        ]

    def __str__(self) -> str:
        return f"{self.talent} · {self.week}"

    @property
    def is_paid(self) -> bool:
        return self.paid_at is not None


class ItemKind(models.TextChoices):
    SESSION = "session", _("session")
    ADJUSTMENT = "adjustment", _("refund after close")


class PayoutItem(models.Model):
    line = models.ForeignKey(PayoutLine, on_delete=models.PROTECT, related_name="items", verbose_name=_("line"))
    booking = models.ForeignKey(
        "bookings.Booking", on_delete=models.PROTECT, related_name="payout_items", verbose_name=_("booking")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=ItemKind.choices)
    amount = models.IntegerField(_("amount (Rp)"))

    class Meta:
        ordering = ["booking__starts_at"]
        verbose_name = _("payout item")
        verbose_name_plural = _("payout items")
        constraints = [
            models.UniqueConstraint(fields=["booking", "kind"], name="booking_paid_once_and_taken_back_once"),
        ]

    def __str__(self) -> str:
        return f"#{self.booking_id} {self.get_kind_display()} {self.amount}"
