"""A booking: one customer, one talent, one package, one session time, and its status."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bookings.money import rupiah
from talents.models import Talent

from .customer import Customer
from .package import Channels, Package, in_language


class Status(models.TextChoices):
    AWAITING_PAYMENT = "awaiting_payment", _("Awaiting payment")
    PAYMENT_SUBMITTED = "payment_submitted", _("Payment submitted")
    CONFIRMED = "confirmed", _("Confirmed")
    COMPLETED = "completed", _("Completed")
    EXPIRED = "expired", _("Expired")
    CANCELLED = "cancelled", _("Cancelled")
    ENDED_EARLY = "ended_early", _("Ended early")


# Bookings in these states keep their slot; the database refuses two of one talent that overlap.
HOLDING = (Status.AWAITING_PAYMENT, Status.PAYMENT_SUBMITTED, Status.CONFIRMED)
# Bookings still waiting for money; their unique code must not be shared.
OPEN = (Status.AWAITING_PAYMENT, Status.PAYMENT_SUBMITTED)
# The unique code: 1–999 first (three digits), up to 9999 for a price that has 999 open bookings.
SHORT_CODES = range(1, 1000)
MAX_UNIQUE_CODE = 9999
FINAL = (Status.COMPLETED, Status.EXPIRED, Status.CANCELLED, Status.ENDED_EARLY)


class RefundStatus(models.TextChoices):
    NONE = "", _("No refund")
    DUE = "due", _("Refund due")
    REFUNDED = "refunded", _("Refunded")


class BookingQuerySet(models.QuerySet):
    def holding(self, *, at: datetime | None = None) -> BookingQuerySet:
        """Bookings that keep their slot at `at`: not an unpaid one past its deadline, nor one whose
        session has started with its payment still undecided."""
        at = at or timezone.now()
        return (
            self.filter(status__in=HOLDING)
            .exclude(status=Status.AWAITING_PAYMENT, payment_deadline__lte=at)
            .exclude(status=Status.PAYMENT_SUBMITTED, starts_at__lte=at)
        )

    def unverified(self) -> BookingQuerySet:
        """Waiting for money or for its check: what the per-customer limit counts (with `holding`)."""
        return self.filter(status__in=OPEN)

    def open(self) -> BookingQuerySet:
        return self.filter(status__in=OPEN)

    def overlapping(self, start: datetime, end: datetime) -> BookingQuerySet:
        return self.filter(starts_at__lt=end, ends_at__gt=start)

    def for_talent(self, talent: Talent) -> BookingQuerySet:
        return self.filter(talent=talent)

    def for_customer(self, customer: Customer) -> BookingQuerySet:
        return self.filter(customer=customer)

    def stale_holds(self, *, at: datetime) -> BookingQuerySet:
        return self.filter(status=Status.AWAITING_PAYMENT, payment_deadline__lte=at)

    def undecided_at_start(self, *, at: datetime) -> BookingQuerySet:
        """A proof is waiting but the session has started: the booking may not keep the slot."""
        return self.filter(status=Status.PAYMENT_SUBMITTED, starts_at__lte=at)


class RefundQuerySet(BookingQuerySet):
    def due(self) -> RefundQuerySet:
        return self.filter(refund_status=RefundStatus.DUE)


class Booking(models.Model):
    customer = models.ForeignKey(
        Customer, on_delete=models.PROTECT, related_name="bookings", verbose_name=_("customer")
    )
    talent = models.ForeignKey(Talent, on_delete=models.PROTECT, related_name="bookings", verbose_name=_("talent"))
    package = models.ForeignKey(Package, on_delete=models.PROTECT, related_name="bookings", verbose_name=_("package"))
    # Copied from the package at booking time: a later price change never touches this booking.
    package_name = models.CharField(_("package"), max_length=80)
    package_name_en = models.CharField(_("package in English"), max_length=80, blank=True)
    channels = models.CharField(_("channels"), max_length=10, choices=Channels.choices)
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"))
    price = models.PositiveIntegerField(_("price (Rp)"))
    unique_code = models.PositiveSmallIntegerField(_("unique code"))
    amount_due = models.PositiveIntegerField(_("amount due (Rp)"))

    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.AWAITING_PAYMENT, db_index=True
    )
    payment_deadline = models.DateTimeField(_("pay before"))
    hold_reminded_at = models.DateTimeField(_("payment reminder queued at"), null=True, blank=True)
    rules_version = models.CharField(_("rules version accepted"), max_length=20, blank=True)
    rules_accepted_at = models.DateTimeField(_("rules accepted at"), null=True, blank=True)

    refund_status = models.CharField(
        _("refund"), max_length=10, choices=RefundStatus.choices, default=RefundStatus.NONE, blank=True
    )
    refund_amount = models.PositiveIntegerField(_("refund amount (Rp)"), default=0)
    refund_reference = models.CharField(_("refund reference"), max_length=100, blank=True)
    # Where the refund goes: the customer gives it when asking to cancel, or on the booking page.
    refund_bank = models.CharField(_("refund bank"), max_length=60, blank=True)
    refund_account_number = models.CharField(_("refund account number"), max_length=34, blank=True)
    refund_account_name = models.CharField(_("refund account holder"), max_length=100, blank=True)
    rescheduled_at = models.DateTimeField(_("moved by the customer at"), null=True, blank=True)

    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated at"))

    objects = BookingQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        permissions = [
            ("cancel_booking", _("Can cancel a booking, with a refund where money was received")),
            ("end_session", _("Can end a session early (revokes its contact grant)")),
            ("refund_booking", _("Can mark a refund as paid")),
        ]
        indexes = [
            models.Index(fields=["talent", "starts_at"]), models.Index(fields=["status", "payment_deadline"]),
            # The staff landing counts tonight's sessions and today's new bookings on every view, and the
            # admin lists bookings newest session first: without these each read scans every booking.
            models.Index(fields=["starts_at"], name="booking_starts_at"),
            models.Index(fields=["created_at"], name="booking_created_at"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="booking_ends_after_start"),
            # Three digits while they last for a price, four once 999 open bookings share it.
            models.CheckConstraint(
                condition=Q(unique_code__gte=1, unique_code__lte=MAX_UNIQUE_CODE), name="booking_unique_code_range"
            ),
            models.CheckConstraint(
                condition=Q(amount_due=models.F("price") + models.F("unique_code")), name="booking_amount_due_sum"
            ),
            # What identifies a transfer on the statement is the amount, so that is what stays unique.
            models.UniqueConstraint(
                fields=["amount_due"], condition=Q(status__in=OPEN), name="unique_amount_due_per_open_booking"
            ),
        ]
        # The no-overlap exclusion constraint is PostgreSQL-only, added by migration 0002.

    def __str__(self) -> str:
        return f"#{self.pk} {self.talent} {timezone.localtime(self.starts_at):%Y-%m-%d %H:%M}"

    @property
    def duration(self) -> timedelta:
        return timedelta(minutes=self.duration_minutes)

    @property
    def channel_set(self) -> frozenset[str]:
        return Channels.members(self.channels)

    @property
    def package_label(self) -> str:
        """The package's name as copied at booking time, in the page's language."""
        return in_language(self.package_name, self.package_name_en)

    @property
    def amount_due_display(self) -> str:
        return rupiah(self.amount_due)

    def is_holding_slot(self, at: datetime | None = None) -> bool:
        at = at or timezone.now()
        if self.status == Status.AWAITING_PAYMENT:
            return self.payment_deadline > at
        if self.status == Status.PAYMENT_SUBMITTED:
            return self.starts_at > at
        return self.status in HOLDING

    @property
    def has_refund_account(self) -> bool:
        return bool(self.refund_bank and self.refund_account_number and self.refund_account_name)

    @property
    def rules_accepted(self) -> bool:
        return self.rules_accepted_at is not None and self.rules_version == settings.SLEEPCALL_RULES_VERSION


class Refund(Booking):
    """A booking seen from the money side: the refunds-due list in the admin."""

    objects = RefundQuerySet.as_manager()

    class Meta:
        proxy = True
        ordering = ["updated_at"]
        verbose_name = _("refund")
        verbose_name_plural = _("refunds")
