"""A ban follows the person and every number they have used, and cancels their bookings by account."""

import pytest
from django.urls import reverse

from bookings.errors import CustomerBanned
from bookings.models import Booking, CustomerNumber, Status
from bookings.services import ban_customer, create_booking, register_customer, unban_customer, update_customer_profile
from bookings.services.customers import NumberBanned
from tests.admin.conftest import TONIGHT
from tests.factories import CustomerFactory

OLD, NEW = "+6281211110001", "+6281211110002"


def _move(customer, number):
    return update_customer_profile(customer=customer, name=customer.display_name, whatsapp=number,
                                   time_zone="WIB", language="id")


def test_every_number_a_customer_uses_is_kept(customer):
    first = str(customer.whatsapp)
    _move(customer, OLD)
    _move(customer, NEW)
    assert [str(n) for n in CustomerNumber.objects.filter(customer=customer).values_list("whatsapp", flat=True)] == [
        first, OLD, NEW]


def test_a_number_left_before_the_ban_is_banned_too(cs_agent, talent, package):
    customer = CustomerFactory(whatsapp=OLD)
    _move(customer, NEW)
    ban_customer(customer=customer, staff=cs_agent, reason="Ancaman")
    with pytest.raises(NumberBanned):
        register_customer(name="Lagi", whatsapp=OLD, email="lagi@example.com", password="x" * 12)


def test_an_account_that_took_a_number_the_banned_person_used_cannot_book(cs_agent, talent, package):
    banned = CustomerFactory(whatsapp=OLD)
    _move(banned, NEW)
    second_account = CustomerFactory(whatsapp=OLD)  # took the number they left
    ban_customer(customer=banned, staff=cs_agent, reason="Ancaman")
    with pytest.raises(CustomerBanned):
        create_booking(customer=second_account, talent=talent, package=package, starts_at=TONIGHT)


def test_a_ban_cancels_the_bookings_of_the_account_and_of_accounts_sharing_its_numbers(cs_agent, talent, package):
    banned = CustomerFactory(whatsapp=OLD)
    own = create_booking(customer=banned, talent=talent, package=package, starts_at=TONIGHT)
    _move(banned, NEW)  # the booking was made on the old number: found by the account, not the number
    second_account = CustomerFactory(whatsapp=OLD)
    theirs = create_booking(customer=second_account, talent=talent, package=package,
                            starts_at=TONIGHT.replace(hour=23, minute=30))
    ban_customer(customer=banned, staff=cs_agent, reason="Ancaman")
    assert set(Booking.objects.filter(pk__in=[own.pk, theirs.pk]).values_list("status", flat=True)) == {
        Status.CANCELLED}


def test_an_unrelated_customer_stays_free(cs_agent, customer, other_customer, talent, package):
    ban_customer(customer=customer, staff=cs_agent, reason="a")
    assert not other_customer.is_banned
    create_booking(customer=other_customer, talent=talent, package=package, starts_at=TONIGHT)


def test_the_ban_of_an_account_is_lifted_on_its_own_page_only(cs_agent, client):
    banned = CustomerFactory(whatsapp=OLD)
    _move(banned, NEW)
    second_account = CustomerFactory(whatsapp=OLD)
    ban_customer(customer=banned, staff=cs_agent, reason="Ancaman")
    assert not unban_customer(customer=second_account, staff=cs_agent, reason="bukan dia")
    client.force_login(cs_agent)
    page = client.get(reverse("admin:bookings_customer_change", args=[second_account.pk])).content.decode()
    assert "shares a number with the banned account" in page
    assert reverse("admin:bookings_customer_change", args=[banned.pk]) in page
    listed = client.get(reverse("admin:bookings_customer_changelist") + "?banned=yes").context["cl"].result_list
    assert {c.pk for c in listed} == {banned.pk, second_account.pk}
    assert unban_customer(customer=banned, staff=cs_agent, reason="Banding diterima")
    assert not second_account.is_banned
