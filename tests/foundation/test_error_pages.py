"""404, 403 (also a failed CSRF check), 500 and the log-in lock-out are the site's own pages, translated."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse

ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}


def test_a_missing_page_is_the_sites_own_in_indonesian_with_a_way_home(client, db):
    response = client.get("/tidak-ada/")
    body = response.content.decode()
    assert response.status_code == 404
    assert "Halaman ini tidak kami temukan" in body and 'href="/"' in body and 'name="viewport"' in body


def test_a_missing_page_speaks_english_to_an_english_visitor(client, db):
    body = client.get("/no-such-page/", **ENGLISH).content.decode()
    assert "We cannot find this page" in body and 'lang="en"' in body


def test_another_customers_booking_gets_the_same_friendly_404(customer, other_customer, talent, package):
    from django.utils import timezone

    from bookings.services import create_booking
    from bookings.slots import free_starts

    today = timezone.localdate()
    start = free_starts(talent=talent, package=package, first=today, last=today + timedelta(days=2))[0]
    booking = create_booking(customer=customer, talent=talent, package=package, starts_at=start)
    other = Client()
    other.force_login(other_customer.user)
    response = other.get(reverse("booking_detail", args=[booking.pk]))
    assert response.status_code == 404 and "Halaman ini tidak kami temukan" in response.content.decode()


def test_a_failed_csrf_check_explains_the_expired_form_and_offers_a_way_back(db):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("login"), {"username": "a@b.c", "password": "x"}, **ENGLISH)
    body = response.content.decode()
    assert response.status_code == 403
    assert "This form has expired" in body and "history.back()" in body


def test_a_server_error_is_a_calm_page_of_our_own(db, settings):
    settings.ROOT_URLCONF = "tests.foundation.error_urls"
    client = Client(raise_request_exception=False)
    response = client.get("/broken/", **ENGLISH)
    body = response.content.decode()
    assert response.status_code == 500
    assert "Something went wrong on our side" in body and 'href="/"' in body


def test_the_403_page_is_translated(db, rf):
    from django.views.defaults import permission_denied

    request = rf.get("/")
    from django.contrib.auth.models import AnonymousUser
    from django.utils import translation

    request.user = AnonymousUser()
    with translation.override("en"):
        response = permission_denied(request, exception=None)
    assert response.status_code == 403 and "You may not open this page" in response.content.decode()


@pytest.fixture
def axes_on(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 2


def test_the_lock_out_says_how_long_it_lasts_in_the_visitors_language(axes_on, customer):
    client = Client()
    for _attempt in range(2):
        client.post(reverse("login"), {"username": customer.user.username, "password": "wrong"})
    response = client.post(reverse("login"), {"username": customer.user.username, "password": "wrong"})
    body = response.content.decode()
    assert response.status_code == 429
    assert "15 menit" in body and reverse("password_reset") in body
    english = client.post(reverse("login"), {"username": customer.user.username, "password": "wrong"}, **ENGLISH)
    assert "15 minutes" in english.content.decode()
