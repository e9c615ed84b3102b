"""Periodic sweeps. Each is idempotent, batched and safe to run late or twice.

Correctness never depends on these: a grant stops at `ends_at` by the clock, and booking creation
releases stale holds itself. The sweeps tidy the status and queue the reminders in the outbox
(notifications.tasks sends them).
"""

from __future__ import annotations

from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from bookings import notices, services
from bookings.models import Booking, ContactGrant, Status
from notifications import services as outbox

# Customers hear of a payment deadline and of a session start this long before.
HOLD_REMINDER_LEAD = timedelta(minutes=15)
START_REMINDER_LEAD = timedelta(minutes=30)


@shared_task
def expire_unpaid_bookings() -> int:
    return services.expire_overdue_bookings()


@shared_task
def complete_finished_sessions() -> int:
    return services.complete_finished_sessions()


GRANT_RELATED = ("talent__user", "booking__customer__user", "booking__talent", "customer")


def _queue(due, field: str, send, related: tuple[str, ...] = GRANT_RELATED) -> int:
    """Mark due rows under lock and queue their messages in the same transaction, so two workers
    (or a redelivery) never queue one reminder twice."""
    now = timezone.now()
    with transaction.atomic():
        rows = list(due.select_for_update(skip_locked=True, of=("self",)).select_related(*related))
        due.model.objects.filter(pk__in=[row.pk for row in rows]).update(**{field: now})
        with outbox.batch():
            for row in rows:
                send(row)
    return len(rows)


@shared_task
def remind_talents_to_unblock() -> int:
    now = timezone.now()
    lead = timedelta(minutes=settings.SLEEPCALL_REMINDER_LEAD_MINUTES)
    due = ContactGrant.objects.not_revoked(at=now).filter(starts_at__lte=now + lead, ends_at__gt=now)
    due = due.filter(unblock_reminded_at__isnull=True)
    return _queue(due, "unblock_reminded_at", lambda grant: notices.talent_reminder(grant, "unblock"))


@shared_task
def remind_talents_to_block() -> int:
    """Once, when the block is overdue (not ticked 30 minutes after the end, or after a revoke once
    the number had been shown): the same moment staff see it on the admin landing. Until then
    Today guides the talent through the goodbye; never if already blocked."""
    due = ContactGrant.objects.block_overdue(at=timezone.now()).filter(block_reminded_at__isnull=True)
    return _queue(due, "block_reminded_at", lambda grant: notices.talent_reminder(grant, "block"))


@shared_task
def remind_customers() -> int:
    """A payment deadline in 15 minutes with no proof yet, and a session starting in 30 minutes."""
    now = timezone.now()
    starting = ContactGrant.objects.not_revoked(at=now).filter(
        starts_at__gt=now, starts_at__lte=now + START_REMINDER_LEAD, booking__status=Status.CONFIRMED
    )
    sent = _queue(starting.filter(start_reminded_at__isnull=True), "start_reminded_at", notices.session_starting)
    # hold_reminded_at older than this deadline's window means an earlier deadline (before a rejection).
    expiring = Booking.objects.filter(
        status=Status.AWAITING_PAYMENT, payment_deadline__gt=now, payment_deadline__lte=now + HOLD_REMINDER_LEAD,
    ).filter(Q(hold_reminded_at__isnull=True) | Q(hold_reminded_at__lt=F("payment_deadline") - HOLD_REMINDER_LEAD))
    return sent + _queue(expiring, "hold_reminded_at", notices.hold_expiring, related=("customer__user", "talent"))


@shared_task
def ping(value: int) -> int:
    """Round trip used by the worker test: proves a real worker runs our tasks."""
    return value + 1
