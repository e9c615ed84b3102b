"""E-mails to customers and talents, written from templates in the person's language."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.utils import timezone, translation

from bookings.models import Booking, ContactGrant, Payment
from bookings.models.grant import unblock_lead
from bookings.money import rupiah
from sleepcall.zones import abbreviation, zone_info


def _message(template: str, language: str, zone: str, context: dict, to: str) -> EmailMessage:
    """Render in the person's language and zone (date filters convert to the active zone)."""
    language = language if language in dict(settings.LANGUAGES) else "id"
    with translation.override(language), timezone.override(zone_info(zone)):
        subject = render_to_string(f"emails/{language}/{template}_subject.txt", context).strip()
        body = render_to_string(f"emails/{language}/{template}_body.txt", context)
    return EmailMessage(subject=subject, body=body, to=[to])


def _session_context(booking: Booking, zone: str) -> dict:
    tz = zone_info(zone)
    return {
        "booking": booking,
        "starts": timezone.localtime(booking.starts_at, tz),
        "ends": timezone.localtime(booking.ends_at, tz),
        "zone": abbreviation(zone),
        "amount": rupiah(booking.amount_due),
    }


def booking_confirmed(booking: Booking) -> EmailMessage | None:
    customer = booking.customer
    if not customer.user.email:
        return None
    context = _session_context(booking, customer.time_zone) | {"customer": customer}
    return _message("booking_confirmed", customer.language, customer.time_zone, context, customer.user.email)


def payment_rejected(payment: Payment) -> EmailMessage | None:
    booking = payment.booking
    customer = booking.customer
    if not customer.user.email:
        return None
    context = _session_context(booking, customer.time_zone) | {
        "customer": customer,
        "payment": payment,
        "deadline": timezone.localtime(booking.payment_deadline, zone_info(customer.time_zone)),
    }
    return _message("payment_rejected", customer.language, customer.time_zone, context, customer.user.email)


def talent_reminder(grant: ContactGrant, kind: str) -> EmailMessage | None:
    """kind: 'unblock' before a session, 'block' after it."""
    talent = grant.talent
    if talent.user is None or not talent.user.email:
        return None
    context = _session_context(grant.booking, talent.time_zone) | {
        "talent": talent,
        "grant": grant,
        "unblock_from": timezone.localtime(grant.starts_at - unblock_lead(), zone_info(talent.time_zone)),
    }
    return _message(f"talent_{kind}", "id", talent.time_zone, context, talent.user.email)


def send_all(messages: Iterable[EmailMessage | None]) -> int:
    """Send a batch over one connection."""
    batch = [m for m in messages if m is not None]
    if not batch:
        return 0
    return get_connection().send_messages(batch) or 0


def account_attempt(user, kind: str, login_url: str) -> EmailMessage | None:
    """To the owner of an e-mail or number someone tried to sign up (or move an account) with.

    The form itself says the same thing whether the details are in use or not; only the owner learns.
    kind: 'email' or 'number'.
    """
    if not user.email:
        return None
    customer = getattr(user, "customer", None)
    language = customer.language if customer is not None else "id"
    zone = customer.time_zone if customer is not None else settings.TIME_ZONE
    context = {"recipient": user, "kind": kind, "url": login_url, "customer": customer}
    return _message("account_attempt", language, zone, context, user.email)
