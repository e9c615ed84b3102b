"""The payment page (once the rules are accepted): exact amount, bank accounts, deadline, a checked proof upload.

The rules step before it is in test_rules_before_payment.py.
"""

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from bookings.models import Payment, Status
from bookings.models.payment import RejectionReason
from bookings.services import reject_payment, submit_payment
from tests.conftest import wib
from tests.customer.conftest import png_bytes, says


@pytest.fixture(autouse=True)
def _rules_accepted(booking, customer):
    from bookings.services import accept_rules

    accept_rules(booking=booking, customer=customer)


def pay_url(booking):
    return reverse("pay", args=[booking.pk])


def form(proof, **changes):
    return {"bank": "BCA", "sender_name": "Sari W", "amount_claimed": "Rp 100.123", "proof": proof,
            "confirm_amount": "on"} | changes


def test_pay_page_shows_amount_with_unique_code_accounts_and_deadline(customer_client, booking, bank_account):
    response = customer_client.get(pay_url(booking))
    body = response.content.decode()
    assert booking.amount_due_display in body
    assert f'data-copy="{booking.amount_due}"' in body
    assert "123-456-7890" in body and 'data-copy="1234567890"' in body
    assert "19:00 WIB" in body  # the deadline, an hour after booking
    assert 'data-deadline="2026-03-02T19:00:00+07:00"' in body


def test_another_customers_payment_page_is_not_found(other_client, booking):
    assert other_client.get(pay_url(booking)).status_code == 404
    assert other_client.post(pay_url(booking), {}).status_code == 404


def test_a_visitor_is_asked_to_log_in(client, booking):
    response = client.get(pay_url(booking))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_uploading_an_image_submits_the_payment(customer_client, booking, proof_png):
    response = customer_client.post(pay_url(booking), form(proof_png, amount_claimed=booking.amount_due_display))
    assert response.url == reverse("booking_detail", args=[booking.pk])
    booking.refresh_from_db()
    payment = Payment.objects.get()
    assert booking.status == Status.PAYMENT_SUBMITTED and booking.rules_accepted
    assert payment.amount_claimed == booking.amount_due and payment.bank == "BCA" and payment.sender_name == "Sari W"
    detail = customer_client.get(response.url)
    assert says(detail, "We are verifying your transfer")


def test_a_pdf_proof_is_accepted(customer_client, booking, proof_pdf):
    customer_client.post(pay_url(booking), form(proof_pdf))
    booking.refresh_from_db()
    assert booking.status == Status.PAYMENT_SUBMITTED


def test_a_proof_is_stored_and_served_by_its_content_not_its_name(customer_client, booking, proof_pdf):
    """A PDF called bukti.jpg is a PDF for staff too; the customer's file name is never used on disk."""
    proof_pdf.name = "bukti.jpg"
    customer_client.post(pay_url(booking), form(proof_pdf))
    payment = Payment.objects.get()
    assert payment.proof.name.endswith(".pdf") and "bukti" not in payment.proof.name
    served = customer_client.get(reverse("payment_proof", args=[payment.pk]))
    assert served["Content-Type"] == "application/pdf"


def test_a_new_rules_version_while_typing_keeps_the_proof_unsent(customer_client, booking, proof_png, settings):
    """The rules changed between the instructions and the upload: the rules page comes back, nothing is sent."""
    settings.SLEEPCALL_RULES_VERSION = "2099-01"
    response = customer_client.post(pay_url(booking), form(proof_png))
    assert says(response, "Please read and accept the session rules first.")
    assert booking.amount_due_display not in response.content.decode()
    booking.refresh_from_db()
    assert booking.status == Status.AWAITING_PAYMENT and not Payment.objects.exists()


def test_a_text_file_named_like_an_image_is_refused(customer_client, booking):
    fake = SimpleUploadedFile("bukti.png", b"this is not an image", content_type="image/png")
    response = customer_client.post(pay_url(booking), form(fake))
    assert response.status_code == 400
    assert says(response, "Please upload a photo or screenshot (JPG, PNG or WebP) or a PDF of the transfer.")
    assert not Payment.objects.exists()


def test_a_gif_is_refused(customer_client, booking):
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (10, 10)).save(buffer, "GIF")
    gif = SimpleUploadedFile("bukti.gif", buffer.getvalue(), content_type="image/gif")
    assert customer_client.post(pay_url(booking), form(gif)).status_code == 400


def test_a_file_over_5_mb_is_refused(customer_client, booking):
    big = SimpleUploadedFile("bukti.pdf", b"%PDF-" + b"0" * (5 * 1024 * 1024), content_type="application/pdf")
    response = customer_client.post(pay_url(booking), form(big))
    assert response.status_code == 400
    assert "5 MB" in response.content.decode()


def test_a_missing_file_and_a_bad_amount_are_explained(customer_client, booking):
    response = customer_client.post(pay_url(booking), form("", amount_claimed="seratus ribu"))
    assert response.status_code == 400
    assert says(response, "Please choose the proof file.")
    assert says(response, "Please enter the amount in rupiah, digits only, e.g. 150123.")


def test_after_the_deadline_the_page_says_so(customer_client, booking, proof_png, evening):
    evening.move_to(wib(2026, 3, 2, 19, 1))
    response = customer_client.get(pay_url(booking), follow=True)
    assert response.redirect_chain[0][0] == reverse("booking_detail", args=[booking.pk])
    assert says(response, "The payment deadline has passed; this booking has expired.")
    customer_client.post(pay_url(booking), form(proof_png))
    assert not Payment.objects.exists()


def test_a_submitted_booking_sends_the_customer_to_its_page(customer_client, booking, customer, proof_png):
    from bookings.services import accept_rules

    accept_rules(booking=booking, customer=customer)
    submit_payment(
        booking=booking, customer=customer, bank="BCA", sender_name="S", amount_claimed=booking.amount_due,
        proof=proof_png,
    )
    assert customer_client.get(pay_url(booking)).url == reverse("booking_detail", args=[booking.pk])


def test_after_a_rejection_the_reason_shows_and_a_new_proof_can_be_sent(
    customer_client, booking, customer, staff, proof_png
):
    from bookings.services import accept_rules

    accept_rules(booking=booking, customer=customer)
    payment = submit_payment(
        booking=booking, customer=customer, bank="BCA", sender_name="S", amount_claimed=100, proof=proof_png
    )
    reject_payment(payment=payment, staff=staff, reason=RejectionReason.WRONG_AMOUNT, note="Kurang Rp 100.023")
    page = customer_client.get(pay_url(booking))
    assert says(page, RejectionReason.WRONG_AMOUNT.label) and "Kurang Rp 100.023" in page.content.decode()
    again = SimpleUploadedFile("lagi.png", png_bytes("black"), content_type="image/png")
    customer_client.post(pay_url(booking), form(again))
    booking.refresh_from_db()
    assert booking.status == Status.PAYMENT_SUBMITTED
    assert Payment.objects.count() == 2


def test_pay_page_keeps_a_constant_number_of_queries(customer_client, booking, django_assert_max_num_queries):
    from bookings.models import BankAccount

    BankAccount.objects.create(bank="BRI", account_number="1", holder="A")
    with django_assert_max_num_queries(10) as few:  # the accounts twice (list and select), the bell
        customer_client.get(pay_url(booking))
    for n in range(5):
        BankAccount.objects.create(bank=f"Bank {n}", account_number=str(n), holder="A")
    with django_assert_max_num_queries(len(few.captured_queries)):
        customer_client.get(pay_url(booking))


def test_the_page_is_rendered_in_the_customers_zone(customer_client, customer, booking):
    customer.time_zone = "Asia/Jayapura"
    customer.save()
    with time_machine.travel(wib(2026, 3, 2, 18, 5), tick=False):
        body = customer_client.get(pay_url(booking)).content.decode()
    assert "21:00 WIT" in body  # 19:00 WIB deadline
