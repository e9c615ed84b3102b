"""A booking's status in plain words, what happens next, and which actions make sense now."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from bookings.models import Booking, Customer, Payment, Report, Status
from bookings.models.booking import RefundStatus
from bookings.models.grant import goodbye_grace
from bookings.models.payment import PaymentStatus
from bookings.models.report import ReportStatus
from bookings.money import rupiah
from bookings.services.payment import missing_amount
from bookings.templatetags.sleepcall import clock, moment
from sleepcall.compiled import CompiledRead


@dataclass
class BookingState:
    label: str
    next_step: str
    tone: str = "info"  # info | ok | warn | done
    can_pay: bool = False
    can_cancel: bool = False
    can_rebook: bool = False
    in_session: bool = False
    rejection: Payment | None = None
    top_up: int = 0  # rupiah still missing from the waiting proofs: the customer may send the rest
    rebook_url: str = ""


@dataclass(frozen=True)
class RebookRules:
    """Whether this customer may book a talent again: never while banned or while that talent's report is open."""

    banned: bool = False
    reported_by: frozenset[int] = frozenset()

    @classmethod
    def for_customer(cls, customer: Customer) -> RebookRules:
        """Two queries for a whole list of bookings."""
        reported = _reports_under_review(customer.pk)
        return cls(banned=customer.is_banned, reported_by=frozenset(report.talent_id for report in reported))

    def allows(self, talent_id: int) -> bool:
        return not self.banned and talent_id not in self.reported_by


def _under_review(customer_id: int):
    return Report.objects.filter(customer_id=customer_id, status=ReportStatus.UNDER_REVIEW)


# Asked on every list of a customer's bookings: compiled once per process.
_reports_under_review = CompiledRead(Report, _under_review, (-7_000_000_001,))


def last_payment(booking: Booking) -> Payment | None:
    """From prefetched payments when there are, so a list stays at a constant number of queries."""
    payments = list(booking.payments.all())
    return payments[-1] if payments else None


def describe(
    booking: Booking, *, at: datetime, payment: Payment | None, rules: RebookRules | None = None,
    payments: list[Payment] | None = None,
) -> BookingState:
    """`payments`: all the booking's transfers, when the caller read them for a whole list."""
    state = _describe(booking, at=at, payment=payment, banned=bool(rules and rules.banned), payments=payments)
    if state.can_rebook and rules is not None and not rules.allows(booking.talent_id):
        state.can_rebook = False
    if state.can_rebook:
        state.rebook_url = rebook_url(booking)
    return state


def _describe(
    booking: Booking, *, at: datetime, payment: Payment | None, banned: bool, payments: list[Payment] | None = None,
) -> BookingState:
    status = booking.status
    if status == Status.EXPIRED or (status == Status.AWAITING_PAYMENT and booking.payment_deadline <= at):
        return BookingState(
            _("Payment time is over"),
            _("The slot was released because no transfer proof arrived in time.") if banned
            else _("The slot was released because no transfer proof arrived in time. You can book again."),
            tone="done", can_rebook=True,
        )
    if status == Status.AWAITING_PAYMENT:
        rejected = payment if payment is not None and payment.status == PaymentStatus.REJECTED else None
        deadline = moment(booking.payment_deadline)
        if rejected is not None:
            return BookingState(
                _("Transfer proof not accepted"),
                _("Please check the reason below and upload a new proof before %(deadline)s.") % {"deadline": deadline},
                tone="warn", can_pay=True, can_cancel=True, rejection=rejected,
            )
        return BookingState(
            _("Waiting for your transfer"),
            _("Transfer exactly %(amount)s before %(deadline)s, then upload the proof.")
            % {"amount": rupiah(booking.amount_due), "deadline": deadline},
            tone="warn", can_pay=True, can_cancel=True,
        )
    if status == Status.PAYMENT_SUBMITTED:
        missing = missing_amount(booking, payments)
        if missing:
            return BookingState(
                _("Your transfer is short"),
                _("Your proof is %(missing)s short of the %(due)s due. Send the rest and upload it as a top-up: "
                  "we add the two together.") % {"missing": rupiah(missing), "due": rupiah(booking.amount_due)},
                tone="warn", top_up=missing,
            )
        return BookingState(
            _("We are verifying your transfer"),
            _("Our team checks it against the bank, usually within minutes. We will e-mail you when it is confirmed."),
        )
    if status == Status.CONFIRMED:
        if at < booking.starts_at:
            return BookingState(
                _("Confirmed"),
                _("Your session starts %(start)s. The talent's WhatsApp appears on the session page at that time.")
                % {"start": moment(booking.starts_at)},
                tone="ok",
            )
        if at < booking.ends_at:
            return BookingState(
                _("Your session is on now"),
                _("You write first: send the message below, then talk until %(end)s, using only the channels "
                  "in your package.") % {"end": clock(booking.ends_at)},
                tone="ok", in_session=True,
            )
        return _finished(booking, at, banned)
    if status == Status.COMPLETED:
        return _finished(booking, at, banned)
    if status == Status.ENDED_EARLY:
        return BookingState(
            _("Ended early"),
            _("This session was ended before its time. If you think this is wrong, contact the admin team."),
            tone="done", can_rebook=True,
        )
    # Cancelled
    if booking.refund_status == RefundStatus.DUE:
        step = _("We will refund %(amount)s to you.") % {"amount": rupiah(booking.refund_amount)}
    elif booking.refund_status == RefundStatus.REFUNDED:
        step = _("We refunded %(amount)s (reference %(reference)s).") % {
            "amount": rupiah(booking.refund_amount), "reference": booking.refund_reference,
        }
    elif banned:
        step = _("Nothing more to do.")
    else:
        step = _("Nothing more to do. You can book again any time.")
    return BookingState(_("Cancelled"), step, tone="done", can_rebook=True)


def _finished(booking: Booking, at: datetime, banned: bool = False) -> BookingState:
    if at < booking.ends_at + goodbye_grace():
        # The goodbye grace: the talent still sees the customer's number; the customer has no channel.
        step = (
            _("%(talent)s will say goodbye and then block your number.") if banned
            else _("%(talent)s will say goodbye and then block your number. To talk again, book a new session here.")
        )
        return BookingState(
            _("Your session is over"), step % {"talent": booking.talent.display_name}, tone="done", can_rebook=True,
        )
    step = (
        _("We hope you slept well. The talent has blocked your number again.") if banned
        else _("We hope you slept well. The talent has blocked your number again; to talk again, book a new session.")
    )
    return BookingState(_("Finished"), step, tone="done", can_rebook=True)


def rebook_url(booking: Booking) -> str:
    """Book again with the same package, and the same start time picked when it is free that night."""
    query = {"package": booking.package_id, "at": formats.date_format(timezone.localtime(booking.starts_at), "H:i")}
    return reverse("book", kwargs={"slug": booking.talent.slug}) + "?" + urlencode(query)
