"""Random sequences of booking moves, by random people at random times, never leave an illegal state.

Each example runs in its own transaction (hypothesis.extra.django.TestCase), on PostgreSQL.
"""

from __future__ import annotations

import base64
from datetime import timedelta

from django.core.files.base import ContentFile
from hypothesis import given, settings
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
EXAMPLES = 60
examples_run = {"transitions": 0}

# A start: night 0..2 from START's day, 21:00 + k×30 min (the talents' window is 21:00–02:00).
starts = st.tuples(st.integers(0, 2), st.integers(0, 9)).map(
    lambda nk: wib(2026, 12, 1 + nk[0], 21) + timedelta(minutes=30 * nk[1]))
people = st.integers(0, 4)  # customer, other customer, talent, other talent, staff
steps = st.lists(
    st.tuples(
        st.sampled_from(["create", "pay", "verify", "reject", "cancel", "staff_cancel", "expire", "complete",
                         "end_early", "reschedule", "request_cancellation", "decide_cancellation"]),
        st.integers(0, 3),  # which booking (of those made so far)
        people,
        starts,
        st.integers(0, 240),  # minutes the clock moves before the step
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

    def _user(self, person: int):
        return [self.customers[0].user, self.customers[1].user, self.talents[0].user, self.talents[1].user,
                self.staff][person]

    def _customer(self, person: int):
        return self.customers[person % 2]

    def _do(self, action, booking, person, starts_at, at):
        """One move; returns quietly when the move does not apply (no booking or payment yet)."""
        if action == "create":
            talent = self.talents[person % 2]
            customer = self._customer(person)
            made = create_booking(customer=customer, talent=talent, package=self.package, starts_at=starts_at, at=at)
            accept_rules(booking=made, customer=customer, at=at)
            return
        if action == "expire":
            expire_overdue_bookings(at=at)
            return
        if action == "complete":
            complete_finished_sessions(at=at)
            return
        if booking is None:
            return
        payment = booking.payments.order_by("-pk").first()
        if action == "pay":
            submit_payment(booking=booking, customer=self._customer(person), bank="BCA", sender_name="Budi",
                           amount_claimed=booking.amount_due, proof=ContentFile(PNG + bytes([person]), name="b.png"),
                           at=at)
        elif action == "verify" and payment is not None:
            verify_payment(payment=payment, staff=self.staff, at=at)
        elif action == "reject" and payment is not None:
            reject_payment(payment=payment, staff=self.staff, reason="wrong_amount", at=at)
        elif action == "cancel":
            cancel_booking_by_customer(booking=booking, customer=self._customer(person), at=at)
        elif action == "staff_cancel":
            cancel_booking_by_staff(booking=booking, staff=self.staff, reason="Permintaan pelanggan", at=at)
        elif action == "end_early":
            end_session_early(booking=booking, by=self._user(person), reason="Pelanggan tertidur", at=at)
        elif action == "reschedule":
            reschedule_booking(booking=booking, customer=self._customer(person), starts_at=starts_at, at=at)
        elif action == "request_cancellation":
            request_cancellation(booking=booking, customer=self._customer(person), reason="Sakit", at=at)
        elif action == "decide_cancellation":
            request = booking.cancellation_requests.order_by("-pk").first()
            if request is not None:
                decide_cancellation(request=request, staff=self.staff, approve=person % 2 == 0, note="Tidak bisa",
                                    at=at)

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
    @given(steps=steps)
    def test_moves_keep_the_rules(self, steps):
        examples_run["transitions"] += 1
        at = START
        for action, which, person, starts_at, minutes in steps:
            at += timedelta(minutes=minutes)
            bookings = list(Booking.objects.order_by("pk"))
            booking = bookings[which % len(bookings)] if bookings else None
            before = snapshot()
            try:
                self._do(action, booking, person, starts_at, at)
            except BookingError:
                assert snapshot() == before, f"{action} was refused but changed the state"
            self.check_invariants(at)
