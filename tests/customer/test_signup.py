"""Signing up: name, WhatsApp (normalised to +62…), e-mail, password; every error clear, nothing typed lost."""

import pytest
from django.test import Client
from django.urls import reverse

from bookings.models import Ban, Customer
from bookings.services import register_customer
from bookings.services.customers import InvalidNumber, NumberBanned, NumberTaken
from bookings.views.account import SIGNUP_REFUSED
from tests.customer.conftest import says

GOOD = {
    "name": "Sari", "whatsapp": "0812-3456-7890", "email": "Sari@Example.com",
    "password": "malam-yang-tenang-42", "time_zone": "Asia/Makassar",
}


def test_sign_up_creates_the_account_signs_in_and_normalises_the_number(client, db):
    response = client.post(reverse("signup"), GOOD)
    customer = Customer.objects.get()
    assert response.status_code == 302 and response.url == reverse("my_bookings")
    assert str(customer.whatsapp) == "+6281234567890"
    assert customer.user.username == "sari@example.com"
    assert customer.time_zone == "Asia/Makassar"
    assert client.get(reverse("my_bookings")).status_code == 200


@pytest.mark.parametrize("typed", ["6281234567890", "+62 812 3456 7890", "081234567890"])
def test_every_usual_way_of_writing_the_number_is_accepted(client, db, typed):
    client.post(reverse("signup"), GOOD | {"whatsapp": typed})
    assert str(Customer.objects.get().whatsapp) == "+6281234567890"


def test_sign_up_returns_to_next(client, db):
    response = client.post(reverse("signup"), GOOD | {"next": "/talents/"})
    assert response.url == "/talents/"


def test_sign_up_ignores_a_next_to_another_site(client, db):
    response = client.post(reverse("signup"), GOOD | {"next": "https://evil.example/"})
    assert response.url == reverse("my_bookings")


def test_sign_up_default_zone_comes_from_the_browser_cookie(client, db):
    client.cookies["tz"] = "Asia/Jayapura"
    response = client.get(reverse("signup"))
    assert response.context["form"].initial["time_zone"] == "Asia/Jayapura"


@pytest.mark.parametrize(("field", "value", "message"), [
    ("whatsapp", "12345", "Please enter a valid Indonesian mobile number, for example 0812 3456 7890."),
    ("whatsapp", "+1 202 555 0143", "Please enter a valid Indonesian mobile number, for example 0812 3456 7890."),
    ("whatsapp", "021 555 1234", "Please enter a valid Indonesian mobile number, for example 0812 3456 7890."),
    ("email", "not-an-email", "Enter a valid email address."),
    ("password", "12345678", "This password is entirely numeric."),
    ("name", "", "This field is required."),
])
def test_a_bad_field_is_explained_and_the_rest_is_kept(client, db, field, value, message):
    response = client.post(reverse("signup"), GOOD | {field: value})
    assert response.status_code == 400
    assert says(response, message)
    assert not Customer.objects.exists()
    body = response.content.decode()
    kept = {k: v for k, v in GOOD.items() if k not in (field, "time_zone", "password")}
    for typed in kept.values():
        assert typed in body
    assert GOOD["password"] not in body  # a password is never sent back into the page


def test_an_email_longer_than_a_login_name_can_be_is_explained_not_a_500(client, db):
    long_email = "a" * 60 + "@" + "b" * 60 + "." + "c" * 30 + ".com"  # 156 characters, a valid address
    response = client.post(reverse("signup"), GOOD | {"email": long_email})
    assert response.status_code == 400
    assert "150" in str(response.context["form"].errors["email"])
    assert not Customer.objects.exists()


def test_a_taken_number_is_refused_with_a_clear_message(client, customer):
    response = client.post(reverse("signup"), GOOD | {"whatsapp": str(customer.whatsapp)})
    assert response.status_code == 400
    assert says(response, SIGNUP_REFUSED)


def test_a_banned_number_is_refused(client, staff, db):
    Ban.objects.create(whatsapp="+6281234567890", reason="abuse", created_by=staff)
    response = client.post(reverse("signup"), GOOD)
    assert says(response, SIGNUP_REFUSED)
    assert not Customer.objects.exists()


def test_a_taken_email_is_refused(client, customer):
    response = client.post(reverse("signup"), GOOD | {"email": customer.user.email.upper()})
    assert response.status_code == 400
    assert says(response, SIGNUP_REFUSED)


def test_sign_up_needs_the_csrf_token(db):
    client = Client(enforce_csrf_checks=True)
    assert client.post(reverse("signup"), GOOD).status_code == 403


def test_a_signed_in_person_is_sent_on(customer_client):
    assert customer_client.get(reverse("signup")).status_code == 302


# The service itself, as staff tools or other callers use it.

def test_register_customer_refuses_a_banned_number(staff, db):
    Ban.objects.create(whatsapp="+6281234567890", reason="abuse", created_by=staff)
    with pytest.raises(NumberBanned):
        register_customer(name="A", whatsapp="081234567890", email="a@example.com", password="x-long-pass-1")


def test_register_customer_allows_a_number_whose_ban_was_lifted(staff, db):
    from django.utils import timezone

    Ban.objects.create(whatsapp="+6281234567890", reason="abuse", created_by=staff, lifted_at=timezone.now())
    customer = register_customer(name="A", whatsapp="081234567890", email="a@example.com", password="x-long-pass-1")
    assert customer.user.check_password("x-long-pass-1")


def test_register_customer_refuses_a_duplicate_number(customer):
    with pytest.raises(NumberTaken):
        register_customer(name="A", whatsapp=customer.whatsapp, email="new@example.com", password="x-long-pass-1")


def test_register_customer_refuses_a_foreign_number(db):
    with pytest.raises(InvalidNumber):
        register_customer(name="A", whatsapp="+12025550143", email="a@example.com", password="x-long-pass-1")
