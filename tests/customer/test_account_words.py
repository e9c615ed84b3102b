"""Sign-up never echoes a password; the reset e-mail follows the account's language; log-in errors read well."""

from django.core import mail
from django.urls import reverse

from tests.customer.test_signup import GOOD


def test_a_sign_up_sent_back_with_an_error_never_carries_the_typed_password(client, db):
    response = client.post(reverse("signup"), GOOD | {"whatsapp": "12"})
    body = response.content.decode()
    assert response.status_code in (200, 400)
    assert GOOD["password"] not in body and 'value="Sari"' in body


def test_the_password_reset_email_is_in_the_customers_stored_language(client, customer,
                                                                     django_capture_on_commit_callbacks):
    customer.language = "en"
    customer.save(update_fields=["language"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("password_reset"), {"email": customer.user.email})  # an Indonesian page
    assert mail.outbox[0].subject == "Reset your Sleep Call password"
    assert "We received a request to reset the password" in mail.outbox[0].body


def test_an_indonesian_customer_gets_it_in_indonesian_from_an_english_page(client, customer,
                                                                          django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("password_reset"), {"email": customer.user.email}, HTTP_ACCEPT_LANGUAGE="en")
    assert "kata sandi" in (mail.outbox[0].subject + mail.outbox[0].body).lower()


def test_a_wrong_password_message_names_the_field_once(client, customer):
    response = client.post(reverse("login"), {"username": customer.user.username, "password": "salah"})
    body = response.content.decode()
    assert "nama pengguna nama pengguna" not in body.lower()
    assert "E-mail atau kata sandinya salah" in body
