"""Many customers racing for one talent's night: exactly one wins, every other gets SlotTaken."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
import time_machine
from django.db import connection, connections, transaction

from bookings import services
from bookings.errors import SlotTaken, TooManyUnpaidBookings
from bookings.models import Booking
from tests.conftest import wib
from tests.factories import CustomerFactory, TalentFactory, every_night

ATTEMPTS = 32
ROUNDS = 20

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL: separate connections and locks"),
]


def _race(customers, talent, package, starts) -> list[object]:
    return _race_many([(customer, talent, start) for customer, start in zip(customers, starts, strict=True)], package)


def _race_many(attempts, package) -> list[object]:
    """Each (customer, talent, start) in its own thread and connection, all released at once."""
    results: list[object] = [None] * len(attempts)
    barrier = threading.Barrier(len(attempts))

    def attempt(i: int) -> None:
        customer, talent, starts_at = attempts[i]
        try:
            barrier.wait()
            results[i] = services.create_booking(
                customer=customer, talent=talent, package=package, starts_at=starts_at
            )
        except Exception as error:  # recorded and asserted below
            results[i] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt, args=(i,)) for i in range(len(attempts))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def test_thirty_two_concurrent_attempts_at_overlapping_slots_have_one_winner_each_round(talent, package, settings):
    settings.SLEEPCALL_BOOKING_HORIZON_DAYS = ROUNDS + 2  # one night per round, all booked from today
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


def test_one_customer_racing_at_eight_talents_still_holds_at_most_the_unpaid_limit(package, settings):
    """The customer's row is locked too: otherwise attempts at different talents never wait for each other."""
    settings.SLEEPCALL_MAX_UNPAID_BOOKINGS = 1
    customer = CustomerFactory()
    talents = []
    for _ in range(8):
        talent = TalentFactory()
        every_night(talent)
        package.talents.add(talent)
        talents.append(talent)
    with time_machine.travel(wib(2026, 11, 23, 12), tick=True):
        night = wib(2026, 11, 24, 21)
        results = _race_many([(customer, talent, night) for talent in talents], package)
    winners = [r for r in results if isinstance(r, Booking)]
    assert len(winners) == 1, f"{len(winners)} unpaid holds"
    assert all(isinstance(r, TooManyUnpaidBookings) for r in results if r not in winners)


def test_releasing_stale_holds_never_overwrites_a_cancel_made_at_the_same_moment(talent, package):
    """A stale hold being cancelled (row locked) is skipped by the release, not expired over the cancel."""
    customer, other = CustomerFactory(), CustomerFactory()
    with time_machine.travel(wib(2026, 11, 23, 12), tick=True) as clock:
        stale = services.create_booking(customer=customer, talent=talent, package=package,
                                        starts_at=wib(2026, 11, 24, 21))
        clock.shift(timedelta(minutes=61))
        locked, booked = threading.Event(), threading.Event()

        def cancel_slowly() -> None:
            try:
                with transaction.atomic():
                    Booking.objects.select_for_update().get(pk=stale.pk)
                    locked.set()
                    booked.wait(timeout=10)
                    services.cancel_booking_by_customer(booking=stale, customer=customer)
            finally:
                connections.close_all()

        canceller = threading.Thread(target=cancel_slowly)
        canceller.start()
        locked.wait(timeout=10)
        services.create_booking(customer=other, talent=talent, package=package, starts_at=wib(2026, 11, 25, 21))
        booked.set()
        canceller.join(timeout=30)
    stale.refresh_from_db()
    assert stale.status == "cancelled"
    assert list(stale.events.values_list("from_status", "to_status")) == [
        ("", "awaiting_payment"), ("awaiting_payment", "cancelled")
    ]


def test_a_customer_with_a_proof_waiting_racing_at_eight_talents_still_holds_at_most_the_limit(package, settings):
    """A submitted proof counts: with a limit of 2 and one proof waiting, only one more hold wins."""
    from tests.bookings.helpers import pay

    settings.SLEEPCALL_MAX_UNPAID_BOOKINGS = 2
    customer = CustomerFactory()
    talents = []
    for _ in range(9):
        talent = TalentFactory()
        every_night(talent)
        package.talents.add(talent)
        talents.append(talent)
    with time_machine.travel(wib(2026, 11, 23, 12), tick=True):
        night = wib(2026, 11, 24, 21)
        pay(services.create_booking(customer=customer, talent=talents[0], package=package, starts_at=night))
        results = _race_many([(customer, talent, night) for talent in talents[1:]], package)
    winners = [r for r in results if isinstance(r, Booking)]
    assert len(winners) == 1, f"{len(winners)} new holds next to a waiting proof"
    assert all(isinstance(r, TooManyUnpaidBookings) for r in results if r not in winners)
    assert Booking.objects.for_customer(customer).unverified().count() == 2
