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
