"""Words managers add to the lexicon, and bans the desk proposes for staff to decide."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class LexiconWord(models.Model):
    """Added in the admin, on top of the files in support/lexicon/ (which hold the shipped list)."""

    word = models.CharField(_("word"), max_length=60, unique=True)
    ambiguous = models.BooleanField(
        _("has an innocent meaning"), default=False,
        help_text=_("Like 'anjing' (dog): flagged only when disguised or aimed at someone."),
    )
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["word"]
        verbose_name = _("lexicon word")
        verbose_name_plural = _("lexicon words")

    def __str__(self) -> str:
        return self.word


class ProposalStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    BANNED = "banned", _("Customer banned")
    DISMISSED = "dismissed", _("Dismissed")


class BanProposal(models.Model):
    customer = models.ForeignKey("bookings.Customer", on_delete=models.PROTECT, related_name="ban_proposals",
                                 verbose_name=_("customer"))
    reason = models.TextField(_("reason"))
    status = models.CharField(_("status"), max_length=10, choices=ProposalStatus.choices,
                              default=ProposalStatus.PROPOSED, db_index=True)
    created_at = models.DateTimeField(_("proposed at"), default=timezone.now)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name=_("decided by"))
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.TextField(_("decision note"), blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("ban proposal")
        verbose_name_plural = _("ban proposals")
        constraints = [
            models.UniqueConstraint(fields=["customer"], condition=models.Q(status="proposed"),
                                    name="one_open_ban_proposal_per_customer"),
        ]

    def __str__(self) -> str:
        return f"{self.customer} ({self.get_status_display()})"
