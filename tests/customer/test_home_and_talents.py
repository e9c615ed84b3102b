"""Home, the talent list with its filters, and the profile with weekly hours in the visitor's zone."""

import pytest
from django.urls import reverse

from bookings.services import create_booking
from talents.models import AvailabilityRule, Language
from tests.conftest import wib
from tests.factories import PackageFactory, TalentFactory, every_night


def test_home_explains_the_service_with_prices_and_talents_free_tonight(client, talent, package, evening):
    response = client.get("/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Rp 100.000" in body
    assert talent.display_name in body
    assert "21:00 WIB" in body


def test_home_leaves_out_a_talent_with_no_slot_tonight(client, talent, package, customer, evening):
    # The whole window 21:00–02:00 taken by one long booking: nothing free tonight.
    long = PackageFactory(duration_minutes=300, offered_by=[talent])
    create_booking(customer=customer, talent=talent, package=long, starts_at=wib(2026, 3, 2, 21, 0))
    assert talent.display_name not in client.get("/").content.decode()


def test_home_is_in_indonesian_by_default(client, db):
    assert 'lang="id"' in client.get("/").content.decode()


def _make_talents(n: int, package):
    for _ in range(n):
        t = TalentFactory()
        every_night(t)
        package.talents.add(t)


@pytest.mark.parametrize(("url", "shown"), [("/", 6), ("/talents/", 10)])
def test_listing_pages_keep_a_constant_number_of_queries(
    client, db, evening, url, shown, django_assert_max_num_queries
):
    """The first visit after a change computes the catalogue's free starts (5 queries, for every
    talent at once); the visits after it read them from the cache and load only the cards shown."""
    package = PackageFactory()
    _make_talents(1, package)
    with django_assert_max_num_queries(9) as one:
        client.get(url)
    _make_talents(9, package)
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(url)
    assert response.content.decode().count("talent-card") == shown
    with django_assert_max_num_queries(4):
        response = client.get(url)
    assert response.content.decode().count("talent-card") == shown


def test_list_shows_photo_placeholder_name_bio_languages_packages_and_next_slot(client, talent, package, evening):
    body = client.get("/talents/").content.decode()
    assert talent.display_name in body
    assert "Teman ngobrol malam." in body
    assert "Bahasa Indonesia" in body
    assert f'{package.name} · <span class="nowrap">Rp 100.000</span>' in body
    assert "21:00 WIB" in body


def test_list_filters_by_language(client, talent, other_talent, package, evening):
    package.talents.add(other_talent)
    other_talent.languages = [Language.ENGLISH]
    other_talent.save()
    body = client.get("/talents/", {"language": "en"}).content.decode()
    assert other_talent.display_name in body
    assert talent.display_name not in body


def test_list_filters_by_package(client, talent, other_talent, package, evening):
    chat = PackageFactory(channels="chat", offered_by=[other_talent])
    body = client.get("/talents/", {"package": chat.pk}).content.decode()
    assert other_talent.display_name in body
    assert talent.display_name not in body


def test_list_filters_free_tonight(client, talent, other_talent, package, evening):
    package.talents.add(other_talent)
    AvailabilityRule.objects.filter(talent=other_talent, weekday=0).delete()  # not working this Monday
    body = client.get("/talents/", {"tonight": "on"}).content.decode()
    assert talent.display_name in body
    assert other_talent.display_name not in body


def test_an_unknown_filter_value_shows_all_talents_and_an_error(client, talent, package, evening):
    response = client.get("/talents/", {"package": "999"})
    assert response.status_code == 200
    assert talent.display_name in response.content.decode()


def test_profile_shows_weekly_hours_in_the_visitors_zone(client, talent, package, evening):
    client.cookies["tz"] = "Asia/Makassar"
    body = client.get(talent.get_absolute_url()).content.decode()
    assert "22:00" in body and "03:00 WITA" in body


def test_profile_of_an_inactive_talent_is_not_found(client, talent):
    talent.is_active = False
    talent.save()
    assert client.get(talent.get_absolute_url()).status_code == 404
    assert client.get(reverse("book", args=[talent.slug])).status_code == 404


def test_profile_keeps_a_constant_number_of_queries(client, talent, package, evening, django_assert_max_num_queries):
    for _ in range(5):
        PackageFactory(offered_by=[talent])
    with django_assert_max_num_queries(8):
        client.get(talent.get_absolute_url())


def test_zone_picker_sets_the_cookie_for_a_visitor(client, db):
    response = client.post(reverse("set_zone"), {"zone": "Asia/Jayapura", "next": "/talents/"})
    assert response.status_code == 302 and response.url == "/talents/"
    assert response.cookies["tz"].value == "Asia/Jayapura"


def test_zone_picker_ignores_an_unknown_zone_and_a_foreign_next(client, db):
    response = client.post(reverse("set_zone"), {"zone": "Europe/Paris", "next": "https://evil.example/"})
    assert response.url == "/"
    assert "tz" not in response.cookies


def test_zone_picker_updates_a_signed_in_customers_profile(customer_client, customer):
    customer_client.post(reverse("set_zone"), {"zone": "Asia/Makassar"})
    customer.refresh_from_db()
    assert customer.time_zone == "Asia/Makassar"


def test_home_cards_are_compact_lowest_price_channels_and_next_start_no_price_list(
    client, talent, package, evening, settings
):
    PackageFactory(offered_by=[talent], price=5_000, channels="chat", duration_minutes=15)
    body = client.get("/", HTTP_ACCEPT_LANGUAGE="en", headers={"Cookie": "django_language=en"}).content.decode()
    card = body.split('class="card talent-card compact"', 1)[1].split("</article>", 1)[0]
    assert "Rp 5.000" in card and "Rp 100.000" not in card  # "from" the lowest price only
    assert 'class="chips"' not in card
    assert "21:00 WIB" in card
    assert body.index("talent-card compact") < body.index('id="prices"')  # talents before the price list


def test_the_talent_list_is_paginated(client, package, evening):
    _make_talents(30, package)  # and the package fixture's own talent: 31
    first = client.get("/talents/").content.decode()
    assert first.count("talent-card") == 24 and 'rel="next"' in first
    assert client.get("/talents/?page=2").content.decode().count("talent-card") == 7
