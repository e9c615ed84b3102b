"""Texts staff write for a customer or a talent to read carry no contact handle (rejection notes,
report decisions, cancel reasons); the admin refuses with the message and keeps what was typed."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from bookings.errors import TextRefused
from bookings.models import Booking, Report, Status
from bookings.models.payment import PaymentStatus
from bookings.models.report import ReportStatus
from bookings.services import cancel_booking_by_staff, decide_report, reject_payment, verify_payment
from tests.admin.conftest import waiting_payment

NUMBER_NOTE = "Transfer ulang lalu kabari 0813 2238 3664"


def texts(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_a_rejection_note_with_a_number_is_refused_and_the_note_kept(client, verifier, payment):
    client.force_login(verifier)
    response = client.post(
        reverse("admin:bookings_payment_reject", args=[payment.pk]),
        {f"reason_{payment.pk}": "other", f"note_{payment.pk}": NUMBER_NOTE},
    )
    assert any("phone number" in text for text in texts(response))
    assert "note=Transfer" in response["Location"]
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.SUBMITTED and payment.rejection_note == ""


def test_the_reject_service_refuses_a_link_in_the_note(verifier, payment):
    with pytest.raises(TextRefused):
        reject_payment(payment=payment, staff=verifier, reason="other", note="lihat wa.me/6281322383664")


def test_a_report_decision_note_with_a_handle_is_refused(cs_agent, manager, customer, talent, package):
    payment = waiting_payment(customer, talent, package)
    verify_payment(payment=payment, staff=manager)
    report = Report.objects.create(booking=payment.booking, talent=talent, customer=customer, category="insults",
                                   description="Marah-marah")
    with pytest.raises(TextRefused):
        decide_report(report=report, staff=cs_agent, decision="warn", note="Sudah kami tegur, ig: admin_cs")
    report.refresh_from_db()
    assert report.status == ReportStatus.UNDER_REVIEW


def test_a_cancel_reason_the_customer_reads_is_refused_with_a_number(manager, payment):
    with pytest.raises(TextRefused):
        cancel_booking_by_staff(booking=payment.booking, staff=manager, reason=f"Talent sakit, {NUMBER_NOTE}")
    assert Booking.objects.get(pk=payment.booking_id).status == Status.PAYMENT_SUBMITTED


def test_the_package_admin_refuses_a_handle_in_the_description(admin_client, db):
    response = admin_client.post(reverse("admin:bookings_package_add"), {
        "name": "Ngobrol 60", "description": "Tanya dulu di @sleepcall.admin", "channels": "call",
        "duration_minutes": "60", "price": "50000", "is_active": "on",
    })
    assert response.status_code == 200
    assert "messenger" in str(response.context["adminform"].form.errors["description"])
