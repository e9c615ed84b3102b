"""WhatsApp from the admin today: one click opens wa.me with a prefilled text, logged in the outbox."""

from __future__ import annotations

from urllib.parse import unquote

from django.urls import reverse

from bookings import whatsapp
from bookings.models import ContactDisclosure
from bookings.services import cancel_booking_by_staff, verify_payment
from notifications.models import Channel, Notification
from tests.admin.conftest import waiting_payment
from tests.factories import CustomerFactory


def test_payment_received_opens_whatsapp_prefilled_and_is_logged_as_sent_by_the_staff_member(
    client, manager, payment
):
    verifier = manager
    verify_payment(payment=payment, staff=verifier)
    client.force_login(verifier)
    page = client.get(reverse("admin:bookings_booking_change", args=[payment.booking_id])).content.decode()
    url = reverse("admin:bookings_booking_whatsapp", args=[payment.booking_id, "payment_received"])
    assert url in page
    response = client.post(url)
    digits = "".join(c for c in str(payment.booking.customer.whatsapp) if c.isdigit())
    assert response.status_code == 302 and response["Location"].startswith(f"https://wa.me/{digits}?text=")
    assert "sudah kami terima" in unquote(response["Location"])
    row = Notification.objects.get(channel=Channel.WHATSAPP)
    assert row.sent_by == verifier and row.event == "whatsapp_payment_received" and row.status == "sent"
    assert ContactDisclosure.objects.filter(viewer=verifier, customer=payment.booking.customer).exists()


def test_a_payment_verifier_who_may_not_see_numbers_cannot_open_one_through_whatsapp(client, verifier, payment):
    client.force_login(verifier)
    page = client.get(reverse("admin:bookings_booking_change", args=[payment.booking_id])).content.decode()
    url = reverse("admin:bookings_booking_whatsapp", args=[payment.booking_id, "transfer_short"])
    assert url not in page
    response = client.post(url)
    assert "wa.me" not in response.get("Location", "")
    assert not Notification.objects.filter(channel=Channel.WHATSAPP).exists()


def test_a_short_transfer_names_the_missing_amount_in_the_customers_language(client, verifier, talent, package):
    customer = CustomerFactory(language="en")
    payment = waiting_payment(customer, talent, package, claimed=50_000)
    text = whatsapp.message_text(payment.booking, "transfer_short")
    short = payment.booking.amount_due - 50_000
    assert f"short by Rp {short:,}".replace(",", ".") in text


def test_a_message_that_does_not_fit_the_booking_is_refused(client, manager, payment):
    client.force_login(manager)
    url = reverse("admin:bookings_booking_whatsapp", args=[payment.booking_id, "session_cancelled"])
    response = client.post(url)
    assert response.status_code == 302 and "wa.me" not in response["Location"]
    assert not Notification.objects.filter(channel=Channel.WHATSAPP).exists()


def test_cancelled_with_refund_is_offered_on_the_customer_page(client, manager, payment):
    cancel_booking_by_staff(booking=payment.booking, staff=manager, reason="talent ill")
    client.force_login(manager)
    page = client.get(reverse("admin:bookings_customer_change", args=[payment.booking.customer_id])).content
    assert reverse("admin:bookings_booking_whatsapp", args=[payment.booking_id, "session_cancelled"]) in page.decode()


def test_the_link_encodes_spaces_line_breaks_emoji_and_ampersands():
    link = whatsapp.wa_link("+62 812-1111-0001", "Halo Siti & Co\nterima kasih 🙏")
    assert link == "https://wa.me/6281211110001?text=Halo%20Siti%20%26%20Co%0Aterima%20kasih%20%F0%9F%99%8F"


def test_a_get_never_logs_a_message(client, verifier, payment):
    client.force_login(verifier)
    url = reverse("admin:bookings_booking_whatsapp", args=[payment.booking_id, "transfer_short"])
    assert client.get(url).status_code == 405
