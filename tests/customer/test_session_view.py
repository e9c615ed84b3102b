"""The session view: the talent's handle only inside the window, asked through the contact gate."""

from django.urls import reverse

from bookings.models import ContactDisclosure
from bookings.services import accept_rules, end_session_early, submit_payment, verify_payment
from tests.conftest import wib
from tests.customer.conftest import says
from tests.factories import PackageFactory


def confirm(booking, customer, staff, proof):
    accept_rules(booking=booking, customer=customer)
    payment = submit_payment(booking=booking, customer=customer, bank="BCA", sender_name="S",
                             amount_claimed=booking.amount_due, proof=proof)
    verify_payment(payment=payment, staff=staff)


def detail(client, booking):
    return client.get(reverse("booking_detail", args=[booking.pk]))


def handle_digits(talent) -> str:
    return str(talent.contact_handle).lstrip("+")


def test_before_the_session_only_the_times_show(customer_client, booking, customer, staff, talent, proof_png, evening):
    confirm(booking, customer, staff, proof_png)
    evening.move_to(wib(2026, 3, 2, 20, 59))
    response = detail(customer_client, booking)
    body = response.content.decode()
    assert handle_digits(talent) not in body
    assert "21:00 WIB" in body
    assert says(response, "Confirmed")


def test_inside_the_window_one_action_messages_the_talent_first(customer_client, booking, customer, staff, talent,
                                                                proof_png, evening):
    confirm(booking, customer, staff, proof_png)
    evening.move_to(wib(2026, 3, 2, 21, 0))
    response = detail(customer_client, booking)
    body = response.content.decode()
    assert f"Kirim pesan ke {talent.display_name} sekarang" in body  # "Message {alias} now", in Indonesian
    assert body.count('data-link="') == 1
    assert f'data-link="message" href="https://wa.me/{handle_digits(talent)}?text=' in body
    assert "tel:" not in body
    assert ContactDisclosure.objects.filter(viewer=customer.user, subject="talent").count() == 1


def test_a_call_only_package_shows_no_chat_link(customer_client, customer, staff, talent, proof_png, evening):
    from bookings.services import create_booking

    call = PackageFactory(channels="call", offered_by=[talent])
    booking = create_booking(customer=customer, talent=talent, package=call, starts_at=wib(2026, 3, 2, 21, 0))
    confirm(booking, customer, staff, proof_png)
    evening.move_to(wib(2026, 3, 2, 21, 30))
    body = detail(customer_client, booking).content.decode()
    assert 'data-link="chat"' not in body and 'data-link="call"' not in body
    assert f'data-link="message" href="https://wa.me/{handle_digits(talent)}?text=' in body
    assert "Hanya telepon: setelah pesan pertamamu" in body  # call only: the first message, then a call


def test_at_the_end_the_handle_is_gone_and_the_goodbye_is_announced(customer_client, booking, customer, staff,
                                                                     talent, proof_png, evening):
    confirm(booking, customer, staff, proof_png)
    evening.move_to(wib(2026, 3, 2, 22, 0))
    response = detail(customer_client, booking)
    body = response.content.decode()
    assert handle_digits(talent) not in body and "wa.me" not in body
    assert says(response, "Your session is over")
    assert f'href="{reverse("book", args=[talent.slug])}?package=' in body  # booking again is the way to talk again


def test_after_the_goodbye_grace_the_session_is_finished(customer_client, booking, customer, staff, talent,
                                                         proof_png, evening):
    confirm(booking, customer, staff, proof_png)
    evening.move_to(wib(2026, 3, 2, 22, 5))
    response = detail(customer_client, booking)
    assert handle_digits(talent) not in response.content.decode()
    assert says(response, "Finished") and not says(response, "Your session is over")


def test_a_session_ended_early_hides_the_handle_at_once(customer_client, booking, customer, staff, talent, proof_png,
                                                        evening):
    confirm(booking, customer, staff, proof_png)
    evening.move_to(wib(2026, 3, 2, 21, 10))
    end_session_early(booking=booking, by=talent.user, reason="Kasar")
    response = detail(customer_client, booking)
    assert handle_digits(talent) not in response.content.decode()
    assert says(response, "Ended early")


def test_an_unpaid_booking_never_shows_the_handle(customer_client, booking, talent, evening):
    evening.move_to(wib(2026, 3, 2, 21, 10))
    assert handle_digits(talent) not in detail(customer_client, booking).content.decode()


def test_another_customers_session_is_not_found(other_client, booking, customer, staff, proof_png, evening):
    confirm(booking, customer, staff, proof_png)
    evening.move_to(wib(2026, 3, 2, 21, 10))
    assert detail(other_client, booking).status_code == 404
    assert not ContactDisclosure.objects.exists()


def test_session_view_keeps_a_constant_number_of_queries(customer_client, booking, customer, staff, proof_png, evening,
                                                         django_assert_max_num_queries):
    confirm(booking, customer, staff, proof_png)
    evening.move_to(wib(2026, 3, 2, 21, 10))
    with django_assert_max_num_queries(10):  # 10th: the customer's latest cancellation request (issue 14)
        detail(customer_client, booking)


def test_after_a_leaked_number_is_replaced_only_the_new_one_is_disclosed(customer_client, booking, customer, staff,
                                                                           talent, proof_png, evening):
    from talents.services import approve_number_change
    from talents.workspace.services import request_number_change

    leaked = handle_digits(talent)
    confirm(booking, customer, staff, proof_png)
    change = request_number_change(talent=talent, new_number="0813 7777 7777", reason="Bocor")
    approve_number_change(request=change, staff=staff)
    evening.move_to(wib(2026, 3, 2, 21, 0))
    body = detail(customer_client, booking).content.decode()
    assert leaked not in body
    assert "https://wa.me/6281377777777" in body
    assert ContactDisclosure.objects.get(viewer=customer.user).handle == "+6281377777777"


def test_the_message_link_carries_the_opener_in_the_customers_language(customer_client, booking, customer, staff,
                                                                       talent, proof_png, evening):
    import re
    from html import unescape
    from urllib.parse import parse_qs, urlsplit

    customer.display_name = "Rina & Co"
    customer.language = "id"
    customer.save()
    confirm(booking, customer, staff, proof_png)
    evening.move_to(wib(2026, 3, 2, 21, 0))
    body = detail(customer_client, booking).content.decode()
    link = unescape(re.search(r'data-link="message" href="([^"]+)"', body).group(1))
    opener = f"Halo Kak {talent.display_name}, aku Rina & Co, pesanan #{booking.pk}, {booking.package_name}"
    assert parse_qs(urlsplit(link).query)["text"] == [opener]
    assert "%26" in link  # the "&" of the name is text, not a second query parameter


def test_the_customer_page_one_second_before_the_grace_end_still_shows_no_contact(
    customer_client, booking, customer, staff, talent, proof_png, evening
):
    confirm(booking, customer, staff, proof_png)
    from datetime import timedelta

    evening.move_to(wib(2026, 3, 2, 22, 5) - timedelta(seconds=1))
    response = detail(customer_client, booking)
    assert handle_digits(talent) not in response.content.decode()
    assert says(response, "Your session is over")
    assert not ContactDisclosure.objects.filter(viewer=customer.user).exists()
