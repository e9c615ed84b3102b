"""The unique code grows with load: each price has its own 999 codes, then four digits; amounts never meet."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.db import IntegrityError, transaction

from bookings.models import Booking, Status
from tests.bookings.helpers import book
from tests.conftest import wib
from tests.factories import CustomerFactory, PackageFactory, TalentFactory

NOON = wib(2026, 11, 23, 12)
TONIGHT = wib(2026, 11, 23, 21)


def _fill(package, codes, *, price=None) -> None:
    """Open bookings at this price with these codes, written straight to the table (a crowd, quickly)."""
    talent, customer = TalentFactory(), CustomerFactory()
    price = package.price if price is None else price
    start = wib(2026, 12, 1)
    Booking.objects.bulk_create(
        Booking(
            customer=customer, talent=talent, package=package, package_name=package.name, channels=package.channels,
            duration_minutes=60, price=price, unique_code=code, amount_due=price + code,
            starts_at=start + timedelta(hours=2 * i), ends_at=start + timedelta(hours=2 * i + 1),
            status=Status.AWAITING_PAYMENT, payment_deadline=start + timedelta(hours=2 * i),
        )
        for i, code in enumerate(codes)
    )


@pytest.fixture
def frozen():
    with time_machine.travel(NOON, tick=False):
        yield


def test_with_999_open_bookings_at_one_price_the_next_still_books_with_four_digits(customer, talent, package,
                                                                                    frozen):
    _fill(package, range(1, 1000))
    booking = book(customer, talent, package, TONIGHT)
    assert 1000 <= booking.unique_code <= 9999
    assert booking.amount_due == package.price + booking.unique_code
    assert Booking.objects.open().filter(amount_due=booking.amount_due).count() == 1


def test_another_price_keeps_its_three_digit_codes_while_one_price_is_crowded(customer, talent, package, frozen):
    _fill(package, range(1, 1000))
    cheaper = PackageFactory(offered_by=[talent], price=50_000)
    booking = book(customer, talent, cheaper, TONIGHT)
    assert 1 <= booking.unique_code <= 999


def test_a_code_whose_amount_another_price_already_owes_is_never_given(customer, talent, frozen):
    """100.100 + 100 would be 100.200, already owed by a 100.000 booking with code 200."""
    dear = PackageFactory(offered_by=[talent], price=100_100)
    _fill(PackageFactory(price=100_000), [200])
    _fill(dear, [c for c in range(1, 1000) if c != 100])
    booking = book(customer, talent, dear, TONIGHT)
    assert booking.unique_code >= 1000 and booking.amount_due != 100_200


def test_the_database_refuses_two_open_bookings_owing_one_amount(package, frozen):
    _fill(package, [7])
    with pytest.raises(IntegrityError, match="unique_amount_due_per_open_booking"), transaction.atomic():
        _fill(package, [7])


def test_a_closed_booking_gives_its_amount_back(customer, talent, package, frozen):
    _fill(package, range(1, 1000))
    Booking.objects.filter(unique_code=500).update(status=Status.EXPIRED)
    assert book(customer, talent, package, TONIGHT).unique_code == 500


