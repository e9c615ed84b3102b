"""The catalogue's free starts are cached for every visitor; each change makes the next page right.

Every test first loads the list (the cache now holds the old answer), changes one thing through its
service, and reads the list again: on the configured cache (Redis in CI) and on local memory
(the embedded default).
"""

from datetime import time, timedelta

import pytest
import time_machine

from bookings.services import cancel_booking_by_customer, create_booking, expire_overdue_bookings
from talents.schedule import Window, add_time_off, set_weekly_hours
from tests.conftest import wib


def next_free(client) -> str:
    body = client.get("/talents/").content.decode()
    marker = "class=\"next-slot\""
    return body.split(marker, 1)[1].split("</p>", 1)[0] if marker in body else ""


@pytest.fixture
def listed(client, talent, package, evening, cache_backend):
    assert "21:00 WIB" in next_free(client)  # cached now
    return talent


def test_a_booking_takes_its_start_off_the_list(client, listed, package, customer):
    create_booking(customer=customer, talent=listed, package=package, starts_at=wib(2026, 3, 2, 21, 0))
    assert "21:00 WIB" not in next_free(client)


def test_a_cancel_puts_its_start_back(client, talent, package, customer, evening, cache_backend):
    booking = create_booking(customer=customer, talent=talent, package=package, starts_at=wib(2026, 3, 2, 21, 0))
    assert "21:00 WIB" not in next_free(client)
    cancel_booking_by_customer(booking=booking, customer=customer)
    assert "21:00 WIB" in next_free(client)


def test_an_expiry_puts_its_start_back(client, talent, package, customer, evening, cache_backend):
    booking = create_booking(customer=customer, talent=talent, package=package, starts_at=wib(2026, 3, 2, 21, 0))
    assert "21:00 WIB" not in next_free(client)
    with time_machine.travel(booking.payment_deadline + timedelta(seconds=1), tick=False):
        assert "21:00 WIB" in next_free(client)  # past its deadline it holds nothing, swept or not
        expire_overdue_bookings()
        assert "21:00 WIB" in next_free(client)


def test_an_unpaid_booking_still_counts_as_busy_until_its_deadline(
    client, talent, package, customer, evening, cache_backend
):
    booking = create_booking(customer=customer, talent=talent, package=package, starts_at=wib(2026, 3, 2, 21, 0))
    with time_machine.travel(booking.payment_deadline - timedelta(seconds=20), tick=False):
        assert "21:00 WIB" not in next_free(client)


def test_a_schedule_change_moves_the_start(client, listed):
    set_weekly_hours(talent=listed, windows=[Window(d, time(22), time(2)) for d in range(7)])
    assert "22:00 WIB" in next_free(client)


def test_time_off_moves_the_start(client, listed):
    add_time_off(talent=listed, starts_at=wib(2026, 3, 2, 20, 0), ends_at=wib(2026, 3, 2, 23, 0))
    assert "23:00 WIB" in next_free(client)


# The cards themselves are cached as HTML (talents.catalogue.card_fragments), keyed like the free
# starts: the same changes must show on the next page, and each language and zone gets its own card.

def home_next_free(client) -> str:
    body = client.get("/").content.decode()
    marker = "class=\"next-slot\""
    return body.split(marker, 1)[1].split("</p>", 1)[0] if marker in body else ""


def test_a_booking_takes_its_start_off_the_home_cards(client, listed, package, customer):
    assert "21:00 WIB" in home_next_free(client)  # the home card is cached now
    create_booking(customer=customer, talent=listed, package=package, starts_at=wib(2026, 3, 2, 21, 0))
    assert "21:00 WIB" not in home_next_free(client)
    assert "21:00 WIB" not in next_free(client)


def test_a_schedule_change_moves_the_start_on_the_home_cards(client, listed):
    assert "21:00 WIB" in home_next_free(client)
    set_weekly_hours(talent=listed, windows=[Window(d, time(22), time(2)) for d in range(7)])
    assert "22:00 WIB" in home_next_free(client)


def test_time_off_moves_the_start_on_the_home_cards(client, listed):
    assert "21:00 WIB" in home_next_free(client)
    add_time_off(talent=listed, starts_at=wib(2026, 3, 2, 20, 0), ends_at=wib(2026, 3, 2, 23, 0))
    assert "23:00 WIB" in home_next_free(client)


def test_a_renamed_talent_shows_its_new_name_on_the_next_page(client, listed):
    listed.display_name = "Kirana Baru"
    listed.save()
    assert "Kirana Baru" in client.get("/talents/").content.decode()


def test_each_zone_gets_its_own_card(client, listed):
    client.cookies["tz"] = "Asia/Makassar"
    assert "22:00 WITA" in next_free(client)  # the WIB card cached by the fixture is not reused
    client.cookies["tz"] = "Asia/Jakarta"
    assert "21:00 WIB" in next_free(client)


def test_each_language_gets_its_own_card(client, listed):
    assert "Tersedia berikutnya:" in next_free(client)
    client.cookies["django_language"] = "en"
    assert "Next free:" in next_free(client)


def test_a_cached_card_moves_on_with_the_clock(client, listed, evening):
    """Past 21:00 the 21:00 start is gone though nothing was written: the key has the minute."""
    evening.move_to(wib(2026, 3, 2, 21, 5))
    assert "21:00 WIB" not in next_free(client)


def test_a_talent_taken_off_the_catalogue_leaves_home_and_list_on_the_next_page(client, listed):
    assert listed.display_name in client.get("/").content.decode()
    listed.is_active = False
    listed.save()
    assert listed.display_name not in client.get("/").content.decode()
    assert listed.display_name not in client.get("/talents/").content.decode()


def test_a_new_package_shows_in_the_list_filter_on_the_next_page(client, listed):
    from tests.factories import PackageFactory

    assert "Paket Subuh" not in client.get("/talents/").content.decode()  # the filter is cached now
    PackageFactory(name="Paket Subuh", offered_by=[listed])
    assert "Paket Subuh" in client.get("/talents/").content.decode()


def test_the_chosen_package_stays_selected_in_the_cached_filter(client, listed, package):
    client.get("/talents/")
    body = client.get(f"/talents/?package={package.pk}").content.decode()
    assert f'<option value="{package.pk}" selected>' in body
    assert f'<option value="{package.pk}" selected>' not in client.get("/talents/").content.decode()


def test_a_new_package_shows_in_the_home_price_list_on_the_next_page(client, listed):
    from tests.factories import PackageFactory

    assert "Paket Subuh" not in client.get("/").content.decode()  # the price list is cached now
    PackageFactory(name="Paket Subuh", offered_by=[listed])
    assert "Paket Subuh" in client.get("/").content.decode()
