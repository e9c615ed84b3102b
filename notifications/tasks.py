"""Celery tasks of the outbox: one row on commit, and the sweep for anything the broker missed."""

from __future__ import annotations

from celery import shared_task

from . import delivery


@shared_task
def send_notification(notification_id: int) -> bool:
    return delivery.deliver(notification_id)


@shared_task
def send_queued_notifications() -> int:
    return delivery.send_due()
