"""Paying for a booking: accepting the rules, submitting the proof, and the staff decision."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterable
from datetime import datetime

import imagehash
from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image

from bookings import notices, permissions
from bookings.errors import (
    IllegalTransition,
    NothingToTopUp,
    NotPermitted,
    PartialPayment,
    PaymentDeadlinePassed,
    ReasonRequired,
    ReusedProof,
    RulesNotAccepted,
    SessionOver,
    SlotTaken,
    check_shown_text,
)
from bookings.models import BankAccount, Booking, BookingEvent, Customer, Payment, Status
from bookings.models.booking import RefundStatus
from bookings.models.payment import PaymentStatus, RejectionReason
from bookings.money import rupiah
from talents.models import Talent

from .booking import payment_deadline
from .claims import refuse_if_claimed_by_other
from .grant import issue_grant
from .late_payments import expire_at_start, is_late, settle_late_payment
from .transitions import lock_booking, move


def accept_rules(*, booking: Booking, customer: Customer, at: datetime | None = None) -> Booking:
    """Store that the customer accepted this version of the session rules, and when."""
    at = at or timezone.now()
    if booking.customer_id != customer.pk:
        raise NotPermitted()
    version = settings.SLEEPCALL_RULES_VERSION
    Booking.objects.filter(pk=booking.pk).exclude(rules_version=version).update(
        rules_version=version, rules_accepted_at=at
    )
    booking.refresh_from_db(fields=["rules_version", "rules_accepted_at"])
    return booking


def perceptual_hash(proof: File) -> int | None:
    """The picture's 64-bit pHash as a signed integer (a bigint column); None for a PDF or an unreadable file.

    Survives re-compression and resizing, and a small crop moves only a few bits.
    """
    proof.seek(0)
    try:
        with Image.open(proof) as image:
            image.load()
            value = int(str(imagehash.phash(image)), 16)
    except (OSError, ValueError, Image.DecompressionBombError):
        return None
    finally:
        proof.seek(0)
    return value - (1 << 64) if value >= (1 << 63) else value


def fingerprint(proof: File) -> str:
    digest = hashlib.sha256()
    proof.seek(0)
    for chunk in proof.chunks():
        digest.update(chunk)
    proof.seek(0)
    return digest.hexdigest()


# What the first bytes say, so the stored name (and the type it is served with) never comes from
# the customer's file name: a PDF called bukti.jpg is still served as a PDF.
PROOF_SIGNATURES = ((b"%PDF-", "pdf"), (b"\x89PNG\r\n\x1a\n", "png"), (b"\xff\xd8\xff", "jpg"))


def proof_file_name(proof: File) -> str:
    proof.seek(0)
    head = proof.read(12)
    proof.seek(0)
    extension = next((ext for signature, ext in PROOF_SIGNATURES if head.startswith(signature)), "bin")
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        extension = "webp"
    return f"{uuid.uuid4().hex}.{extension}"


def submit_payment(
    *,
    booking: Booking,
    customer: Customer,
    bank: str,
    sender_name: str,
    amount_claimed: int,
    proof: File,
    account: BankAccount | None = None,
    at: datetime | None = None,
) -> Payment:
    """The customer says they paid and shows the proof; the booking waits for staff."""
    at = at or timezone.now()
    digest = fingerprint(proof)
    with transaction.atomic():
        booking = lock_booking(booking.pk)
        if booking.customer_id != customer.pk:
            raise NotPermitted()
        waiting = booking.payments.filter(status=PaymentStatus.SUBMITTED).first()
        if waiting is not None and waiting.proof_sha256 == digest:
            return waiting  # the same upload twice (a double tap): nothing new
        if booking.status == Status.AWAITING_PAYMENT and booking.payment_deadline <= at:
            raise PaymentDeadlinePassed()
        if booking.status != Status.AWAITING_PAYMENT:
            raise IllegalTransition(current=Status(booking.status).label, target=Status.PAYMENT_SUBMITTED.label)
        if not booking.rules_accepted:
            raise RulesNotAccepted()
        payment = Payment(
            booking=booking,
            account=account,
            bank=bank,
            sender_name=sender_name,
            amount_claimed=amount_claimed,
            proof_sha256=digest,
            proof_phash=perceptual_hash(proof),
            submitted_at=at,
        )
        payment.proof.save(proof_file_name(proof), proof, save=False)
        payment.save()
        move(booking, Status.PAYMENT_SUBMITTED, actor=customer.user, at=at)
    return payment


def submit_top_up(
    *,
    booking: Booking,
    customer: Customer,
    bank: str,
    sender_name: str,
    amount_claimed: int,
    proof: File,
    account: BankAccount | None = None,
    at: datetime | None = None,
) -> Payment:
    """A second transfer that makes up a short one: staff then decide both proofs as one claimed sum.

    Only while the first proof still waits and the claims fall short; the booking stays
    payment_submitted and its history says a top-up came in.
    """
    at = at or timezone.now()
    digest = fingerprint(proof)
    with transaction.atomic():
        booking = lock_booking(booking.pk)
        if booking.customer_id != customer.pk:
            raise NotPermitted()
        waiting = list(booking.payments.filter(status=PaymentStatus.SUBMITTED))
        if any(p.proof_sha256 == digest for p in waiting):
            return next(p for p in waiting if p.proof_sha256 == digest)  # a double tap
        if booking.status != Status.PAYMENT_SUBMITTED or not waiting:
            raise IllegalTransition(current=Status(booking.status).label, target=Status.PAYMENT_SUBMITTED.label)
        missing = booking.amount_due - sum(p.amount_claimed for p in waiting)
        if missing <= 0:
            raise NothingToTopUp()
        payment = Payment(
            booking=booking, account=account, bank=bank, sender_name=sender_name, amount_claimed=amount_claimed,
            proof_sha256=digest, proof_phash=perceptual_hash(proof), submitted_at=at, is_top_up=True,
        )
        payment.proof.save(proof_file_name(proof), proof, save=False)
        payment.save()
        BookingEvent.objects.create(
            booking=booking, actor=customer.user, from_status=booking.status, to_status=booking.status, at=at,
            reason=_("Top-up transfer of %(amount)s sent.") % {"amount": rupiah(amount_claimed)},
        )
    return payment


def missing_amount(booking: Booking, payments: Iterable[Payment] | None = None) -> int:
    """How much the waiting proofs fall short of the amount due (0 when nothing waits or enough was sent).

    `payments` are the booking's transfers when the caller has already read them (a list of bookings)."""
    if booking.status != Status.PAYMENT_SUBMITTED:
        return 0
    sent = booking.payments.all() if payments is None else payments
    waiting = [p for p in sent if p.status == PaymentStatus.SUBMITTED]
    if not waiting:
        return 0
    return max(0, booking.amount_due - sum(p.amount_claimed for p in waiting))


def verify_payment(
    *, payment: Payment, staff: AbstractBaseUser, override_reason: str = "", at: datetime | None = None
) -> Payment:
    """Confirm the booking and issue its grant in one transaction.

    Locks the talent, then the booking (the same order as booking creation, so never a deadlock),
    and re-checks that the slot is still this booking's own: a confirmation never creates an overlap.
    Verifying twice changes nothing; `payment.decided_by` tells who verified first.
    """
    at = at or timezone.now()
    with transaction.atomic():
        Talent.objects.select_for_update().filter(pk=payment.booking.talent_id).first()
        booking = lock_booking(payment.booking_id)
        payment = (
            Payment.objects.select_for_update(of=("self",)).select_related("decided_by", "claimed_by")
            .get(pk=payment.pk)
        )
        payment = _claim_of(payment)
        payment.booking = booking
        if payment.status == PaymentStatus.VERIFIED:
            return payment
        refuse_if_claimed_by_other(payment, staff, at)
        if _expire_if_started(booking, at) or is_late(payment, booking):
            settled = settle_late_payment(payment=payment, booking=booking, staff=staff, received=True, note="", at=at)
            _decide_top_ups(settled, status=PaymentStatus.VERIFIED, staff=staff, at=at)
            return settled
        if payment.status == PaymentStatus.REJECTED or booking.status != Status.PAYMENT_SUBMITTED:
            raise IllegalTransition(current=Status(booking.status).label, target=Status.CONFIRMED.label)
        if at >= booking.ends_at:
            raise SessionOver()
        if payment.shortfall:
            _require_override(staff, override_reason, permissions.OVERRIDE_PARTIAL,
                              PartialPayment(shortfall=rupiah(payment.shortfall)))
        reused_on = reused_proof_booking(payment)
        if reused_on:
            _require_override(staff, override_reason, permissions.OVERRIDE_REUSED_PROOF,
                              ReusedProof(booking=reused_on))
        clash = (
            Booking.objects.for_talent(booking.talent)
            .holding(at=at)
            .overlapping(booking.starts_at, booking.ends_at)
            .exclude(pk=booking.pk)
        )
        if clash.exists():
            raise SlotTaken(_("Another booking holds this slot now; cancel this one with a refund instead."))

        payment.status = PaymentStatus.VERIFIED
        payment.decided_by, payment.decided_at = staff, at
        payment.override_reason = override_reason.strip()
        payment.save(update_fields=["status", "decided_by", "decided_at", "override_reason"])
        _decide_top_ups(payment, status=PaymentStatus.VERIFIED, staff=staff, at=at)
        fields = []
        if payment.overpaid:
            booking.refund_status, booking.refund_amount = RefundStatus.DUE, payment.overpaid
            fields = ["refund_status", "refund_amount"]
        reason = _("Payment verified.") + (f" {override_reason.strip()}" if override_reason.strip() else "")
        if reused_on:
            reason = _("Payment verified although its proof matches booking #%(booking)s: %(reason)s") % {
                "booking": reused_on, "reason": override_reason.strip()}
        move(booking, Status.CONFIRMED, actor=staff, at=at, reason=reason, extra_fields=fields)
        issue_grant(booking=booking, issued_by=staff, at=at)
        notices.payment_verified(booking)
        if payment.overpaid:
            notices.refund_due(booking)
    return payment


def reject_payment(
    *,
    payment: Payment,
    staff: AbstractBaseUser,
    reason: str,
    note: str = "",
    at: datetime | None = None,
) -> Payment:
    """Send the booking back to awaiting payment with a reason the customer will read."""
    at = at or timezone.now()
    if reason not in RejectionReason.values:
        raise ReasonRequired()
    if reason == RejectionReason.OTHER and not note.strip():
        raise ReasonRequired(_("Please explain the rejection."))
    check_shown_text(note, field="note")
    with transaction.atomic():
        booking = lock_booking(payment.booking_id)
        payment = _claim_of(
            Payment.objects.select_for_update(of=("self",)).select_related("claimed_by").get(pk=payment.pk)
        )
        payment.booking = booking
        if payment.status == PaymentStatus.REJECTED:
            return payment
        refuse_if_claimed_by_other(payment, staff, at)
        if _expire_if_started(booking, at) or is_late(payment, booking):
            payment.rejection_reason, payment.rejection_note = reason, note.strip()
            settled = settle_late_payment(payment=payment, booking=booking, staff=staff, received=False,
                                          note=note.strip(), at=at)
            _decide_top_ups(settled, status=PaymentStatus.REJECTED, staff=staff, at=at, reason=reason,
                            note=note.strip())
            return settled
        if payment.status == PaymentStatus.VERIFIED or booking.status != Status.PAYMENT_SUBMITTED:
            raise IllegalTransition(current=Status(booking.status).label, target=Status.AWAITING_PAYMENT.label)
        payment.status = PaymentStatus.REJECTED
        payment.decided_by, payment.decided_at = staff, at
        payment.rejection_reason, payment.rejection_note = reason, note.strip()
        payment.save(update_fields=["status", "decided_by", "decided_at", "rejection_reason", "rejection_note"])
        _decide_top_ups(payment, status=PaymentStatus.REJECTED, staff=staff, at=at, reason=reason, note=note.strip())
        booking.payment_deadline = payment_deadline(at=at, starts_at=booking.starts_at)
        label = RejectionReason(reason).label
        move(
            booking, Status.AWAITING_PAYMENT, actor=staff, at=at,
            reason=f"{label}. {note}".strip(), extra_fields=["payment_deadline"],
        )
        notices.payment_rejected(payment)
    return payment


def _require_override(staff: AbstractBaseUser, reason: str, permission: str, refusal: Exception) -> None:
    """What one-click verify refuses, a permitted role may still verify, saying why."""
    if not reason.strip():
        raise refusal
    if not staff.has_perm(permission):
        raise NotPermitted()


def reused_proof_booking(payment: Payment) -> int | None:
    """The earlier booking whose proof is this one's file or picture (a top-up's proof counts too)."""
    return (
        Payment.objects.filter(booking_id=payment.booking_id, status=PaymentStatus.SUBMITTED)
        .with_reused_proof().exclude(reused_on_booking=None)
        .values_list("reused_on_booking", flat=True).first()
    )


def _claim_of(payment: Payment) -> Payment:
    """A waiting top-up is decided through the proof it tops up (the row the waiting list shows)."""
    if not (payment.is_top_up and payment.status == PaymentStatus.SUBMITTED):
        return payment
    first = (
        Payment.objects.select_for_update(of=("self",)).select_related("decided_by", "claimed_by")
        .filter(booking_id=payment.booking_id, status=PaymentStatus.SUBMITTED, is_top_up=False).first()
    )
    return first or payment


def _decide_top_ups(payment: Payment, *, status: str, staff: AbstractBaseUser, at: datetime, **rejection) -> None:
    """A top-up is part of its proof's claim: it shares the decision (its money was counted in it)."""
    if payment.is_top_up:
        return
    fields = {"rejection_reason": rejection["reason"], "rejection_note": rejection["note"]} if rejection else {}
    Payment.objects.filter(booking_id=payment.booking_id, status=PaymentStatus.SUBMITTED, is_top_up=True).update(
        status=status, decided_by=staff, decided_at=at, **fields
    )


def _expire_if_started(booking: Booking, at: datetime) -> bool:
    """A decision at or after the start comes too late for the session (the sweep may not have run)."""
    if booking.status == Status.PAYMENT_SUBMITTED and at >= booking.starts_at:
        expire_at_start(booking=booking, at=at)
        return True
    return False
