"""seed_demo builds a believable service through the services, and a second run adds nothing."""

from __future__ import annotations

from io import StringIO

import pytest
import time_machine
from django.apps import apps
from django.core.management import call_command
from django.utils import timezone

from bookings.demo.accounts import CUSTOMER_PASSWORD, STAFF_PASSWORD, TALENT_PASSWORD
from bookings.models import BankAccount, Booking, ContactGrant, Package, Payment, Status
from talents.models import Talent
from tests.conftest import wib

# 22:00 WIB on a Tuesday: Nayla's 21:00–02:00 window is open, so tonight's session can be live.
TONIGHT = wib(2026, 11, 24, 22, 0)


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def seed() -> str:
    out = StringIO()
    with time_machine.travel(TONIGHT, tick=False):
        call_command("seed_demo", stdout=out)
    return out.getvalue()


def counts() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label in {"auth", "talents", "bookings"}
    }


def test_seeding_twice_creates_nothing_new(db):
    seed()
    first = counts()
    output = seed()

    assert counts() == first
    assert "catalogue already in place; 0 new bookings" in output


def test_seed_prints_every_demo_account_with_its_password(db):
    output = seed()

    for account in ["admin@sleepcall.local", "nayla@sleepcall.local", "rina@sleepcall.local"]:
        assert account in output
    for password in [STAFF_PASSWORD, TALENT_PASSWORD, CUSTOMER_PASSWORD]:
        assert password in output


def test_seed_makes_a_catalogue_of_night_talents_and_packages(db):
    seed()

    assert 6 <= Talent.objects.count() <= 8
    assert set(Talent.objects.values_list("time_zone", flat=True)) == {"Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"}
    assert all(t.bio and t.availability_rules.exists() for t in Talent.objects.all())
    windows = [rule for t in Talent.objects.all() for rule in t.availability_rules.all()]
    assert any(rule.crosses_midnight for rule in windows)
    assert set(Package.objects.values_list("channels", flat=True)) == {"call", "chat", "call+chat"}
    assert {30, 60, 120} <= set(Package.objects.values_list("duration_minutes", flat=True))
    prices = list(Package.objects.values_list("price", flat=True))
    assert 5_000 <= min(prices) and max(prices) <= 300_000
    assert all(t.packages.exists() for t in Talent.objects.all())
    assert BankAccount.objects.active().exists()
    assert Talent.objects.get(slug="nayla").user.check_password(TALENT_PASSWORD)


def test_seed_makes_bookings_in_every_state_with_a_live_session_tonight(db):
    seed()

    states = set(Booking.objects.values_list("status", flat=True))
    assert {
        Status.AWAITING_PAYMENT, Status.PAYMENT_SUBMITTED, Status.CONFIRMED,
        Status.COMPLETED, Status.EXPIRED, Status.CANCELLED,
    } <= states
    submitted = Payment.objects.get(booking__status=Status.PAYMENT_SUBMITTED)
    assert submitted.proof and submitted.proof_sha256
    with time_machine.travel(TONIGHT, tick=False):
        live = ContactGrant.objects.active(at=timezone.now()).get()
    assert live.talent.slug == "nayla"
    assert Booking.objects.filter(status=Status.CANCELLED, refund_status="due").exists()
