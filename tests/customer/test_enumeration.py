"""Sign-up, the profile and password reset never tell a stranger that an e-mail or number has an
account: the same answer either way, the owner told by e-mail, and reset taking the same time."""

from __future__ import annotations

import statistics
import time

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.test import TestCase
from django.urls import reverse

from bookings.models import Ban, Customer
from notifications.models import Notification
from notifications.tasks import send_notification
from tests.customer.test_account import profile_data
from tests.customer.test_signup import GOOD

captureOnCommit = TestCase.captureOnCommitCallbacks  # noqa: N816 (Django's own name)

LEAKS = ("already has an account", "ini sudah punya akun", "cannot be used here", "tidak bisa dipakai di sini")


def _signup_error(client, **changes) -> str:
    with captureOnCommit(execute=True):  # the outbox hands its rows over after the commit
        response = client.post(reverse("signup"), GOOD | changes)
    assert response.status_code == 400
    body = response.content.decode()
    assert not any(leak in body for leak in LEAKS)
    return " ".join(response.context["form"].non_field_errors())


def test_sign_up_says_the_same_for_a_taken_email_a_taken_number_and_a_banned_number(client, customer, staff):
    Ban.objects.create(whatsapp="+6285799998888", reason="abuse", created_by=staff)

    taken_email = _signup_error(client, email=customer.user.email)
    taken_number = _signup_error(client, whatsapp=str(customer.whatsapp))
    banned_number = _signup_error(client, whatsapp="085799998888")

    assert taken_email == taken_number == banned_number != ""
    assert Customer.objects.count() == 1


def test_the_owner_of_a_taken_email_is_told_by_email(client, customer):
    _signup_error(client, email=customer.user.email.upper())

    assert [m.to for m in mail.outbox] == [[customer.user.email]]
    assert "Sleep Call" in mail.outbox[0].subject
    assert "/accounts/login/" in mail.outbox[0].body


def test_the_owner_of_a_taken_number_is_told_by_email(client, customer):
    _signup_error(client, whatsapp=str(customer.whatsapp))

    assert [m.to for m in mail.outbox] == [[customer.user.email]]


def test_a_banned_number_with_no_account_e_mails_nobody(client, staff, db):
    Ban.objects.create(whatsapp="+6285799998888", reason="abuse", created_by=staff)
    _signup_error(client, whatsapp="085799998888")
    assert mail.outbox == []


def test_the_profile_says_the_same_for_a_taken_and_a_banned_number(customer_client, customer, other_customer, staff):
    Ban.objects.create(whatsapp="+6285711112222", reason="abuse", created_by=staff)

    with captureOnCommit(execute=True):
        taken = customer_client.post(reverse("profile"),
                                     profile_data(customer, whatsapp=str(other_customer.whatsapp)))
        banned = customer_client.post(reverse("profile"), profile_data(customer, whatsapp="085711112222"))

    assert taken.status_code == banned.status_code == 400
    assert taken.context["form"].errors["whatsapp"] == banned.context["form"].errors["whatsapp"]
    assert not any(leak in taken.content.decode() for leak in LEAKS)
    assert [m.to for m in mail.outbox] == [[other_customer.user.email]]  # the owner, never the asker


class SlowRelay(EmailBackend):
    """A mail relay that takes a while for each message, as real ones do on a bad night."""

    def send_messages(self, messages):
        time.sleep(0.25)
        return super().send_messages(messages)


def _timed_reset(client, email: str) -> float:
    started = time.perf_counter()
    with captureOnCommit(execute=True):
        response = client.post(reverse("password_reset"), {"email": email})
    elapsed = time.perf_counter() - started
    assert response.status_code == 302 and response.url == reverse("password_reset_done")
    return elapsed


def test_a_reset_for_a_known_address_takes_as_long_as_for_an_unknown_one(client, customer, settings, monkeypatch):
    settings.EMAIL_BACKEND = "tests.customer.test_enumeration.SlowRelay"
    queued = []  # what the outbox hands to the worker (a real worker sends it; none runs here)
    monkeypatch.setattr(send_notification, "delay", queued.append)
    _timed_reset(client, "warm-up@example.com")

    known = [_timed_reset(client, customer.user.email) for _ in range(5)]
    unknown = [_timed_reset(client, f"nobody{n}@example.com") for n in range(5)]

    assert abs(statistics.median(known) - statistics.median(unknown)) < 0.1
    assert queued and mail.outbox == []  # queued for the worker, none sent in the request
    rows = Notification.objects.filter(recipient=customer.user, event="password_reset").count()
    assert rows == len(queued)  # (resets within one second share a token, so one row)


def test_a_reset_for_a_known_address_still_arrives(client, customer):
    with captureOnCommit(execute=True):
        client.post(reverse("password_reset"), {"email": customer.user.email})
    assert [m.to for m in mail.outbox] == [[customer.user.email]]


@pytest.mark.parametrize("email", ["nobody@example.com", "NOBODY@example.com"])
def test_a_reset_for_an_unknown_address_sends_nothing_and_answers_alike(client, db, email):
    response = client.post(reverse("password_reset"), {"email": email})
    assert response.url == reverse("password_reset_done")
    assert mail.outbox == []
