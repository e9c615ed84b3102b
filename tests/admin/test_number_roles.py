"""Staff see contact numbers only where their work needs them, and every staff page that shows one
writes it to the disclosure log: a verifier matches transfers by name and amount, never by number."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bookings.contact import customer_numbers_for_talent
from bookings.models import ContactDisclosure
from bookings.services import verify_payment
from tests.admin.conftest import TONIGHT
from tests.factories import CustomerFactory


def _number(customer) -> str:
    return str(customer.whatsapp)


def _local(number: str) -> str:
    return "0" + number[3:]


def _shows(response, *numbers: str) -> bool:
    body = response.content.decode()
    return any(n in body or _local(n) in body for n in numbers)


@pytest.fixture
def seen_booking(payment, verifier, talent):
    """A confirmed booking whose customer number the talent has seen (so its log has a row)."""
    verify_payment(payment=payment, staff=verifier)
    customer_numbers_for_talent(talent=talent, viewer=talent.user, at=TONIGHT)
    return payment.booking


def test_a_verifier_sees_no_customer_number_on_the_customer_pages(client, verifier, customer):
    client.force_login(verifier)
    listing = client.get(reverse("admin:bookings_customer_changelist"))
    page = client.get(reverse("admin:bookings_customer_change", args=[customer.pk]))

    assert listing.status_code == page.status_code == 200
    assert not _shows(listing, _number(customer)) and not _shows(page, _number(customer))
    assert customer.user.email not in page.content.decode()
    assert not ContactDisclosure.objects.exists()


def test_a_verifier_cannot_find_a_customer_or_booking_by_number(client, verifier, payment, customer):
    client.force_login(verifier)
    for name in ("admin:bookings_customer_changelist", "admin:bookings_booking_changelist"):
        response = client.get(reverse(name), {"q": _number(customer)})
        assert response.context["cl"].result_count == 0, name


def test_a_verifier_sees_no_number_on_the_booking_page_and_no_disclosure_log(client, verifier, seen_booking,
                                                                              customer, talent):
    client.force_login(verifier)
    response = client.get(reverse("admin:bookings_booking_change", args=[seen_booking.pk]))

    assert response.status_code == 200
    assert not _shows(response, _number(customer), str(talent.contact_handle))
    assert "Contact-disclosure log" not in response.content.decode()


def test_a_verifier_sees_no_talent_work_number(client, verifier, talent):
    client.force_login(verifier)
    response = client.get(reverse("admin:talents_talent_change", args=[talent.pk]))
    assert response.status_code == 200
    assert not _shows(response, str(talent.contact_handle))


def test_a_cs_agent_viewing_a_customer_is_logged(client, cs_agent, customer):
    client.force_login(cs_agent)
    response = client.get(reverse("admin:bookings_customer_change", args=[customer.pk]))

    assert _shows(response, _number(customer))
    row = ContactDisclosure.objects.get()
    assert (row.viewer, row.customer, row.grant, row.subject) == (cs_agent, customer, None, "customer")
    assert row.handle == _number(customer) and row.place == f"admin customer #{customer.pk}"


def test_each_number_on_a_customer_list_page_is_logged_with_the_search(client, manager, customer, other_customer):
    client.force_login(manager)
    client.get(reverse("admin:bookings_customer_changelist"))
    client.get(reverse("admin:bookings_customer_changelist"), {"q": _number(other_customer)})

    rows = list(ContactDisclosure.objects.order_by("pk").values_list("customer", "place"))
    listed = "admin customer list"
    assert sorted(rows[:2]) == sorted([(customer.pk, listed), (other_customer.pk, listed)])
    assert rows[2] == (other_customer.pk, f"admin customer list, search “{_number(other_customer)}”")


def test_a_booking_search_by_number_is_logged(client, cs_agent, payment, customer):
    client.force_login(cs_agent)
    response = client.get(reverse("admin:bookings_booking_changelist"), {"q": _number(customer)})

    assert response.context["cl"].result_count == 1
    row = ContactDisclosure.objects.get()
    assert row.customer == customer and "search" in row.place


def test_reading_a_bookings_disclosure_log_is_itself_logged(client, cs_agent, seen_booking, customer):
    client.force_login(cs_agent)
    response = client.get(reverse("admin:bookings_booking_change", args=[seen_booking.pk]))

    assert "Contact-disclosure log" in response.content.decode()
    staff_rows = ContactDisclosure.objects.filter(viewer=cs_agent)
    assert [(r.customer, r.handle) for r in staff_rows] == [(customer, _number(customer))]


def test_a_talent_work_number_seen_by_cs_is_logged(client, cs_agent, talent):
    client.force_login(cs_agent)
    response = client.get(reverse("admin:talents_talent_change", args=[talent.pk]))

    assert _shows(response, str(talent.contact_handle))
    row = ContactDisclosure.objects.get()
    assert (row.talent, row.subject, row.handle) == (talent, "talent", str(talent.contact_handle))


def test_logging_a_list_costs_the_same_queries_for_few_and_many_customers(client, manager):
    client.force_login(manager)
    url = reverse("admin:bookings_customer_changelist")
    CustomerFactory.create_batch(2)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    CustomerFactory.create_batch(30)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(few) == len(many)
    assert ContactDisclosure.objects.filter(place="admin customer list").count() == 2 + 2 + 32


def test_the_numbers_a_customer_used_before_are_shown_to_cs_and_logged(client, cs_agent, customer, verifier):
    from bookings.services import update_customer_profile

    old = _number(customer)
    update_customer_profile(customer=customer, name=customer.display_name, whatsapp="085711112222",
                            time_zone=customer.time_zone, language=customer.language)
    client.force_login(verifier)
    assert not _shows(client.get(reverse("admin:bookings_customer_change", args=[customer.pk])), old)

    client.force_login(cs_agent)
    assert _shows(client.get(reverse("admin:bookings_customer_change", args=[customer.pk])), old)
    assert ContactDisclosure.objects.filter(viewer=cs_agent, handle=old, customer=customer).exists()
