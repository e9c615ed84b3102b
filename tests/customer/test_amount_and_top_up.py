"""A transfer that differs from the amount due is caught before it is sent; a short one is made good by a top-up."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from bookings.errors import NothingToTopUp, PartialPayment
from bookings.models import BookingEvent, Payment, Status
from bookings.models.payment import PaymentStatus, RejectionReason
from bookings.money import rupiah
from bookings.services import accept_rules, reject_payment, submit_payment, submit_top_up, verify_payment
from tests.customer.conftest import png_bytes, says


def proof(color="white"):
    return SimpleUploadedFile("bukti.png", png_bytes(color), content_type="image/png")


def form(account, amount, **changes):
    return {"account": account.pk, "bank": "BCA", "sender_name": "Sari W", "amount_claimed": str(amount),
            "proof": proof()} | changes


@pytest.fixture(autouse=True)
def _rules_accepted(booking, customer):
    """The rules step comes before the money (its own tests are elsewhere)."""
    accept_rules(booking=booking, customer=customer)


def submitted(booking, customer, amount, color="white"):
    accept_rules(booking=booking, customer=customer)
    return submit_payment(
        booking=booking, customer=customer, bank="BCA", sender_name="S", amount_claimed=amount, proof=proof(color)
    )


def test_the_price_without_the_unique_code_is_stopped_with_the_code_named(customer_client, booking, bank_account):
    response = customer_client.post(reverse("pay", args=[booking.pk]), form(bank_account, booking.price))
    assert response.status_code == 400
    body = response.content.decode()
    assert rupiah(booking.unique_code) in body and rupiah(booking.amount_due) in body
    assert 'name="confirm_amount"' in body and 'value="Sari W"' in body
    assert not Payment.objects.exists()
    booking.refresh_from_db()
    assert booking.status == Status.AWAITING_PAYMENT


def test_a_different_amount_is_sent_once_the_customer_confirms_it(customer_client, booking, bank_account):
    data = form(bank_account, booking.price, confirm_amount="on")
    response = customer_client.post(reverse("pay", args=[booking.pk]), data)
    assert response.status_code == 302
    payment = Payment.objects.get()
    assert payment.amount_claimed == booking.price and payment.account == bank_account


def test_the_exact_amount_needs_no_confirmation(customer_client, booking, bank_account):
    response = customer_client.post(reverse("pay", args=[booking.pk]), form(bank_account, booking.amount_due))
    assert response.status_code == 302 and Payment.objects.get().amount_claimed == booking.amount_due


def test_the_proof_names_one_of_our_accounts(customer_client, booking, bank_account):
    data = form(bank_account, booking.amount_due) | {"account": "999999"}
    response = customer_client.post(reverse("pay", args=[booking.pk]), data)
    assert response.status_code == 400 and not Payment.objects.exists()


def test_a_short_proof_leads_the_customer_to_a_top_up_for_the_rest(customer_client, customer, booking):
    submitted(booking, customer, booking.price)
    detail = customer_client.get(reverse("booking_detail", args=[booking.pk]))
    assert reverse("top_up", args=[booking.pk]) in detail.content.decode()
    page = customer_client.get(reverse("top_up", args=[booking.pk]))
    assert page.status_code == 200 and rupiah(booking.unique_code) in page.content.decode()


def test_a_top_up_is_summed_with_the_first_proof_and_both_are_verified_together(customer, booking, staff):
    first = submitted(booking, customer, booking.price)
    with pytest.raises(PartialPayment):
        verify_payment(payment=first, staff=staff)
    top_up = submit_top_up(booking=booking, customer=customer, bank="BCA", sender_name="S",
                           amount_claimed=booking.unique_code, proof=proof("black"))
    first.refresh_from_db()
    assert first.claimed_total == booking.amount_due and first.shortfall == 0
    assert BookingEvent.objects.filter(booking=booking, reason__contains=rupiah(booking.unique_code)).exists()
    verify_payment(payment=first, staff=staff)
    booking.refresh_from_db()
    top_up.refresh_from_db()
    assert booking.status == Status.CONFIRMED and booking.refund_amount == 0
    assert top_up.status == PaymentStatus.VERIFIED


def test_the_waiting_list_shows_one_row_with_the_summed_claim(customer, booking):
    submitted(booking, customer, booking.price)
    submit_top_up(booking=booking, customer=customer, bank="BCA", sender_name="S",
                  amount_claimed=booking.unique_code, proof=proof("black"))
    rows = list(Payment.objects.waiting().with_top_ups())
    assert len(rows) == 1 and rows[0].claimed_total == booking.amount_due


def test_rejecting_the_claim_rejects_its_top_up_too(customer, booking, staff):
    first = submitted(booking, customer, booking.price)
    top_up = submit_top_up(booking=booking, customer=customer, bank="BCA", sender_name="S",
                           amount_claimed=booking.unique_code, proof=proof("black"))
    reject_payment(payment=top_up, staff=staff, reason=RejectionReason.NOT_RECEIVED)
    first.refresh_from_db()
    top_up.refresh_from_db()
    assert first.status == top_up.status == PaymentStatus.REJECTED
    booking.refresh_from_db()
    assert booking.status == Status.AWAITING_PAYMENT


def test_no_top_up_once_the_claims_cover_the_amount(customer, booking):
    submitted(booking, customer, booking.amount_due)
    with pytest.raises(NothingToTopUp):
        submit_top_up(booking=booking, customer=customer, bank="BCA", sender_name="S", amount_claimed=1,
                      proof=proof("black"))


def test_the_top_up_page_of_another_customer_is_not_found(other_client, client, customer, booking):
    submitted(booking, customer, booking.price)
    url = reverse("top_up", args=[booking.pk])
    assert other_client.get(url).status_code == 404 and other_client.post(url, {}).status_code == 404
    assert client.get(url).status_code == 302  # a visitor is sent to log in


def test_a_top_up_through_the_page_is_summed(customer_client, customer, booking, bank_account):
    submitted(booking, customer, booking.price)
    data = form(bank_account, booking.unique_code, proof=proof("black"))
    response = customer_client.post(reverse("top_up", args=[booking.pk]), data, follow=True)
    assert says(response, "Thank you! We are verifying your transfer.")
    assert Payment.objects.filter(is_top_up=True, amount_claimed=booking.unique_code).exists()
