"""What the customer says they paid, the proof, and the staff decision."""

from __future__ import annotations

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import connection, models
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from bookings.money import rupiah
from sleepcall.contact_handles import validate_no_contact_handle


class PrivateStorage(FileSystemStorage):
    """Files with no URL at all, under PRIVATE_MEDIA_ROOT read at each use (so tests' settings apply).

    FileSystemStorage(base_url=None) would fall back to MEDIA_URL, and a location given at import
    time ignores later setting changes; both are closed here.
    """

    @property
    def base_location(self):
        return settings.PRIVATE_MEDIA_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None

    def url(self, name):
        raise ValueError("Private files have no URL; use the view that checks who asks.")


def private_storage() -> FileSystemStorage:
    """Proofs are private: stored outside MEDIA_ROOT, with no public URL."""
    return PrivateStorage()


class PaymentStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Waiting for verification")
    VERIFIED = "verified", _("Verified")
    REJECTED = "rejected", _("Rejected")


class RejectionReason(models.TextChoices):
    NOT_RECEIVED = "not_received", _("Transfer not received")
    WRONG_AMOUNT = "wrong_amount", _("Amount does not match")
    UNREADABLE = "unreadable", _("Proof unreadable")
    FAKE = "fake", _("Proof looks edited or reused")
    OTHER = "other", _("Other")


class HammingDistance(models.Func):
    """How many bits two 64-bit perceptual hashes differ in (PostgreSQL 14+: bit_count)."""

    arg_joiner = " # "
    template = "bit_count((%(expressions)s)::bit(64))"
    output_field = models.IntegerField()


def waiting_filter() -> models.Q:
    """What `PaymentQuerySet.waiting()` filters on, for a figure counted beside others in one query."""
    return models.Q(
        status=PaymentStatus.SUBMITTED, booking__status__in=["payment_submitted", "expired"], is_top_up=False
    )


class PaymentQuerySet(models.QuerySet):
    def waiting(self) -> PaymentQuerySet:
        """Proofs staff still have to decide: submitted, on a booking that still waits for them, or on one
        that expired at its session start while the proof waited (the money is still to settle).
        A top-up is part of the first proof's claim: staff decide the booking once, from that row."""
        return self.filter(waiting_filter())

    def with_reused_proof(self, *, earlier_only: bool = True) -> PaymentQuerySet:
        """Annotate `reused_on_booking`: another booking whose earlier payment carries the same file, or
        (for images) one that looks the same: re-saved, resized or slightly cropped (perceptual hash).
        Verifying looks only at earlier proofs (the first sender is not blocked by the copy); a customer's
        history looks both ways."""
        earlier_elsewhere = Payment.objects.exclude(booking_id=models.OuterRef("booking_id"))
        if earlier_only:
            earlier_elsewhere = earlier_elsewhere.filter(pk__lt=models.OuterRef("pk"))
        same_file = (
            earlier_elsewhere.filter(proof_sha256=models.OuterRef("proof_sha256"))
            .exclude(proof_sha256="")
            .order_by("pk")
            .values("booking_id")[:1]
        )
        if connection.vendor == "postgresql":
            looks_same = earlier_elsewhere.annotate(
                distance=HammingDistance("proof_phash", models.OuterRef("proof_phash"))
            ).filter(proof_phash__isnull=False, distance__lte=settings.SLEEPCALL_PROOF_PHASH_DISTANCE)
        else:  # no bit_count: only the identical picture
            looks_same = earlier_elsewhere.filter(proof_phash=models.OuterRef("proof_phash"))
        near = looks_same.order_by("pk").values("booking_id")[:1]
        return self.annotate(
            reused_on_booking=Coalesce(models.Subquery(same_file), models.Subquery(near)),
        )

    def with_top_ups(self) -> PaymentQuerySet:
        """Annotate `top_up_total`: what waiting top-ups add to each proof (a list shows sums in one query)."""
        top_ups = (
            Payment.objects.filter(
                booking_id=models.OuterRef("booking_id"), status=PaymentStatus.SUBMITTED, is_top_up=True
            )
            .order_by().values("booking_id").annotate(total=models.Sum("amount_claimed")).values("total")
        )
        return self.annotate(top_up_total=Coalesce(models.Subquery(top_ups), 0))


class Payment(models.Model):
    booking = models.ForeignKey(
        "bookings.Booking", on_delete=models.PROTECT, related_name="payments", verbose_name=_("booking")
    )
    bank = models.CharField(_("bank"), max_length=60)
    # Which of the service's accounts the money went to (chosen from a list, so filters show real banks).
    account = models.ForeignKey(
        "bookings.BankAccount", on_delete=models.PROTECT, null=True, blank=True, related_name="payments",
        verbose_name=_("paid to account"),
    )
    # A second transfer that makes up a shortfall: its claim is added to the waiting proof's.
    is_top_up = models.BooleanField(_("top-up transfer"), default=False)
    sender_name = models.CharField(_("sender name"), max_length=100)
    amount_claimed = models.PositiveIntegerField(_("amount transferred (Rp)"))
    proof = models.FileField(_("transfer proof"), upload_to="proofs/%Y/%m/", storage=private_storage, blank=True)
    proof_sha256 = models.CharField(_("proof fingerprint"), max_length=64, blank=True, db_index=True)
    # What the picture looks like (64-bit pHash, signed): a re-saved or resized copy has a near one. PDFs: none.
    proof_phash = models.BigIntegerField(_("proof perceptual hash"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=PaymentStatus.choices, default=PaymentStatus.SUBMITTED, db_index=True
    )
    submitted_at = models.DateTimeField(_("submitted at"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    rejection_reason = models.CharField(
        _("rejection reason"), max_length=20, choices=RejectionReason.choices, blank=True
    )
    # The customer reads it: no contact handle may ride along.
    rejection_note = models.TextField(_("rejection note"), blank=True, validators=[validate_no_contact_handle])
    override_reason = models.TextField(_("partial payment override reason"), blank=True)
    # "I'm on it": the verifier working this row, until the claim lapses (two never work the same one).
    claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("claimed by"),
    )
    claimed_until = models.DateTimeField(_("claimed until"), null=True, blank=True)

    objects = PaymentQuerySet.as_manager()

    class Meta:
        ordering = ["submitted_at"]
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        permissions = [
            ("override_partial_payment", _("Can verify a partial payment, with a reason")),
            ("override_reused_proof", _("Can verify a payment whose proof matches another booking's, with a reason")),
            ("verify_payment", _("Can verify or reject payments")),
            ("view_proof", _("Can view payment proofs")),
        ]

    def __str__(self) -> str:
        return f"#{self.booking_id}: {rupiah(self.amount_claimed)} ({self.get_status_display()})"

    def claim_held_by_other(self, staff, at) -> bool:
        """Someone else said "I'm on it" and their claim has not lapsed."""
        return bool(self.claimed_by_id and self.claimed_by_id != staff.pk and self.claimed_until
                    and self.claimed_until > at)

    @property
    def claimed_total(self) -> int:
        """This proof's claim plus the top-ups waiting with it (one transfer sent in parts)."""
        if self.status != PaymentStatus.SUBMITTED or self.is_top_up:
            return self.amount_claimed
        annotated = getattr(self, "top_up_total", None)
        if annotated is not None:
            return self.amount_claimed + annotated
        return claimed_total(self.booking)

    @property
    def shortfall(self) -> int:
        """Positive when the customer paid less than due."""
        return max(0, self.booking.amount_due - self.claimed_total)

    @property
    def overpaid(self) -> int:
        return max(0, self.claimed_total - self.booking.amount_due)


def claimed_total(booking) -> int:
    """What the customer says they sent for a booking: the waiting proof and its top-ups, summed."""
    waiting = Payment.objects.filter(booking=booking, status=PaymentStatus.SUBMITTED)
    return waiting.aggregate(total=models.Sum("amount_claimed"))["total"] or 0
