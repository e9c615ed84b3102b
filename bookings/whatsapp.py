"""wa.me links, and the messages staff send by hand on WhatsApp today, before any gateway exists."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from bookings import permissions
from bookings.contact import StaffSight, log_staff_views
from bookings.errors import BookingError, NotPermitted
from bookings.models import Booking, Status
from bookings.models.booking import RefundStatus
from bookings.money import rupiah
from notifications.rendering import render_text
from notifications.services import record_whatsapp
from sleepcall.wa_me import wa_link
from sleepcall.zones import abbreviation


@dataclass(frozen=True)
class StaffMessage:
    kind: str
    label: str
    permission: str

    def applies_to(self, booking: Booking) -> bool:
        if self.kind == "payment_received":
            return booking.status in (Status.CONFIRMED, Status.COMPLETED)
        if self.kind == "transfer_short":
            return booking.status in (Status.PAYMENT_SUBMITTED, Status.AWAITING_PAYMENT) and _shortfall(booking) > 0
        return booking.status == Status.CANCELLED and booking.refund_status in (RefundStatus.DUE, RefundStatus.REFUNDED)


STAFF_MESSAGES = {
    m.kind: m for m in (
        StaffMessage("payment_received", _("Payment received"), permissions.VERIFY_PAYMENT),
        StaffMessage("transfer_short", _("Transfer short"), permissions.VERIFY_PAYMENT),
        StaffMessage("session_cancelled", _("Session cancelled, refund on its way"), permissions.CANCEL_BOOKING),
    )
}


class NoSuchMessage(BookingError):
    message = _("That WhatsApp message does not fit this booking.")


def _shortfall(booking: Booking) -> int:
    claimed = max((p.amount_claimed for p in booking.payments.all()), default=0)
    return max(booking.amount_due - claimed, 0)


def may_send(staff: AbstractBaseUser, message: StaffMessage) -> bool:
    """The job's permission, and the customer's number: wa.me opens on it, so a role that may not see
    numbers (a payment verifier) may not send either."""
    return staff.is_staff and staff.has_perm(message.permission) and staff.has_perm(permissions.VIEW_CUSTOMER_NUMBER)


def messages_for(booking: Booking, staff: AbstractBaseUser) -> list[StaffMessage]:
    return [m for m in STAFF_MESSAGES.values() if may_send(staff, m) and m.applies_to(booking)]


def message_text(booking: Booking, kind: str) -> str:
    customer = booking.customer
    context = {
        "customer": customer, "booking": booking, "talent": booking.talent,
        "starts": booking.starts_at, "zone": abbreviation(customer.time_zone),
        "amount": rupiah(booking.amount_due), "short": rupiah(_shortfall(booking)),
        "refund": rupiah(booking.refund_amount),
    }
    return render_text(f"whatsapp/{customer.language}/{kind}.txt", language=customer.language,
                       zone=customer.time_zone, context=context).strip()


def send_by_hand(*, booking: Booking, staff: AbstractBaseUser, kind: str) -> str:
    """Log the message in the outbox as sent by this staff member and return the wa.me link that sends it."""
    message = STAFF_MESSAGES.get(kind)
    if message is None or not message.applies_to(booking):
        raise NoSuchMessage()
    if not may_send(staff, message):
        raise NotPermitted()
    text = message_text(booking, kind)
    with transaction.atomic():
        log_staff_views(viewer=staff, place=f"admin booking #{booking.pk} WhatsApp message",
                        shown=[StaffSight(handle=booking.customer.whatsapp, customer=booking.customer)])
        record_whatsapp(to=booking.customer.user, staff=staff, event=f"whatsapp_{kind}",
                        number=str(booking.customer.whatsapp), text=text, key=f"whatsapp_{kind}:{booking.pk}",
                        language=booking.customer.language)
    return wa_link(booking.customer.whatsapp, text)
