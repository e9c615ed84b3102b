"""A proof re-used from another booking, even re-saved, resized or slightly cropped, is caught before verify."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.core.files.base import ContentFile
from django.urls import reverse

from bookings.errors import NotPermitted, ReusedProof
from bookings.models import BookingEvent
from bookings.models.payment import PaymentStatus
from bookings.services import verify_payment
from bookings.services.payment import perceptual_hash
from tests.admin.conftest import waiting_payment
from tests.conftest import wib
from tests.receipts import encoded, receipt

LIST = "admin:bookings_payment_changelist"
LATER = wib(2026, 12, 1, 23, 30)
ORIGINAL = receipt(seed=1001)


def resaved(image):
    return encoded(image, "JPEG", quality=55)


def resized(image):
    width, height = image.size
    return encoded(image.resize((int(width * 0.95), int(height * 0.95))), "JPEG", quality=90)


def cropped(image):
    width, height = image.size
    return encoded(image.crop((7, 12, width - 7, height - 12)), "JPEG", quality=90)


COPIES = [pytest.param(resaved, id="re-saved JPEG"), pytest.param(resized, id="95% resize"),
          pytest.param(cropped, id="small crop")]


def texts(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.fixture
def earlier(customer, talent, package):
    return waiting_payment(customer, talent, package, proof=encoded(ORIGINAL, "JPEG", quality=92), name="a.jpg")


@pytest.mark.parametrize("copy", COPIES)
def test_an_edited_copy_of_an_earlier_proof_blocks_verify_through_the_service(
        earlier, verifier, other_customer, talent, package, copy):
    later = waiting_payment(other_customer, talent, package, starts_at=LATER, proof=copy(ORIGINAL), name="b.jpg")
    assert later.proof_sha256 != earlier.proof_sha256
    with pytest.raises(ReusedProof, match=f"#{earlier.booking_id}"):
        verify_payment(payment=later, staff=verifier)
    later.refresh_from_db()
    assert later.status == PaymentStatus.SUBMITTED


@pytest.mark.parametrize("copy", COPIES)
def test_an_edited_copy_blocks_one_click_and_bulk_verify_and_the_row_names_the_booking(
        client, earlier, verifier, other_customer, talent, package, copy):
    later = waiting_payment(other_customer, talent, package, starts_at=LATER, proof=copy(ORIGINAL), name="b.jpg")
    client.force_login(verifier)
    page = client.get(reverse(LIST)).content.decode()
    link = reverse("admin:bookings_booking_change", args=[earlier.booking_id])
    assert f'same receipt as booking <a href="{link}">#{earlier.booking_id}</a>' in page
    assert "reused proof: a manager must verify" in page

    response = client.post(reverse("admin:bookings_payment_verify", args=[later.pk]))
    assert any(f"matches the one sent for booking #{earlier.booking_id}" in t for t in texts(response))
    response = client.post(reverse(LIST), {"action": "verify_selected", "_selected_action": [earlier.pk, later.pk]})
    assert any(f"#{later.booking_id}: The proof matches" in t for t in texts(response))
    earlier.refresh_from_db()
    later.refresh_from_db()
    assert earlier.status == PaymentStatus.VERIFIED  # the first sender is not blocked by the copy
    assert later.status == PaymentStatus.SUBMITTED


def test_an_unrelated_receipt_is_not_flagged(client, earlier, verifier, other_customer, talent, package):
    other = waiting_payment(other_customer, talent, package, starts_at=LATER,
                            proof=encoded(receipt(seed=2002), "JPEG", quality=90), name="c.jpg")
    client.force_login(verifier)
    page = client.get(reverse(LIST)).content.decode()
    assert "same receipt as booking" not in page
    verify_payment(payment=other, staff=verifier)
    other.refresh_from_db()
    assert other.status == PaymentStatus.VERIFIED


def test_the_override_needs_the_permission_and_a_reason_and_lands_in_the_history(
        client, earlier, verifier, manager, other_customer, talent, package):
    later = waiting_payment(other_customer, talent, package, starts_at=LATER, proof=resized(ORIGINAL), name="b.jpg")
    with pytest.raises(NotPermitted):
        verify_payment(payment=later, staff=verifier, override_reason="looks fine to me")
    with pytest.raises(ReusedProof):
        verify_payment(payment=later, staff=manager, override_reason="   ")

    client.force_login(manager)
    assert "Verify reused proof" in client.get(reverse(LIST)).content.decode()
    client.post(reverse("admin:bookings_payment_verify", args=[later.pk]),
                {f"override_{later.pk}": "Same family, two sessions; bank shows two transfers"})
    later.refresh_from_db()
    assert later.status == PaymentStatus.VERIFIED
    assert later.override_reason == "Same family, two sessions; bank shows two transfers"
    event = BookingEvent.objects.filter(booking_id=later.booking_id, to_status="confirmed").get()
    assert event.actor == manager
    assert f"#{earlier.booking_id}" in event.reason and "two transfers" in event.reason


def test_a_pdf_keeps_only_the_exact_fingerprint():
    pdf = ContentFile(b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n", name="bukti.pdf")
    assert perceptual_hash(pdf) is None
    assert perceptual_hash(ContentFile(encoded(ORIGINAL), name="x.png")) is not None
