"""A ban racing a number change or a booking, on PostgreSQL with real threads: the ban always wins.

Each race keeps the first transaction open for a moment after its work, while the second runs in
another connection: the second must either wait for the first's locks and then see what it did, or
have committed before the first looked. Without the customer-row locks the second slips through.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import timedelta

import pytest
from django.db import connection, connections, transaction

from bookings.errors import CustomerBanned
from bookings.models import Booking, Customer
from bookings.models.booking import HOLDING
from bookings.services import ban_customer, create_booking, register_customer, update_customer_profile
from bookings.services.customers import NumberBanned, NumberLockedByBan
from tests.admin.conftest import TONIGHT
from tests.factories import CustomerFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL: separate connections and locks"),
]

HOLD_SECONDS = 0.5
NEW_NUMBER = "+6281377700001"


def _first_held_open_then_second(first: Callable[[], object], second: Callable[[], object]) -> tuple[object, object]:
    """Run `first` in a transaction held open HOLD_SECONDS after its work, `second` meanwhile in another thread."""
    results: dict[str, object] = {}
    first_done = threading.Event()

    def run_first() -> None:
        try:
            with transaction.atomic():
                results["first"] = first()
                first_done.set()
                time.sleep(HOLD_SECONDS)
        except Exception as error:  # recorded and asserted by the test
            results["first"] = error
        finally:
            first_done.set()
            connections.close_all()

    def run_second() -> None:
        first_done.wait(timeout=10)
        try:
            results["second"] = second()
        except Exception as error:
            results["second"] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run_first), threading.Thread(target=run_second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results["first"], results["second"]


def _ban(customer_pk: int, staff) -> Callable[[], object]:
    customer = Customer.objects.get(pk=customer_pk)  # loaded before the race, like a request would
    return lambda: ban_customer(customer=customer, staff=staff, reason="Pelecehan")


def _change_number(customer_pk: int) -> Callable[[], object]:
    customer = Customer.objects.get(pk=customer_pk)
    return lambda: update_customer_profile(
        customer=customer, name=customer.display_name, whatsapp=NEW_NUMBER, time_zone="WIB", language="id"
    )


def _book(customer_pk: int, talent, package, starts_at=TONIGHT) -> Callable[[], object]:
    customer = Customer.objects.get(pk=customer_pk)
    return lambda: create_booking(customer=customer, talent=talent, package=package, starts_at=starts_at)


def _open_bookings(customer: Customer) -> list[Booking]:
    return list(Booking.objects.filter(customer=customer, status__in=HOLDING))


def _assert_banned_everywhere(customer: Customer, old_number, talent, package) -> None:
    """The rule: the person is banned on the account, the old number and the new one."""
    customer.refresh_from_db()
    assert customer.is_banned
    assert _open_bookings(customer) == []
    with pytest.raises(CustomerBanned):
        create_booking(customer=customer, talent=talent, package=package, starts_at=TONIGHT + timedelta(hours=2))
    if customer.whatsapp != old_number:  # the number they left is free to take, and must be refused
        with pytest.raises(NumberBanned):
            register_customer(name="Baru", whatsapp=old_number, email="new@example.com", password="x" * 12)


def test_a_number_change_during_a_ban_waits_for_it_and_is_refused(cs_agent, talent, package):
    customer = CustomerFactory()
    old = customer.whatsapp
    ban, change = _first_held_open_then_second(_ban(customer.pk, cs_agent), _change_number(customer.pk))
    assert isinstance(change, NumberLockedByBan), change
    customer.refresh_from_db()
    assert customer.whatsapp == old
    _assert_banned_everywhere(customer, old, talent, package)


def test_a_ban_during_a_number_change_waits_for_it_and_bans_the_new_number_too(cs_agent, talent, package):
    customer = CustomerFactory()
    old = customer.whatsapp
    change, ban = _first_held_open_then_second(_change_number(customer.pk), _ban(customer.pk, cs_agent))
    assert not isinstance(change, Exception) and not isinstance(ban, Exception), (change, ban)
    customer.refresh_from_db()
    assert str(customer.whatsapp) == NEW_NUMBER
    _assert_banned_everywhere(customer, old, talent, package)


def test_a_booking_made_during_a_ban_waits_for_it_and_is_refused(cs_agent, talent, package):
    customer = CustomerFactory()
    ban, booking = _first_held_open_then_second(_ban(customer.pk, cs_agent), _book(customer.pk, talent, package))
    assert isinstance(booking, CustomerBanned), booking
    assert _open_bookings(customer) == []


def test_a_ban_during_a_booking_waits_for_it_and_cancels_it(cs_agent, talent, package):
    customer = CustomerFactory()
    booking, ban = _first_held_open_then_second(_book(customer.pk, talent, package), _ban(customer.pk, cs_agent))
    assert isinstance(booking, Booking) and not isinstance(ban, Exception), (booking, ban)
    booking.refresh_from_db()
    assert booking.status == "cancelled"
    assert _open_bookings(customer) == []


def test_ban_number_change_and_booking_released_together_always_end_banned_with_nothing_open(
    cs_agent, talent, package
):
    """The attacker's loop: every round a fresh customer books, moves number and is banned at once."""
    for round_ in range(8):
        customer = CustomerFactory()
        starts_at = TONIGHT + timedelta(days=round_)
        work = [_ban(customer.pk, cs_agent), _change_number_to(customer.pk, f"+628137770{round_:04d}"),
                _book(customer.pk, talent, package, starts_at)]
        barrier = threading.Barrier(len(work))
        errors: list[BaseException] = []

        def run(job: Callable[[], object], barrier=barrier, errors=errors) -> None:
            try:
                barrier.wait()
                job()
            except (CustomerBanned, NumberLockedByBan):
                pass  # refused because the ban came first: what should happen
            except Exception as error:
                errors.append(error)
            finally:
                connections.close_all()

        threads = [threading.Thread(target=run, args=(job,)) for job in work]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        assert errors == [], f"round {round_}: {errors}"
        customer.refresh_from_db()
        assert customer.is_banned, f"round {round_}: the ban was dodged"
        assert _open_bookings(customer) == [], f"round {round_}: a booking survived the ban"


def _change_number_to(customer_pk: int, number: str) -> Callable[[], object]:
    customer = Customer.objects.get(pk=customer_pk)
    return lambda: update_customer_profile(
        customer=customer, name=customer.display_name, whatsapp=number, time_zone="WIB", language="id"
    )
