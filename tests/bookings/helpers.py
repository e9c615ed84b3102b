"""Short ways to bring a booking to a given state through the services, as the rules demand."""

from __future__ import annotations

from datetime import datetime

from django.core.files.base import ContentFile

from bookings import services
from bookings.models import Booking, Payment

PNG = b"\x89PNG\r\n\x1a\n" + b"proof"


def book(customer, talent, package, starts_at: datetime, at: datetime | None = None) -> Booking:
    return services.create_booking(customer=customer, talent=talent, package=package, starts_at=starts_at, at=at)


def pay(
    booking: Booking, amount: int | None = None, content: bytes | None = None, at: datetime | None = None
) -> Payment:
    """Each booking's proof is its own file unless a test passes one (a reused proof blocks verify)."""
    services.accept_rules(booking=booking, customer=booking.customer, at=at)
    return services.submit_payment(
        booking=booking,
        customer=booking.customer,
        bank="BCA",
        sender_name="Budi",
        amount_claimed=booking.amount_due if amount is None else amount,
        proof=ContentFile(PNG + f" {booking.pk}".encode() if content is None else content, name="proof.png"),
        at=at,
    )


def confirm(booking: Booking, staff, at: datetime | None = None) -> Booking:
    payment = pay(booking, at=at)
    services.verify_payment(payment=payment, staff=staff, at=at)
    booking.refresh_from_db()
    return booking
