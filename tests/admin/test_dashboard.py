"""The dashboard at the top of the admin: waiting, tonight, money verified, bookings a day."""

from django.urls import reverse

from bookings import dashboard
from bookings.services import verify_payment
from tests.admin.conftest import waiting_payment
from tests.conftest import wib


def test_tonight_runs_from_noon_to_noon(db):
    assert dashboard.night_bounds(wib(2026, 12, 2, 1)) == (wib(2026, 12, 1, 12), wib(2026, 12, 2, 12))
    assert dashboard.night_bounds(wib(2026, 12, 1, 12)) == (wib(2026, 12, 1, 12), wib(2026, 12, 2, 12))


def test_the_figures(manager, customer, other_customer, talent, package):
    verified = waiting_payment(customer, talent, package, claimed=200_000)  # over-paid: only the due counts
    waiting_payment(other_customer, talent, package, starts_at=wib(2026, 12, 1, 23, 30))
    verify_payment(payment=verified, staff=manager)
    figures = dashboard.build()
    assert figures.waiting == 1
    assert figures.sessions_tonight == 1
    assert figures.revenue_today == figures.revenue_week == verified.booking.amount_due
    assert figures.bars[-1].count == 2 and figures.chart_max == 2


def test_the_landing_page_shows_the_dashboard_and_the_chart(client, verifier, payment):
    client.force_login(verifier)
    page = client.get(reverse("admin:index")).content.decode()
    assert "<svg" in page and "Sessions tonight" in page
    assert "1 payment waiting for verification" in page
    assert "cdn" not in page.lower()


def test_reports_and_number_changes_waiting_for_a_decision_are_counted(manager, customer, talent, package):
    from bookings.models import Report
    from talents.models import NumberChangeRequest

    verify_payment(payment=waiting_payment(customer, talent, package), staff=manager)
    booking = customer.bookings.get()
    Report.objects.create(booking=booking, talent=talent, customer=customer, category="spam", description="Spam")
    Report.objects.create(booking=booking, talent=talent, customer=customer, category="other", description="x",
                          status="dismissed")
    NumberChangeRequest.objects.create(talent=talent, new_number="+6281377777777", reason="Bocor")
    figures = dashboard.build()
    assert (figures.reports_to_decide, figures.number_changes_to_decide) == (1, 1)


def test_each_role_sees_the_waiting_decisions_it_can_take(client, verifier, cs_agent):
    client.force_login(cs_agent)
    page = client.get(reverse("admin:index")).content.decode()
    assert "Reports to decide" in page and "Number changes to approve" in page
    client.force_login(verifier)
    page = client.get(reverse("admin:index")).content.decode()
    assert "Reports to decide" not in page and "Number changes to approve" not in page
