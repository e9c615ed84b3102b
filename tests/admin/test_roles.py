"""Each staff role sees and does only its part; code checks permissions, never group names."""

from django.contrib.auth.models import Group
from django.urls import reverse

from bookings.models import Ban
from bookings.models.payment import PaymentStatus
from tests.factories import PASSWORD


def codenames(group: str) -> set[str]:
    return set(Group.objects.get(name=group).permissions.values_list("codename", flat=True))


def test_the_migration_gives_each_group_its_permissions(db):
    verifiers, cs, managers = codenames("Payment verifiers"), codenames("CS agents"), codenames("Managers")
    assert {"verify_payment", "view_proof", "add_statementimport"} <= verifiers
    assert not {"ban_customer", "override_partial_payment", "decide_report"} & verifiers
    assert {"ban_customer", "decide_report", "end_session", "cancel_booking"} <= cs
    assert not {"verify_payment", "view_proof", "override_partial_payment"} & cs
    assert {"override_partial_payment", "verify_payment", "ban_customer", "refund_booking"} <= managers


def test_a_cs_agent_cannot_verify_payments(client, cs_agent, payment):
    client.force_login(cs_agent)
    response = client.post(reverse("admin:bookings_payment_verify", args=[payment.pk]))
    assert response.status_code == 403
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.SUBMITTED


def test_a_cs_agent_cannot_reject_payments(client, cs_agent, payment):
    client.force_login(cs_agent)
    response = client.post(reverse("admin:bookings_payment_reject", args=[payment.pk]), {"reason": "fake"})
    assert response.status_code == 403


def test_a_cs_agent_sees_the_list_without_buttons_or_proofs(client, cs_agent, payment):
    client.force_login(cs_agent)
    page = client.get(reverse("admin:bookings_payment_changelist")).content.decode()
    assert reverse("admin:bookings_payment_verify", args=[payment.pk]) not in page
    assert reverse("payment_proof", args=[payment.pk]) not in page
    assert "verify_selected" not in page


def test_a_verifier_cannot_ban(client, verifier, customer):
    client.force_login(verifier)
    response = client.post(reverse("admin:bookings_customer_ban", args=[customer.pk]), {"reason": "abuse"})
    assert response.status_code == 403
    assert not Ban.objects.exists()


def test_a_verifier_cannot_end_a_session_or_decide_a_report(client, verifier, payment):
    client.force_login(verifier)
    booking = payment.booking
    for name in ("admin:bookings_booking_end_early", "admin:bookings_booking_cancel"):
        assert client.post(reverse(name, args=[booking.pk]), {"reason": "x"}).status_code == 403


def test_a_cs_agent_can_ban(client, cs_agent, customer):
    client.force_login(cs_agent)
    client.post(reverse("admin:bookings_customer_ban", args=[customer.pk]), {"reason": "insults"})
    assert Ban.objects.in_force().filter(whatsapp=customer.whatsapp).exists()


def test_decisions_refuse_get(client, verifier, payment):
    client.force_login(verifier)
    assert client.get(reverse("admin:bookings_payment_verify", args=[payment.pk])).status_code == 405


def test_customers_cannot_reach_the_admin_actions(client, customer, payment):
    client.login(username=customer.user.username, password=PASSWORD)
    response = client.post(reverse("admin:bookings_payment_verify", args=[payment.pk]))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.SUBMITTED
