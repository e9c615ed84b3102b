"""Proofs are read for real: PDFs parsed (no scripts, attachments, actions, passwords or broken files),
images re-encoded (EXIF and GPS gone) and capped in pixels; served so the browser runs nothing."""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from pypdf import PdfWriter
from pypdf.generic import DictionaryObject, NameObject, TextStringObject

from bookings.models import Payment, Status
from tests.customer.conftest import pdf_bytes, says
from tests.customer.test_pay import form, pay_url

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(customer_client):
    """The assertions read the English messages."""
    customer_client.cookies["django_language"] = "en"


def _pdf(change) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=300, height=400)
    change(writer)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _on_open(action: str, key: str, value: str):
    def change(writer: PdfWriter) -> None:
        writer._root_object[NameObject("/OpenAction")] = DictionaryObject({
            NameObject("/S"): NameObject(action), NameObject(key): TextStringObject(value),
        })
    return change


ACTIVE = "scripts, attachments or actions"
HOSTILE_PDFS = {
    "javascript": (_on_open("/JavaScript", "/JS", "app.alert('hi');"), ACTIVE),
    "embedded file": (lambda w: w.add_attachment("run.exe", b"MZ..."), ACTIVE),
    "launch action": (_on_open("/Launch", "/F", "cmd.exe"), ACTIVE),
    "form that submits": (_on_open("/SubmitForm", "/F", "https://evil.example/"), ACTIVE),
    "password": (lambda w: w.encrypt("rahasia", algorithm="RC4-128"), "password-protected"),
}


def _upload(client, booking, content: bytes, name: str):
    from bookings.services import accept_rules

    accept_rules(booking=booking, customer=booking.customer)  # the rules come before the payment
    return client.post(pay_url(booking), form(SimpleUploadedFile(name, content)))


@pytest.mark.parametrize("kind", HOSTILE_PDFS)
def test_a_pdf_that_does_something_when_opened_is_refused_with_a_message(customer_client, booking, kind):
    change, message = HOSTILE_PDFS[kind]
    response = _upload(customer_client, booking, _pdf(change), "bukti.pdf")

    assert response.status_code == 400
    assert message in response.content.decode()
    booking.refresh_from_db()
    assert booking.status == Status.AWAITING_PAYMENT and not Payment.objects.exists()


def test_a_file_that_only_starts_like_a_pdf_is_refused(customer_client, booking):
    response = _upload(customer_client, booking, b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF", "b.pdf")

    assert response.status_code == 400
    assert says(response, "This PDF cannot be read. Please send a screenshot of the transfer instead.")


def test_a_plain_one_page_pdf_is_kept_as_sent(customer_client, booking):
    content = pdf_bytes()
    _upload(customer_client, booking, content, "bukti.pdf")

    payment = Payment.objects.get()
    assert payment.proof.read() == content


def _jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (64, 48), "navy")
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x8825] = {1: "S", 2: (6.0, 10.0, 30.0), 3: "E", 4: (106.0, 49.0, 0.0)}  # GPS
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


def test_an_image_proof_is_stored_without_its_exif_and_gps(customer_client, booking):
    original = _jpeg_with_gps()
    assert Image.open(io.BytesIO(original)).getexif()  # the phone's photo has them

    _upload(customer_client, booking, original, "foto.jpg")

    stored = Payment.objects.get().proof.read()
    with Image.open(io.BytesIO(stored)) as image:
        assert image.format == "JPEG" and image.size == (64, 48)
        assert not image.getexif()
        assert "exif" not in image.info
    assert b"PhoneMaker" not in stored


def _png_claiming(width: int, height: int) -> bytes:
    """A tiny file whose header says it unpacks to width × height pixels (a decompression bomb)."""
    buffer = io.BytesIO()
    Image.new("L", (1, 1)).save(buffer, "PNG")
    data = bytearray(buffer.getvalue())
    ihdr = struct.pack(">II", width, height) + bytes(data[24:29])
    data[16:29] = ihdr
    data[29:33] = struct.pack(">I", zlib.crc32(b"IHDR" + ihdr))
    return bytes(data)


def test_an_image_of_too_many_pixels_is_refused_before_it_is_decoded(customer_client, booking):
    response = _upload(customer_client, booking, _png_claiming(10_000, 5_000), "bukti.png")

    assert response.status_code == 400
    assert "This image is too large (over 40 megapixels)" in response.content.decode()
    assert not Payment.objects.exists()


def test_a_pdf_proof_is_served_as_a_download_in_a_sandbox(customer_client, booking):
    _upload(customer_client, booking, pdf_bytes(), "bukti.pdf")
    served = customer_client.get(reverse("payment_proof", args=[Payment.objects.get().pk]))

    assert served["Content-Type"] == "application/pdf"
    assert served["Content-Disposition"].startswith("attachment")
    assert "sandbox" in served["Content-Security-Policy"]
    assert "default-src 'none'" in served["Content-Security-Policy"]


def test_an_image_proof_is_served_inline_in_a_sandbox(customer_client, booking, proof_png):
    _upload(customer_client, booking, proof_png.read(), "bukti.png")
    served = customer_client.get(reverse("payment_proof", args=[Payment.objects.get().pk]))

    assert served["Content-Type"] == "image/png"
    assert served["Content-Disposition"].startswith("inline")
    assert "sandbox" in served["Content-Security-Policy"]
