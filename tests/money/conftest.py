"""Money out: confirmed sessions made through the services, at a fixed noon, and staff personas."""

from __future__ import annotations

import itertools
from datetime import datetime, timedelta

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from bookings import services
from bookings.models import Booking
from tests.admin.conftest import cs_agent, manager, staff_in, verifier  # noqa: F401 (fixtures)
from tests.conftest import wib
from tests.factories import CustomerFactory

# Tuesday 1 December 2026, noon WIB.
NOW = wib(2026, 12, 1, 12)
# Thursday night 3 December, 22:00 WIB: more than a day ahead.
START = wib(2026, 12, 3, 22)

_proofs = itertools.count()


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def confirmed(*, customer, talent, package, staff, starts_at: datetime = START, at: datetime | None = None,
              amount: int | None = None) -> Booking:
    at = at or NOW
    booking = services.create_booking(customer=customer, talent=talent, package=package, starts_at=starts_at, at=at)
    services.accept_rules(booking=booking, customer=customer, at=at)
    payment = services.submit_payment(
        booking=booking, customer=customer, bank="BCA", sender_name="Budi Santoso",
        amount_claimed=booking.amount_due if amount is None else amount,
        proof=SimpleUploadedFile(f"proof{next(_proofs)}.png", f"proof {next(_proofs)}".encode()), at=at,
    )
    services.verify_payment(payment=payment, staff=staff, at=at)
    return Booking.objects.select_related("grant", "customer", "talent").get(pk=booking.pk)


@pytest.fixture
def session(customer, talent, package, staff, clock) -> Booking:
    return confirmed(customer=customer, talent=talent, package=package, staff=staff)


def refund_due(talent, package, staff, *, starts_at: datetime, customer=None) -> Booking:
    """A confirmed booking staff cancelled: the whole amount is due back."""
    booking = confirmed(customer=customer or CustomerFactory(), talent=talent, package=package, staff=staff,
                        starts_at=starts_at)
    services.cancel_booking_by_staff(booking=booking, staff=staff, reason="Talent sakit", at=NOW)
    booking.refresh_from_db()
    return booking


def nights(first: datetime, count: int) -> list[datetime]:
    return [first + timedelta(days=i) for i in range(count)]
