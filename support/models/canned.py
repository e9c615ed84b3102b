"""Prepared replies managers write, with placeholders filled per conversation."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .conversation import Category

PLACEHOLDERS = ("customer_name", "booking_code", "amount_due", "session_start", "talent_alias", "agent_name")


def validate_placeholders(text: str) -> None:
    from support.services.canned import unknown_placeholders

    unknown = unknown_placeholders(text)
    if unknown:
        raise ValidationError(
            _("Unknown placeholder(s): %(names)s. Use only: %(known)s."),
            code="unknown_placeholder",
            params={"names": ", ".join(unknown), "known": ", ".join(f"{{{p}}}" for p in PLACEHOLDERS)},
        )


class CannedReply(models.Model):
    title = models.CharField(_("title"), max_length=100)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices, blank=True,
                                help_text=_("Empty: fits any category."))
    shortcut = models.SlugField(_("shortcut"), max_length=40, unique=True)
    body_id = models.TextField(_("text in Indonesian"), validators=[validate_placeholders])
    body_en = models.TextField(_("text in English"), validators=[validate_placeholders])
    is_active = models.BooleanField(_("active"), default=True)
    use_count = models.PositiveIntegerField(_("times used"), default=0, editable=False)

    class Meta:
        ordering = ["category", "title"]
        verbose_name = _("canned reply")
        verbose_name_plural = _("canned replies")

    def __str__(self) -> str:
        return f"/{self.shortcut} — {self.title}"

    def body_in(self, language: str) -> str:
        return self.body_en if language == "en" else self.body_id
