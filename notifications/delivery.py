"""Claim, send, then mark: at least once, and a row that was sent is never sent again."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import F
from django.utils import timezone

from .channels import CHANNELS, TRANSIENT_ERRORS
from .models import Delivery, Notification

log = logging.getLogger(__name__)


def claim_timeout() -> timedelta:
    """A claim older than this was lost with its worker; the sweep gives the row back to the queue."""
    return timedelta(seconds=settings.NOTIFICATION_CLAIM_TIMEOUT_SECONDS)


def deliver(pk: int, *, at: datetime | None = None) -> bool:
    """Send one row if it is still queued. Returns True when this call sent it."""
    at = at or timezone.now()
    claimed = Notification.objects.filter(pk=pk, status=Delivery.QUEUED).update(
        status=Delivery.SENDING, claimed_at=at, attempts=F("attempts") + 1
    )
    if not claimed:
        return False  # sent already, being sent by someone else, or failed for good
    notification = Notification.objects.get(pk=pk)
    try:
        CHANNELS[notification.channel].send(notification)
    except TRANSIENT_ERRORS as error:
        _retry_later(notification, error, at)
        return False
    except Exception as error:  # not worth retrying: record it and stop
        log.exception("notification %s failed", pk)
        _finish(notification, Delivery.FAILED, error=repr(error))
        return False
    _finish(notification, Delivery.SENT, at=timezone.now())
    return True


def _retry_later(notification: Notification, error: Exception, at: datetime) -> None:
    if notification.attempts >= settings.NOTIFICATION_MAX_ATTEMPTS:
        _finish(notification, Delivery.FAILED, error=repr(error))
        return
    delay = timedelta(minutes=2 ** (notification.attempts - 1))  # 1, 2, 4, 8 … minutes
    Notification.objects.filter(pk=notification.pk, status=Delivery.SENDING).update(
        status=Delivery.QUEUED, next_attempt_at=at + delay, last_error=repr(error)[:2000], claimed_at=None
    )


def _finish(notification: Notification, status: str, *, at: datetime | None = None, error: str = "") -> None:
    changes = {"status": status, "sent_at": at, "last_error": error[:2000]}
    if notification.secret and status == Delivery.SENT:
        changes["body"] = ""  # a password-reset link is nobody's business once it has left
    Notification.objects.filter(pk=notification.pk, status=Delivery.SENDING).update(**changes)


def requeue_lost_claims(*, at: datetime | None = None) -> int:
    """Rows claimed by a worker that died mid-send go back to the queue (so: at least once)."""
    at = at or timezone.now()
    return Notification.objects.filter(status=Delivery.SENDING, claimed_at__lt=at - claim_timeout()).update(
        status=Delivery.QUEUED, next_attempt_at=at, claimed_at=None
    )


def send_due(*, at: datetime | None = None, limit: int = 200) -> int:
    """The sweep: everything queued whose time has come, oldest first."""
    at = at or timezone.now()
    requeue_lost_claims(at=at)
    ids = list(Notification.objects.due(at=at).order_by("next_attempt_at", "pk").values_list("pk", flat=True)[:limit])
    return sum(deliver(pk) for pk in ids)
