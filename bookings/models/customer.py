"""Customers and bans. A ban follows the WhatsApp number, not only the account."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField

from sleepcall.zones import Zone


class Customer(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="customer", verbose_name=_("account")
    )
    display_name = models.CharField(_("name"), max_length=80)
    whatsapp = PhoneNumberField(_("WhatsApp number"), region="ID", unique=True)
    time_zone = models.CharField(_("time zone"), max_length=32, choices=Zone.choices, default=Zone.WIB)
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES, default="id")
    reminders_enabled = models.BooleanField(
        _("reminders"), default=True,
        help_text=_("Reminders before a payment deadline and a session. Messages about money always come."),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))

    class Meta:
        ordering = ["display_name"]
        verbose_name = _("customer")
        verbose_name_plural = _("customers")
        permissions = [("ban_customer", _("Can ban and unban customers"))]

    def __str__(self) -> str:
        return self.display_name

    @property
    def is_banned(self) -> bool:
        return Ban.objects.in_force().filter(whatsapp=self.whatsapp).exists()


class BanQuerySet(models.QuerySet):
    def in_force(self) -> BanQuerySet:
        return self.filter(lifted_at__isnull=True)


class Ban(models.Model):
    whatsapp = PhoneNumberField(_("WhatsApp number"), region="ID")
    customer = models.ForeignKey(
        Customer, on_delete=models.SET_NULL, null=True, blank=True, related_name="bans", verbose_name=_("customer")
    )
    reason = models.TextField(_("reason"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    lifted_at = models.DateTimeField(_("lifted at"), null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("lifted by"),
    )
    lift_reason = models.TextField(_("reason for lifting"), blank=True)

    objects = BanQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("ban")
        verbose_name_plural = _("bans")
        constraints = [
            models.UniqueConstraint(
                fields=["whatsapp"], condition=Q(lifted_at__isnull=True), name="one_ban_in_force_per_number"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.whatsapp} ({self.created_at:%Y-%m-%d})"
