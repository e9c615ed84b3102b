"""A customer's name is shown to talents: no contact handle and no invisible characters in it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from bookings.errors import TextRefused
from bookings.models import Customer
from bookings.services import register_customer, update_customer_profile

SIGN_UP = {
    "name": "Sari", "whatsapp": "0812-3456-7890", "email": "sari@example.com",
    "password": "malam-yang-tenang-42", "time_zone": "Asia/Jakarta",
}
BAD_NAMES = ["Budi WA 0813 2238 3664", "Budi nol delapan satu tiga dua dua tiga delapan tiga enam enam empat",
             "Budi @budi.malam", "budi at gmail dot com", "Budi wa.me/6281322383664"]


@pytest.mark.parametrize("name", BAD_NAMES)
def test_sign_up_refuses_a_name_with_a_contact_handle_and_keeps_what_was_typed(client, db, name):
    response = client.post(reverse("signup"), SIGN_UP | {"name": name})
    assert response.status_code == 400
    assert not Customer.objects.exists()
    form = response.context["form"]
    assert "Contact details are shared only inside a paid session" in form.errors["name"][0]
    body = response.content.decode()
    assert 'value="sari@example.com"' in body and 'value="0812-3456-7890"' in body


@pytest.mark.parametrize("name", ["Budi\u202eilam", "Bu\u200bdi", "Budi\u2066x\u2069", "\u3164"])
def test_sign_up_refuses_invisible_and_direction_characters_in_the_name(client, db, name):
    response = client.post(reverse("signup"), SIGN_UP | {"name": name})
    assert not Customer.objects.exists()
    assert "invisible" in response.context["form"].errors["name"][0]


def test_a_name_with_everyday_numbers_is_accepted(client, db):
    client.post(reverse("signup"), SIGN_UP | {"name": "Budi 2"})
    assert Customer.objects.get().display_name == "Budi 2"


def test_the_profile_refuses_a_name_with_a_contact_handle_and_keeps_the_name_stored(client, customer):
    client.force_login(customer.user)
    data = {"name": "Budi 0813-2238-3664", "whatsapp": str(customer.whatsapp), "time_zone": "Asia/Jakarta",
            "language": "id"}
    response = client.post(reverse("profile"), data)
    assert response.status_code == 400
    assert "phone number" in response.context["form"].errors["name"][0]
    assert 'value="Budi 0813-2238-3664"' in response.content.decode()
    customer.refresh_from_db()
    assert "0813" not in customer.display_name


def test_the_services_refuse_a_handle_even_without_the_form(customer):
    with pytest.raises(TextRefused) as caught:
        register_customer(name="Budi ig: budi_99", whatsapp="081234567891", email="b@example.com",
                          password="malam-yang-tenang-42")
    assert caught.value.field == "name"
    with pytest.raises(TextRefused):
        update_customer_profile(customer=customer, name="Budi 0813 2238 3664", whatsapp=customer.whatsapp,
                                time_zone="Asia/Jakarta", language="id")


def test_the_customer_admin_form_refuses_a_handle_in_the_name(admin_client, customer):
    url = reverse("admin:bookings_customer_change", args=[customer.pk])
    page = admin_client.get(url)
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {name: form[name].value() or "" for name in form.fields}
    data |= {"display_name": "Budi 0813 2238 3664", "whatsapp": str(customer.whatsapp)}
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "phone number" in str(response.context["adminform"].form.errors["display_name"])
    customer.refresh_from_db()
    assert "0813" not in customer.display_name
