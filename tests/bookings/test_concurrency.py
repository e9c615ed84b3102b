"""Many customers racing for one talent's night: exactly one wins, every other gets SlotTaken."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
import time_machine
from django.db import connection, connections

from bookings import services
from bookings.errors import SlotTaken
from bookings.models import Booking
from tests.conftest import wib
from tests.factories import CustomerFactory

ATTEMPTS = 32
ROUNDS = 20

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL: separate connections and locks"),
]


def _race(customers, talent, package, starts) -> list[object]:
    results: list[object] = [None] * len(customers)
    barrier = threading.Barrier(len(customers))

    def attempt(i: int) -> None:
        try:
            barrier.wait()
            results[i] = services.create_booking(
                customer=customers[i], talent=talent, package=package, starts_at=starts[i]
            )
        except Exception as error:  # recorded and asserted below
            results[i] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt, args=(i,)) for i in range(len(customers))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def test_thirty_two_concurrent_attempts_at_overlapping_slots_have_one_winner_each_round(talent, package):
    customers = [CustomerFactory() for _ in range(ATTEMPTS)]
    with time_machine.travel(wib(2026, 11, 23, 12), tick=True):
        for round_ in range(ROUNDS):
            # Each round a new night; the attempts start 0–45 minutes apart, all overlapping the first.
            night = wib(2026, 11, 24, 21) + timedelta(days=round_)
            starts = [night + timedelta(minutes=15 * (i % 4)) for i in range(ATTEMPTS)]
            results = _race(customers, talent, package, starts)

            winners = [r for r in results if isinstance(r, Booking)]
            losers = [r for r in results if not isinstance(r, Booking)]
            assert len(winners) == 1, f"round {round_}: {len(winners)} winners"
            assert all(isinstance(r, SlotTaken) for r in losers), {type(r).__name__ for r in losers}
            winner = winners[0]
            services.cancel_booking_by_customer(booking=winner, customer=winner.customer)  # frees the quota
    assert Booking.objects.count() == ROUNDS
