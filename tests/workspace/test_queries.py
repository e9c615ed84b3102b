"""Workspace pages cost the same number of queries for one session as for many."""

from __future__ import annotations

from datetime import timedelta

import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.workspace.conftest import START

# 21:00–02:00 with a 60-minute package and a 10-minute buffer fits four sessions a night.
TONIGHT = [START - timedelta(hours=1), START + timedelta(minutes=15), START + timedelta(minutes=90),
           START + timedelta(minutes=165)]


def _count(client, url, moment) -> int:
    with time_machine.travel(moment, tick=False), CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_today_uses_the_same_queries_for_one_session_as_for_four(talent_client, book):
    book(TONIGHT[0])
    moment = TONIGHT[0] + timedelta(minutes=5)  # one live; the others disclosable or upcoming
    one = _count(talent_client, reverse("workspace:today"), moment)
    for start in TONIGHT[1:]:
        book(start)
    many = _count(talent_client, reverse("workspace:today"), TONIGHT[1] - timedelta(minutes=5))
    assert one == many


def test_today_costs_at_most_five_queries(talent_client, book, django_assert_max_num_queries):
    for start in TONIGHT:
        book(start)
    # the user with their profiles (the session comes from the cache), grants (with customers, names
    # and report status; the gate's rule applied to them), one insert for the disclosure log, the
    # bell's count, and tonight's bookings whose payment is being checked.
    with time_machine.travel(TONIGHT[1] - timedelta(minutes=5), tick=False), django_assert_max_num_queries(5):
        talent_client.get(reverse("workspace:today"))


def test_week_and_past_use_the_same_queries_for_one_session_as_for_four(talent_client, book):
    book(TONIGHT[0] + timedelta(days=2))
    week_one = _count(talent_client, reverse("workspace:week"), START - timedelta(hours=3))
    past_one = _count(talent_client, reverse("workspace:past"), START + timedelta(days=3))
    for start in TONIGHT[1:]:
        book(start + timedelta(days=2))
    assert _count(talent_client, reverse("workspace:week"), START - timedelta(hours=3)) == week_one
    assert _count(talent_client, reverse("workspace:past"), START + timedelta(days=3)) == past_one


def test_reports_use_the_same_queries_for_one_report_as_for_four(talent_client, talent, book):
    from bookings import services

    sessions = [book(start) for start in TONIGHT]
    end = TONIGHT[-1] + timedelta(hours=2)
    services.file_report(booking=sessions[0], talent=talent, category="spam", description="x", at=end)
    one = _count(talent_client, reverse("workspace:reports"), end)
    for booking in sessions[1:]:
        services.file_report(booking=booking, talent=talent, category="spam", description="x", at=end)
    assert _count(talent_client, reverse("workspace:reports"), end) == one


def test_today_uses_the_same_queries_through_wind_down_goodbye_and_block(talent_client, book):
    """Sessions in every step of the routine at once cost what one session in its goodbye costs."""
    book(TONIGHT[0])  # 21:00–22:00
    one = _count(talent_client, reverse("workspace:today"), TONIGHT[0] + timedelta(minutes=62))  # its goodbye
    for start in TONIGHT[1:]:
        book(start)  # 22:15–23:15, 23:30–00:30, 00:45–01:45
    # 23:12: the first overdue "block now", the second winding down; 23:16: the second in its goodbye.
    winding = _count(talent_client, reverse("workspace:today"), TONIGHT[1] + timedelta(minutes=57))
    goodbye = _count(talent_client, reverse("workspace:today"), TONIGHT[1] + timedelta(minutes=61))
    assert one == winding == goodbye
