"""Periodic sweeps and notifications. Each is idempotent, batched and safe to run late or twice.

Correctness never depends on these: a grant stops at `ends_at` by the clock, and booking creation
releases stale holds itself. The sweeps tidy the status and send the reminders.
"""

from __future__ import annotations

from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from bookings import notifications, services
from bookings.models import Booking, ContactGrant, Payment, Status
from bookings.models.grant import unblock_lead
from bookings.models.payment import PaymentStatus

# A block reminder for a session that ended longer ago than this is no longer useful.
BLOCK_REMINDER_HORIZON = timedelta(hours=6)


@shared_task
def expire_unpaid_bookings() -> int:
    return services.expire_overdue_bookings()


@shared_task
def complete_finished_sessions() -> int:
    return services.complete_finished_sessions()


def _claim(queryset, field: str) -> list[int]:
    """Mark rows as sent under lock and return their ids, so two workers (or a redelivery) never both send."""
    now = timezone.now()
    with transaction.atomic():
        ids = list(queryset.filter(**{f"{field}__isnull": True}).select_for_update(skip_locked=True)
                   .values_list("pk", flat=True))
        queryset.model.objects.filter(pk__in=ids).update(**{field: now})
    return ids


def _grants(ids: list[int]) -> list[ContactGrant]:
    return list(
        ContactGrant.objects.filter(pk__in=ids).select_related("talent__user", "booking", "customer")
    )


@shared_task
def remind_talents_to_unblock() -> int:
    now = timezone.now()
    lead = timedelta(minutes=settings.SLEEPCALL_REMINDER_LEAD_MINUTES)
    due = ContactGrant.objects.not_revoked(at=now).filter(starts_at__lte=now + lead, ends_at__gt=now)
    ids = _claim(due, "unblock_reminded_at")
    return notifications.send_all(notifications.talent_reminder(g, "unblock") for g in _grants(ids))


@shared_task
def remind_talents_to_block() -> int:
    """After the end, or after a revoke once the number had been shown; never if already blocked."""
    now = timezone.now()
    ended = Q(revoked_at__isnull=True, ends_at__lte=now)
    stopped = Q(revoked_at__lte=now, starts_at__lte=F("revoked_at") + unblock_lead())
    recent = Q(ends_at__gt=now - BLOCK_REMINDER_HORIZON)
    due = ContactGrant.objects.filter(ended | stopped, recent, blocked_at__isnull=True)
    ids = _claim(due, "block_reminded_at")
    return notifications.send_all(notifications.talent_reminder(g, "block") for g in _grants(ids))


@shared_task
def send_booking_confirmed(booking_id: int) -> int:
    """Sent once (a redelivered task sends nothing), and only while the booking is still confirmed."""
    if not _claim(ContactGrant.objects.filter(booking_id=booking_id, booking__status=Status.CONFIRMED),
                  "confirmation_sent_at"):
        return 0
    booking = Booking.objects.select_related("customer__user", "talent").get(pk=booking_id)
    return notifications.send_all([notifications.booking_confirmed(booking)])


@shared_task
def send_payment_rejected(payment_id: int) -> int:
    """Sent once, and only while the rejection stands."""
    if not _claim(Payment.objects.filter(pk=payment_id, status=PaymentStatus.REJECTED), "rejection_sent_at"):
        return 0
    payment = Payment.objects.select_related("booking__customer__user", "booking__talent").get(pk=payment_id)
    return notifications.send_all([notifications.payment_rejected(payment)])


@shared_task
def send_account_attempt(user_id: int, kind: str, login_url: str) -> int:
    """Tell an account's owner that someone tried to use their e-mail or number for another account."""
    from django.contrib.auth.models import User

    user = User.objects.select_related("customer").filter(pk=user_id, is_active=True).first()
    return notifications.send_all([notifications.account_attempt(user, kind, login_url)]) if user else 0


@shared_task
def send_rendered_email(*, to: str, subject: str, body: str) -> int:
    """A message rendered in the request (the password-reset link), sent here off the request path."""
    from django.core.mail import EmailMessage

    return notifications.send_all([EmailMessage(subject=subject, body=body, to=[to])])


@shared_task
def ping(value: int) -> int:
    """Round trip used by the worker test: proves a real worker runs our tasks."""
    return value + 1
