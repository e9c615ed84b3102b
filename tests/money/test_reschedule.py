"""A customer moves a paid session once, up to SLEEPCALL_RESCHEDULE_MIN_HOURS before it starts."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
import time_machine
from django.db import connection, connections
from django.urls import reverse

from bookings import services
from bookings.errors import AlreadyRescheduled, RescheduleWindowClosed, SlotTaken, SlotUnavailable
from bookings.models import Booking, BookingEvent, ContactGrant, Payment, Status
from notifications.models import Notification
from tests.conftest import wib
from tests.factories import CustomerFactory
from tests.money.conftest import NOW, START, confirmed

TONIGHT = wib(2026, 12, 1, 23)  # a free start tonight, 11 hours from noon


def test_moving_keeps_the_payment_and_moves_the_grant_and_writes_who_moved_it_from_when_to_when(session, customer):
    payment = Payment.objects.get(booking=session)
    services.reschedule_booking(booking=session, customer=customer, starts_at=TONIGHT)
    session.refresh_from_db()
    grant = ContactGrant.objects.get(booking=session)
    assert (session.starts_at, session.ends_at) == (TONIGHT, TONIGHT + timedelta(hours=1))
    assert (grant.starts_at, grant.ends_at) == (session.starts_at, session.ends_at)
    assert session.status == Status.CONFIRMED and Payment.objects.get(booking=session).status == payment.status
    event = BookingEvent.objects.get(booking=session, moved_to__isnull=False)
    assert (event.actor, event.moved_from, event.moved_to) == (customer.user, START, TONIGHT)


def test_the_talents_today_shows_the_moved_session(client, session, customer, talent):
    client.force_login(talent.user)
    assert f'id="session-{session.pk}"' not in client.get(reverse("workspace:today")).content.decode()
    services.reschedule_booking(booking=session, customer=customer, starts_at=TONIGHT)
    body = client.get(reverse("workspace:today")).content.decode()
    assert f'id="session-{session.pk}"' in body and "23:00–00:00" in body


def test_the_talent_is_told_the_new_time(session, customer, talent):
    services.reschedule_booking(booking=session, customer=customer, starts_at=TONIGHT)
    message = Notification.objects.get(recipient=talent.user, event="talent_session_moved", channel="email")
    assert "23:00" in message.body


def test_a_move_exactly_at_the_window_edge_is_allowed(session, customer, clock, settings):
    settings.SLEEPCALL_RESCHEDULE_MIN_HOURS = 6
    clock.move_to(START - timedelta(hours=6), tick=False)
    services.reschedule_booking(booking=session, customer=customer, starts_at=START + timedelta(hours=1, minutes=15))


def test_a_move_one_minute_inside_the_window_is_refused(session, customer, clock, settings):
    settings.SLEEPCALL_RESCHEDULE_MIN_HOURS = 6
    clock.move_to(START - timedelta(hours=6) + timedelta(minutes=1), tick=False)
    with pytest.raises(RescheduleWindowClosed):
        services.reschedule_booking(booking=session, customer=customer, starts_at=START + timedelta(days=1))


def test_a_session_moves_only_once(session, customer):
    services.reschedule_booking(booking=session, customer=customer, starts_at=TONIGHT)
    with pytest.raises(AlreadyRescheduled):
        services.reschedule_booking(booking=session, customer=customer, starts_at=START + timedelta(days=1))


def test_a_taken_slot_is_refused(session, customer, talent, package, staff):
    confirmed(customer=CustomerFactory(), talent=talent, package=package, staff=staff, starts_at=TONIGHT)
    with pytest.raises(SlotTaken):
        services.reschedule_booking(booking=session, customer=customer, starts_at=TONIGHT + timedelta(minutes=30))
    session.refresh_from_db()
    assert session.starts_at == START and session.rescheduled_at is None


def test_a_start_outside_the_talents_hours_is_refused(session, customer):
    with pytest.raises(SlotUnavailable):
        services.reschedule_booking(booking=session, customer=customer, starts_at=wib(2026, 12, 2, 15))


def test_a_move_into_its_own_overlapping_time_is_allowed(session, customer):
    """Its own slot does not block it: 22:00 → 22:30 the same night."""
    services.reschedule_booking(booking=session, customer=customer, starts_at=START + timedelta(minutes=30))


def test_an_unpaid_booking_cannot_be_moved(customer, talent, package, clock):
    from bookings.errors import NotReschedulable

    booking = services.create_booking(customer=customer, talent=talent, package=package, starts_at=START)
    with pytest.raises(NotReschedulable):
        services.reschedule_booking(booking=booking, customer=customer, starts_at=TONIGHT)


# The page


def test_the_move_page_offers_free_starts_and_moves_on_post(client, session, customer):
    client.force_login(customer.user)
    url = reverse("move_booking", args=[session.pk])
    page = client.get(url)
    assert TONIGHT in [s for _night, starts in page.context["nights"] for s in starts]
    assert START not in [s for _night, starts in page.context["nights"] for s in starts]
    response = client.post(url, {"starts_at": TONIGHT.isoformat()})
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.starts_at == TONIGHT


def test_the_move_page_says_why_a_taken_slot_failed_and_keeps_the_choice(client, session, customer, talent, package,
                                                                          staff):
    confirmed(customer=CustomerFactory(), talent=talent, package=package, staff=staff, starts_at=TONIGHT)
    client.force_login(customer.user)
    response = client.post(reverse("move_booking", args=[session.pk]), {"starts_at": TONIGHT.isoformat()})
    assert response.status_code == 200
    assert "just been taken" in response.content.decode()


def test_a_nonsense_time_is_a_message_not_an_error(client, session, customer):
    client.force_login(customer.user)
    response = client.post(reverse("move_booking", args=[session.pk]), {"starts_at": "tomorrow"})
    assert response.status_code == 200 and "choose one of the free times" in response.content.decode()


def test_another_customer_gets_404_on_the_move_page(client, session, other_customer):
    client.force_login(other_customer.user)
    assert client.get(reverse("move_booking", args=[session.pk])).status_code == 404
    assert client.post(reverse("move_booking", args=[session.pk]), {"starts_at": TONIGHT.isoformat()}).status_code \
        == 404
    session.refresh_from_db()
    assert session.starts_at == START


def test_a_visitor_is_sent_to_log_in_from_the_move_page(client, session):
    response = client.get(reverse("move_booking", args=[session.pk]))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_the_booking_page_offers_the_move_only_inside_the_window(client, session, customer, clock):
    client.force_login(customer.user)
    url = reverse("booking_detail", args=[session.pk])
    assert reverse("move_booking", args=[session.pk]) in client.get(url).content.decode()
    clock.move_to(START - timedelta(hours=5), tick=False)
    assert reverse("move_booking", args=[session.pk]) not in client.get(url).content.decode()


# Two customers racing into one slot, on PostgreSQL


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL: separate connections and locks")
def test_two_moves_into_the_same_slot_one_wins(talent, package, staff):
    from tests.admin.conftest import _roles_in_place

    _roles_in_place()
    with time_machine.travel(NOW, tick=False):
        first = confirmed(customer=CustomerFactory(), talent=talent, package=package, staff=staff)
        second = confirmed(customer=CustomerFactory(), talent=talent, package=package, staff=staff,
                           starts_at=START + timedelta(days=1))
    results: list[object] = [None, None]
    barrier = threading.Barrier(2)

    def attempt(i: int, booking: Booking) -> None:
        try:
            with time_machine.travel(NOW, tick=False):
                barrier.wait()
                results[i] = services.reschedule_booking(booking=booking, customer=booking.customer,
                                                         starts_at=TONIGHT)
        except Exception as error:  # asserted below
            results[i] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt, args=(i, b)) for i, b in enumerate([first, second])]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    winners = [r for r in results if isinstance(r, Booking)]
    assert len(winners) == 1, results
    assert [type(r) for r in results if not isinstance(r, Booking)] == [SlotTaken]
    assert Booking.objects.filter(starts_at=TONIGHT).count() == 1
