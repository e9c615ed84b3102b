"""After payment a customer asks to cancel, with a reason; staff decide; the refund follows the policy."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from bookings import services
from bookings.errors import CancellationPending, ReasonRequired
from bookings.models import BookingEvent, CancellationRequest, RequestStatus, Status
from bookings.models.booking import RefundStatus
from notifications.models import Notification
from tests.money.conftest import START


@pytest.fixture(autouse=True)
def _policy(settings):
    settings.SLEEPCALL_CANCEL_FULL_REFUND_HOURS = 24
    settings.SLEEPCALL_CANCEL_LATE_REFUND_PERCENT = 50


def test_more_than_a_day_ahead_the_policy_refunds_everything(session, customer):
    request = services.request_cancellation(booking=session, customer=customer, reason="Ada ujian")
    assert request.policy_refund == session.amount_due


def test_within_a_day_the_policy_refunds_half(session, customer, clock):
    clock.move_to(START - timedelta(hours=24), tick=False)
    request = services.request_cancellation(booking=session, customer=customer, reason="Ada ujian")
    assert request.policy_refund == session.amount_due // 2


def test_after_the_start_the_policy_refunds_nothing(session, customer, clock):
    clock.move_to(START + timedelta(minutes=5), tick=False)
    request = services.request_cancellation(booking=session, customer=customer, reason="Tidak bisa")
    assert request.policy_refund == 0


def test_asking_keeps_the_session_on_writes_history_and_tells_staff(session, customer, staff):
    services.request_cancellation(booking=session, customer=customer, reason="Ada ujian")
    session.refresh_from_db()
    assert session.status == Status.CONFIRMED
    assert BookingEvent.objects.filter(booking=session, actor=customer.user, reason__contains="Ada ujian").exists()
    assert Notification.objects.filter(recipient=staff, event="cancellation_requested").exists()


def test_a_reason_is_required_and_one_pending_request_at_a_time(session, customer):
    with pytest.raises(ReasonRequired):
        services.request_cancellation(booking=session, customer=customer, reason="  ")
    services.request_cancellation(booking=session, customer=customer, reason="Ada ujian")
    with pytest.raises(CancellationPending):
        services.request_cancellation(booking=session, customer=customer, reason="Lagi")


def test_approving_cancels_revokes_the_grant_and_makes_the_policy_refund_due(session, customer, cs_agent, clock):
    clock.move_to(START - timedelta(hours=10), tick=False)
    request = services.request_cancellation(booking=session, customer=customer, reason="Ada ujian")
    clock.move_to(START + timedelta(minutes=1), tick=False)  # staff were slow: the customer keeps the policy
    services.decide_cancellation(request=request, staff=cs_agent, approve=True)
    session.refresh_from_db()
    request.refresh_from_db()
    assert session.status == Status.CANCELLED and session.grant.revoked_at is not None
    assert session.refund_status == RefundStatus.DUE and session.refund_amount == session.amount_due // 2
    assert request.status == RequestStatus.APPROVED and request.decided_by == cs_agent
    assert Notification.objects.filter(recipient=customer.user, event="refund_due").exists()


def test_approving_twice_changes_nothing(session, customer, cs_agent):
    request = services.request_cancellation(booking=session, customer=customer, reason="Ada ujian")
    services.decide_cancellation(request=request, staff=cs_agent, approve=True)
    services.decide_cancellation(request=request, staff=cs_agent, approve=True)
    assert BookingEvent.objects.filter(booking=session, to_status=Status.CANCELLED).count() == 1


def test_declining_needs_a_note_keeps_the_session_and_tells_the_customer(session, customer, cs_agent):
    request = services.request_cancellation(booking=session, customer=customer, reason="Ada ujian")
    with pytest.raises(ReasonRequired):
        services.decide_cancellation(request=request, staff=cs_agent, approve=False, note="")
    services.decide_cancellation(request=request, staff=cs_agent, approve=False, note="Sesi sudah dekat")
    session.refresh_from_db()
    assert session.status == Status.CONFIRMED and session.refund_status == RefundStatus.NONE
    assert Notification.objects.filter(recipient=customer.user, event="cancellation_declined").exists()


def test_staff_approve_from_the_admin_list(client, session, customer, cs_agent):
    request = services.request_cancellation(booking=session, customer=customer, reason="Ada ujian")
    client.force_login(cs_agent)
    url = reverse("admin:bookings_cancellationrequest_changelist")
    assert [r.pk for r in client.get(url).context["cl"].result_list] == [request.pk]
    client.post(url, {"action": "approve_selected", "_selected_action": [request.pk], "apply": "1"})
    session.refresh_from_db()
    assert session.status == Status.CANCELLED


def test_a_verifier_cannot_decide_requests(client, session, customer, verifier):
    request = services.request_cancellation(booking=session, customer=customer, reason="Ada ujian")
    client.force_login(verifier)
    client.post(reverse("admin:bookings_cancellationrequest_changelist"),
                {"action": "approve_selected", "_selected_action": [request.pk], "apply": "1"})
    session.refresh_from_db()
    assert session.status == Status.CONFIRMED


# The customer's page


def test_the_request_page_asks_reason_and_refund_account_and_keeps_what_was_typed(client, session, customer):
    client.force_login(customer.user)
    url = reverse("request_cancellation", args=[session.pk])
    page = client.get(url)
    assert page.context["form"].initial["refund_account_name"] == "Budi Santoso"  # from the transfer
    bad = client.post(url, {"reason": "Ada ujian", "refund_bank": "BCA", "refund_account_number": "x",
                            "refund_account_name": "Budi"})
    assert bad.status_code == 200 and "Ada ujian" in bad.content.decode()
    assert not CancellationRequest.objects.exists()
    client.post(url, {"reason": "Ada ujian", "refund_bank": "BCA", "refund_account_number": "1234567890",
                      "refund_account_name": "Budi"})
    session.refresh_from_db()
    assert CancellationRequest.objects.get().status == RequestStatus.PENDING
    assert session.refund_account_number == "1234567890"
    detail = client.get(reverse("booking_detail", args=[session.pk])).content.decode()
    assert "Waiting for staff" in detail


def test_another_customer_gets_404_on_the_request_page(client, session, other_customer):
    client.force_login(other_customer.user)
    url = reverse("request_cancellation", args=[session.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"reason": "x"}).status_code == 404
    assert not CancellationRequest.objects.exists()


def test_a_visitor_is_sent_to_log_in_from_the_request_page(client, session):
    response = client.get(reverse("request_cancellation", args=[session.pk]))
    assert response.status_code == 302 and "/login/" in response["Location"]
