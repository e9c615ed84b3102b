"""My bookings: plain-words status, what happens next, the actions that fit, and cancelling."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from bookings.errors import IllegalTransition
from bookings.models import Booking, Status
from bookings.models.payment import RejectionReason
from bookings.services import (
    accept_rules,
    cancel_booking_by_staff,
    create_booking,
    reject_payment,
    submit_payment,
    verify_payment,
)
from tests.conftest import wib
from tests.customer.conftest import says
from tests.factories import PackageFactory, TalentFactory, every_night
from tests.receipts import receipt_png


def submitted(booking, customer, proof):
    accept_rules(booking=booking, customer=customer)
    return submit_payment(booking=booking, customer=customer, bank="BCA", sender_name="S",
                          amount_claimed=booking.amount_due, proof=proof)


def test_an_unpaid_booking_offers_pay_and_cancel(customer_client, booking):
    response = customer_client.get(reverse("my_bookings"))
    body = response.content.decode()
    assert says(response, "Waiting for your transfer")
    assert reverse("pay", args=[booking.pk]) in body
    assert reverse("cancel_booking", args=[booking.pk]) in body


def test_a_rejected_proof_shows_the_reason_and_upload_again(customer_client, booking, customer, staff, proof_png):
    payment = submitted(booking, customer, proof_png)
    reject_payment(payment=payment, staff=staff, reason=RejectionReason.UNREADABLE, note="Buram")
    response = customer_client.get(reverse("my_bookings"))
    assert says(response, "Transfer proof not accepted")
    assert says(response, RejectionReason.UNREADABLE.label) and "Buram" in response.content.decode()
    assert says(response, "Upload proof again")


def test_a_submitted_payment_reads_we_are_verifying(customer_client, booking, customer, proof_png):
    submitted(booking, customer, proof_png)
    response = customer_client.get(reverse("my_bookings"))
    assert says(response, "We are verifying your transfer")
    assert reverse("cancel_booking", args=[booking.pk]) not in response.content.decode()


def test_a_finished_or_cancelled_booking_offers_to_book_again(customer_client, booking, staff, talent):
    cancel_booking_by_staff(booking=booking, staff=staff, reason="Talent sakit")
    response = customer_client.get(reverse("my_bookings"))
    assert says(response, "Cancelled")
    assert reverse("book", args=[talent.slug]) in response.content.decode()


def test_a_staff_cancellation_after_payment_tells_about_the_refund(
    customer_client, booking, customer, staff, proof_png
):
    submitted(booking, customer, proof_png)
    cancel_booking_by_staff(booking=booking, staff=staff, reason="Talent sakit")
    response = customer_client.get(reverse("my_bookings"))
    assert "Rp 100." in response.content.decode()


def test_an_unpaid_booking_past_its_deadline_reads_as_over_even_before_the_sweep(customer_client, booking, evening):
    evening.move_to(wib(2026, 3, 2, 19, 30))
    response = customer_client.get(reverse("my_bookings"))
    assert says(response, "Payment time is over")
    assert reverse("pay", args=[booking.pk]) not in response.content.decode()


def test_customers_see_only_their_own_bookings(other_client, booking):
    response = other_client.get(reverse("my_bookings"))
    assert reverse("booking_detail", args=[booking.pk]) not in response.content.decode()


def test_cancel_before_payment(customer_client, booking):
    response = customer_client.post(reverse("cancel_booking", args=[booking.pk]), follow=True)
    booking.refresh_from_db()
    assert booking.status == Status.CANCELLED
    assert says(response, "Your booking is cancelled.")


def test_cancel_after_payment_is_refused_with_a_message(customer_client, booking, customer, proof_png):
    submitted(booking, customer, proof_png)
    response = customer_client.post(reverse("cancel_booking", args=[booking.pk]), follow=True)
    booking.refresh_from_db()
    assert booking.status == Status.PAYMENT_SUBMITTED
    expected = IllegalTransition(current=Status.PAYMENT_SUBMITTED.label, target=Status.CANCELLED.label)
    assert says(response, str(expected))


def test_cancelling_another_customers_booking_is_not_found(other_client, booking):
    assert other_client.post(reverse("cancel_booking", args=[booking.pk])).status_code == 404
    booking.refresh_from_db()
    assert booking.status == Status.AWAITING_PAYMENT


def test_cancel_asks_first_and_only_a_post_cancels(customer_client, booking):
    page = customer_client.get(reverse("cancel_booking", args=[booking.pk]))
    assert page.status_code == 200 and says(page, "Cancel this booking?")
    booking.refresh_from_db()
    assert booking.status == Status.AWAITING_PAYMENT


def test_my_bookings_keeps_a_constant_number_of_queries(
    customer_client, customer, staff, evening, proof_png, django_assert_max_num_queries, settings
):
    settings.SLEEPCALL_MAX_UNPAID_BOOKINGS = 10  # five proofs wait for staff at once here
    def book(n: int) -> None:
        for i in range(n):
            talent = TalentFactory()
            every_night(talent)
            package = PackageFactory(offered_by=[talent])
            b = create_booking(customer=customer, talent=talent, package=package, starts_at=wib(2026, 3, 3, 21, 0))
            proof = SimpleUploadedFile("bukti.png", receipt_png(), content_type="image/png")  # each its own
            payment = submitted(b, customer, proof)
            if i % 2:
                verify_payment(payment=payment, staff=staff)

    book(1)
    with django_assert_max_num_queries(8) as one:
        customer_client.get(reverse("my_bookings"))
    book(9)
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = customer_client.get(reverse("my_bookings"))
    assert len(response.context["rows"]) == 10 == Booking.objects.count()
