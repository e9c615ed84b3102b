"""The life cycle: each legal move once, each repeat harmless, each illegal move a domain error."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import Permission
from django.db import IntegrityError, connection, transaction

from bookings import services
from bookings.errors import (
    IllegalTransition,
    NotPermitted,
    PartialPayment,
    PaymentDeadlinePassed,
    ReasonRequired,
    RulesNotAccepted,
    SessionNotStarted,
    SessionOver,
    SlotTaken,
)
from bookings.models import Booking, BookingEvent, ContactGrant, Payment, Status
from bookings.models.payment import PaymentStatus
from bookings.services.transitions import ALLOWED, can_move
from tests.bookings.helpers import PNG, book, confirm, pay
from tests.conftest import wib
from tests.factories import UserFactory

NOON = wib(2026, 11, 23, 12)
TONIGHT = wib(2026, 11, 23, 22)


@pytest.fixture(autouse=True)
def frozen_noon():
    with time_machine.travel(NOON, tick=False) as traveller:
        yield traveller


@pytest.fixture
def booking(customer, talent, package):
    return book(customer, talent, package, TONIGHT)


def statuses(booking: Booking) -> list[tuple[str, str]]:
    return list(booking.events.values_list("from_status", "to_status"))


def test_the_table_of_moves_matches_the_life_cycle():
    assert ALLOWED == {
        "awaiting_payment": {"payment_submitted", "expired", "cancelled"},
        "payment_submitted": {"confirmed", "awaiting_payment", "cancelled", "expired"},
        "confirmed": {"completed", "ended_early", "cancelled"},
    }
    for final in ("completed", "expired", "cancelled", "ended_early"):
        assert not any(can_move(final, target) for target in Status.values)


# awaiting_payment → payment_submitted

def test_paying_needs_the_rules_accepted_first(booking):
    with pytest.raises(RulesNotAccepted):
        services.submit_payment(
            booking=booking, customer=booking.customer, bank="BCA", sender_name="Budi",
            amount_claimed=booking.amount_due, proof=_file(),
        )


def test_accepting_the_rules_stores_the_version_and_time(booking, settings):
    services.accept_rules(booking=booking, customer=booking.customer)
    booking.refresh_from_db()
    assert booking.rules_version == settings.SLEEPCALL_RULES_VERSION
    assert booking.rules_accepted_at == NOON


def test_submitting_a_proof_waits_for_staff_and_stores_its_fingerprint(booking):
    payment = pay(booking)
    booking.refresh_from_db()
    assert booking.status == Status.PAYMENT_SUBMITTED
    assert len(payment.proof_sha256) == 64
    assert statuses(booking)[-1] == ("awaiting_payment", "payment_submitted")


def test_submitting_the_same_proof_twice_changes_nothing(booking):
    first = pay(booking)
    second = pay(booking)
    assert first.pk == second.pk
    assert Payment.objects.count() == 1
    assert len(statuses(booking)) == 2


def test_a_different_proof_while_one_waits_is_refused(booking):
    pay(booking)
    with pytest.raises(IllegalTransition):
        pay(booking, content=PNG + b"other")


def test_a_customer_cannot_pay_someone_elses_booking(booking, other_customer):
    with pytest.raises(NotPermitted):
        services.submit_payment(
            booking=booking, customer=other_customer, bank="BCA", sender_name="x",
            amount_claimed=1, proof=_file(),
        )


def test_paying_after_the_deadline_is_refused(booking, frozen_noon):
    services.accept_rules(booking=booking, customer=booking.customer)
    frozen_noon.shift(timedelta(minutes=60))
    with pytest.raises(PaymentDeadlinePassed):
        pay(booking)


# payment_submitted → confirmed / awaiting_payment

def test_verifying_confirms_and_issues_the_grant_in_one_go(booking, staff):
    payment = pay(booking)
    services.verify_payment(payment=payment, staff=staff)
    booking.refresh_from_db()
    payment.refresh_from_db()
    assert booking.status == Status.CONFIRMED
    assert (payment.status, payment.decided_by, payment.decided_at) == (PaymentStatus.VERIFIED, staff, NOON)
    grant = ContactGrant.objects.get(booking=booking)
    assert (grant.starts_at, grant.ends_at, grant.channels) == (booking.starts_at, booking.ends_at, "call+chat")
    assert grant.issued_by == staff
    assert BookingEvent.objects.filter(booking=booking, to_status="confirmed", actor=staff).count() == 1


def test_verifying_twice_changes_nothing_and_tells_who_verified(booking, staff):
    payment = pay(booking)
    services.verify_payment(payment=payment, staff=staff)
    someone_else = UserFactory(is_staff=True, is_superuser=True)
    again = services.verify_payment(payment=payment, staff=someone_else)
    assert again.decided_by == staff
    assert ContactGrant.objects.count() == 1
    assert BookingEvent.objects.filter(to_status="confirmed").count() == 1


def test_a_partial_payment_needs_a_managers_override_with_a_reason(booking, staff):
    payment = pay(booking, amount=booking.amount_due - 1000)
    with pytest.raises(PartialPayment):
        services.verify_payment(payment=payment, staff=staff)
    verifier = UserFactory(is_staff=True)
    with pytest.raises(NotPermitted):
        services.verify_payment(payment=payment, staff=verifier, override_reason="sent the rest in cash")
    manager = UserFactory(is_staff=True)
    manager.user_permissions.add(Permission.objects.get(codename="override_partial_payment"))
    manager = type(manager).objects.get(pk=manager.pk)
    services.verify_payment(payment=payment, staff=manager, override_reason="rest paid by second transfer")
    payment.refresh_from_db()
    assert payment.override_reason == "rest paid by second transfer"


def test_an_over_payment_records_the_refund_due(booking, staff):
    payment = pay(booking, amount=booking.amount_due + 5000)
    services.verify_payment(payment=payment, staff=staff)
    booking.refresh_from_db()
    assert (booking.refund_status, booking.refund_amount) == ("due", 5000)


def test_cancelling_after_the_over_payment_was_refunded_owes_only_the_rest(booking, staff):
    payment = pay(booking, amount=booking.amount_due + 5000)
    services.verify_payment(payment=payment, staff=staff)
    services.mark_refunded(booking=booking, staff=staff, reference="BCA 111")
    services.cancel_booking_by_staff(booking=booking, staff=staff, reason="talent ill")
    booking.refresh_from_db()
    assert (booking.refund_status, booking.refund_amount, booking.refund_reference) == ("due", booking.amount_due, "")
    assert booking.events.filter(reason__contains="BCA 111").exists()  # the first refund stays on record


@pytest.mark.parametrize("swept", [False, True], ids=["before the sweep", "after the sweep"])
def test_a_session_that_is_over_cannot_be_cancelled_whether_or_not_the_sweep_ran(booking, staff, frozen_noon, swept):
    confirm(booking, staff)
    frozen_noon.move_to(booking.ends_at + timedelta(minutes=1))
    if swept:
        services.complete_finished_sessions()
    with pytest.raises((SessionOver, IllegalTransition)):
        services.cancel_booking_by_staff(booking=booking, staff=staff, reason="late")
    booking.refresh_from_db()
    assert booking.status in (Status.CONFIRMED, Status.COMPLETED) and booking.refund_status == ""


@pytest.mark.skipif(connection.vendor == "postgresql", reason="the exclusion constraint forbids building this state")
def test_verifying_never_creates_an_overlap(booking, staff, other_customer, talent, package, frozen_noon):
    """If the slot ever went to someone else before staff got to the proof, verifying refuses.

    The services never let this happen (a submitted payment keeps its slot); the state is forced by
    hand to prove the re-check under the lock, which is all SQLite has.
    """
    payment = pay(booking)
    Booking.objects.filter(pk=booking.pk).update(status=Status.EXPIRED)
    rival = book(other_customer, talent, package, TONIGHT)
    Booking.objects.filter(pk=booking.pk).update(status=Status.PAYMENT_SUBMITTED)
    with pytest.raises(SlotTaken):
        services.verify_payment(payment=payment, staff=staff)
    booking.refresh_from_db()
    assert booking.status == Status.PAYMENT_SUBMITTED
    assert not ContactGrant.objects.exists()
    assert rival.status == Status.AWAITING_PAYMENT


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the exclusion constraint is PostgreSQL's")
def test_the_database_refuses_two_holding_bookings_of_one_talent_that_overlap(booking, other_customer, talent, package):
    Booking.objects.filter(pk=booking.pk).update(status=Status.EXPIRED)
    book(other_customer, talent, package, TONIGHT + timedelta(minutes=30))
    with pytest.raises(IntegrityError, match="booking_no_overlap_per_talent"), transaction.atomic():
        Booking.objects.filter(pk=booking.pk).update(status=Status.AWAITING_PAYMENT)


def test_a_session_already_over_is_never_confirmed_only_its_money_settled(booking, staff, frozen_noon):
    payment = pay(booking)
    frozen_noon.move_to(TONIGHT + timedelta(hours=1))
    services.verify_payment(payment=payment, staff=staff)
    booking.refresh_from_db()
    assert (booking.status, booking.refund_status, booking.refund_amount) == ("expired", "due", booking.amount_due)
    assert not ContactGrant.objects.filter(booking=booking).exists()


def test_rejecting_sends_the_booking_back_with_the_reason_and_a_new_deadline(booking, staff, frozen_noon):
    payment = pay(booking)
    frozen_noon.shift(timedelta(minutes=50))
    services.reject_payment(payment=payment, staff=staff, reason="wrong_amount", note="Rp 100.000 only")
    booking.refresh_from_db()
    payment.refresh_from_db()
    assert booking.status == Status.AWAITING_PAYMENT
    assert booking.payment_deadline == NOON + timedelta(minutes=110)
    assert (payment.status, payment.rejection_reason) == ("rejected", "wrong_amount")
    assert payment.rejection_note == "Rp 100.000 only"
    assert booking.events.last().reason.endswith("Rp 100.000 only")


def test_rejecting_twice_changes_nothing(booking, staff):
    payment = pay(booking)
    services.reject_payment(payment=payment, staff=staff, reason="unreadable")
    services.reject_payment(payment=payment, staff=staff, reason="unreadable")
    assert BookingEvent.objects.filter(to_status="awaiting_payment", from_status="payment_submitted").count() == 1


def test_rejecting_needs_a_reason(booking, staff):
    payment = pay(booking)
    with pytest.raises(ReasonRequired):
        services.reject_payment(payment=payment, staff=staff, reason="")
    with pytest.raises(ReasonRequired):
        services.reject_payment(payment=payment, staff=staff, reason="other", note=" ")


def test_after_a_rejection_the_customer_can_upload_again(booking, staff):
    services.reject_payment(payment=pay(booking), staff=staff, reason="unreadable")
    second = pay(booking, content=PNG + b"clearer")
    booking.refresh_from_db()
    assert booking.status == Status.PAYMENT_SUBMITTED
    assert second.status == PaymentStatus.SUBMITTED


def test_a_verified_payment_cannot_be_rejected(booking, staff):
    payment = pay(booking)
    services.verify_payment(payment=payment, staff=staff)
    with pytest.raises(IllegalTransition):
        services.reject_payment(payment=payment, staff=staff, reason="fake")


def test_a_rejected_payment_cannot_be_verified(booking, staff):
    payment = pay(booking)
    services.reject_payment(payment=payment, staff=staff, reason="fake")
    with pytest.raises(IllegalTransition):
        services.verify_payment(payment=payment, staff=staff)


# → cancelled

def test_a_customer_cancels_before_paying(booking):
    services.cancel_booking_by_customer(booking=booking, customer=booking.customer)
    services.cancel_booking_by_customer(booking=booking, customer=booking.customer)
    booking.refresh_from_db()
    assert booking.status == Status.CANCELLED
    assert statuses(booking)[-1] == ("awaiting_payment", "cancelled")
    assert len(statuses(booking)) == 2


def test_a_customer_cannot_cancel_once_paid(booking):
    pay(booking)
    with pytest.raises(IllegalTransition):
        services.cancel_booking_by_customer(booking=booking, customer=booking.customer)


def test_a_customer_cannot_cancel_someone_elses_booking(booking, other_customer):
    with pytest.raises(NotPermitted):
        services.cancel_booking_by_customer(booking=booking, customer=other_customer)


def test_staff_cancel_a_confirmed_booking_with_a_refund_due_and_the_grant_revoked(booking, staff):
    confirm(booking, staff)
    services.cancel_booking_by_staff(booking=booking, staff=staff, reason="talent is ill")
    booking.refresh_from_db()
    assert booking.status == Status.CANCELLED
    assert (booking.refund_status, booking.refund_amount) == ("due", booking.amount_due)
    grant = ContactGrant.objects.get(booking=booking)
    assert (grant.revoked_at, grant.revoked_by, grant.revoke_reason) == (NOON, staff, "talent is ill")


def test_staff_cancelling_an_unpaid_booking_owes_no_refund(booking, staff):
    services.cancel_booking_by_staff(booking=booking, staff=staff, reason="duplicate")
    booking.refresh_from_db()
    assert booking.refund_status == ""


def test_refunding_records_the_reference_once(booking, staff):
    confirm(booking, staff)
    services.cancel_booking_by_staff(booking=booking, staff=staff, reason="talent is ill")
    services.mark_refunded(booking=booking, staff=staff, reference="BCA-123")
    services.mark_refunded(booking=booking, staff=staff, reference="BCA-456")
    booking.refresh_from_db()
    assert (booking.refund_status, booking.refund_reference) == ("refunded", "BCA-123")


def test_refunding_without_a_refund_due_is_illegal(booking, staff):
    with pytest.raises(IllegalTransition):
        services.mark_refunded(booking=booking, staff=staff, reference="x")


# confirmed → ended_early / completed

def test_the_talent_ends_their_session_early_and_the_grant_stops_at_once(booking, staff, talent, frozen_noon):
    confirm(booking, staff)
    frozen_noon.move_to(TONIGHT + timedelta(minutes=20))
    services.end_session_early(booking=booking, by=talent.user, reason="rude")
    services.end_session_early(booking=booking, by=talent.user, reason="rude")
    booking.refresh_from_db()
    assert booking.status == Status.ENDED_EARLY
    assert booking.grant.revoked_at == TONIGHT + timedelta(minutes=20)
    assert not ContactGrant.objects.active().exists()
    assert BookingEvent.objects.filter(to_status="ended_early").count() == 1


def test_another_talent_cannot_end_the_session(booking, staff, other_talent):
    confirm(booking, staff)
    with pytest.raises(NotPermitted):
        services.end_session_early(booking=booking, by=other_talent.user, reason="x")


def test_ending_early_needs_a_reason(booking, staff, talent):
    confirm(booking, staff)
    with pytest.raises(ReasonRequired):
        services.end_session_early(booking=booking, by=talent.user, reason="")


def test_ending_a_session_that_is_over_is_refused(booking, staff, talent, frozen_noon):
    confirm(booking, staff)
    frozen_noon.move_to(TONIGHT + timedelta(hours=1))
    with pytest.raises(SessionOver):
        services.end_session_early(booking=booking, by=talent.user, reason="x")


def test_a_session_that_has_not_begun_cannot_end_early_it_is_cancelled_instead(booking, staff, frozen_noon):
    confirm(booking, staff)
    frozen_noon.move_to(TONIGHT - timedelta(seconds=1))
    with pytest.raises(SessionNotStarted):
        services.end_session_early(booking=booking, by=staff, reason="x")
    booking.refresh_from_db()
    assert booking.status == Status.CONFIRMED and booking.grant.revoked_at is None


def test_an_unconfirmed_booking_cannot_end_early(booking, staff):
    with pytest.raises(IllegalTransition):
        services.end_session_early(booking=booking, by=staff, reason="x")


@pytest.mark.parametrize("final", ["expired", "cancelled"])
def test_nothing_moves_out_of_a_final_state(booking, staff, final, frozen_noon):
    if final == "expired":
        frozen_noon.shift(timedelta(hours=2))
        services.expire_overdue_bookings()
    else:
        services.cancel_booking_by_customer(booking=booking, customer=booking.customer)
    booking.refresh_from_db()
    assert booking.status == final
    with pytest.raises((IllegalTransition, PaymentDeadlinePassed)):
        pay(booking)
    with pytest.raises(IllegalTransition):
        services.end_session_early(booking=booking, by=staff, reason="x")


def test_an_illegal_move_leaves_no_trace(booking, staff):
    before = statuses(booking)
    with pytest.raises(IllegalTransition):
        services.end_session_early(booking=booking, by=staff, reason="x")
    booking.refresh_from_db()
    assert booking.status == Status.AWAITING_PAYMENT
    assert statuses(booking) == before


def test_the_error_message_names_both_states(booking, staff):
    with pytest.raises(IllegalTransition) as error:
        services.end_session_early(booking=booking, by=staff, reason="x")
    assert "Awaiting payment" in str(error.value) or "Menunggu" in str(error.value)


def test_history_is_append_only(booking):
    event = booking.events.first()
    event.reason = "rewritten"
    with pytest.raises(Exception, match="append-only"):
        event.save()
    with pytest.raises(Exception, match="append-only"):
        event.delete()


def _file():
    from django.core.files.base import ContentFile

    return ContentFile(PNG, name="p.png")
