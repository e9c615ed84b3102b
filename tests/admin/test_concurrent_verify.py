"""Two staff verify the same payment at the same moment: one wins, the other is told, nothing doubles."""

import pytest

from bookings.models import BookingEvent, ContactGrant, Payment, Status
from bookings.models.payment import PaymentStatus
from bookings.services import verify_payment
from tests.admin.conftest import waiting_payment
from tests.factories import UserFactory
from tests.races import at_once, needs_a_real_race


@pytest.mark.django_db(transaction=True)
def test_two_staff_verifying_at_once_confirm_once(customer, talent, package):
    needs_a_real_race()
    payment = waiting_payment(customer, talent, package)
    first, second = UserFactory(is_staff=True, is_superuser=True), UserFactory(is_staff=True, is_superuser=True)
    outcomes = at_once({
        staff.pk: lambda staff=staff: verify_payment(payment=Payment.objects.get(pk=payment.pk), staff=staff)
        for staff in (first, second)
    })

    assert all(isinstance(result, Payment) for result in outcomes.values()), outcomes
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.VERIFIED
    winner = payment.decided_by_id
    assert winner in (first.pk, second.pk)
    # Both saw the same decision: the loser's result names the winner ("already verified by X").
    assert {result.decided_by_id for result in outcomes.values()} == {winner}
    assert BookingEvent.objects.filter(booking_id=payment.booking_id, to_status=Status.CONFIRMED).count() == 1
    assert ContactGrant.objects.filter(booking_id=payment.booking_id).count() == 1
