"""Staff personas (one per group) and waiting payments, made through the booking core's services."""

from __future__ import annotations

import base64
import importlib

import pytest
import time_machine
from django.apps import apps
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.utils import translation

from bookings.models import Payment
from bookings.services import accept_rules, create_booking, submit_payment
from tests.conftest import wib
from tests.factories import UserFactory
from tests.receipts import receipt_png

# A real 1×1 PNG, so the proof is an image like a phone screenshot.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)
NOW = wib(2026, 12, 1, 12)
TONIGHT = wib(2026, 12, 1, 22)


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _english(settings):
    """Assertions read the English msgids; the Indonesian catalogue must not change them."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _noon():
    with time_machine.travel(NOW, tick=False):
        yield


def _roles_in_place() -> None:
    """The groups come from migration 0005; a transactional test's flush removes them, so restore."""
    if not Group.objects.filter(name="Managers", permissions__isnull=False).exists():
        migration = importlib.import_module("bookings.migrations.0005_staff_permissions")
        migration.grant_permissions(apps, None)
        for later in ("bookings.migrations.0011_routine_exclusion_permissions",
                      "bookings.migrations.0013_hardening_number_permissions",
                      "bookings.migrations.0018_money_refund_permissions",
                      "bookings.migrations.0020_reused_proof_phash",
                      "payouts.migrations.0002_money_manager_permissions"):
            importlib.import_module(later).grant(apps, None)


def staff_in(group: str):
    _roles_in_place()
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def verifier(db):
    return staff_in("Payment verifiers")


@pytest.fixture
def other_verifier(db):
    return staff_in("Payment verifiers")


@pytest.fixture
def cs_agent(db):
    return staff_in("CS agents")


@pytest.fixture
def manager(db):
    return staff_in("Managers")


def waiting_payment(customer, talent, package, *, starts_at=TONIGHT, claimed=None, proof=None, name="bukti.png"):
    """A booking whose customer uploaded a proof: the state staff find on the waiting list."""
    booking = create_booking(customer=customer, talent=talent, package=package, starts_at=starts_at)
    accept_rules(booking=booking, customer=customer)
    return submit_payment(
        booking=booking,
        customer=customer,
        bank="BCA",
        sender_name="Budi Santoso",
        amount_claimed=booking.amount_due if claimed is None else claimed,
        proof=ContentFile(receipt_png() if proof is None else proof, name=name),
    )


@pytest.fixture
def payment(customer, talent, package) -> Payment:
    return waiting_payment(customer, talent, package)
