"""Fixtures for the customer pages: a fixed evening, a bank account, real proof files, signed-in clients."""

from __future__ import annotations

import io

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image
from pypdf import PdfWriter

from bookings.models import BankAccount
from bookings.services import create_booking
from tests.conftest import wib

# Monday 2 March 2026, 18:00 WIB: the talents' 21:00–02:00 window is still ahead tonight.
EVENING = wib(2026, 3, 2, 18, 0)


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """Many users per test here; the real hasher is slow on purpose."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def evening():
    with time_machine.travel(EVENING, tick=False) as traveller:
        yield traveller


@pytest.fixture
def bank_account(db):
    return BankAccount.objects.create(bank="BCA", account_number="123-456-7890", holder="PT Sleep Call")


def png_bytes(color: str = "white") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 40), color).save(buffer, "PNG")
    return buffer.getvalue()


def pdf_bytes() -> bytes:
    """A real one-page PDF, as a bank app's receipt export would be."""
    writer = PdfWriter()
    writer.add_blank_page(width=300, height=400)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@pytest.fixture
def proof_png():
    return SimpleUploadedFile("bukti.png", png_bytes(), content_type="image/png")


@pytest.fixture
def proof_pdf():
    return SimpleUploadedFile("bukti.pdf", pdf_bytes(), content_type="application/pdf")


@pytest.fixture
def customer_client(customer) -> Client:
    client = Client()
    client.force_login(customer.user)
    return client


@pytest.fixture
def other_client(other_customer) -> Client:
    client = Client()
    client.force_login(other_customer.user)
    return client


@pytest.fixture
def booking(customer, talent, package, evening):
    """Tonight 21:00–22:00 WIB, awaiting payment (deadline 19:00 WIB)."""
    return create_booking(customer=customer, talent=talent, package=package, starts_at=wib(2026, 3, 2, 21, 0))


def says(response, text: str) -> bool:
    """The page (or its messages) shows this text, translated into the page's language like the view did."""
    from django.utils.html import escape
    from django.utils.translation import gettext

    translated = gettext(str(text))
    body = response.content.decode()
    context = response.context or {}
    shown = [str(m) for m in context["messages"]] if "messages" in context else []
    return any(t in body or t in shown for t in {translated, escape(translated), str(text), escape(str(text))})
