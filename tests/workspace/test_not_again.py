"""A talent's own "not with this customer again": the customer no longer sees the talent as bookable.

It is the talent's choice, not a staff decision: a warning (or a dismissal) on a report leaves it.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from bookings import services
from bookings.errors import NotPermitted, TalentUnavailable
from bookings.models import BookingEvent, TalentExclusion
from bookings.services.exclusions import ExclusionNotPossible
from tests.workspace.conftest import END, LEAD, START

AFTER = END + timedelta(hours=1)
NEXT_WEEK = START + timedelta(days=7)


@pytest.fixture
def customer_client(customer) -> Client:
    client = Client()
    client.force_login(customer.user)
    return client


def _exclude(client, session, moment=AFTER):
    with time_machine.travel(moment, tick=False):
        return client.post(reverse("workspace:exclude_customer", args=[session.pk]))


def test_the_talent_chooses_it_from_a_past_session(talent_client, talent, customer, session):
    response = _exclude(talent_client, session)
    assert response.status_code == 302
    exclusion = TalentExclusion.objects.get()
    assert (exclusion.talent, exclusion.customer, exclusion.booking_id) == (talent, customer, session.pk)
    assert exclusion.created_by == talent.user and exclusion.created_at == AFTER
    assert BookingEvent.objects.filter(booking=session, reason__icontains="customer ini lagi").exists()


def test_choosing_twice_changes_nothing(talent, session):
    first = services.exclude_customer(booking=session, talent=talent, at=AFTER)
    assert services.exclude_customer(booking=session, talent=talent, at=AFTER + timedelta(days=1)) == first
    assert TalentExclusion.objects.count() == 1


def test_it_is_refused_before_the_session(talent, session):
    with pytest.raises(ExclusionNotPossible):
        services.exclude_customer(booking=session, talent=talent, at=START - LEAD - timedelta(seconds=1))


def test_another_talent_cannot_choose_it_for_my_session(other_talent, session):
    with pytest.raises(NotPermitted):
        services.exclude_customer(booking=session, talent=other_talent, at=AFTER)


def test_another_talents_session_is_not_found(client, other_talent, session):
    client.force_login(other_talent.user)
    assert _exclude(client, session).status_code == 404
    assert not TalentExclusion.objects.exists()


def test_a_visitor_is_sent_to_log_in(client, session):
    response = _exclude(client, session)
    assert response.status_code == 302 and "login" in response.url


def test_create_booking_refuses_with_no_reason_given(talent, customer, package, session):
    services.exclude_customer(booking=session, talent=talent, at=AFTER)
    with pytest.raises(TalentUnavailable) as refused:
        services.create_booking(customer=customer, talent=talent, package=package, starts_at=NEXT_WEEK, at=AFTER)
    assert str(refused.value) == str(TalentUnavailable.message)


def test_the_customer_no_longer_sees_the_talent_as_bookable(customer_client, talent, session):
    services.exclude_customer(booking=session, talent=talent, at=AFTER)
    with time_machine.travel(AFTER, tick=False):
        listing = customer_client.get(reverse("talent_list")).content.decode()
        assert reverse("talent_detail", args=[talent.slug]) not in listing
        assert customer_client.get(reverse("talent_detail", args=[talent.slug])).status_code == 404
        assert customer_client.get(reverse("book", args=[talent.slug])).status_code == 404


def test_other_customers_still_see_the_talent(talent, other_customer, session):
    services.exclude_customer(booking=session, talent=talent, at=AFTER)
    client = Client()
    client.force_login(other_customer.user)
    with time_machine.travel(AFTER, tick=False):
        assert client.get(reverse("talent_detail", args=[talent.slug])).status_code == 200


def test_it_survives_a_staff_warning_on_the_report(talent, customer, package, staff, session):
    report = services.file_report(booking=session, talent=talent, category="insults", description="Kasar", at=AFTER)
    services.exclude_customer(booking=session, talent=talent, at=AFTER)
    services.decide_report(report=report, staff=staff, decision="warn", note="Peringatan pertama", at=AFTER)
    assert TalentExclusion.objects.filter(talent=talent, customer=customer).exists()
    with pytest.raises(TalentUnavailable):
        services.create_booking(customer=customer, talent=talent, package=package, starts_at=NEXT_WEEK, at=AFTER)


def test_without_it_a_warning_lets_the_customer_book_again(talent, customer, package, staff, session):
    report = services.file_report(booking=session, talent=talent, category="insults", description="Kasar", at=AFTER)
    services.decide_report(report=report, staff=staff, decision="warn", note="Peringatan pertama", at=AFTER)
    booking = services.create_booking(customer=customer, talent=talent, package=package, starts_at=NEXT_WEEK, at=AFTER)
    assert booking.pk


def test_the_session_page_offers_it_then_says_it_is_done(talent_client, talent, session):
    with time_machine.travel(AFTER, tick=False):
        page = talent_client.get(reverse("workspace:session", args=[session.pk])).content.decode()
        assert reverse("workspace:exclude_customer", args=[session.pk]) in page
        services.exclude_customer(booking=session, talent=talent)
        page = talent_client.get(reverse("workspace:session", args=[session.pk])).content.decode()
    assert "data-excluded" in page and reverse("workspace:exclude_customer", args=[session.pk]) not in page


def test_staff_see_it_on_the_customer_and_in_the_list(client, staff, talent, customer, session):
    services.exclude_customer(booking=session, talent=talent, at=AFTER)
    client.force_login(staff)
    customer_page = client.get(reverse("admin:bookings_customer_change", args=[customer.pk])).content.decode()
    panel = customer_page.split('id="exclusions"')[1].split("</div>")[0]
    assert talent.display_name in panel and f"#{session.pk}" in panel
    listing = client.get(reverse("admin:bookings_talentexclusion_changelist")).content.decode()
    assert talent.display_name in listing and customer.display_name in listing
