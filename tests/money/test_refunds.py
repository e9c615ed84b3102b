"""Refunds to the end: the list, one reference for a bank batch, the CSV, the customer's page and messages."""

from __future__ import annotations

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bookings import services
from bookings.errors import IllegalTransition
from bookings.models import BookingEvent
from bookings.models.booking import RefundStatus
from notifications.models import Notification
from tests.money.conftest import NOW, START, nights, refund_due

LIST = reverse("admin:bookings_refund_changelist")


@pytest.fixture
def due(talent, package, staff, clock):
    return [refund_due(talent, package, staff, starts_at=s) for s in nights(START, 3)]


def test_bulk_mark_refunded_records_one_reference_a_history_row_and_a_message_each(client, verifier, due):
    client.force_login(verifier)
    response = client.post(LIST, {"action": "mark_selected_refunded", "_selected_action": [b.pk for b in due],
                                  "apply": "1", "reference": "BATCH-0112"})
    assert response.status_code == 302
    for booking in due:
        booking.refresh_from_db()
        assert booking.refund_status == RefundStatus.REFUNDED and booking.refund_reference == "BATCH-0112"
        assert BookingEvent.objects.filter(booking=booking, actor=verifier, reason__contains="BATCH-0112").exists()
        paid = Notification.objects.filter(recipient=booking.customer.user, event="refund_paid", channel="email")
        assert paid.count() == 1 and "BATCH-0112" in paid.get().body


def test_the_bulk_form_asks_for_the_reference_and_keeps_the_selection(client, verifier, due):
    client.force_login(verifier)
    response = client.post(LIST, {"action": "mark_selected_refunded", "_selected_action": [due[0].pk],
                                  "apply": "1", "reference": "  "})
    assert response.status_code == 200
    assert "Please give the refund" in response.content.decode()
    assert [r["pk"] for r in response.context["rows"]] == [due[0].pk]
    due[0].refresh_from_db()
    assert due[0].refund_status == RefundStatus.DUE


def test_marking_a_batch_twice_changes_nothing(verifier, due):
    ids = [b.pk for b in due]
    assert services.mark_refunded_many(booking_ids=ids, staff=verifier, reference="A1") == 3
    assert services.mark_refunded_many(booking_ids=ids, staff=verifier, reference="B2") == 0
    assert {b.refund_reference for b in type(due[0]).objects.filter(pk__in=ids)} == {"A1"}
    assert Notification.objects.filter(event="refund_paid", channel="email").count() == 3


def test_a_batch_with_a_booking_owing_nothing_records_nothing(verifier, due, customer, talent, package, staff):
    from tests.money.conftest import confirmed

    fine = confirmed(customer=customer, talent=talent, package=package, staff=staff,
                     starts_at=START.replace(hour=23, minute=30))
    with pytest.raises(IllegalTransition):
        services.mark_refunded_many(booking_ids=[due[0].pk, fine.pk], staff=verifier, reference="X")
    due[0].refresh_from_db()
    assert due[0].refund_status == RefundStatus.DUE


def test_the_list_shows_refunds_due_by_default_and_only_to_refunders(client, verifier, cs_agent, due):
    services.mark_refunded(booking=due[0], staff=verifier, reference="R-1")
    client.force_login(verifier)
    shown = [b.pk for b in client.get(LIST).context["cl"].result_list]
    assert sorted(shown) == sorted(b.pk for b in due[1:])
    refunded = client.get(LIST + "?refund=refunded").context["cl"].result_list
    assert [b.pk for b in refunded] == [due[0].pk]


def test_the_bank_csv_has_name_account_amount_and_booking(client, verifier, due):
    services.set_refund_account(booking=due[0], customer=due[0].customer, bank="BRI",
                                number="0123 4567 8901", holder="Budi Santoso")
    client.force_login(verifier)
    response = client.post(LIST, {"action": "export_bank_csv", "_selected_action": [b.pk for b in due]})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:6] == ["booking", "customer", "bank", "account number", "account holder", "amount (Rp)"]
    first = next(r for r in rows[1:] if r[0] == str(due[0].pk))
    assert first[1:6] == [due[0].customer.display_name, "BRI", "012345678901", "Budi Santoso",
                          str(due[0].refund_amount)]
    assert len(rows) == 4


def test_a_formula_in_a_name_is_written_as_text_in_the_csv(client, verifier, due):
    services.set_refund_account(booking=due[0], customer=due[0].customer, bank="BCA", number="1234567",
                                holder="=HYPERLINK(1)")
    client.force_login(verifier)
    response = client.post(LIST, {"action": "export_bank_csv", "_selected_action": [due[0].pk]})
    assert "'=HYPERLINK(1)" in response.content.decode("utf-8-sig")


def test_the_refunds_list_takes_the_same_queries_for_few_and_many(client, verifier, talent, package, staff, clock):
    client.force_login(verifier)
    for start in nights(START, 2):
        refund_due(talent, package, staff, starts_at=start)
    with CaptureQueriesContext(connection) as few:
        assert client.get(LIST).status_code == 200
    for start in nights(START.replace(hour=23, minute=30), 10):
        refund_due(talent, package, staff, starts_at=start)
    with CaptureQueriesContext(connection) as many:
        response = client.get(LIST)
    assert len(response.context["cl"].result_list) == 12
    assert len(many) == len(few)


def test_cancelling_with_money_received_tells_the_customer_a_refund_is_due(due):
    message = Notification.objects.get(recipient=due[0].customer.user, event="refund_due", channel="email")
    assert "nomor rekening" in message.body  # in the customer's language; no account yet: we ask for it


# The customer's booking page


def test_the_booking_page_shows_a_refund_due_and_asks_for_the_account(client, due):
    client.force_login(due[0].customer.user)
    body = client.get(reverse("booking_detail", args=[due[0].pk])).content.decode()
    assert "Refund due" in body and 'name="refund_account_number"' in body


def test_the_customer_gives_the_refund_account_and_a_bad_number_keeps_what_was_typed(client, due):
    booking = due[0]
    client.force_login(booking.customer.user)
    url = reverse("refund_account", args=[booking.pk])
    bad = client.post(url, {"refund_bank": "BNI", "refund_account_number": "12ab", "refund_account_name": "Sari"})
    assert bad.status_code == 200 and "6 to 20 digits" in bad.content.decode()
    assert 'value="Sari"' in bad.content.decode()
    client.post(url, {"refund_bank": "BNI", "refund_account_number": "1234-5678-90", "refund_account_name": "Sari"})
    booking.refresh_from_db()
    assert (booking.refund_bank, booking.refund_account_number, booking.refund_account_name) == (
        "BNI", "1234567890", "Sari")


def test_the_booking_page_shows_the_refund_paid_with_its_reference(client, verifier, due):
    services.mark_refunded(booking=due[0], staff=verifier, reference="TRX-778")
    client.force_login(due[0].customer.user)
    body = client.get(reverse("booking_detail", args=[due[0].pk])).content.decode()
    assert "Refunded" in body and "TRX-778" in body and 'name="refund_account_number"' not in body


def test_another_customer_cannot_set_the_refund_account(client, other_customer, due):
    client.force_login(other_customer.user)
    response = client.post(reverse("refund_account", args=[due[0].pk]),
                           {"refund_bank": "BNI", "refund_account_number": "1234567890", "refund_account_name": "X"})
    assert response.status_code == 404
    due[0].refresh_from_db()
    assert due[0].refund_account_number == ""


def test_a_visitor_is_sent_to_log_in(client, due):
    response = client.post(reverse("refund_account", args=[due[0].pk]), {})
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_refund_account_cannot_change_after_the_refund_is_paid(verifier, due):
    services.mark_refunded(booking=due[0], staff=verifier, reference="R")
    with pytest.raises(IllegalTransition):
        services.set_refund_account(booking=due[0], customer=due[0].customer, bank="BCA", number="1234567",
                                    holder="X")


def test_refunding_a_session_that_took_place_makes_the_amount_due(cs_agent, session, clock):
    from bookings.services.refunds import refund_session

    refund_session(booking=session, staff=cs_agent, reason="Keluhan diterima", at=session.ends_at)
    session.refresh_from_db()
    assert session.refund_status == RefundStatus.DUE and session.refund_amount == session.amount_due
    assert NOW < session.ends_at
