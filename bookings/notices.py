"""What the booking side tells people, through the outbox. Each function is called inside its event's transaction."""

from __future__ import annotations

from django.urls import reverse

from bookings.models import Ban, BankAccount, Booking, ContactGrant, Payment, Report
from bookings.models.grant import unblock_lead
from bookings.money import rupiah
from notifications.services import notify, notify_staff
from sleepcall.zones import abbreviation


def _customer_context(booking: Booking) -> dict:
    customer = booking.customer
    return {
        "customer": customer,
        "booking": booking,
        "talent": booking.talent,
        "starts": booking.starts_at,
        "ends": booking.ends_at,
        "zone": abbreviation(customer.time_zone),
        "amount": rupiah(booking.amount_due),
    }


def _booking_url(booking: Booking) -> str:
    return reverse("booking_detail", args=[booking.pk])


def booking_held(booking: Booking) -> None:
    """The payment instructions, right after the hold: the exact amount, the accounts, the deadline."""
    notify(
        to=booking.customer.user, event="booking_held", key=f"booking_held:{booking.pk}",
        url=reverse("pay", args=[booking.pk]),
        context=_customer_context(booking) | {
            "deadline": booking.payment_deadline,
            "accounts": list(BankAccount.objects.active()),
        },
    )


def hold_expiring(booking: Booking) -> None:
    notify(
        to=booking.customer.user, event="hold_expiring", reminder=True,
        key=f"hold_expiring:{booking.pk}:{booking.payment_deadline:%Y%m%d%H%M}",
        url=reverse("pay", args=[booking.pk]),
        context=_customer_context(booking) | {"deadline": booking.payment_deadline},
    )


def payment_verified(booking: Booking) -> None:
    notify(
        to=booking.customer.user, event="payment_verified", key=f"payment_verified:{booking.pk}",
        url=_booking_url(booking), context=_customer_context(booking),
    )


def payment_rejected(payment: Payment) -> None:
    booking = payment.booking
    notify(
        to=booking.customer.user, event="payment_rejected", key=f"payment_rejected:{payment.pk}",
        url=reverse("pay", args=[booking.pk]),
        context=_customer_context(booking) | {"payment": payment, "deadline": booking.payment_deadline},
    )


def session_starting(grant: ContactGrant) -> None:
    """Half an hour before: the customer is reminded that they write first."""
    booking = grant.booking
    notify(
        to=booking.customer.user, event="session_starting", reminder=True, key=f"session_starting:{grant.pk}",
        url=_booking_url(booking), context=_customer_context(booking),
    )


def talent_reminder(grant: ContactGrant, kind: str) -> None:
    """kind: 'unblock' before a session, 'block' after it."""
    talent = grant.talent
    if talent.user is None:
        return
    notify(
        to=talent.user, event=f"talent_{kind}", key=f"talent_{kind}:{grant.pk}",
        url=reverse("workspace:today"),
        context={
            "talent": talent, "grant": grant, "booking": grant.booking,
            "starts": grant.starts_at, "ends": grant.ends_at, "zone": abbreviation(talent.time_zone),
            "unblock_from": grant.starts_at - unblock_lead(),
        },
    )


def booking_cancelled(booking: Booking, *, reason: str) -> None:
    """Staff cancelled: the customer hears why and what happens to their money; the talent hears too."""
    notify(
        to=booking.customer.user, event="booking_cancelled", key=f"booking_cancelled:{booking.pk}",
        url=_booking_url(booking),
        context=_customer_context(booking) | {"reason": reason, "refund": rupiah(booking.refund_amount)
                                              if booking.refund_amount else ""},
    )
    talent = booking.talent
    if talent.user is not None:
        notify(
            to=talent.user, event="talent_session_cancelled", key=f"talent_session_cancelled:{booking.pk}",
            url=reverse("workspace:week"),
            context={"talent": talent, "booking": booking, "starts": booking.starts_at, "ends": booking.ends_at,
                     "zone": abbreviation(talent.time_zone)},
        )


def refund_due(booking: Booking) -> None:
    notify(
        to=booking.customer.user, event="refund_due",
        key=f"refund_due:{booking.pk}:{booking.refund_amount}", url=_booking_url(booking),
        context=_customer_context(booking) | {"refund": rupiah(booking.refund_amount)},
    )


def refund_paid(booking: Booking) -> None:
    notify(
        to=booking.customer.user, event="refund_paid", key=f"refund_paid:{booking.pk}:{booking.refund_reference}",
        url=_booking_url(booking),
        context=_customer_context(booking) | {"refund": rupiah(booking.refund_amount),
                                              "reference": booking.refund_reference},
    )


def customer_banned(ban: Ban) -> None:
    customer = ban.customer
    if customer is None:
        return
    notify(
        to=customer.user, event="customer_banned", key=f"customer_banned:{ban.pk}",
        context={"customer": customer, "ban": ban},
    )


def report_during_session(report: Report) -> None:
    """A talent reported abuse while the session runs: urgent for whoever decides reports."""
    notify_staff(
        permission="bookings.change_report", event="report_live", key=f"report_live:{report.pk}", urgent=True,
        url=reverse("admin:bookings_report_change", args=[report.pk]),
        context={"report": report, "booking": report.booking, "talent": report.talent},
    )


def session_moved(booking: Booking, *, moved_from) -> None:
    """The customer moved their session: the talent plans the night by it (Today shows it already)."""
    talent = booking.talent
    if talent.user is None:
        return
    notify(
        to=talent.user, event="talent_session_moved", key=f"talent_session_moved:{booking.pk}",
        url=reverse("workspace:week"),
        context={"talent": talent, "booking": booking, "old_starts": moved_from, "starts": booking.starts_at,
                 "ends": booking.ends_at, "zone": abbreviation(talent.time_zone)},
    )


def cancellation_requested(request) -> None:
    booking = request.booking
    notify_staff(
        permission="bookings.cancel_booking", event="cancellation_requested",
        key=f"cancellation_requested:{request.pk}",
        url=reverse("admin:bookings_cancellationrequest_changelist") + "?status__exact=pending",
        context={"booking": booking, "request": request, "refund": rupiah(request.policy_refund)},
    )


def cancellation_declined(request) -> None:
    booking = request.booking
    notify(
        to=booking.customer.user, event="cancellation_declined", key=f"cancellation_declined:{request.pk}",
        url=_booking_url(booking), context=_customer_context(booking) | {"note": request.decision_note},
    )
