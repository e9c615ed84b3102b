"""Random sequences of booking moves, by random people at random times, never leave an illegal state.

Each example runs in its own transaction (hypothesis.extra.django.TestCase), on PostgreSQL.
"""

from __future__ import annotations

import base64
import sys
from collections import Counter
from datetime import timedelta

from django.core.files.base import ContentFile
from hypothesis import example, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from bookings.errors import BookingError
from bookings.models import Booking, BookingEvent, CancellationRequest, ContactGrant, Payment, Status
from bookings.models.booking import HOLDING
from bookings.services import (
    accept_rules,
    cancel_booking_by_customer,
    cancel_booking_by_staff,
    complete_finished_sessions,
    create_booking,
    decide_cancellation,
    end_session_early,
    expire_overdue_bookings,
    reject_payment,
    request_cancellation,
    reschedule_booking,
    submit_payment,
    verify_payment,
)
from bookings.services.transitions import ALLOWED
from tests.conftest import wib
from tests.factories import CustomerFactory, PackageFactory, TalentFactory, UserFactory, every_night

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)
START = wib(2026, 12, 1, 12)
TONIGHT = wib(2026, 12, 1, 21)
EXAMPLES = 120
examples_run = {"transitions": 0}
moves: Counter = Counter()  # (action, "done" | "refused"): what the examples really did

# A start: night 0..2 from START's day, 21:00 + k×30 min (the talents' window is 21:00–02:00).
starts = st.tuples(st.integers(0, 2), st.integers(0, 9)).map(
    lambda nk: wib(2026, 12, 1 + nk[0], 21) + timedelta(minutes=30 * nk[1]))
# Who acts, seen from the booking: 0 its customer, 1 the other customer, 2 its talent, 3 the other talent,
# 4 staff. The booking's own customer acts most often, so sequences get past the first step.
people = st.sampled_from([0, 0, 0, 0, 0, 0, 1, 2, 3, 4])
steps = st.lists(
    st.tuples(
        st.sampled_from(["create", "pay", "pay", "verify", "verify", "reject", "cancel", "staff_cancel", "expire",
                         "complete", "end_early", "reschedule", "request_cancellation", "decide_cancellation"]),
        st.sampled_from([-1, -1, -1, 0, 1]),  # which booking: mostly the latest
        people,
        starts,
        st.sampled_from([0, 1, 5, 10, 20, 45, 90, 240, 540]),  # minutes the clock moves before the step
    ),
    min_size=1, max_size=12,
)


def snapshot():
    """Everything a refused move must leave as it was."""
    return (
        list(Booking.objects.order_by("pk").values_list("pk", "status", "starts_at", "ends_at", "refund_status")),
        list(Payment.objects.order_by("pk").values_list("pk", "status")),
        list(ContactGrant.objects.order_by("pk").values_list("pk", "starts_at", "ends_at", "revoked_at")),
        list(CancellationRequest.objects.order_by("pk").values_list("pk", "status")),
        BookingEvent.objects.count(),
    )


class BookingMovesTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.talents = [TalentFactory(), TalentFactory()]
        for talent in cls.talents:
            every_night(talent)
        cls.package = PackageFactory(offered_by=cls.talents, duration_minutes=60)
        cls.customers = [CustomerFactory(), CustomerFactory()]
        cls.staff = UserFactory(is_staff=True, is_superuser=True)

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        actions = sorted({a for a, _ in moves})
        sys.__stdout__.write(f"\nbooking moves: {examples_run['transitions']} examples; done/refused/skipped: "
                             + " ".join(f"{a}={moves[a, 'done']}/{moves[a, 'refused']}/{moves[a, 'skipped']}"
                                        for a in actions) + "\n")

    def _customer(self, person: int, booking: Booking | None = None):
        if booking is None:
            return self.customers[person % 2]
        other = next(c for c in self.customers if c.pk != booking.customer_id)
        return booking.customer if person == 0 else other

    def _user(self, person: int, booking: Booking):
        other_talent = next(t for t in self.talents if t.pk != booking.talent_id)
        return {0: booking.talent.user, 1: self._customer(1, booking).user, 2: booking.talent.user,
                3: other_talent.user, 4: self.staff}[person]

    def _do(self, action, booking, person, starts_at, at):
        """One move; returns quietly when the move does not apply (no booking or payment yet)."""
        if action == "create":
            talent = self.talents[person % 2]
            customer = self._customer(person)
            made = create_booking(customer=customer, talent=talent, package=self.package, starts_at=starts_at, at=at)
            accept_rules(booking=made, customer=customer, at=at)
            return "done"
        if action == "expire":
            expire_overdue_bookings(at=at)
            return "done"
        if action == "complete":
            complete_finished_sessions(at=at)
            return "done"
        if booking is None:
            return "skipped"
        payment = booking.payments.order_by("-pk").first()
        if action in ("verify", "reject", "decide_cancellation") and payment is None:
            return "skipped"
        if action == "pay":
            submit_payment(booking=booking, customer=self._customer(person, booking), bank="BCA", sender_name="Budi",
                           amount_claimed=booking.amount_due, proof=ContentFile(PNG + bytes([person]), name="b.png"),
                           at=at)
        elif action == "verify" and payment is not None:
            verify_payment(payment=payment, staff=self.staff, at=at)
        elif action == "reject" and payment is not None:
            reject_payment(payment=payment, staff=self.staff, reason="wrong_amount", at=at)
        elif action == "cancel":
            cancel_booking_by_customer(booking=booking, customer=self._customer(person, booking), at=at)
        elif action == "staff_cancel":
            cancel_booking_by_staff(booking=booking, staff=self.staff, reason="Permintaan pelanggan", at=at)
        elif action == "end_early":
            end_session_early(booking=booking, by=self._user(person, booking), reason="Pelanggan tertidur", at=at)
        elif action == "reschedule":
            reschedule_booking(booking=booking, customer=self._customer(person, booking), starts_at=starts_at, at=at)
        elif action == "request_cancellation":
            request_cancellation(booking=booking, customer=self._customer(person, booking), reason="Sakit", at=at)
        elif action == "decide_cancellation":
            request = booking.cancellation_requests.order_by("-pk").first()
            if request is None:
                return "skipped"
            decide_cancellation(request=request, staff=self.staff, approve=person % 2 == 0, note="Tidak bisa",
                                at=at)
        return "done"

    def check_invariants(self, at):
        for booking in Booking.objects.all():
            assert booking.status in Status.values
        for event in BookingEvent.objects.exclude(from_status=""):
            if event.from_status != event.to_status:
                assert event.to_status in ALLOWED.get(event.from_status, ()), (event.from_status, event.to_status)
        for talent in self.talents:
            holding = list(Booking.objects.filter(talent=talent, status__in=HOLDING).order_by("starts_at"))
            for first, second in zip(holding, holding[1:], strict=False):
                assert first.ends_at <= second.starts_at, f"two slot-holding bookings overlap: {first.pk}, {second.pk}"
        for grant in ContactGrant.objects.select_related("booking"):
            confirmed_once = BookingEvent.objects.filter(booking=grant.booking, to_status=Status.CONFIRMED).exists()
            assert confirmed_once, f"grant {grant.pk} of a booking never confirmed"
            open_now = grant.revoked_at is None and grant.ends_at > at
            if open_now:
                assert grant.booking.status == Status.CONFIRMED, (grant.pk, grant.booking.status)

    @settings(max_examples=EXAMPLES)
    # The paths that matter most, always tried besides the random ones: a confirmed booking cancelled by
    # its customer (refused), ended early by its talent inside the session, moved, and asked to be cancelled.
    @example(first=TONIGHT, reached=["pay", "verify"], steps=[("cancel", -1, 0, TONIGHT, 0)])
    @example(first=TONIGHT, reached=["pay", "verify"], steps=[("end_early", -1, 2, TONIGHT, 540),
                                                             ("end_early", -1, 3, TONIGHT, 0)])
    @example(first=TONIGHT, reached=["pay", "verify"], steps=[
        ("reschedule", -1, 0, TONIGHT + timedelta(days=1), 0), ("request_cancellation", -1, 0, TONIGHT, 5),
        ("decide_cancellation", -1, 0, TONIGHT, 5), ("complete", -1, 0, TONIGHT, 540)])
    @given(first=starts, reached=st.sampled_from([[], ["pay"], ["pay", "verify"]]), steps=steps)
    def test_moves_keep_the_rules(self, first, reached, steps):
        examples_run["transitions"] += 1
        at = START
        for action, which, person, starts_at, minutes in [
            ("create", 0, 0, first, 0), *((move, -1, 0, first, 1) for move in reached), *steps
        ]:
            at += timedelta(minutes=minutes)
            bookings = list(Booking.objects.order_by("pk"))
            booking = bookings[which] if len(bookings) > which >= -len(bookings) else None
            before = snapshot()
            try:
                moves[action, self._do(action, booking, person, starts_at, at)] += 1
            except BookingError:
                moves[action, "refused"] += 1
                assert snapshot() == before, f"{action} was refused but changed the state"
            self.check_invariants(at)
