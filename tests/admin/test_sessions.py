"""Sessions: tonight's and upcoming ones with their grant; revoke (end early), cancel, refund."""

from datetime import timedelta

from django.urls import reverse

from bookings.models import Booking, Status
from bookings.models.booking import RefundStatus
from bookings.services import verify_payment
from tests.admin.conftest import waiting_payment
from tests.conftest import wib


def confirmed(customer, talent, package, staff):
    payment = waiting_payment(customer, talent, package)
    verify_payment(payment=payment, staff=staff)
    return Booking.objects.get(pk=payment.booking_id)


def test_tonights_sessions_show_their_grant_state(client, cs_agent, manager, customer, talent, package):
    booking = confirmed(customer, talent, package, manager)
    client.force_login(cs_agent)
    response = client.get(reverse("admin:bookings_booking_changelist") + "?session=tonight")
    assert [b.pk for b in response.context["cl"].result_list] == [booking.pk]
    assert "opens" in response.content.decode()


def test_ending_a_session_early_revokes_the_grant_with_the_reason(client, cs_agent, manager, customer, talent,
                                                                  package, time_machine):
    booking = confirmed(customer, talent, package, manager)
    time_machine.move_to(wib(2026, 12, 1, 22, 20), tick=False)
    client.force_login(cs_agent)
    client.post(reverse("admin:bookings_booking_end_early", args=[booking.pk]), {"reason": "Kata-kata kasar"})
    booking.refresh_from_db()
    assert booking.status == Status.ENDED_EARLY
    assert booking.grant.revoked_by == cs_agent and booking.grant.revoke_reason == "Kata-kata kasar"


def test_end_early_is_offered_only_while_the_session_is_on(client, cs_agent, manager, customer, talent, package,
                                                          time_machine):
    booking = confirmed(customer, talent, package, manager)
    client.force_login(cs_agent)
    page = reverse("admin:bookings_booking_change", args=[booking.pk])
    end_url = reverse("admin:bookings_booking_end_early", args=[booking.pk])
    offered = {}
    for moment in (booking.starts_at - timedelta(minutes=1), booking.starts_at, booking.ends_at):
        time_machine.move_to(moment, tick=False)
        offered[moment] = end_url in client.get(page).content.decode()
    assert list(offered.values()) == [False, True, False]


def test_cancelling_a_confirmed_booking_then_recording_the_refund(client, cs_agent, verifier, manager, customer,
                                                                   talent, package):
    booking = confirmed(customer, talent, package, manager)
    client.force_login(cs_agent)
    client.post(reverse("admin:bookings_booking_cancel", args=[booking.pk]), {"reason": "Talent sakit"})
    booking.refresh_from_db()
    assert (booking.status, booking.refund_status) == (Status.CANCELLED, RefundStatus.DUE)

    client.force_login(verifier)
    client.post(reverse("admin:bookings_booking_refunded", args=[booking.pk]), {"reference": "BCA 123456"})
    booking.refresh_from_db()
    assert (booking.refund_status, booking.refund_reference) == (RefundStatus.REFUNDED, "BCA 123456")


def test_the_booking_page_shows_history_and_the_disclosure_log(client, cs_agent, manager, customer, talent, package,
                                                              time_machine):
    from bookings.contact import customer_numbers_for_talent

    booking = confirmed(customer, talent, package, manager)
    time_machine.move_to(wib(2026, 12, 1, 21, 55), tick=False)
    customer_numbers_for_talent(talent=talent, viewer=talent.user)
    client.force_login(cs_agent)
    page = client.get(reverse("admin:bookings_booking_change", args=[booking.pk])).content.decode()
    assert "Payment verified." in page  # the state history
    assert str(customer.whatsapp) in page and talent.user.username in page  # who saw which number


def test_a_refund_needs_a_reference(client, verifier, manager, customer, talent, package):
    from bookings.services import cancel_booking_by_staff

    booking = confirmed(customer, talent, package, manager)
    cancel_booking_by_staff(booking=booking, staff=manager, reason="x")
    client.force_login(verifier)
    client.post(reverse("admin:bookings_booking_refunded", args=[booking.pk]), {"reference": ""})
    booking.refresh_from_db()
    assert booking.refund_status == RefundStatus.DUE


def test_a_refund_reference_too_long_for_its_column_is_a_message_not_a_500(client, cs_agent, verifier, manager,
                                                                           customer, talent, package):
    booking = confirmed(customer, talent, package, manager)
    client.force_login(cs_agent)
    client.post(reverse("admin:bookings_booking_cancel", args=[booking.pk]), {"reason": "Talent sakit"})
    client.force_login(verifier)
    response = client.post(reverse("admin:bookings_booking_refunded", args=[booking.pk]), {"reference": "x" * 150},
                           follow=True)
    assert response.status_code == 200
    assert any("100" in str(m) for m in response.context["messages"])
    booking.refresh_from_db()
    assert booking.refund_status == RefundStatus.DUE


def test_a_nul_character_in_a_typed_reason_is_dropped_not_a_500(client, cs_agent, manager, customer, talent,
                                                                package):
    booking = confirmed(customer, talent, package, manager)
    client.force_login(cs_agent)
    response = client.post(reverse("admin:bookings_booking_cancel", args=[booking.pk]), {"reason": "Talent\x00 sakit"})
    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.status == Status.CANCELLED
    assert booking.events.last().reason == "Talent sakit"
