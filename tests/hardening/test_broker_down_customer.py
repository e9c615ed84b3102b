"""With the broker unreachable a customer still books and sends a proof (no 500), and the messages
those steps queued go out through the outbox sweep once the broker is back."""

from __future__ import annotations

from datetime import UTC

import pytest
import time_machine
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from bookings.models import BankAccount, Booking, Payment, Status
from notifications import delivery
from notifications.models import Channel, Delivery, Notification
from tests.admin.test_broker_down import broker_down
from tests.conftest import wib
from tests.customer.conftest import png_bytes

START = wib(2026, 3, 2, 21, 0)


@pytest.mark.django_db(transaction=True)
def test_booking_and_sending_a_proof_with_the_broker_down_answer_normally_and_the_sweep_sends_later(
    customer, talent, package
):
    BankAccount.objects.create(bank="BCA", account_number="123-456-7890", holder="PT Sleep Call")
    client = Client()
    client.force_login(customer.user)
    mail.outbox.clear()
    with time_machine.travel(wib(2026, 3, 2, 18, 0), tick=False), broker_down():
        chosen = client.post(reverse("book", args=[talent.slug]), {
            "package": package.pk, "night": "2026-03-02", "starts_at": START.astimezone(UTC).isoformat(),
        })
        assert chosen.status_code == 302
        booked = client.post(reverse("book_confirm"))
        booking = Booking.objects.get()
        assert booked.status_code == 302 and booked.url == reverse("pay", args=[booking.pk])
        assert client.post(reverse("accept_rules", args=[booking.pk]), {"accept": "yes"}).status_code == 302
        sent = client.post(reverse("pay", args=[booking.pk]), {
            "account": BankAccount.objects.get().pk, "bank": "BRI", "sender_name": "Dewi",
            "amount_claimed": str(booking.amount_due),
            "proof": SimpleUploadedFile("bukti.png", png_bytes(), content_type="image/png"),
        })
        assert sent.status_code == 302
        booking.refresh_from_db()
        assert booking.status == Status.PAYMENT_SUBMITTED and Payment.objects.filter(booking=booking).exists()

        held = Notification.objects.get(event="booking_held", channel=Channel.EMAIL)
        assert held.status == Delivery.QUEUED and not mail.outbox

    assert delivery.send_due() >= 1  # the beat sweep, once the broker is back
    held.refresh_from_db()
    assert held.status == Delivery.SENT
    assert len(mail.outbox) == Notification.objects.filter(channel=Channel.EMAIL, status=Delivery.SENT).count()
    assert delivery.send_due() == 0 and len(mail.outbox) == 1  # a second sweep sends nothing more
