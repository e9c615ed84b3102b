"""The outbox: each event is one row per channel, queued in its transaction, sent once after commit."""

from __future__ import annotations

import smtplib
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.db import transaction

from bookings import services, tasks
from notifications import delivery
from notifications.models import Channel, Delivery, Notification
from notifications.tasks import send_notification
from tests.bookings.helpers import book, confirm, pay
from tests.conftest import wib
from tests.factories import CustomerFactory, UserFactory

NOON = wib(2026, 11, 23, 12)
START = wib(2026, 11, 23, 22)
END = START + timedelta(minutes=60)


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOON, tick=False) as traveller:
        yield traveller


def rows(event: str, channel: str = Channel.EMAIL):
    return Notification.objects.filter(event=event, channel=channel)


def test_verifying_queues_one_email_and_one_site_row_and_sends_only_after_commit(
    customer, talent, package, staff, django_capture_on_commit_callbacks
):
    payment = pay(book(customer, talent, package, START))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.verify_payment(payment=payment, staff=staff)
    assert rows("payment_verified").get().status == Delivery.QUEUED
    assert rows("payment_verified", Channel.SITE).get().status == Delivery.SENT  # the list is the row
    assert mail.outbox == []  # nothing left inside the transaction
    for callback in callbacks:
        callback()
    [message] = mail.outbox
    assert message.to == [customer.user.email]
    assert "terkonfirmasi" in message.subject
    assert "22:00–23:00 WIB" in message.body
    assert rows("payment_verified").get().status == Delivery.SENT


def test_nothing_is_queued_when_the_transaction_rolls_back(customer, talent, package, staff):
    payment = pay(book(customer, talent, package, START))
    with pytest.raises(RuntimeError), transaction.atomic():
        services.verify_payment(payment=payment, staff=staff)
        raise RuntimeError("the request failed after the service")
    assert not Notification.objects.filter(event="payment_verified").exists()


def test_a_redelivered_task_sends_nothing_more(customer, talent, package, staff, django_capture_on_commit_callbacks):
    """Tasks are acknowledged late, so Redis may hand the same task to a worker twice."""
    with django_capture_on_commit_callbacks(execute=True):
        confirm(book(customer, talent, package, START), staff)
    row = rows("payment_verified").get()
    sent = len(mail.outbox)
    assert send_notification(row.pk) is False
    assert len(mail.outbox) == sent


def test_a_row_claimed_by_a_worker_that_died_is_sent_again_later(customer, talent, package, clock):
    book(customer, talent, package, START)
    row = rows("booking_held").get()
    Notification.objects.filter(pk=row.pk).update(status=Delivery.SENDING, claimed_at=NOON)  # killed mid-send
    assert delivery.send_due() == 0  # the claim may still be alive
    clock.shift(timedelta(minutes=6))
    assert delivery.send_due() == 1
    row.refresh_from_db()
    assert row.status == Delivery.SENT and row.attempts == 1
    assert delivery.send_due() == 0


class FlakyRelay:
    """An SMTP relay that hangs up: the kind of error worth another try."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("relay went away")


def test_a_transient_mail_error_is_retried_later_and_gives_up_after_the_limit(
    customer, talent, package, settings, clock
):
    book(customer, talent, package, START)
    settings.EMAIL_BACKEND = "tests.notifications.test_outbox.FlakyRelay"
    settings.NOTIFICATION_MAX_ATTEMPTS = 2
    row = rows("booking_held").get()
    assert delivery.deliver(row.pk) is False
    row.refresh_from_db()
    assert row.status == Delivery.QUEUED and row.attempts == 1 and "relay went away" in row.last_error
    assert delivery.send_due() == 0  # not before its next attempt
    clock.shift(timedelta(minutes=1))
    assert delivery.send_due() == 0
    row.refresh_from_db()
    assert row.status == Delivery.FAILED and row.attempts == 2


def test_plain_text_is_never_html_escaped(talent, package, staff):
    customer = CustomerFactory(display_name="Siti O'Neil & Co")
    confirm(book(customer, talent, package, START), staff)
    body = rows("payment_verified").get().body
    assert "Siti O'Neil & Co" in body
    assert "&amp;" not in body and "&#x27;" not in body


def test_messages_follow_the_customers_language_and_zone(talent, package, staff):
    customer = CustomerFactory(language="en", time_zone="Asia/Jayapura")
    confirm(book(customer, talent, package, START), staff)
    row = rows("payment_verified").get()
    assert row.language == "en" and "confirmed" in row.subject
    assert "00:00–01:00 WIT" in row.body


def test_talent_messages_follow_the_talents_language(customer, talent, package, staff, clock):
    talent.language = "en"
    talent.save()
    confirm(book(customer, talent, package, START), staff)
    clock.move_to(START - timedelta(minutes=15))
    tasks.remind_talents_to_unblock()
    row = rows("talent_unblock").get()
    assert row.language == "en" and "unblock now" in row.subject


def test_reminders_off_are_respected_and_money_messages_come_anyway(talent, package, staff, clock):
    customer = CustomerFactory(reminders_enabled=False)
    booking = book(customer, talent, package, START)
    clock.move_to(booking.payment_deadline - timedelta(minutes=10))
    tasks.remind_customers()
    assert not rows("hold_expiring").exists()
    confirm(booking, staff)
    clock.move_to(START - timedelta(minutes=20))
    tasks.remind_customers()
    assert not rows("session_starting").exists()
    assert rows("booking_held").exists() and rows("payment_verified").exists()
    services.cancel_booking_by_staff(booking=booking, staff=staff, reason="talent ill")
    assert rows("booking_cancelled").exists()


def test_each_booking_event_queues_its_message_once(customer, talent, package, staff, clock):
    booking = book(customer, talent, package, START)
    assert book(customer, talent, package, START) == booking  # a double tap queues nothing more
    assert rows("booking_held").count() == 1

    clock.move_to(booking.payment_deadline - timedelta(minutes=15))
    assert tasks.remind_customers() == 1
    assert tasks.remind_customers() == 0
    assert rows("hold_expiring").count() == 1

    payment = pay(booking)
    services.reject_payment(payment=payment, staff=staff, reason="wrong_amount", note="kurang")
    assert rows("payment_rejected").count() == 1
    confirm(booking, staff)
    assert rows("payment_verified").count() == 1

    clock.move_to(START - timedelta(minutes=30))
    assert tasks.remind_customers() == 1
    assert tasks.remind_customers() == 0
    assert "menyapa duluan" in rows("session_starting").get().subject

    services.cancel_booking_by_staff(booking=booking, staff=staff, reason="talent ill")
    services.cancel_booking_by_staff(booking=booking, staff=staff, reason="talent ill")
    assert rows("booking_cancelled").count() == 1
    assert rows("talent_session_cancelled").count() == 1
    booking.refresh_from_db()
    assert "akan kami kembalikan" in rows("booking_cancelled").get().body
    services.mark_refunded(booking=booking, staff=staff, reference="TRF-1")
    services.mark_refunded(booking=booking, staff=staff, reference="TRF-1")
    assert rows("refund_paid").count() == 1
    assert "TRF-1" in rows("refund_paid").get().body


def test_an_overpayment_tells_the_customer_a_refund_is_due(customer, talent, package, staff):
    booking = book(customer, talent, package, START)
    payment = pay(booking, amount=booking.amount_due + 5_000)
    services.verify_payment(payment=payment, staff=staff)
    assert "Rp 5.000" in rows("refund_due").get().subject


def test_a_ban_tells_the_customer(customer, staff):
    services.ban_customer(customer=customer, staff=staff, reason="abuse")
    assert rows("customer_banned").get().recipient == customer.user


def test_a_report_during_a_live_session_is_urgent_for_staff_who_decide_reports(
    customer, talent, package, staff, clock
):
    clerk = UserFactory(is_staff=True)  # staff without the permission hear nothing
    booking = confirm(book(customer, talent, package, START), staff)
    clock.move_to(START + timedelta(minutes=10))
    services.file_report(booking=booking, talent=talent, category="sexual_harassment", description="kasar")
    row = Notification.objects.get(event="report_live")
    assert row.recipient == staff and row.urgent and row.channel == Channel.SITE
    assert not Notification.objects.filter(recipient=clerk).exists()


def test_a_report_after_the_session_is_not_urgent(customer, talent, package, staff, clock):
    booking = confirm(book(customer, talent, package, START), staff)
    clock.move_to(END + timedelta(hours=1))
    services.file_report(booking=booking, talent=talent, category="spam", description="x")
    assert not Notification.objects.filter(event="report_live").exists()


def test_a_customer_without_an_email_still_hears_on_the_site(talent, package):
    customer = CustomerFactory(user__email="")
    book(customer, talent, package, START)
    assert not rows("booking_held").exists()
    assert rows("booking_held", Channel.SITE).exists()


def test_an_urgent_report_shows_on_the_admin_landing_until_seen(client, customer, talent, package, staff, clock):
    booking = confirm(book(customer, talent, package, START), staff)
    clock.move_to(START + timedelta(minutes=10))
    services.file_report(booking=booking, talent=talent, category="threats", description="ancaman")
    client.force_login(staff)
    page = client.get("/admin/").content.decode()
    assert "sc-urgent" in page and f"#{booking.pk}" in page
    row = Notification.objects.get(event="report_live")
    other = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(other)
    assert client.post(f"/messages/{row.pk}/seen/").status_code == 404  # not theirs to clear
    client.force_login(staff)
    client.post(f"/messages/{row.pk}/seen/", {"next": "/admin/"})
    assert "sc-urgent" not in client.get("/admin/").content.decode()
