"""Two staff verify the same payment at the same moment: one wins, the other is told, nothing doubles."""

import threading

import pytest
from django.db import close_old_connections, connection, connections

from bookings.models import BookingEvent, ContactGrant, Payment, Status
from bookings.models.payment import PaymentStatus
from bookings.services import verify_payment
from tests.admin.conftest import waiting_payment
from tests.factories import UserFactory


@pytest.mark.django_db(transaction=True)
def test_two_staff_verifying_at_once_confirm_once(customer, talent, package):
    if connection.vendor != "postgresql":
        pytest.skip("Needs PostgreSQL: SQLite serialises every writer, so there is no real race to test.")
    payment = waiting_payment(customer, talent, package)
    first, second = UserFactory(is_staff=True, is_superuser=True), UserFactory(is_staff=True, is_superuser=True)
    barrier = threading.Barrier(2)
    outcomes: dict[int, Payment | Exception] = {}

    def verify(staff) -> None:
        close_old_connections()
        try:
            barrier.wait(timeout=10)
            outcomes[staff.pk] = verify_payment(payment=Payment.objects.get(pk=payment.pk), staff=staff)
        except Exception as error:  # noqa: BLE001 (reported by the assertion below)
            outcomes[staff.pk] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=verify, args=(staff,)) for staff in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert all(isinstance(result, Payment) for result in outcomes.values()), outcomes
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.VERIFIED
    winner = payment.decided_by_id
    assert winner in (first.pk, second.pk)
    # Both saw the same decision: the loser's result names the winner ("already verified by X").
    assert {result.decided_by_id for result in outcomes.values()} == {winner}
    assert BookingEvent.objects.filter(booking_id=payment.booking_id, to_status=Status.CONFIRMED).count() == 1
    assert ContactGrant.objects.filter(booking_id=payment.booking_id).count() == 1
