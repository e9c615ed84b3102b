"""Payment proofs are private: the customer who paid and staff allowed to check payments, nobody else."""

import pytest
from django.conf import settings
from django.urls import reverse

from tests.admin.conftest import waiting_payment
from tests.factories import PASSWORD


def url(payment) -> str:
    return reverse("payment_proof", args=[payment.pk])


def test_the_proof_is_stored_outside_the_public_media(payment):
    assert str(settings.PRIVATE_MEDIA_ROOT) in payment.proof.path
    assert str(settings.MEDIA_ROOT) not in payment.proof.path
    with pytest.raises(ValueError):
        payment.proof.url  # noqa: B018 (no public URL exists)


def test_anonymous_visitors_get_404(client, payment):
    assert client.get(url(payment)).status_code == 404


def test_another_customer_gets_404(client, other_customer, payment):
    client.login(username=other_customer.user.username, password=PASSWORD)
    assert client.get(url(payment)).status_code == 404


def test_the_customer_who_uploaded_it_sees_it(client, customer, payment):
    client.login(username=customer.user.username, password=PASSWORD)
    response = client.get(url(payment))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == payment.proof.open("rb").read()
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"].startswith("private")


def test_a_verifier_sees_it(client, verifier, payment):
    client.force_login(verifier)
    assert client.get(url(payment)).status_code == 200


def test_staff_without_the_permission_get_403(client, cs_agent, payment):
    client.force_login(cs_agent)
    assert client.get(url(payment)).status_code == 403


def test_an_html_upload_is_never_served_inline(client, verifier, customer, talent, package):
    payment = waiting_payment(customer, talent, package, proof=b"<script>alert(1)</script>", name="x.html")
    client.force_login(verifier)
    response = client.get(url(payment))
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment")


def test_an_unknown_payment_is_404(client, verifier, db):
    client.force_login(verifier)
    assert client.get(reverse("payment_proof", args=[999999])).status_code == 404
