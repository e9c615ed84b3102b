"""Earnings: the talent's share of the price (never the unique code), rounded down, for sessions that
took place and were not refunded; totals per week and per month counted by night in the talent's zone."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse

from bookings import services
from talents.workspace.earnings import past_sessions, talent_share, totals
from tests.conftest import wib
from tests.factories import PackageFactory
from tests.workspace.conftest import START

LATER = wib(2026, 12, 20, 12)


@pytest.fixture
def odd_package(talent):
    return PackageFactory(price=99_999, offered_by=[talent])


def test_the_share_is_rounded_down(settings):
    settings.SLEEPCALL_TALENT_SHARE_PERCENT = 70
    assert talent_share(99_999) == 69_999
    assert talent_share(5_000) == 3_500


def test_sessions_that_took_place_earn_and_others_do_not(talent, staff, book, odd_package):
    completed = book(START, package=odd_package)
    ended_early = book(START + timedelta(days=1), package=odd_package)
    book(START + timedelta(days=2), package=odd_package)  # confirmed, the completion sweep has not run
    cancelled = book(START + timedelta(days=3), package=odd_package)
    services.complete_finished_sessions(at=START + timedelta(hours=2))
    services.end_session_early(booking=ended_early, by=talent.user, reason="Rude",
                               at=ended_early.starts_at + timedelta(minutes=5))
    services.cancel_booking_by_staff(booking=cancelled, staff=staff, reason="Ill", at=START)
    months = totals(talent, LATER, by="month", limit=6)
    assert months == [{"period": months[0]["period"], "sessions": 3, "earned": 3 * 69_999}]
    shares = {b.pk: b.share for b in past_sessions(talent, LATER)}
    assert shares[completed.pk] == 69_999  # of the price, not the amount due with its unique code


def test_giving_back_an_over_payment_still_pays_the_talent(talent, customer, staff, odd_package):
    from django.core.files.uploadedfile import SimpleUploadedFile

    at = START - timedelta(days=1)
    booking = services.create_booking(customer=customer, talent=talent, package=odd_package, starts_at=START, at=at)
    services.accept_rules(booking=booking, customer=customer, at=at)
    payment = services.submit_payment(booking=booking, customer=customer, bank="BCA", sender_name="S",
                                      amount_claimed=booking.amount_due + 1_000,
                                      proof=SimpleUploadedFile("p.png", b"over"), at=at)
    services.verify_payment(payment=payment, staff=staff, at=at)
    services.mark_refunded(booking=booking, staff=staff, reference="BCA 9", at=at)
    services.complete_finished_sessions(at=START + timedelta(hours=2))
    assert totals(talent, LATER, by="month", limit=6)[0]["earned"] == 69_999


def test_weeks_are_counted_by_night(talent, book):
    book(wib(2026, 11, 15, 22))  # Sunday night
    book(wib(2026, 11, 16, 0, 30))  # still Sunday's night, though Monday by the calendar
    book(wib(2026, 11, 16, 22))  # Monday night: a new week
    weeks = totals(talent, LATER, by="week", limit=8)
    assert [(w["period"].date().isoformat(), w["sessions"], w["earned"]) for w in weeks] == [
        ("2026-11-16", 1, 70_000),
        ("2026-11-09", 2, 140_000),
    ]


def test_months_follow_the_talents_zone(talent, book):
    talent.time_zone = "Asia/Jayapura"
    talent.save()
    book(wib(2026, 11, 30, 21))  # 23:00 WIT on 30 November
    book(wib(2026, 12, 1, 21))
    months = totals(talent, LATER, by="month", limit=6)
    assert [(m["period"].month, m["sessions"]) for m in months] == [(12, 1), (11, 1)]


def test_the_page_shows_sessions_and_totals(client, talent, book, odd_package):
    book(START, package=odd_package)
    with time_machine.travel(LATER, tick=False):
        client.force_login(talent.user)
        body = client.get(reverse("workspace:past")).content.decode()
    assert body.count("Rp 69.999") >= 3  # the session, its week, its month


def test_future_sessions_are_not_in_the_past(talent_client, book):
    booking = book(START + timedelta(days=2))
    with time_machine.travel(START, tick=False):
        body = talent_client.get(reverse("workspace:past")).content.decode()
    assert booking.customer.display_name not in body


def test_the_week_page_lists_the_coming_nights(talent_client, book):
    tonight = book(START)
    tomorrow = book(START + timedelta(days=1))
    in_eight_nights = book(START + timedelta(days=8))
    with time_machine.travel(START - timedelta(hours=3), tick=False):
        body = talent_client.get(reverse("workspace:week")).content.decode()
    assert tomorrow.customer.display_name in body
    assert tonight.customer.display_name not in body and in_eight_nights.customer.display_name not in body
