"""The session rules are accepted before the payment instructions show; the slot stays held meanwhile."""

from django.urls import reverse

from bookings.models import Booking, Status
from tests.conftest import wib
from tests.customer.conftest import says

RULES = [
    "No sexual content: no sexual talk, photos or requests.",
    "No video calls.",
    "You write first. At the start your page gives you the message to send; the talent never contacts you first.",
    "At the end the talent says goodbye and blocks your number again.",
    "To talk again, book again here. Never arrange a session directly with the talent.",
    "Insults, harassment or threats end the session at once, without a refund.",
]


def pay_url(booking):
    return reverse("pay", args=[booking.pk])


def rules_url(booking):
    return reverse("accept_rules", args=[booking.pk])


def test_before_accepting_the_page_shows_the_rules_and_no_payment_details(customer_client, booking, bank_account):
    response = customer_client.get(pay_url(booking))
    body = response.content.decode()
    assert response.status_code == 200
    for rule in RULES:
        assert says(response, rule)
    assert f"{booking.get_channels_display()}." in body  # only the package's channels
    assert booking.amount_due_display not in body and bank_account.account_number not in body
    assert 'name="proof"' not in body


def test_the_slot_is_held_while_the_rules_are_read(customer_client, booking):
    response = customer_client.get(pay_url(booking))
    assert "19:00 WIB" in response.content.decode()  # the payment deadline
    booking.refresh_from_db()
    assert booking.status == Status.AWAITING_PAYMENT and booking.is_holding_slot()


def test_accepting_keeps_the_version_and_the_time_then_shows_how_to_pay(customer_client, booking, bank_account,
                                                                         settings):
    response = customer_client.post(rules_url(booking), {"accept": "yes"})
    assert response.url == pay_url(booking)
    booking.refresh_from_db()
    assert booking.rules_version == settings.SLEEPCALL_RULES_VERSION
    assert booking.rules_accepted_at == wib(2026, 3, 2, 18, 0)  # the frozen evening clock
    body = customer_client.get(pay_url(booking)).content.decode()
    assert booking.amount_due_display in body and bank_account.account_number in body


def test_without_the_tick_nothing_is_accepted(customer_client, booking):
    response = customer_client.post(rules_url(booking), {}, follow=True)
    assert says(response, "Please tick that you accept the session rules.")
    assert not Booking.objects.get(pk=booking.pk).rules_accepted


def test_a_new_rules_version_asks_again(customer_client, booking, settings):
    customer_client.post(rules_url(booking), {"accept": "yes"})
    settings.SLEEPCALL_RULES_VERSION = "2099-01"
    response = customer_client.get(pay_url(booking))
    assert says(response, "Before you pay: the session rules")
    assert booking.amount_due_display not in response.content.decode()


def test_another_customers_booking_is_not_found(other_client, booking):
    assert other_client.post(rules_url(booking), {"accept": "yes"}).status_code == 404
    assert not Booking.objects.get(pk=booking.pk).rules_accepted


def test_a_visitor_is_asked_to_log_in(client, booking):
    response = client.post(rules_url(booking), {"accept": "yes"})
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_accepting_is_post_only(customer_client, booking):
    assert customer_client.get(rules_url(booking)).status_code == 405
