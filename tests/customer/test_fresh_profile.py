"""A talent's profile is cached as HTML for every visitor (talents.profile); each change that the
profile shows is on the next page, and a cached profile never shows a talent someone may not see.

On the configured cache (Redis in CI) and on local memory (the embedded default), through the
`cache_backend` fixture.
"""

from datetime import time

import pytest
from django.test import Client

from bookings.models import TalentExclusion
from bookings.services import create_booking
from talents.schedule import Window, add_time_off, set_weekly_hours
from tests.conftest import wib
from tests.factories import PackageFactory


def profile(client, talent) -> str:
    response = client.get(f"/talents/{talent.slug}/")
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def shown(client, talent, package, evening, cache_backend):
    assert "21:00 WIB" in profile(client, talent)  # cached now
    return talent


def test_a_booking_takes_its_start_off_the_profile(client, shown, package, customer):
    create_booking(customer=customer, talent=shown, package=package, starts_at=wib(2026, 3, 2, 21, 0))
    assert "21:00 WIB" not in profile(client, shown)


def test_a_schedule_change_shows_in_the_weekly_hours_and_the_next_start(client, shown):
    set_weekly_hours(talent=shown, windows=[Window(d, time(22), time(2)) for d in range(7)])
    body = profile(client, shown)
    assert "<td>22:00</td><td>02:00 WIB</td>" in body
    assert "22:00 WIB" in body


def test_time_off_moves_the_next_start_on_the_profile(client, shown):
    add_time_off(talent=shown, starts_at=wib(2026, 3, 2, 20, 0), ends_at=wib(2026, 3, 2, 23, 0))
    assert "23:00 WIB" in profile(client, shown)


def test_a_new_package_and_a_new_name_show_on_the_next_profile(client, shown):
    PackageFactory(name="Paket Subuh", offered_by=[shown])
    shown.display_name = "Kirana Baru"
    shown.save()
    body = profile(client, shown)
    assert "Paket Subuh" in body and "Kirana Baru" in body


def test_each_zone_gets_its_own_profile(client, shown):
    client.cookies["tz"] = "Asia/Makassar"
    body = profile(client, shown)
    assert "22:00 WITA" in body and "WITA</td>" in body and "WIB</td>" not in body


def test_each_language_gets_its_own_profile(client, shown):
    client.cookies["django_language"] = "en"
    assert "Weekly hours" in profile(client, shown) and "Next free:" in profile(client, shown)


def test_a_talent_taken_off_the_catalogue_has_no_profile_on_the_next_page(client, shown):
    shown.is_active = False
    shown.save()
    assert client.get(f"/talents/{shown.slug}/").status_code == 404


def test_a_customer_the_talent_excluded_gets_no_profile_even_from_the_cache(client, shown, package, customer):
    booking = create_booking(customer=customer, talent=shown, package=package, starts_at=wib(2026, 3, 2, 23, 0))
    TalentExclusion.objects.create(
        talent=shown, customer=customer, booking=booking, created_by=shown.user, created_at=wib(2026, 3, 2, 19, 0)
    )
    client.force_login(customer.user)
    assert client.get(f"/talents/{shown.slug}/").status_code == 404
    assert Client().get(f"/talents/{shown.slug}/").status_code == 200  # everyone else still sees it


def test_each_visitor_gets_their_own_csrf_token_on_a_cached_profile(shown):
    first, second = Client(), Client()
    profile(first, shown), profile(second, shown)
    assert first.cookies["csrftoken"].value != second.cookies["csrftoken"].value


def test_a_cached_profile_reads_no_talent(client, shown, django_assert_num_queries):
    with django_assert_num_queries(0):
        profile(client, shown)
