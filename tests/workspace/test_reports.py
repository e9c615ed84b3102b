"""Reporting a customer: the report is filed, the customer cannot book that talent while it is under
review, the session can be ended in the same tap, and the talent sees the staff's outcome."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse

from bookings import services
from bookings.errors import CustomerBanned, NotPermitted, TalentUnavailable
from bookings.models import Ban, BookingEvent, ContactGrant, Report, Status
from bookings.models.report import ReportCategory, ReportStatus
from bookings.services.talent_reports import AlreadyReported, ReportNotPossible
from tests.factories import CustomerFactory, PackageFactory
from tests.workspace.conftest import END, LEAD, START, confirm_session

DURING = START + timedelta(minutes=20)


def _report(client, booking, moment, **data):
    payload = {"category": ReportCategory.SEXUAL_HARASSMENT, "description": "Sent explicit photos.", **data}
    with time_machine.travel(moment, tick=False):
        return client.post(reverse("workspace:report", args=[booking.pk]), payload)


def test_a_report_is_filed_under_review(talent_client, talent, customer, session):
    response = _report(talent_client, session, END + timedelta(minutes=5))
    assert response.status_code == 302
    report = Report.objects.get()
    assert (report.talent, report.customer, report.booking) == (talent, customer, session)
    assert report.category == ReportCategory.SEXUAL_HARASSMENT and report.status == ReportStatus.UNDER_REVIEW
    assert BookingEvent.objects.filter(booking=session, actor=talent.user, to_status=Status.CONFIRMED).exists()


def test_reporting_during_the_session_can_end_it_in_the_same_tap(talent_client, session):
    _report(talent_client, session, DURING, end_now="on")
    session.refresh_from_db()
    assert session.status == Status.ENDED_EARLY
    assert ContactGrant.objects.get(pk=session.grant.pk).revoked_at == DURING
    assert Report.objects.filter(booking=session).exists()


def test_reporting_during_the_session_without_ending_keeps_it_on(talent_client, session):
    _report(talent_client, session, DURING)
    session.refresh_from_db()
    assert session.status == Status.CONFIRMED and Report.objects.exists()


def test_a_customer_under_review_cannot_book_that_talent(talent, customer, package, session):
    services.file_report(
        booking=session, talent=talent, category=ReportCategory.THREATS, description="x", at=END
    )
    with pytest.raises(TalentUnavailable):
        services.create_booking(
            customer=customer, talent=talent, package=package, starts_at=START + timedelta(days=2), at=END
        )


def test_a_customer_under_review_can_still_book_another_talent(talent, other_talent, customer, session):
    services.file_report(booking=session, talent=talent, category=ReportCategory.SPAM, description="x", at=END)
    other_package = PackageFactory(offered_by=[other_talent])
    booking = services.create_booking(
        customer=customer, talent=other_talent, package=other_package, starts_at=START + timedelta(days=2), at=END
    )
    assert booking.status == Status.AWAITING_PAYMENT


def test_a_dismissed_report_lets_the_customer_book_again(talent, customer, package, session):
    report = services.file_report(booking=session, talent=talent, category="other", description="x", at=END)
    Report.objects.filter(pk=report.pk).update(status=ReportStatus.DISMISSED)  # staff decide in the admin
    booking = services.create_booking(
        customer=customer, talent=talent, package=package, starts_at=START + timedelta(days=2), at=END
    )
    assert booking.status == Status.AWAITING_PAYMENT


def test_a_banned_customer_cannot_book_and_the_talent_sees_the_outcome(
    talent_client, talent, customer, package, staff, session
):
    report = services.file_report(booking=session, talent=talent, category="threats", description="x", at=END)
    # Staff decide in the admin (issue 5); here the decision is written as it would be stored.
    Report.objects.filter(pk=report.pk).update(
        status=ReportStatus.BANNED, decided_by=staff, decided_at=END, decision_note="Banned for threats."
    )
    Ban.objects.create(whatsapp=customer.whatsapp, customer=customer, reason="Threats", created_by=staff)
    with pytest.raises(CustomerBanned):
        services.create_booking(
            customer=customer, talent=talent, package=package, starts_at=START + timedelta(days=2), at=END
        )
    body = talent_client.get(reverse("workspace:reports")).content.decode()
    assert str(ReportStatus.BANNED.label) in body and "Banned for threats." in body
    with time_machine.travel(END, tick=False):
        body = talent_client.get(reverse("workspace:session", args=[session.pk])).content.decode()
    assert "Banned for threats." in body


@pytest.mark.parametrize("moment", [START - LEAD - timedelta(seconds=1), END + timedelta(hours=48, seconds=1)])
def test_reporting_outside_the_window_is_refused(talent, session, moment):
    with pytest.raises(ReportNotPossible):
        services.file_report(booking=session, talent=talent, category="spam", description="x", at=moment)


@pytest.mark.parametrize("moment", [START - LEAD, END + timedelta(hours=48)])
def test_reporting_at_the_window_edges_is_allowed(talent, session, moment):
    assert services.file_report(booking=session, talent=talent, category="spam", description="x", at=moment)


def test_reporting_the_same_session_twice_is_refused(talent, session):
    services.file_report(booking=session, talent=talent, category="spam", description="x", at=END)
    with pytest.raises(AlreadyReported):
        services.file_report(booking=session, talent=talent, category="spam", description="again", at=END)
    assert Report.objects.count() == 1


def test_another_talent_cannot_report_this_session(other_talent, session):
    with pytest.raises(NotPermitted):
        services.file_report(booking=session, talent=other_talent, category="spam", description="x", at=END)


def test_a_report_without_a_description_keeps_what_was_typed(talent_client, session):
    response = _report(talent_client, session, END, description="   ", category=ReportCategory.INSULTS)
    assert response.status_code == 400
    assert not Report.objects.exists()
    assert re.search(r'value="insults"[^>]*checked', response.content.decode())


def test_every_category_can_be_chosen(talent_client, session):
    with time_machine.travel(END, tick=False):
        body = talent_client.get(reverse("workspace:session", args=[session.pk])).content.decode()
    for value in ReportCategory.values:
        assert f'value="{value}"' in body


def test_the_report_list_shows_only_this_talents_reports(talent_client, talent, other_talent, staff, session):
    services.file_report(booking=session, talent=talent, category="spam", description="mine", at=END)
    theirs = confirm_session(
        customer=CustomerFactory(display_name="Someone Else"), talent=other_talent,
        package=PackageFactory(offered_by=[other_talent]), starts_at=START, staff=staff,
    )
    services.file_report(booking=theirs, talent=other_talent, category="spam", description="theirs", at=END)
    body = talent_client.get(reverse("workspace:reports")).content.decode()
    assert body.count("report-under_review") == 1 and "Someone Else" not in body
