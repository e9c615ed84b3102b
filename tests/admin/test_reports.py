"""Staff decide on a talent's report; the talent reads the outcome from Report.status and decision_note."""

import pytest
from django.urls import reverse

from bookings.errors import IllegalTransition, ReasonRequired
from bookings.models import Ban, Report
from bookings.models.report import ReportStatus
from bookings.services import decide_report, verify_payment
from tests.admin.conftest import waiting_payment


@pytest.fixture
def report(customer, talent, package, manager):
    payment = waiting_payment(customer, talent, package)
    verify_payment(payment=payment, staff=manager)
    return Report.objects.create(booking=payment.booking, talent=talent, customer=customer, category="insults",
                                 description="Marah-marah")


def test_dismissing_records_who_and_when(cs_agent, report):
    decide_report(report=report, staff=cs_agent, decision="dismiss")
    report.refresh_from_db()
    assert (report.status, report.decided_by) == (ReportStatus.DISMISSED, cs_agent)


def test_a_warning_needs_a_note(cs_agent, report):
    with pytest.raises(ReasonRequired):
        decide_report(report=report, staff=cs_agent, decision="warn", note="")


def test_a_ban_decision_bans_the_customer(client, cs_agent, report):
    client.force_login(cs_agent)
    client.post(reverse("admin:bookings_report_decide", args=[report.pk]), {"decision": "ban", "note": "Kasar"})
    report.refresh_from_db()
    assert (report.status, report.decision_note) == (ReportStatus.BANNED, "Kasar")
    assert Ban.objects.in_force().filter(whatsapp=report.customer.whatsapp).exists()


def test_deciding_again_the_same_way_changes_nothing_and_another_way_is_refused(cs_agent, report):
    decide_report(report=report, staff=cs_agent, decision="warn", note="Sekali lagi")
    decide_report(report=report, staff=cs_agent, decision="warn", note="Sekali lagi")
    with pytest.raises(IllegalTransition):
        decide_report(report=report, staff=cs_agent, decision="dismiss")


def test_a_verifier_cannot_decide(client, verifier, report):
    client.force_login(verifier)
    response = client.post(reverse("admin:bookings_report_decide", args=[report.pk]), {"decision": "dismiss"})
    assert response.status_code == 403
