"""The whole journey with the test client: sign up → book → pay page → proof → staff verifies → session."""

from datetime import UTC

from django.test import Client
from django.urls import reverse

from bookings.models import Booking, Payment, Status
from bookings.services import verify_payment
from tests.conftest import wib
from tests.customer.conftest import says


def test_a_new_customer_goes_from_sign_up_to_the_session(db, talent, package, staff, bank_account, proof_png, evening):
    client = Client()

    # Find the talent and a free slot tonight.
    assert talent.display_name in client.get("/").content.decode()
    profile = client.get(talent.get_absolute_url())
    assert profile.status_code == 200
    slots = client.get(reverse("book", args=[talent.slug]), {"package": package.pk, "night": "2026-03-02"})
    nine = wib(2026, 3, 2, 21, 0).astimezone(UTC).isoformat()
    assert f'value="{nine}"' in slots.content.decode()

    # Choose it as a visitor; sign up; the choice is waiting.
    chosen = client.post(reverse("book", args=[talent.slug]),
                         {"package": package.pk, "night": "2026-03-02", "starts_at": nine})
    signed_up = client.post(chosen.url, {
        "name": "Dewi", "whatsapp": "0813 9999 0000", "email": "dewi@example.com",
        "password": "tidur-nyenyak-2026", "time_zone": "Asia/Jakarta", "next": reverse("book_confirm"),
    })
    assert signed_up.url == reverse("book_confirm")
    booked = client.post(reverse("book_confirm"))
    booking = Booking.objects.get()
    assert booked.url == reverse("pay", args=[booking.pk])

    # First the session rules (no payment details yet), then the payment page.
    rules_page = client.get(booked.url)
    assert says(rules_page, "No video calls.") and booking.amount_due_display not in rules_page.content.decode()
    client.post(reverse("accept_rules", args=[booking.pk]), {"accept": "yes"})

    # The payment page: exact amount, account, deadline; upload the proof.
    pay_page = client.get(booked.url)
    assert booking.amount_due_display in pay_page.content.decode()
    assert bank_account.account_number in pay_page.content.decode()
    sent = client.post(booked.url, {
        "account": bank_account.pk, "bank": "BRI", "sender_name": "Dewi",
        "amount_claimed": str(booking.amount_due), "proof": proof_png,
    }, follow=True)
    assert says(sent, "We are verifying your transfer")

    # Staff verify through the service.
    verify_payment(payment=Payment.objects.get(), staff=staff)
    booking.refresh_from_db()
    assert booking.status == Status.CONFIRMED

    handle = str(talent.contact_handle).lstrip("+")
    session_url = reverse("booking_detail", args=[booking.pk])

    evening.move_to(wib(2026, 3, 2, 20, 55))
    assert handle not in client.get(session_url).content.decode()

    evening.move_to(wib(2026, 3, 2, 21, 0))
    assert f"https://wa.me/{handle}" in client.get(session_url).content.decode()

    evening.move_to(wib(2026, 3, 2, 21, 59))
    assert handle in client.get(session_url).content.decode()

    evening.move_to(wib(2026, 3, 2, 22, 0))
    after = client.get(session_url)
    assert handle not in after.content.decode()
    assert reverse("book", args=[talent.slug]) in after.content.decode()  # book this talent again
