"""Queueing messages to people. Call these inside the transaction of the event they tell about."""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, Permission
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from .models import Channel, Delivery, Notification
from .recipients import recipients_of
from .rendering import absolute, render_message

log = logging.getLogger(__name__)

DEFAULT_CHANNELS = (Channel.EMAIL, Channel.SITE)


@dataclass
class Message:
    to: AbstractBaseUser
    event: str
    context: dict
    key: str
    url: str = ""
    reminder: bool = False
    urgent: bool = False
    secret: bool = False
    channels: Sequence[str] = field(default_factory=lambda: DEFAULT_CHANNELS)


_batch: ContextVar[list[Message] | None] = ContextVar("outbox_batch", default=None)


def notify(
    *,
    to: AbstractBaseUser,
    event: str,
    context: dict,
    key: str,
    url: str = "",
    reminder: bool = False,
    urgent: bool = False,
    secret: bool = False,
    channels: Sequence[str] | None = None,
) -> None:
    """One outbox row per channel, sent by Celery after commit; the same key never queues twice.

    reminder=True is a courtesy the customer may turn off; messages about money never are.
    """
    message = Message(to=to, event=event, context=context, key=key[:200], url=url, reminder=reminder,
                      urgent=urgent, secret=secret, channels=channels or DEFAULT_CHANNELS)
    pending = _batch.get()
    if pending is not None:
        pending.append(message)
    else:
        queue([message])


@contextmanager
def batch() -> Iterator[None]:
    """Collect every notify() inside and write them together: a sweep costs the same queries for 1 or 100."""
    pending: list[Message] = []
    token = _batch.set(pending)
    try:
        yield
    finally:
        _batch.reset(token)
    queue(pending)


def queue(messages: Sequence[Message]) -> None:
    if not messages:
        return
    people = recipients_of(m.to for m in messages)
    now = timezone.now()
    rows = []
    for message in messages:
        person = people[message.to.pk]
        if message.reminder and not person.wants_reminders:
            continue
        url = absolute(message.url)
        subject, body = render_message(message.event, language=person.language, zone=person.zone,
                                       context=message.context | {"recipient": message.to, "url": url})
        for channel in message.channels:
            address = message.to.email if channel == Channel.EMAIL else ""
            if channel == Channel.EMAIL and not address:
                continue  # no address, no e-mail; the site list still tells them
            immediate = channel == Channel.SITE
            rows.append(Notification(
                recipient=message.to, event=message.event, channel=channel, key=message.key,
                language=person.language, address=address, subject=subject, body=body, url=url[:500],
                urgent=message.urgent, secret=message.secret,
                status=Delivery.SENT if immediate else Delivery.QUEUED,
                sent_at=now if immediate else None, next_attempt_at=None if immediate else now,
            ))
    Notification.objects.bulk_create(rows, ignore_conflicts=True)
    keys = {row.key for row in rows if row.status == Delivery.QUEUED}
    if not keys:
        return
    ids = list(Notification.objects.filter(key__in=keys, status=Delivery.QUEUED, created_at__gte=now)
               .values_list("pk", flat=True))
    if ids:
        transaction.on_commit(partial(dispatch, ids), robust=True)


def notify_staff(
    *, permission: str, event: str, context: dict, key: str, url: str = "", urgent: bool = False
) -> int:
    """Every active staff member who holds `permission` hears of it in their list on the admin."""
    app_label, codename = permission.split(".", 1)
    perm = Permission.objects.filter(content_type__app_label=app_label, codename=codename)
    staff = list(get_user_model().objects.filter(is_active=True, is_staff=True).filter(
        Q(is_superuser=True) | Q(user_permissions__in=perm) | Q(groups__permissions__in=perm)
    ).distinct())
    queue([Message(to=user, event=event, context=context, key=key[:200], url=url, urgent=urgent,
                   channels=[Channel.SITE]) for user in staff])
    return len(staff)


def record_whatsapp(*, to: AbstractBaseUser, staff: AbstractBaseUser, event: str, number: str, text: str,
                    key: str, language: str) -> Notification:
    """A message staff send by hand through wa.me: logged in the outbox as sent by them."""
    now = timezone.now()
    return Notification.objects.create(
        recipient=to, event=event, channel=Channel.WHATSAPP, key=f"{key}:{now.timestamp()}"[:200],
        language=language, address=number, subject=(text.splitlines() or [event])[0][:255],
        body=text, status=Delivery.SENT, sent_at=now, sent_by=staff,
    )


def mark_read(*, user: AbstractBaseUser, pk: int | None = None, at: datetime | None = None) -> int:
    """Opening the list marks what it shows as read; or one message, by its own recipient."""
    mine = Notification.objects.on_site_for(user).unread()
    if pk is not None:
        mine = mine.filter(pk=pk)
    return mine.update(read_at=at or timezone.now())


def dispatch(ids: Sequence[int]) -> None:
    """Hand rows to the worker. A broker that is down loses nothing: the rows stay queued for the sweep."""
    from .tasks import send_notification

    for pk in ids:
        try:
            send_notification.delay(pk)
        except Exception:  # the broker is unreachable: these rows wait for the beat sweep
            log.warning("notifications %s stay queued: the broker did not take them", list(ids), exc_info=True)
            return  # one timeout per request, not one per row
