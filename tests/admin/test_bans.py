"""A ban follows the WhatsApp number; the customer's open bookings are cancelled, refunds tracked."""

import pytest
from django.urls import reverse

from bookings.errors import CustomerBanned, NotPermitted
from bookings.models import Ban, Booking, Status
from bookings.models.booking import RefundStatus
from bookings.services import ban_customer, create_booking, unban_customer, verify_payment
from tests.admin.conftest import PNG, waiting_payment
from tests.conftest import wib
from tests.factories import CustomerFactory


def test_banning_cancels_open_bookings_with_a_refund_where_money_came_in(cs_agent, verifier, customer, talent,
                                                                         package):
    unpaid = create_booking(customer=customer, talent=talent, package=package, starts_at=wib(2026, 12, 1, 21))
    paid = waiting_payment(customer, talent, package, starts_at=wib(2026, 12, 1, 23))
    verify_payment(payment=paid, staff=verifier)

    ban_customer(customer=customer, staff=cs_agent, reason="Pelecehan")

    unpaid.refresh_from_db()
    confirmed = Booking.objects.get(pk=paid.booking_id)
    assert unpaid.status == confirmed.status == Status.CANCELLED
    assert unpaid.refund_status == RefundStatus.NONE
    assert (confirmed.refund_status, confirmed.refund_amount) == (RefundStatus.DUE, confirmed.amount_due)
    assert confirmed.grant.revoked_at is not None


def test_a_new_account_with_the_same_number_cannot_book(cs_agent, customer, talent, package):
    ban_customer(customer=customer, staff=cs_agent, reason="Ancaman")
    number = customer.whatsapp
    customer.whatsapp = "+6281299999999"  # the old account gave up the number...
    customer.save()
    newcomer = CustomerFactory(whatsapp=number)  # ...and a new account took it
    with pytest.raises(CustomerBanned):
        create_booking(customer=newcomer, talent=talent, package=package, starts_at=wib(2026, 12, 1, 22))


def test_banning_twice_keeps_one_ban(cs_agent, customer):
    first = ban_customer(customer=customer, staff=cs_agent, reason="a")
    assert ban_customer(customer=customer, staff=cs_agent, reason="b") == first
    assert Ban.objects.count() == 1


def test_unbanning_lifts_the_ban_with_a_reason(cs_agent, customer, talent, package):
    ban_customer(customer=customer, staff=cs_agent, reason="a")
    assert unban_customer(customer=customer, staff=cs_agent, reason="Banding diterima")
    ban = Ban.objects.get()
    assert (ban.lifted_by, ban.lift_reason) == (cs_agent, "Banding diterima")
    create_booking(customer=customer, talent=talent, package=package, starts_at=wib(2026, 12, 1, 22))
    assert not unban_customer(customer=customer, staff=cs_agent, reason="again")


def test_a_verifier_is_refused_by_the_service_too(verifier, customer):
    with pytest.raises(NotPermitted):
        ban_customer(customer=customer, staff=verifier, reason="x")


def test_a_ban_needs_a_reason(client, cs_agent, customer):
    client.force_login(cs_agent)
    client.post(reverse("admin:bookings_customer_ban", args=[customer.pk]), {"reason": "  "})
    assert not Ban.objects.exists()


def test_the_customer_page_shows_history_incidents_and_fake_proof_flags(client, cs_agent, verifier, customer,
                                                                        other_customer, talent, package):
    from bookings.services import reject_payment

    mine = waiting_payment(customer, talent, package, proof=PNG)
    waiting_payment(other_customer, talent, package, starts_at=wib(2026, 12, 1, 23, 30), proof=PNG)  # same file
    reject_payment(payment=mine, staff=verifier, reason="fake", note="")
    client.force_login(cs_agent)
    page = client.get(reverse("admin:bookings_customer_change", args=[customer.pk])).content.decode()
    assert f"#{mine.booking_id}" in page
    assert "rejected as edited or reused" in page and "same receipt as booking" in page
    assert reverse("admin:bookings_customer_ban", args=[customer.pk]) in page
    assert "Incidents reported by talents" in page and "Bans on this number" in page


def test_a_verifier_sees_the_customer_but_not_reports_or_the_ban_record(client, verifier, customer):
    client.force_login(verifier)
    response = client.get(reverse("admin:bookings_customer_change", args=[customer.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Incidents reported by talents" not in page and "Bans on this number" not in page
    assert reverse("admin:bookings_customer_ban", args=[customer.pk]) not in page


def test_the_customer_list_shows_who_is_banned(client, cs_agent, customer, other_customer):
    ban_customer(customer=customer, staff=cs_agent, reason="a")
    client.force_login(cs_agent)
    response = client.get(reverse("admin:bookings_customer_changelist") + "?banned=yes")
    assert [c.pk for c in response.context["cl"].result_list] == [customer.pk]


def test_staff_cannot_edit_a_customers_number_in_the_admin_which_would_lift_a_ban(client, manager, customer, talent):
    """The number moves only through the customer's own profile, which refuses while a ban is in force."""
    client.force_login(manager)
    customer_response = client.get(reverse("admin:bookings_customer_change", args=[customer.pk]))
    talent_response = client.get(reverse("admin:talents_talent_change", args=[talent.pk]))
    assert customer_response.status_code == talent_response.status_code == 200
    customer_page, talent_page = customer_response.content.decode(), talent_response.content.decode()
    assert 'name="display_name"' in talent_page  # the form is editable, only the number is not
    assert 'name="whatsapp"' not in customer_page and str(customer.whatsapp) in customer_page
    assert 'name="contact_handle"' not in talent_page


def test_a_ban_reason_quoting_a_number_still_bans_and_the_customer_never_reads_it(customer, talent, package, staff):
    import time_machine

    from bookings.models import Booking, Status
    from bookings.services import ban_customer, create_booking
    from tests.conftest import wib
    with time_machine.travel(wib(2026, 12, 1, 12), tick=False):
        booking = create_booking(customer=customer, talent=talent, package=package, starts_at=wib(2026, 12, 1, 22))
        ban_customer(customer=customer, staff=staff, reason="sent his number 0813 2238 3664 to the talent")
    booking = Booking.objects.get(pk=booking.pk)
    assert booking.status == Status.CANCELLED
    assert "0813" not in booking.events.last().reason
