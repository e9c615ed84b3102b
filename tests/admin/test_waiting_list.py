"""The waiting list: every row tells the whole story, and the page costs the same for 1 or 500 rows."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bookings.models import Booking, Payment, Status
from bookings.models.payment import PaymentStatus
from tests.admin.conftest import NOW, PNG, waiting_payment
from tests.conftest import wib
from tests.factories import CustomerFactory, PackageFactory, TalentFactory


def add_waiting(count: int) -> None:
    """Many waiting payments at once (bulk_create), each on its own booking and talent-free slot."""
    talent = TalentFactory()
    package = PackageFactory(offered_by=[talent])
    customers = [CustomerFactory() for _ in range(5)]
    start = wib(2027, 1, 1, 21)
    taken = set(Booking.objects.open().values_list("unique_code", flat=True))
    codes = [code for code in range(1, 1000) if code not in taken][:count]
    bookings = Booking.objects.bulk_create(
        Booking(
            customer=customers[i % 5], talent=talent, package=package, package_name=package.name,
            channels=package.channels, duration_minutes=60, price=100_000, unique_code=code,
            amount_due=100_000 + code, starts_at=start + timedelta(hours=2 * i),
            ends_at=start + timedelta(hours=2 * i, minutes=60), status=Status.PAYMENT_SUBMITTED,
            payment_deadline=NOW + timedelta(hours=1),
        )
        for i, code in enumerate(codes)
    )
    Payment.objects.bulk_create(
        Payment(
            booking=b, bank="BCA", sender_name="X", amount_claimed=b.amount_due - (i % 3), proof="proofs/x.png",
            proof_sha256=f"{i % 7:064d}", submitted_at=NOW - timedelta(minutes=i),
        )
        for i, b in enumerate(bookings)
    )


def queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize("page", ["admin:bookings_payment_changelist", "admin:index"])
def test_the_list_costs_the_same_queries_for_1_or_500_waiting_payments(client, verifier, payment, page):
    client.force_login(verifier)
    url = reverse(page)
    with_one = queries_for(client, url)
    add_waiting(499)
    assert Payment.objects.waiting().count() == 500
    assert queries_for(client, url) == with_one


def test_a_row_shows_everything_needed_to_decide(client, verifier, payment):
    client.force_login(verifier)
    page = client.get(reverse("admin:bookings_payment_changelist")).content.decode()
    booking = payment.booking
    assert f">#{booking.pk}</a>" in page
    assert booking.customer.display_name in page and booking.talent.display_name in page
    assert "22:00 WIB" in page
    assert "Rp 1" in page and "sc-ok" in page  # exact amount, plainly
    assert f'<img src="{reverse("payment_proof", args=[payment.pk])}" width="72"' in page


def test_a_short_payment_is_highlighted(client, verifier, customer, talent, package):
    waiting_payment(customer, talent, package, claimed=90_000)
    client.force_login(verifier)
    page = client.get(reverse("admin:bookings_payment_changelist")).content.decode()
    assert 'class="sc-bad"' in page and "short by" in page


def test_a_receipt_used_for_another_booking_is_flagged(client, verifier, customer, other_customer, talent, package):
    first = waiting_payment(customer, talent, package, proof=PNG)
    second = waiting_payment(other_customer, talent, package, starts_at=wib(2026, 12, 1, 23, 30), proof=PNG)
    assert first.proof_sha256 == second.proof_sha256
    client.force_login(verifier)
    page = client.get(reverse("admin:bookings_payment_changelist")).content.decode()
    assert f'same receipt as booking <a href="{reverse("admin:bookings_booking_change", args=[first.booking_id])}"' \
        in page
    # The first sender is not flagged by the copy made after it.
    assert f'same receipt as booking <a href="{reverse("admin:bookings_booking_change", args=[second.booking_id])}"' \
        not in page


def test_the_list_opens_on_waiting_payments_only(client, verifier, payment, customer, talent, package):
    from bookings.services import verify_payment

    verify_payment(payment=payment, staff=verifier)
    client.force_login(verifier)
    response = client.get(reverse("admin:bookings_payment_changelist"))
    assert list(response.context["cl"].result_list) == []
    everything = client.get(reverse("admin:bookings_payment_changelist") + "?decision=all")
    assert [p.status for p in everything.context["cl"].result_list] == [PaymentStatus.VERIFIED]


def test_each_row_has_one_checkbox_for_bulk_actions(client, verifier, payment):
    client.force_login(verifier)
    page = client.get(reverse("admin:bookings_payment_changelist")).content.decode()
    assert page.count(f'name="_selected_action" value="{payment.pk}"') == 1


def test_a_customer_the_talent_reported_is_flagged_on_the_row(client, verifier, payment):
    from bookings.models import Report

    booking = payment.booking
    Report.objects.create(booking=booking, talent=booking.talent, customer=booking.customer, category="threats",
                          description="Mengancam")
    client.force_login(verifier)
    page = client.get(reverse("admin:bookings_payment_changelist")).content.decode()
    assert "reported by this talent, under review" in page


def test_the_list_keeps_its_soonest_first_order_and_no_header_sorts(client, verifier, payment):
    client.force_login(verifier)
    page = client.get(reverse("admin:bookings_payment_changelist")).content.decode()
    assert 'class="sortable' not in page and "?o=" not in page
