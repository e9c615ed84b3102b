"""Log-in, log-out, password reset by e-mail, and the profile (number, display zone, language)."""

import re

from django.core import mail
from django.test import Client
from django.urls import reverse

from bookings.models import Ban
from bookings.services.customers import NumberLockedByBan
from bookings.views.account import NUMBER_REFUSED
from tests.customer.conftest import says
from tests.factories import PASSWORD


def profile_data(customer, **changes):
    return {"name": customer.display_name, "whatsapp": str(customer.whatsapp), "time_zone": "Asia/Jakarta",
            "language": "id"} | changes


def test_login_page_offers_sign_up_keeping_next(client, db):
    body = client.get(reverse("login") + "?next=/book/confirm/").content.decode()
    assert reverse("signup") + "?next=/book/confirm/" in body.replace("%2F", "/")


def test_login_with_the_email_goes_to_my_bookings(client, customer):
    response = client.post(reverse("login"), {"username": customer.user.username, "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("my_bookings")


def test_log_in_accepts_the_email_with_other_capitals(client, customer):
    """Phones capitalise the first letter; sign-up stored the address in lower case."""
    typed = customer.user.username.capitalize()
    assert typed != customer.user.username
    response = client.post(reverse("login"), {"username": typed, "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(customer.user.pk)


def test_a_wrong_password_is_explained_and_the_email_kept(client, customer):
    response = client.post(reverse("login"), {"username": customer.user.username, "password": "wrong"})
    assert response.status_code == 200
    assert customer.user.username in response.content.decode()
    assert response.context["form"].errors


def test_log_out(customer_client):
    response = customer_client.post(reverse("logout"))
    assert response.status_code == 302
    assert customer_client.get(reverse("my_bookings")).status_code == 302


def test_password_reset_by_email_lets_the_customer_choose_a_new_password(client, customer,
                                                                          django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("password_reset"), {"email": customer.user.email})
    assert response.url == reverse("password_reset_done")
    assert client.get(response.url).status_code == 200
    link = re.search(r"http://testserver(/accounts/reset/\S+/)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    assert form_page.context["validlink"]
    done = client.post(form_page.redirect_chain[-1][0], {
        "new_password1": "bintang-malam-77", "new_password2": "bintang-malam-77",
    })
    assert done.url == reverse("password_reset_complete")
    assert client.get(done.url).status_code == 200
    customer.user.refresh_from_db()
    assert customer.user.check_password("bintang-malam-77")


def test_a_used_reset_link_says_it_is_no_longer_valid(client, db):
    response = client.get("/accounts/reset/MQ/set-password/")
    assert response.status_code == 200
    assert not response.context["validlink"]


def test_profile_shows_number_and_zone(customer_client, customer):
    body = customer_client.get(reverse("profile")).content.decode()
    assert str(customer.whatsapp) in body or "0812" in body
    assert "Asia/Jakarta" in body


def test_profile_saves_zone_number_and_language(customer_client, customer):
    response = customer_client.post(reverse("profile"), profile_data(
        customer, whatsapp="0857 1111 2222", time_zone="Asia/Makassar", language="en"))
    assert response.status_code == 302
    customer.refresh_from_db()
    assert str(customer.whatsapp) == "+6285711112222"
    assert customer.time_zone == "Asia/Makassar" and customer.language == "en"
    assert response.cookies["django_language"].value == "en"


def test_profile_refuses_a_number_of_another_customer(customer_client, customer, other_customer):
    response = customer_client.post(reverse("profile"), profile_data(customer, whatsapp=str(other_customer.whatsapp)))
    assert response.status_code == 400
    assert says(response, NUMBER_REFUSED)


def test_profile_refuses_a_banned_number(customer_client, customer, staff):
    Ban.objects.create(whatsapp="+6285711112222", reason="abuse", created_by=staff)
    response = customer_client.post(reverse("profile"), profile_data(customer, whatsapp="085711112222"))
    assert says(response, NUMBER_REFUSED)


def test_a_banned_customer_cannot_move_to_a_new_number_to_escape_the_ban(customer_client, customer, staff):
    Ban.objects.create(whatsapp=customer.whatsapp, reason="abuse", created_by=staff)
    before = customer.whatsapp
    response = customer_client.post(reverse("profile"), profile_data(customer, whatsapp="0857 1111 3333",
                                                                     name="Nama Lain"))
    assert response.status_code == 400 and says(response, NumberLockedByBan.message)
    assert 'value="Nama Lain"' in response.content.decode()
    customer.refresh_from_db()
    assert customer.whatsapp == before


def test_profile_errors_keep_what_was_typed(customer_client, customer):
    response = customer_client.post(reverse("profile"), profile_data(customer, name="Nama Baru", whatsapp="abc"))
    assert response.status_code == 400
    assert 'value="Nama Baru"' in response.content.decode()
    customer.refresh_from_db()
    assert customer.display_name != "Nama Baru"


def test_profile_needs_log_in(client, db):
    assert client.get(reverse("profile")).url.startswith(reverse("login"))


def test_profile_form_needs_the_csrf_token(customer):
    client = Client(enforce_csrf_checks=True)
    client.force_login(customer.user)
    assert client.post(reverse("profile"), profile_data(customer)).status_code == 403


def test_english_is_switchable(client, db):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert 'lang="en"' in client.get("/").content.decode()


def test_the_footer_language_switch_also_sets_the_customers_language_for_emails(customer_client, customer):
    response = customer_client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    customer.refresh_from_db()
    assert customer.language == "en"
    assert customer_client.get(reverse("profile")).context["form"].initial["language"] == "en"


def test_the_reset_email_leaves_through_the_outbox_in_the_customers_language_and_is_erased_once_sent(
    client, db, django_capture_on_commit_callbacks
):
    from notifications.models import Delivery, Notification
    from tests.factories import CustomerFactory

    customer = CustomerFactory(language="en")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(reverse("password_reset"), {"email": customer.user.email})
    row = Notification.objects.get(event="password_reset")
    assert row.secret and row.status == Delivery.QUEUED and mail.outbox == []  # not sent in the request
    for callback in callbacks:
        callback()
    assert mail.outbox[0].subject == "Reset your Sleep Call password"
    row.refresh_from_db()
    assert row.status == Delivery.SENT and row.body == ""  # the link is nobody's business now


def test_a_customer_can_turn_reminders_off(customer_client, customer):
    data = profile_data(customer)
    data.pop("reminders", None)  # an unticked box is not sent
    assert customer_client.post(reverse("profile"), data).status_code == 302
    customer.refresh_from_db()
    assert customer.reminders_enabled is False
    assert customer_client.get(reverse("profile")).context["form"].initial["reminders"] is False


def test_the_footer_language_switch_sets_a_talents_message_language(client, db):
    from tests.factories import TalentFactory

    talent = TalentFactory()
    client.force_login(talent.user)
    client.post(reverse("set_language"), {"language": "en", "next": "/workspace/"})
    talent.refresh_from_db()
    assert talent.language == "en"
