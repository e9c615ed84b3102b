"""Every kind of page carries CSP, Referrer-Policy, frame denial, nosniff and a Permissions-Policy;
pages with a number are never stored; no page needs an inline script or style."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from bookings.services import create_booking
from tests.workspace.conftest import confirm_session

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>\s*\S", re.I)
INLINE_HANDLER_OR_STYLE = re.compile(r"<[^>]+\s(on[a-z]+|style)\s*=", re.I)
# An htmx trigger filter ("every 20s[cond]") or js: value is evaluated as a string: the CSP forbids eval.
HTMX_EVAL = re.compile(r'hx-(trigger|vals|vars)="[^"]*(\[|js:)', re.I)


def _as(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def pages(payment, customer, talent, package, manager, verifier, staff):
    """(who, path, headers) for a real page of each kind."""
    confirmed = confirm_session(customer=customer, talent=talent, package=package,
                                starts_at=payment.booking.starts_at.replace(day=3), staff=staff)
    booking = payment.booking
    unpaid = create_booking(customer=customer, talent=talent, package=package,
                            starts_at=booking.starts_at.replace(day=4))
    return {
        "visitor home": (Client(), "/", {}),
        "visitor talent list": (Client(), "/talents/", {}),
        "visitor login": (Client(), reverse("login"), {}),
        "customer booking": (_as(customer.user), reverse("booking_detail", args=[confirmed.pk]), {}),
        "customer bookings": (_as(customer.user), reverse("my_bookings"), {}),
        "customer payment page": (_as(customer.user), reverse("pay", args=[unpaid.pk]), {}),
        "customer profile": (_as(customer.user), reverse("profile"), {}),
        "talent today": (_as(talent.user), reverse("workspace:today"), {}),
        "talent today partial": (_as(talent.user), reverse("workspace:today"), {"HTTP_HX_REQUEST": "true"}),
        "talent session": (_as(talent.user), reverse("workspace:session", args=[confirmed.pk]), {}),
        "proof": (_as(verifier), reverse("payment_proof", args=[payment.pk]), {}),
        "admin landing": (_as(manager), reverse("admin:index"), {}),
        "admin booking": (_as(manager), reverse("admin:bookings_booking_change", args=[booking.pk]), {}),
        "admin payment": (_as(manager), reverse("admin:bookings_payment_change", args=[payment.pk]), {}),
        "admin customer": (_as(manager), reverse("admin:bookings_customer_change", args=[customer.pk]), {}),
    }


def _get(page):
    client, path, headers = page
    response = client.get(path, **headers)
    assert response.status_code == 200, path
    return response


def test_every_kind_of_page_sends_the_security_headers(pages):
    for name, page in pages.items():
        response = _get(page)
        csp = response["Content-Security-Policy"]
        assert "default-src 'self'" in csp or "default-src 'none'" in csp, name
        assert "frame-ancestors 'none'" in csp, name
        assert "unsafe-inline" not in csp.split("style-src")[0], name  # never for scripts
        assert response["X-Frame-Options"] == "DENY", name
        assert response["X-Content-Type-Options"] == "nosniff", name
        assert response["Referrer-Policy"] == "same-origin", name
        assert "camera=()" in response["Permissions-Policy"], name
        assert "geolocation=()" in response["Permissions-Policy"], name


def test_site_pages_allow_scripts_and_styles_only_from_our_own_files(pages):
    for name, page in pages.items():
        if name == "proof":
            continue
        csp = _get(page)["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "style-src 'self'" in csp, name
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp, name


def test_no_page_needs_an_inline_script_style_or_handler(pages):
    for name, page in pages.items():
        if name == "proof":
            continue
        html = _get(page).content.decode()
        assert not INLINE_SCRIPT.search(html), (name, INLINE_SCRIPT.search(html))
        assert not INLINE_HANDLER_OR_STYLE.search(html), (name, INLINE_HANDLER_OR_STYLE.search(html))
        assert not HTMX_EVAL.search(html), (name, HTMX_EVAL.search(html))


def test_forms_post_only_to_us_and_to_whatsapp(pages):
    csp = _get(pages["admin booking"])["Content-Security-Policy"]
    form_action = csp.split("form-action")[1].split(";")[0].split()
    assert set(form_action) == {"'self'", "https://wa.me", "https://api.whatsapp.com"}


def test_the_proof_is_sandboxed(pages):
    assert "sandbox" in _get(pages["proof"])["Content-Security-Policy"]


@pytest.mark.parametrize("name", ["customer booking", "talent today", "talent today partial", "talent session",
                                  "customer profile"])
def test_pages_that_show_a_number_are_never_stored(pages, name):
    assert "no-store" in _get(pages[name])["Cache-Control"]


def test_a_not_found_page_has_the_permissions_policy_too(client, db):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "camera=()" in response["Permissions-Policy"]
