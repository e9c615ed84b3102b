"""A talent's report of abuse by a customer, and the staff decision on it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sleepcall.contact_handles import validate_no_contact_handle


class ReportCategory(models.TextChoices):
    HARASSMENT = "harassment", _("Harassment")
    SEXUAL_HARASSMENT = "sexual_harassment", _("Sexual harassment")
    INSULTS = "insults", _("Insults / anger")
    THREATS = "threats", _("Threats")
    OUTSIDE_CONTACT = "outside_contact", _("Asks for contact outside sessions")
    SPAM = "spam", _("Spam")
    OTHER = "other", _("Other")


class ReportStatus(models.TextChoices):
    UNDER_REVIEW = "under_review", _("Under review")
    DISMISSED = "dismissed", _("Dismissed")
    WARNED = "warned", _("Customer warned")
    BANNED = "banned", _("Customer banned")


class Report(models.Model):
    booking = models.ForeignKey(
        "bookings.Booking", on_delete=models.PROTECT, related_name="reports", verbose_name=_("booking")
    )
    talent = models.ForeignKey(
        "talents.Talent", on_delete=models.PROTECT, related_name="reports", verbose_name=_("talent")
    )
    customer = models.ForeignKey(
        "bookings.Customer", on_delete=models.PROTECT, related_name="reports", verbose_name=_("customer")
    )
    category = models.CharField(_("category"), max_length=20, choices=ReportCategory.choices)
    description = models.TextField(_("what happened"))
    status = models.CharField(
        _("status"), max_length=15, choices=ReportStatus.choices, default=ReportStatus.UNDER_REVIEW, db_index=True
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    # The talent reads it: no contact handle may ride along. (The description is read by staff only.)
    decision_note = models.TextField(_("decision note"), blank=True, validators=[validate_no_contact_handle])

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        permissions = [("decide_report", _("Can decide on a talent's report"))]

    def __str__(self) -> str:
        return f"{self.get_category_display()} — {self.customer} ({self.get_status_display()})"
