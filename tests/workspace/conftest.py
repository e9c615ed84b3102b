"""Sessions booked and confirmed through the real services, for the talent workspace tests."""

from __future__ import annotations

import itertools
from datetime import datetime, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from bookings import services
from bookings.models import Booking, Customer, Package
from talents.models import Talent
from tests.conftest import wib

# Saturday night, 14 November 2026, 22:00–23:00 WIB: the session most tests look at.
START = wib(2026, 11, 14, 22, 0)
END = START + timedelta(minutes=60)
LEAD = timedelta(minutes=10)  # SLEEPCALL_UNBLOCK_LEAD_MINUTES default
WIND_DOWN = timedelta(minutes=5)  # SLEEPCALL_WIND_DOWN_MINUTES default
GRACE = timedelta(minutes=5)  # SLEEPCALL_GOODBYE_GRACE_MINUTES default

_proofs = itertools.count()


def confirm_session(
    *, customer: Customer, talent: Talent, package: Package, starts_at: datetime, staff
) -> Booking:
    """Book a day ahead, pay, and have staff verify: the booking is confirmed and has its grant."""
    at = starts_at - timedelta(days=1)
    booking = services.create_booking(customer=customer, talent=talent, package=package, starts_at=starts_at, at=at)
    services.accept_rules(booking=booking, customer=customer, at=at)
    payment = services.submit_payment(
        booking=booking,
        customer=customer,
        bank="BCA",
        sender_name="Sender",
        amount_claimed=booking.amount_due,
        proof=SimpleUploadedFile(f"proof{next(_proofs)}.png", f"proof {next(_proofs)}".encode()),
        at=at,
    )
    services.verify_payment(payment=payment, staff=staff, at=at)
    return Booking.objects.select_related("grant").get(pk=booking.pk)


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """Persona users get a password; a fast hasher keeps these many small tests quick."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def session(customer, talent, package, staff) -> Booking:
    """Tonight's 22:00–23:00 WIB session of `talent` with `customer` (call + chat)."""
    return confirm_session(customer=customer, talent=talent, package=package, starts_at=START, staff=staff)


@pytest.fixture
def book(talent, package, staff):
    def make(starts_at: datetime, *, customer=None, talent=talent, package=package) -> Booking:
        from tests.factories import CustomerFactory

        return confirm_session(
            customer=customer or CustomerFactory(), talent=talent, package=package, starts_at=starts_at, staff=staff
        )

    return make


@pytest.fixture
def talent_client(client, talent):
    client.force_login(talent.user)
    return client
