"""The booking page's choices are kept as HTML for every visitor (bookings.booking_choices); each
change is on the next page, a kept page never offers a start that is gone, and it never lets
someone past the talent's choices or another visitor's form.

On the configured cache (Redis in CI) and on local memory (the embedded default).
"""

from datetime import time, timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from bookings.models import Booking, TalentExclusion
from bookings.services import cancel_booking_by_customer, create_booking, expire_overdue_bookings
from talents.schedule import Window, add_time_off, set_weekly_hours
from tests.conftest import wib
from tests.factories import PackageFactory

NINE_PM = 'value="2026-03-02T14:00:00+00:00"'  # the 21:00 WIB start


def page(client, talent, **query) -> str:
    response = client.get(reverse("book", args=[talent.slug]), query)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def offered(client, talent, package, evening, cache_backend):
    assert NINE_PM in page(client, talent)  # kept now, for the page's default package and tonight
    assert NINE_PM in page(client, talent, package=package.pk, night="2026-03-02")  # and as its links write it
    return talent


def test_a_booking_takes_its_start_off_the_kept_page(client, offered, package, customer):
    create_booking(customer=customer, talent=offered, package=package, starts_at=wib(2026, 3, 2, 21, 0))
    assert NINE_PM not in page(client, offered)
    assert NINE_PM not in page(client, offered, package=package.pk, night="2026-03-02")


def test_a_cancel_and_an_expiry_put_the_start_back(client, talent, package, customer, evening, cache_backend):
    booking = create_booking(customer=customer, talent=talent, package=package, starts_at=wib(2026, 3, 2, 21, 0))
    assert NINE_PM not in page(client, talent)
    cancel_booking_by_customer(booking=booking, customer=customer)
    assert NINE_PM in page(client, talent)
    again = create_booking(customer=customer, talent=talent, package=package, starts_at=wib(2026, 3, 2, 21, 0))
    assert NINE_PM not in page(client, talent)
    with time_machine.travel(again.payment_deadline + timedelta(seconds=1), tick=False):
        expire_overdue_bookings()
        assert NINE_PM in page(client, talent)


def test_a_schedule_change_and_time_off_move_the_starts(client, offered):
    set_weekly_hours(talent=offered, windows=[Window(d, time(22), time(2)) for d in range(7)])
    body = page(client, offered)
    assert NINE_PM not in body and ">22:00<" in body
    add_time_off(talent=offered, starts_at=wib(2026, 3, 2, 21, 0), ends_at=wib(2026, 3, 2, 23, 0))
    assert ">22:00<" not in page(client, offered)


def test_a_new_package_is_offered_on_the_next_page(client, offered):
    PackageFactory(name="Paket Subuh", offered_by=[offered])
    assert "Paket Subuh" in page(client, offered)


def test_a_kept_page_moves_on_with_the_clock(client, offered, evening):
    """The 21:00 start needs 30 minutes' notice: gone from the page at 20:30:01, nothing written."""
    evening.move_to(wib(2026, 3, 2, 20, 29) + timedelta(seconds=10))
    assert NINE_PM in page(client, offered)
    evening.move_to(wib(2026, 3, 2, 20, 30) + timedelta(seconds=1))
    assert NINE_PM not in page(client, offered)


def test_each_zone_and_language_gets_its_own_page(client, offered):
    client.cookies["tz"] = "Asia/Makassar"
    assert ">22:00<" in page(client, offered) and "(WITA)" in page(client, offered)
    client.cookies["django_language"] = "en"
    assert "Continue to payment" in page(client, offered)


def test_a_talent_taken_off_the_catalogue_cannot_be_booked_from_a_kept_page(client, offered):
    offered.is_active = False
    offered.save()
    assert client.get(reverse("book", args=[offered.slug])).status_code == 404


def test_a_customer_the_talent_excluded_gets_no_kept_page(client, offered, package, customer):
    booking = create_booking(customer=customer, talent=offered, package=package, starts_at=wib(2026, 3, 2, 23, 0))
    TalentExclusion.objects.create(
        talent=offered, customer=customer, booking=booking, created_by=offered.user, created_at=wib(2026, 3, 2, 19, 0)
    )
    client.force_login(customer.user)
    assert client.get(reverse("book", args=[offered.slug])).status_code == 404
    assert Client().get(reverse("book", args=[offered.slug])).status_code == 200


def test_each_visitor_gets_their_own_csrf_token_and_can_book_from_a_kept_page(offered, package, customer):
    first = Client()
    first.force_login(customer.user)
    second = Client()
    page(first, offered), page(second, offered)
    assert first.cookies["csrftoken"].value != second.cookies["csrftoken"].value
    response = first.post(reverse("book", args=[offered.slug]), {
        "package": package.pk, "night": "2026-03-02", "starts_at": "2026-03-02T14:00:00+00:00",
    })
    assert response.status_code == 302
    assert Booking.objects.get().customer == customer


def test_a_kept_page_reads_no_database(client, offered, package, django_assert_num_queries):
    with django_assert_num_queries(0):
        page(client, offered)
        page(client, offered, package=package.pk, night="2026-03-02")


def test_queries_the_page_does_not_write_are_built_each_time_not_kept(client, offered, package):
    """A stranger's variants (a padded id, "book again" with a time) cannot fill the cache."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for query in ({"package": f"0{package.pk}"}, {"package": package.pk, "at": "21:00"}):
        for _ in range(2):
            with CaptureQueriesContext(connection) as read:
                page(client, offered, **query)
            assert len(read) > 0


def test_book_again_still_picks_the_last_start_time(client, offered, package):
    body = page(client, offered, package=package.pk, at="21:00")
    assert f'{NINE_PM} required checked' in body
    assert f'{NINE_PM} required checked' not in page(client, offered)  # the kept page picks nothing
