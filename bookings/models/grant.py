"""The contact-permission model: a grant exists per confirmed booking and is active only by the clock.

The session routine runs on the same clock: the number is shown from the unblock lead time until the
end of the goodbye grace; channels are open only from the start to the end; a block not ticked
`BLOCK_OVERDUE` after the end reaches staff.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .package import Channels

# A session not ticked "blocked" this long after its end shows on the admin landing.
BLOCK_OVERDUE = timedelta(minutes=30)
# Past this, an unticked block is old news: neither reminded nor listed for staff.
BLOCK_OVERDUE_HORIZON = timedelta(hours=24)


def unblock_lead() -> timedelta:
    return timedelta(minutes=settings.SLEEPCALL_UNBLOCK_LEAD_MINUTES)


def wind_down() -> timedelta:
    return timedelta(minutes=settings.SLEEPCALL_WIND_DOWN_MINUTES)


def goodbye_grace() -> timedelta:
    return timedelta(minutes=settings.SLEEPCALL_GOODBYE_GRACE_MINUTES)


class ContactGrantQuerySet(models.QuerySet):
    def not_revoked(self, *, at: datetime) -> ContactGrantQuerySet:
        return self.filter(Q(revoked_at__isnull=True) | Q(revoked_at__gt=at))

    def active(self, *, at: datetime | None = None) -> ContactGrantQuerySet:
        """Grants whose channels are open at `at`: starts_at <= at < ends_at, not revoked."""
        at = at or timezone.now()
        return self.not_revoked(at=at).filter(starts_at__lte=at, ends_at__gt=at)

    def disclosable(self, *, at: datetime | None = None) -> ContactGrantQuerySet:
        """Grants whose customer number the talent may see: from the unblock lead time to the grace end.

        The goodbye grace after the end lets the talent say goodbye and wait for the answer; no
        channel is open in it (see `active`), and a revoke hides the number at once.
        """
        at = at or timezone.now()
        return self.not_revoked(at=at).filter(starts_at__lte=at + unblock_lead(), ends_at__gt=at - goodbye_grace())

    def block_overdue(self, *, at: datetime | None = None) -> ContactGrantQuerySet:
        """Not ticked "blocked" BLOCK_OVERDUE after the end (or after a revoke once the number was shown)."""
        at = at or timezone.now()
        due = at - BLOCK_OVERDUE
        ended = Q(ends_at__lte=due) & (Q(revoked_at__isnull=True) | Q(revoked_at__gte=models.F("ends_at")))
        stopped = Q(revoked_at__lte=due, starts_at__lte=models.F("revoked_at") + unblock_lead())
        recent = Q(ends_at__gt=at - BLOCK_OVERDUE_HORIZON)
        return self.filter(ended | stopped, recent, blocked_at__isnull=True)

    def with_channel(self, channel: str) -> ContactGrantQuerySet:
        return self.filter(channels__in=[c for c in Channels.values if channel in Channels.members(c)])


class ContactGrant(models.Model):
    booking = models.OneToOneField(
        "bookings.Booking", on_delete=models.PROTECT, related_name="grant", verbose_name=_("booking")
    )
    talent = models.ForeignKey(
        "talents.Talent", on_delete=models.PROTECT, related_name="grants", verbose_name=_("talent")
    )
    customer = models.ForeignKey(
        "bookings.Customer", on_delete=models.PROTECT, related_name="grants", verbose_name=_("customer")
    )
    channels = models.CharField(_("channels"), max_length=10, choices=Channels.choices)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("issued by")
    )
    issued_at = models.DateTimeField(_("issued at"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revoked by"),
    )
    revoke_reason = models.TextField(_("revoke reason"), blank=True)
    # The talent's own ticks, and the reminders the sweeps sent (each at most once).
    unblocked_at = models.DateTimeField(_("talent unblocked at"), null=True, blank=True)
    blocked_at = models.DateTimeField(_("talent blocked again at"), null=True, blank=True)
    unblock_reminded_at = models.DateTimeField(_("unblock reminder sent at"), null=True, blank=True)
    block_reminded_at = models.DateTimeField(_("block reminder sent at"), null=True, blank=True)
    start_reminded_at = models.DateTimeField(_("customer's start reminder queued at"), null=True, blank=True)
    # The talent's optional note that the customer wrote first (it helps staff settle a dispute).
    customer_wrote_first_at = models.DateTimeField(_("customer wrote first, noted at"), null=True, blank=True)
    customer_wrote_first_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("customer wrote first, noted by"),
    )

    objects = ContactGrantQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("contact grant")
        verbose_name_plural = _("contact grants")
        indexes = [models.Index(fields=["talent", "starts_at"]), models.Index(fields=["customer", "starts_at"])]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="grant_ends_after_start"),
        ]

    def __str__(self) -> str:
        return f"{self.talent} ↔ {self.customer} {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def channel_set(self) -> frozenset[str]:
        return Channels.members(self.channels)

    def is_revoked_at(self, at: datetime) -> bool:
        return self.revoked_at is not None and self.revoked_at <= at

    def is_active_at(self, at: datetime) -> bool:
        return not self.is_revoked_at(at) and self.starts_at <= at < self.ends_at

    def is_disclosable_at(self, at: datetime) -> bool:
        return not self.is_revoked_at(at) and self.starts_at - unblock_lead() <= at < self.grace_ends_at

    @property
    def stopped_at(self) -> datetime:
        """When contact stopped: the end, or an earlier revoke."""
        return self.ends_at if self.revoked_at is None else min(self.ends_at, self.revoked_at)

    @property
    def grace_ends_at(self) -> datetime:
        return self.ends_at + goodbye_grace()

    def is_in_goodbye_grace_at(self, at: datetime) -> bool:
        """After the end, before the grace end: the talent still sees the number; no channel is open."""
        return not self.is_revoked_at(at) and self.ends_at <= at < self.grace_ends_at

    def is_winding_down_at(self, at: datetime) -> bool:
        return self.is_active_at(at) and at >= self.ends_at - wind_down()


class ContactDisclosure(models.Model):
    """Who saw whose contact handle, when: through a grant (the talent, the customer), or on a staff
    page (then `place` says which, and the customer or talent is named instead of a grant)."""

    class Subject(models.TextChoices):
        CUSTOMER = "customer", _("customer's number")
        TALENT = "talent", _("talent's number")

    grant = models.ForeignKey(
        ContactGrant, on_delete=models.PROTECT, related_name="disclosures", verbose_name=_("contact grant"),
        null=True, blank=True,
    )
    customer = models.ForeignKey(
        "bookings.Customer", on_delete=models.PROTECT, related_name="+", verbose_name=_("customer"),
        null=True, blank=True,
    )
    talent = models.ForeignKey(
        "talents.Talent", on_delete=models.PROTECT, related_name="+", verbose_name=_("talent"), null=True, blank=True,
    )
    place = models.CharField(_("where it was shown"), max_length=120, blank=True)
    viewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("viewer")
    )
    subject = models.CharField(_("whose contact"), max_length=10, choices=Subject.choices)
    handle = models.CharField(_("handle shown"), max_length=32)
    at = models.DateTimeField(_("at"))
    # The minute of `at` for a sight through a grant: a page refreshed every 20 seconds logs one row
    # per viewer, number and minute (the first sight of it), not one per refresh. Empty on staff rows
    # and on rows from before it existed.
    minute = models.DateTimeField(_("minute"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("contact disclosure")
        verbose_name_plural = _("contact disclosures")
        constraints = [
            models.UniqueConstraint(
                fields=["grant", "viewer", "subject", "minute"], name="one_disclosure_per_grant_viewer_minute"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.viewer} saw {self.subject} {self.handle} at {self.at:%Y-%m-%d %H:%M}"
