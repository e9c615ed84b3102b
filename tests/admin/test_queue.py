"""The waiting list on a busy night: soonest session first, one verifier per row, a list that keeps itself fresh."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.urls import reverse

from bookings.errors import ClaimedByOther
from bookings.models import Payment
from bookings.models.payment import PaymentStatus
from bookings.services import claim_payment, reject_payment, release_claim, verify_payment
from tests.admin.conftest import NOW, waiting_payment
from tests.admin.test_waiting_list import add_waiting, queries_for
from tests.conftest import wib
from tests.factories import UserFactory
from tests.races import at_once, needs_a_real_race

LIST = "admin:bookings_payment_changelist"


def texts(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_the_soonest_session_comes_first_and_one_within_two_hours_stands_out(
        client, verifier, customer, other_customer, talent, package):
    late = waiting_payment(customer, talent, package, starts_at=wib(2026, 12, 1, 23, 30))
    soon = waiting_payment(other_customer, talent, package, starts_at=wib(2026, 12, 1, 22))
    client.force_login(verifier)
    with time_machine.travel(wib(2026, 12, 1, 20, 30), tick=False):  # 1½ h before the first, 3 h before the other
        page = client.get(reverse(LIST)).content.decode()
    assert page.index(f"#{soon.booking_id}<") < page.index(f"#{late.booking_id}<")
    assert page.count('class="sc-soon"') == 1
    assert "starts within 2 h" in page


def test_a_claim_keeps_other_verifiers_off_the_row_until_it_lapses(verifier, other_verifier, payment, settings):
    settings.SLEEPCALL_CLAIM_MINUTES = 5
    claim_payment(payment=payment, staff=verifier)
    with pytest.raises(ClaimedByOther, match=verifier.get_username()):
        claim_payment(payment=payment, staff=other_verifier)
    with pytest.raises(ClaimedByOther):
        verify_payment(payment=payment, staff=other_verifier)
    with pytest.raises(ClaimedByOther):
        reject_payment(payment=payment, staff=other_verifier, reason="not_received")
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.SUBMITTED

    later = NOW + timedelta(minutes=5, seconds=1)
    claim_payment(payment=payment, staff=other_verifier, at=later)  # the first claim lapsed
    with pytest.raises(ClaimedByOther):
        verify_payment(payment=payment, staff=verifier, at=later)
    release_claim(payment=payment, staff=other_verifier)
    verify_payment(payment=payment, staff=verifier, at=later)
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.VERIFIED


def test_the_claim_holder_decides_and_another_verifier_is_told_who_holds_it(
        client, verifier, other_verifier, payment, customer, other_customer, talent, package):
    client.force_login(verifier)
    client.post(reverse("admin:bookings_payment_claim", args=[payment.pk]))
    page = client.get(reverse(LIST)).content.decode()
    assert "you are on it" in page

    client.force_login(other_verifier)
    page = client.get(reverse(LIST)).content.decode()
    assert f"{verifier.get_username()} is on it until" in page
    assert reverse("admin:bookings_payment_verify", args=[payment.pk]) not in page
    response = client.post(reverse("admin:bookings_payment_verify", args=[payment.pk]))
    assert any(f"{verifier.get_username()} is working on booking #{payment.booking_id}" in t for t in texts(response))
    response = client.post(reverse(LIST), {"action": "verify_selected", "_selected_action": [payment.pk]})
    assert any("is working on booking" in t for t in texts(response))
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.SUBMITTED

    client.force_login(verifier)
    client.post(reverse("admin:bookings_payment_verify", args=[payment.pk]))
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.VERIFIED and payment.decided_by == verifier


@pytest.mark.django_db(transaction=True)
def test_two_verifiers_claiming_at_once_one_wins(customer, talent, package):
    needs_a_real_race()
    payment = waiting_payment(customer, talent, package)
    first, second = UserFactory(is_staff=True, is_superuser=True), UserFactory(is_staff=True, is_superuser=True)
    for _ in range(5):  # a few rounds: the race must hold every time, not once by luck
        Payment.objects.filter(pk=payment.pk).update(claimed_by=None, claimed_until=None)
        outcomes = at_once({
            staff.pk: lambda staff=staff: claim_payment(payment=Payment.objects.get(pk=payment.pk), staff=staff)
            for staff in (first, second)
        })
        won = [pk for pk, result in outcomes.items() if isinstance(result, Payment)]
        lost = [result for result in outcomes.values() if isinstance(result, ClaimedByOther)]
        assert len(won) == 1 and len(lost) == 1, outcomes
        assert Payment.objects.get(pk=payment.pk).claimed_by_id == won[0]


def test_the_list_costs_the_same_queries_for_5_or_50_rows_with_claims_and_flags(
        client, verifier, other_verifier, payment):
    client.force_login(verifier)
    add_waiting(4)
    Payment.objects.filter(pk__in=Payment.objects.order_by("pk").values("pk")[:2]).update(
        claimed_by=other_verifier, claimed_until=NOW + timedelta(minutes=3), proof_phash=12345)
    with_five = queries_for(client, reverse(LIST))
    add_waiting(45)
    Payment.objects.filter(pk__in=Payment.objects.order_by("-pk").values("pk")[:10]).update(
        claimed_by=other_verifier, claimed_until=NOW + timedelta(minutes=3), proof_phash=12345)
    assert Payment.objects.waiting().count() == 50
    assert queries_for(client, reverse(LIST)) == with_five


def test_the_admin_says_sleep_call_and_the_list_refreshes_from_a_script_file(client, verifier, payment):
    client.force_login(verifier)
    page = client.get(reverse(LIST)).content.decode()
    assert "Django administration" not in page and "Django site admin" not in page
    assert "Sleep Call" in page
    assert 'src="/static/js/waiting-list.js"' in page
    assert 'data-refresh-seconds="30"' in page
    assert "<script>" not in page  # the CSP allows no inline script
    assert 'class="action-select"' in page and 'id="action-toggle"' in page


def test_the_landing_page_lists_the_soonest_session_first_too(client, verifier, customer, other_customer, talent,
                                                              package):
    late = waiting_payment(customer, talent, package, starts_at=wib(2026, 12, 1, 23, 30))
    soon = waiting_payment(other_customer, talent, package, starts_at=wib(2026, 12, 1, 22))
    client.force_login(verifier)
    page = client.get(reverse("admin:index")).content.decode()
    assert "Sleep Call" in page and "Django administration" not in page
    assert page.index(f"#{soon.booking_id}<") < page.index(f"#{late.booking_id}<")
