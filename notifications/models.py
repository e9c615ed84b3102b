"""The outbox: every message the system sends to a person is one row, written in the event's transaction."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    EMAIL = "email", _("e-mail")
    SITE = "site", _("on the site")
    WHATSAPP = "whatsapp", _("WhatsApp (sent by staff)")


class Delivery(models.TextChoices):
    QUEUED = "queued", _("queued")
    SENDING = "sending", _("sending")
    SENT = "sent", _("sent")
    FAILED = "failed", _("failed")


class NotificationQuerySet(models.QuerySet):
    def on_site_for(self, user) -> NotificationQuerySet:
        return self.filter(recipient=user, channel=Channel.SITE)

    def unread(self) -> NotificationQuerySet:
        return self.filter(read_at__isnull=True)

    def due(self, *, at) -> NotificationQuerySet:
        """Queued rows whose next attempt has come: what the sweep sends."""
        return self.filter(status=Delivery.QUEUED, next_attempt_at__lte=at)


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications", verbose_name=_("recipient")
    )
    event = models.CharField(_("event"), max_length=64, db_index=True)
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    key = models.CharField(_("key"), max_length=200, help_text=_("The same key never makes a second message."))
    language = models.CharField(_("language"), max_length=5, default="id")
    address = models.CharField(_("address"), max_length=254, blank=True)
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("text"), blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    urgent = models.BooleanField(_("urgent"), default=False)
    secret = models.BooleanField(
        _("secret"), default=False, help_text=_("Holds a password-reset link: hidden from staff, erased once sent.")
    )
    status = models.CharField(_("status"), max_length=16, choices=Delivery.choices, default=Delivery.QUEUED)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("sent by"),
    )

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        constraints = [
            models.UniqueConstraint(fields=["recipient", "channel", "key"], name="one_notification_per_key"),
        ]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="notification_due",
                         condition=Q(status__in=["queued", "sending"])),
            models.Index(fields=["recipient", "channel", "read_at"], name="notification_inbox"),
        ]

    def __str__(self) -> str:
        return f"{self.event} → {self.recipient} ({self.channel})"
