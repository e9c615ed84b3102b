"""Verify and reject from the list row, the detail page and in bulk — always through the services."""

from django.contrib.messages import get_messages
from django.urls import reverse

from bookings.models import Booking, BookingEvent, ContactGrant, Status
from bookings.models.booking import RefundStatus
from bookings.models.payment import PaymentStatus, RejectionReason
from bookings.services import verify_payment
from tests.admin.conftest import waiting_payment
from tests.conftest import wib

LIST = "admin:bookings_payment_changelist"


def texts(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_verifying_from_the_landing_page_is_one_click_and_one_page_load(client, verifier, payment):
    client.force_login(verifier)
    landing = client.get(reverse("admin:index")).content.decode()
    verify_url = reverse("admin:bookings_payment_verify", args=[payment.pk])
    assert f'formaction="{verify_url}"' in landing  # the button is on the row: click one

    response = client.post(verify_url, {"next": reverse("admin:index")})  # the one page load

    assert response.status_code == 302 and response["Location"] == reverse("admin:index")
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.VERIFIED
    assert payment.decided_by == verifier
    assert Booking.objects.get(pk=payment.booking_id).status == Status.CONFIRMED
    assert ContactGrant.objects.filter(booking_id=payment.booking_id, issued_by=verifier).exists()


def test_a_second_verifier_is_told_who_verified_first(client, verifier, other_verifier, payment):
    verify_payment(payment=payment, staff=other_verifier)
    client.force_login(verifier)
    response = client.post(reverse("admin:bookings_payment_verify", args=[payment.pk]))
    assert f"already verified by {other_verifier.username}" in " ".join(texts(response))
    payment.refresh_from_db()
    assert payment.decided_by == other_verifier
    assert BookingEvent.objects.filter(booking_id=payment.booking_id, to_status=Status.CONFIRMED).count() == 1


def test_verifying_twice_changes_nothing(client, verifier, payment):
    client.force_login(verifier)
    url = reverse("admin:bookings_payment_verify", args=[payment.pk])
    client.post(url)
    client.post(url)
    assert BookingEvent.objects.filter(booking_id=payment.booking_id, to_status=Status.CONFIRMED).count() == 1
    assert ContactGrant.objects.filter(booking_id=payment.booking_id).count() == 1


def test_reject_needs_a_reason_and_keeps_what_was_typed(client, verifier, payment):
    client.force_login(verifier)
    response = client.post(
        reverse("admin:bookings_payment_reject", args=[payment.pk]),
        {f"reason_{payment.pk}": "other", f"note_{payment.pk}": ""},
    )
    assert "Please explain the rejection." in " ".join(texts(response))
    assert reverse("admin:bookings_payment_change", args=[payment.pk]) in response["Location"]
    assert "reason=other" in response["Location"]
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.SUBMITTED


def test_reject_with_a_reason_sends_the_booking_back_to_awaiting_payment(client, verifier, payment):
    client.force_login(verifier)
    client.post(
        reverse("admin:bookings_payment_reject", args=[payment.pk]),
        {f"reason_{payment.pk}": RejectionReason.UNREADABLE, f"note_{payment.pk}": "Buram"},
    )
    payment.refresh_from_db()
    assert (payment.status, payment.rejection_reason, payment.rejection_note) == ("rejected", "unreadable", "Buram")
    assert payment.decided_by == verifier
    assert Booking.objects.get(pk=payment.booking_id).status == Status.AWAITING_PAYMENT


def test_the_detail_page_has_verify_and_reject(client, verifier, payment):
    client.force_login(verifier)
    page = client.get(reverse("admin:bookings_payment_change", args=[payment.pk]) + "?reason=fake&note=edited")
    html = page.content.decode()
    assert reverse("admin:bookings_payment_verify", args=[payment.pk]) in html
    assert reverse("admin:bookings_payment_reject", args=[payment.pk]) in html
    assert 'value="edited"' in html and '<option value="fake" selected>' in html


def test_status_is_read_only_in_the_admin(client, manager, payment):
    client.force_login(manager)
    booking = payment.booking
    response = client.post(reverse("admin:bookings_booking_change", args=[booking.pk]), {"status": "confirmed"})
    assert response.status_code == 403
    page = client.get(reverse("admin:bookings_booking_change", args=[booking.pk])).content.decode()
    assert 'name="status"' not in page
    assert Booking.objects.get(pk=booking.pk).status == Status.PAYMENT_SUBMITTED


def test_a_partial_payment_needs_a_managers_override(client, verifier, manager, customer, talent, package):
    payment = waiting_payment(customer, talent, package, claimed=50_000)
    url = reverse("admin:bookings_payment_verify", args=[payment.pk])
    client.force_login(verifier)
    response = client.post(url, {f"override_{payment.pk}": "customer promised"})
    assert "You are not allowed" in " ".join(texts(response))
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.SUBMITTED

    client.force_login(manager)
    client.post(url, {f"override_{payment.pk}": "Sisa dibayar tunai, disetujui"})
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.VERIFIED
    assert payment.override_reason == "Sisa dibayar tunai, disetujui"


def test_a_partial_payment_without_a_reason_is_refused_even_for_a_manager(client, manager, customer, talent, package):
    payment = waiting_payment(customer, talent, package, claimed=50_000)
    client.force_login(manager)
    response = client.post(reverse("admin:bookings_payment_verify", args=[payment.pk]))
    assert "short of the amount due" in " ".join(texts(response))
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.SUBMITTED


def test_an_over_payment_records_the_refund_due(client, verifier, customer, talent, package):
    payment = waiting_payment(customer, talent, package, claimed=150_000)
    client.force_login(verifier)
    client.post(reverse("admin:bookings_payment_verify", args=[payment.pk]))
    booking = Booking.objects.get(pk=payment.booking_id)
    assert booking.refund_status == RefundStatus.DUE
    assert booking.refund_amount == 150_000 - booking.amount_due


def test_bulk_verify_verifies_each_and_reports_the_partial_ones(client, verifier, customer, other_customer, talent,
                                                                  package):
    full = waiting_payment(customer, talent, package)
    short = waiting_payment(other_customer, talent, package, starts_at=wib(2026, 12, 1, 23, 30), claimed=1_000)
    client.force_login(verifier)
    response = client.post(
        reverse(LIST), {"action": "verify_selected", "_selected_action": [full.pk, short.pk]}
    )
    full.refresh_from_db()
    short.refresh_from_db()
    assert full.status == PaymentStatus.VERIFIED
    assert short.status == PaymentStatus.SUBMITTED
    assert any("short of the amount due" in text for text in texts(response))


def test_bulk_reject_asks_for_a_reason_first(client, verifier, customer, other_customer, talent, package):
    first = waiting_payment(customer, talent, package)
    second = waiting_payment(other_customer, talent, package, starts_at=wib(2026, 12, 1, 23, 30))
    client.force_login(verifier)
    data = {"action": "reject_selected", "_selected_action": [first.pk, second.pk]}
    form = client.post(reverse(LIST), data)
    assert form.status_code == 200 and 'name="reason"' in form.content.decode()

    client.post(reverse(LIST), data | {"apply": "1", "reason": "not_received", "note": ""})
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == second.status == PaymentStatus.REJECTED
    assert first.decided_by == verifier


def test_a_proof_for_a_session_already_over_is_flagged_and_offers_only_to_settle_the_money(client, verifier,
                                                                                         payment, time_machine):
    time_machine.move_to(payment.booking.ends_at, tick=False)
    client.force_login(verifier)
    landing = client.get(reverse("admin:index")).content.decode()
    assert "session started, payment still undecided" in landing
    assert "Transfer received: refund it" in landing and "Not received" in landing
    assert reverse("admin:bookings_payment_verify", args=[payment.pk]) in landing
