"""With the broker unreachable, staff decisions still answer normally and no message is lost."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.core import mail
from django.urls import reverse

from bookings.models import Booking, Status
from notifications import delivery
from notifications.models import Channel, Delivery, Notification
from sleepcall.celery import app
from tests.admin.conftest import waiting_payment
from tests.factories import CustomerFactory, TalentFactory, every_night


def _closed_port() -> int:
    """A port nothing listens on: a broker that is down."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _forget_connections() -> None:
    app._pool = None
    if "amqp" in app.__dict__:
        app.amqp._producer_pool = None


@contextmanager
def broker_down() -> Iterator[None]:
    saved = {key: app.conf[key] for key in ("task_always_eager", "broker_url")}
    app.conf.update(task_always_eager=False, broker_url=f"redis://127.0.0.1:{_closed_port()}/0")
    _forget_connections()
    try:
        yield
    finally:
        app.conf.update(saved)
        _forget_connections()


@pytest.fixture
def payments(package, db):
    found = []
    for _ in range(4):
        talent = TalentFactory()
        every_night(talent)
        package.talents.add(talent)
        found.append(waiting_payment(CustomerFactory(), talent, package))
    return found


@pytest.mark.django_db(transaction=True)
def test_bulk_verify_with_the_broker_down_finishes_every_row_and_the_sweep_sends_later(
    client, verifier, payments
):
    client.force_login(verifier)
    mail.outbox.clear()
    with broker_down():
        response = client.post(
            reverse("admin:bookings_payment_changelist"),
            {"action": "verify_selected", "_selected_action": [p.pk for p in payments]},
        )
    assert response.status_code == 302
    assert set(Booking.objects.values_list("status", flat=True)) == {Status.CONFIRMED}
    queued = Notification.objects.filter(event="payment_verified", channel=Channel.EMAIL)
    assert queued.count() == 4 and set(queued.values_list("status", flat=True)) == {Delivery.QUEUED}
    assert not [m for m in mail.outbox if "terkonfirmasi" in m.subject]

    assert delivery.send_due() >= 4  # the beat sweep, once the broker is back
    assert len([m for m in mail.outbox if "terkonfirmasi" in m.subject]) == 4


@pytest.mark.django_db(transaction=True)
def test_reject_with_the_broker_down_answers_normally(client, verifier, payments):
    client.force_login(verifier)
    with broker_down():
        response = client.post(
            reverse("admin:bookings_payment_reject", args=[payments[0].pk]), {"reason": "wrong_amount"}
        )
    assert response.status_code == 302
    assert Notification.objects.get(event="payment_rejected", channel=Channel.EMAIL).status == Delivery.QUEUED
