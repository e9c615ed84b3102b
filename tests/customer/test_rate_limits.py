"""Sign-up, password reset and the profile are rate-limited per IP and per target, with a clear,
translated 429 page; the counters live in the cache (local memory alone, Redis in production)."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.cache import cache
from django.test import Client, TestCase
from django.urls import reverse

from bookings.models import Customer
from tests.customer.test_account import profile_data
from tests.customer.test_signup import GOOD

TOO_MANY = "We received too many attempts from you or for these details."


@pytest.fixture(autouse=True)
def _limits_on(settings, db):
    settings.RATELIMIT_ENABLE = True
    cache.clear()
    yield
    cache.clear()


def _signup(n: int, ip: str = "203.0.113.7", **changes):
    return Client(REMOTE_ADDR=ip).post(reverse("signup"), GOOD | {
        "email": f"orang{n}@example.com", "whatsapp": f"0812{n:08d}"} | changes)


def test_the_eleventh_sign_up_from_one_address_in_an_hour_gets_429(db):
    answers = [_signup(n).status_code for n in range(11)]

    assert answers == [302] * 10 + [429]
    assert Customer.objects.count() == 10


def test_the_429_page_is_clear_translated_and_says_when_to_retry(db):
    for n in range(10):
        _signup(n)
    response = _signup(10)

    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    body = response.content.decode()
    assert "Terlalu banyak percobaan" in body  # Indonesian first
    english = Client(REMOTE_ADDR="203.0.113.7")
    english.cookies["django_language"] = "en"
    assert TOO_MANY in english.post(reverse("signup"), GOOD).content.decode()


def test_one_email_is_limited_whatever_address_the_attempts_come_from(db):
    answers = [_signup(n, ip=f"198.51.100.{n}", email="sasaran@example.com").status_code for n in range(6)]
    assert answers[-1] == 429
    assert answers.count(429) == 1


def test_one_number_is_limited_whatever_address_the_attempts_come_from(db):
    answers = [_signup(n, ip=f"198.51.100.{n}", whatsapp="0812 9999 0000").status_code for n in range(6)]
    assert answers[-1] == 429


def test_the_limit_opens_again_after_its_hour(db):
    with time_machine.travel("2026-03-02 11:00Z", tick=False) as traveller:
        for n in range(10):
            _signup(n)
        assert _signup(10).status_code == 429
        traveller.shift(timedelta(hours=1, minutes=1))
        assert _signup(11).status_code == 302


def test_only_three_reset_emails_go_to_one_address_in_an_hour(customer):
    answers = []
    with time_machine.travel("2026-03-02 11:00:30Z", tick=False) as traveller:
        for n in range(25):
            traveller.shift(timedelta(seconds=5))  # each its own reset token, so its own e-mail
            with TestCase.captureOnCommitCallbacks(execute=True):
                answers.append(Client(REMOTE_ADDR=f"198.51.100.{n}").post(
                    reverse("password_reset"), {"email": customer.user.email}).status_code)

    assert answers[:3] == [302] * 3 and set(answers[3:]) == {429}
    assert len(mail.outbox) == 3


def test_resets_from_one_address_are_limited_across_targets(db):
    client = Client(REMOTE_ADDR="203.0.113.9")
    answers = [client.post(reverse("password_reset"), {"email": f"x{n}@example.com"}).status_code for n in range(11)]
    assert answers == [302] * 10 + [429]


def test_profile_changes_are_limited_per_customer(customer_client, customer):
    answers = [customer_client.post(reverse("profile"), profile_data(customer, whatsapp=f"0857{n:08d}")).status_code
               for n in range(21)]
    assert answers == [302] * 20 + [429]


def test_a_page_view_is_never_counted(db):
    client = Client(REMOTE_ADDR="203.0.113.7")
    for _ in range(30):
        assert client.get(reverse("signup")).status_code == 200
    assert _signup(1).status_code == 302


def test_the_desk_is_rate_limited_per_person_even_for_a_flood_of_messages(settings, customer):
    settings.SLEEPCALL_RATE_DESK_PER_TARGET = "3/h"
    client = Client(REMOTE_ADDR="203.0.113.9")
    client.force_login(customer.user)
    answers = [client.post(reverse("support:new"), {"category": "other", "body": f"halo {n}"}).status_code
               for n in range(4)]
    assert answers[:3] != [429, 429, 429] and answers[3] == 429
