"""`customer.is_banned` (its SQL built once per process) says what `Customer.objects.banned()` says."""

from bookings.models import Customer
from bookings.services import ban_customer, unban_customer, update_customer_profile
from tests.factories import CustomerFactory

OLD, NEW, OTHER = "+6281211120001", "+6281211120002", "+6281211120003"


def _move(customer, number):
    return update_customer_profile(customer=customer, name=customer.display_name, whatsapp=number,
                                   time_zone="WIB", language="id")


def _agrees(*customers) -> list[bool]:
    banned = set(Customer.objects.banned().values_list("pk", flat=True))
    answers = [Customer.objects.get(pk=c.pk).is_banned for c in customers]
    assert answers == [c.pk in banned for c in customers]
    return answers


def test_is_banned_follows_the_account_its_old_numbers_and_the_lift(cs_agent):
    banned = CustomerFactory(whatsapp=OLD)
    _move(banned, NEW)
    took_the_old_number = CustomerFactory(whatsapp=OLD)
    unrelated = CustomerFactory(whatsapp=OTHER)
    assert _agrees(banned, took_the_old_number, unrelated) == [False, False, False]

    ban_customer(customer=banned, staff=cs_agent, reason="Ancaman")
    assert _agrees(banned, took_the_old_number, unrelated) == [True, True, False]

    assert unban_customer(customer=banned, staff=cs_agent, reason="Banding diterima")
    assert _agrees(banned, took_the_old_number, unrelated) == [False, False, False]


def test_a_ban_on_the_second_account_reaches_the_first_through_the_shared_number(cs_agent):
    first = CustomerFactory(whatsapp=OLD)
    _move(first, NEW)
    second = CustomerFactory(whatsapp=OLD)
    ban_customer(customer=second, staff=cs_agent, reason="Ancaman")
    assert _agrees(first, second) == [True, True]
