"""Choosing a package, a night and a free slot; the choice survives sign-up and log-in."""

import pytest
from django.test import Client
from django.urls import reverse

from bookings.errors import CustomerBanned, SlotTaken
from bookings.models import Booking, Status
from bookings.services import create_booking
from tests.conftest import wib
from tests.customer.conftest import says
from tests.factories import PASSWORD, CustomerFactory, PackageFactory, UserFactory

NIGHT = "2026-03-02"
NINE_PM = wib(2026, 3, 2, 21, 0)


def book_url(talent):
    return reverse("book", args=[talent.slug])


def test_book_page_lists_tonights_free_starts_in_the_visitors_zone(client, talent, package, evening):
    body = client.get(book_url(talent), {"package": package.pk, "night": NIGHT}).content.decode()
    assert 'value="2026-03-02T14:00:00+00:00"' in body  # 21:00 WIB
    assert ">21:00<" in body and ">01:00<small" in body  # the night runs past midnight (01:00 "dini hari")
    assert "Rp 100.000" in body


def test_book_page_shows_times_in_wita_for_a_wita_visitor(client, talent, package, evening):
    client.cookies["tz"] = "Asia/Makassar"
    body = client.get(book_url(talent), {"package": package.pk, "night": NIGHT}).content.decode()
    assert ">22:00<" in body and "WITA" in body


def test_book_page_hides_a_taken_slot(client, talent, package, customer, evening):
    create_booking(customer=customer, talent=talent, package=package, starts_at=NINE_PM)
    body = client.get(book_url(talent), {"package": package.pk, "night": NIGHT}).content.decode()
    assert 'value="2026-03-02T14:00:00+00:00"' not in body


def test_htmx_request_gets_only_the_slots(client, talent, package, evening):
    response = client.get(book_url(talent), {"package": package.pk, "night": NIGHT}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "<html" not in body and "starts_at" in body


def test_an_unknown_package_or_night_shows_a_message_not_an_error(client, talent, package, evening):
    response = client.get(book_url(talent), {"package": "9999", "night": "2030-01-01"})
    body = response.content.decode()
    assert response.status_code == 200
    assert says(response, "Please choose one of the packages shown.")
    assert "starts_at" not in body


def test_a_package_of_another_talent_cannot_be_chosen(client, talent, other_talent, package, evening):
    foreign = PackageFactory(offered_by=[other_talent])
    response = client.post(book_url(talent), {"package": foreign.pk, "night": NIGHT, "starts_at": NINE_PM.isoformat()})
    assert response.status_code == 302
    assert not Booking.objects.exists()


def test_a_post_without_a_start_time_says_so_and_keeps_the_choice(client, talent, package, evening):
    response = client.post(book_url(talent), {"package": package.pk, "night": NIGHT}, follow=True)
    assert response.redirect_chain[-1][0] == f"{book_url(talent)}?package={package.pk}&night={NIGHT}"
    assert list(response.context["messages"])


@pytest.mark.parametrize("crafted", ["9999-12-31T23:30:00+00:00", "0001-01-01T00:00:00+05:00",
                                     "2026-06-01T21:00:00+07:00"], ids=["year 9999", "year 1", "months ahead"])
def test_a_crafted_start_time_is_refused_with_a_message_and_never_kept(client, customer_client, talent, package,
                                                                        evening, crafted):
    data = {"package": package.pk, "night": NIGHT, "starts_at": crafted}
    for who in (client, customer_client):
        response = who.post(book_url(talent), data, follow=True)
        assert response.status_code == 200
        assert says(response, "Please choose one of the start times shown.")
    assert "pending_booking" not in client.session
    assert client.get(reverse("signup")).status_code == 200
    assert not Booking.objects.exists()


def test_a_double_tap_on_continue_lands_both_times_on_the_same_payment_page(customer_client, talent, package,
                                                                             evening):
    data = {"package": package.pk, "night": NIGHT, "starts_at": NINE_PM.isoformat()}
    first = customer_client.post(book_url(talent), data)
    second = customer_client.post(book_url(talent), data)
    booking = Booking.objects.get()
    assert first.url == second.url == reverse("pay", args=[booking.pk])


def test_a_double_tap_on_confirm_after_sign_up_goes_to_the_payment_page(client, talent, package, customer, evening):
    client.post(book_url(talent), {"package": package.pk, "night": NIGHT, "starts_at": NINE_PM.isoformat()})
    client.force_login(customer.user)
    first = client.post(reverse("book_confirm"))
    second = client.post(reverse("book_confirm"))
    booking = Booking.objects.get()
    assert first.url == second.url == reverse("pay", args=[booking.pk])


def test_a_visitor_choice_is_kept_through_sign_up_and_booked_after(client, talent, package, evening):
    response = client.post(book_url(talent), {"package": package.pk, "night": NIGHT, "starts_at": NINE_PM.isoformat()})
    assert response.status_code == 302
    assert response.url.startswith(reverse("signup"))
    assert client.session["pending_booking"]["talent"] == talent.slug

    signup_page = client.get(response.url)
    assert talent.display_name in signup_page.content.decode()  # the kept choice is shown

    client.post(response.url, {
        "name": "Sari", "whatsapp": "0812 3456 7890", "email": "sari@example.com",
        "password": "malam-yang-tenang-42", "time_zone": "Asia/Jakarta", "next": reverse("book_confirm"),
    })
    confirm = client.get(reverse("book_confirm"))
    assert confirm.status_code == 200 and "21:00 WIB" in confirm.content.decode()

    created = client.post(reverse("book_confirm"))
    booking = Booking.objects.get()
    assert created.url == reverse("pay", args=[booking.pk])
    assert booking.customer.user.email == "sari@example.com"
    assert booking.starts_at == NINE_PM
    assert "pending_booking" not in client.session


def test_a_visitor_choice_is_kept_through_log_in(client, talent, package, customer, evening):
    client.post(book_url(talent), {"package": package.pk, "night": NIGHT, "starts_at": NINE_PM.isoformat()})
    login = client.post(
        reverse("login") + f"?next={reverse('book_confirm')}",
        {"username": customer.user.username, "password": PASSWORD, "next": reverse("book_confirm")},
    )
    assert login.url == reverse("book_confirm")
    client.post(reverse("book_confirm"))
    assert Booking.objects.get().customer == customer


def test_confirm_without_a_choice_goes_to_the_talent_list(customer_client, evening):
    assert customer_client.get(reverse("book_confirm")).url == reverse("talent_list")


def test_confirm_when_the_slot_was_taken_meanwhile_explains_and_returns_to_the_slots(
    customer_client, customer, other_customer, talent, package, evening
):
    session = customer_client.session
    session["pending_booking"] = {"talent": talent.slug, "package": package.pk, "night": NIGHT,
                                  "starts_at": NINE_PM.isoformat()}
    session.save()
    create_booking(customer=other_customer, talent=talent, package=package, starts_at=NINE_PM)
    response = customer_client.post(reverse("book_confirm"), follow=True)
    assert response.redirect_chain[0][0] == f"{book_url(talent)}?package={package.pk}&night={NIGHT}"
    assert says(response, SlotTaken.message)
    assert Booking.objects.filter(customer=customer).count() == 0


def test_a_signed_in_customer_books_directly_and_lands_on_the_payment_page(customer_client, talent, package, evening):
    response = customer_client.post(
        book_url(talent), {"package": package.pk, "night": NIGHT, "starts_at": NINE_PM.isoformat()}
    )
    booking = Booking.objects.get()
    assert response.url == reverse("pay", args=[booking.pk])
    assert booking.status == Status.AWAITING_PAYMENT


def test_a_banned_customer_sees_the_reason_and_no_booking_is_made(customer_client, customer, staff, talent, package,
                                                                   evening):
    from bookings.models import Ban

    Ban.objects.create(whatsapp=customer.whatsapp, customer=customer, reason="abuse", created_by=staff)
    response = customer_client.post(
        book_url(talent), {"package": package.pk, "night": NIGHT, "starts_at": NINE_PM.isoformat()}, follow=True
    )
    assert not Booking.objects.exists()
    assert says(response, CustomerBanned.message)


def test_a_talent_account_cannot_book(talent, package, evening):
    user = UserFactory()
    client = Client()
    client.force_login(user)
    response = client.post(book_url(talent), {"package": package.pk, "night": NIGHT, "starts_at": NINE_PM.isoformat()})
    assert response.status_code == 302
    assert not Booking.objects.exists()
    assert client.get(reverse("my_bookings")).status_code == 403


def test_book_page_keeps_a_constant_number_of_queries(client, talent, package, evening, django_assert_max_num_queries):
    for _ in range(5):
        CustomerFactory()
    with django_assert_max_num_queries(8):
        client.get(book_url(talent), {"package": package.pk, "night": NIGHT})
