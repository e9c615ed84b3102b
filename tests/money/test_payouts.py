"""Talent payouts: a manager closes a week once; later refunds are taken back in the next week closed."""

from __future__ import annotations

import csv
import io
import threading
from datetime import date, timedelta

import pytest
import time_machine
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bookings.services.refunds import refund_session
from payouts.models import ItemKind, PayoutItem, PayoutLine, PayoutWeek
from payouts.services import NotAMonday, WeekNotOver, close_week, mark_payouts_paid
from talents.workspace.earnings import talent_share
from tests.conftest import wib
from tests.factories import CustomerFactory, PackageFactory
from tests.money.conftest import NOW, START, confirmed

WEEK = date(2026, 11, 30)  # Monday; its last night is Sunday 6 December
NEXT_WEEK = date(2026, 12, 7)
AFTER_WEEK = wib(2026, 12, 7, 13)
AFTER_NEXT = wib(2026, 12, 14, 13)
SHARE = talent_share(100_000)


@pytest.fixture
def sessions(talent, other_talent, package, staff, clock):
    package.talents.add(other_talent)
    made = {
        "thu": confirmed(customer=CustomerFactory(), talent=talent, package=package, staff=staff),
        "fri": confirmed(customer=CustomerFactory(), talent=talent, package=package, staff=staff,
                         starts_at=START + timedelta(days=1)),
        # 00:30 on Monday morning is still Sunday's night: this week.
        "sun_night": confirmed(customer=CustomerFactory(), talent=talent, package=package, staff=staff,
                               starts_at=wib(2026, 12, 7, 0, 30)),
        "other": confirmed(customer=CustomerFactory(), talent=other_talent, package=package, staff=staff,
                           starts_at=START + timedelta(days=2)),
        "next_week": confirmed(customer=CustomerFactory(), talent=talent, package=package, staff=staff,
                               starts_at=wib(2026, 12, 8, 22)),
    }
    return made


def test_closing_writes_one_line_per_talent_from_the_earnings_rules(sessions, talent, other_talent, manager, clock):
    clock.move_to(AFTER_WEEK, tick=False)
    week = close_week(starts_on=WEEK, staff=manager)
    lines = {line.talent_id: line for line in week.lines.all()}
    assert (lines[talent.pk].sessions, lines[talent.pk].earned, lines[talent.pk].amount) == (3, 3 * SHARE, 3 * SHARE)
    assert (lines[other_talent.pk].sessions, lines[other_talent.pk].amount) == (1, SHARE)
    assert week.closed_by == manager


def test_closing_twice_changes_nothing(sessions, manager, clock):
    clock.move_to(AFTER_WEEK, tick=False)
    first = close_week(starts_on=WEEK, staff=manager)
    lines = list(PayoutLine.objects.values_list("pk", "amount"))
    clock.move_to(AFTER_WEEK + timedelta(hours=1), tick=False)
    second = close_week(starts_on=WEEK, staff=manager)
    assert second.pk == first.pk and second.closed_at == first.closed_at
    assert list(PayoutLine.objects.values_list("pk", "amount")) == lines
    assert PayoutItem.objects.count() == 4


def test_a_week_closes_only_after_its_last_night_and_on_a_monday(sessions, manager, clock):
    clock.move_to(wib(2026, 12, 7, 11, 59), tick=False)
    with pytest.raises(WeekNotOver):
        close_week(starts_on=WEEK, staff=manager)
    clock.move_to(AFTER_WEEK, tick=False)
    with pytest.raises(NotAMonday):
        close_week(starts_on=WEEK + timedelta(days=1), staff=manager)
    assert not PayoutWeek.objects.exists()


def test_a_refund_after_close_is_taken_back_in_the_next_week_and_the_closed_week_stays(
    sessions, talent, manager, cs_agent, clock
):
    clock.move_to(AFTER_WEEK, tick=False)
    closed = close_week(starts_on=WEEK, staff=manager)
    before = list(closed.lines.values_list("talent_id", "sessions", "earned", "adjustments", "amount"))
    refund_session(booking=sessions["thu"], staff=cs_agent, reason="Keluhan diterima")
    clock.move_to(AFTER_NEXT, tick=False)
    nxt = close_week(starts_on=NEXT_WEEK, staff=manager)
    assert list(closed.lines.values_list("talent_id", "sessions", "earned", "adjustments", "amount")) == before
    line = nxt.lines.get(talent=talent)
    assert (line.sessions, line.earned, line.adjustments, line.amount) == (1, SHARE, -SHARE, 0)
    taken = PayoutItem.objects.get(kind=ItemKind.ADJUSTMENT)
    assert (taken.booking_id, taken.amount) == (sessions["thu"].pk, -SHARE)


def test_a_refund_is_taken_back_only_once(sessions, talent, manager, cs_agent, clock):
    clock.move_to(AFTER_WEEK, tick=False)
    close_week(starts_on=WEEK, staff=manager)
    refund_session(booking=sessions["thu"], staff=cs_agent, reason="Keluhan diterima")
    clock.move_to(AFTER_NEXT, tick=False)
    close_week(starts_on=NEXT_WEEK, staff=manager)
    clock.move_to(AFTER_NEXT + timedelta(days=7), tick=False)
    later = close_week(starts_on=NEXT_WEEK + timedelta(days=7), staff=manager)
    assert not later.lines.exists()
    assert PayoutItem.objects.filter(kind=ItemKind.ADJUSTMENT).count() == 1


def test_a_session_refunded_before_close_is_simply_not_paid(sessions, talent, manager, cs_agent, clock):
    clock.move_to(AFTER_WEEK, tick=False)
    refund_session(booking=sessions["thu"], staff=cs_agent, reason="Keluhan diterima")
    week = close_week(starts_on=WEEK, staff=manager)
    assert week.lines.get(talent=talent).sessions == 2
    assert not PayoutItem.objects.filter(booking=sessions["thu"]).exists()


def test_the_share_is_of_the_price_not_the_unique_code(talent, staff, manager, clock):
    odd = PackageFactory(price=99_999, offered_by=[talent])
    confirmed(customer=CustomerFactory(), talent=talent, package=odd, staff=staff)
    clock.move_to(AFTER_WEEK, tick=False)
    assert close_week(starts_on=WEEK, staff=manager).lines.get().amount == talent_share(99_999)


# Paying, CSV, the admin lists


def test_lines_are_marked_paid_with_a_reference_once(client, sessions, manager, clock):
    clock.move_to(AFTER_WEEK, tick=False)
    week = close_week(starts_on=WEEK, staff=manager)
    ids = list(week.lines.values_list("pk", flat=True))
    client.force_login(manager)
    url = reverse("admin:payouts_payoutline_changelist")
    client.post(url, {"action": "mark_selected_paid", "_selected_action": ids, "apply": "1", "reference": "PAY-49"})
    assert set(PayoutLine.objects.values_list("reference", flat=True)) == {"PAY-49"}
    assert mark_payouts_paid(line_ids=ids, staff=manager, reference="OTHER") == 0
    assert set(PayoutLine.objects.values_list("reference", flat=True)) == {"PAY-49"}


def test_the_payout_csv_lists_each_line(client, sessions, talent, manager, clock):
    clock.move_to(AFTER_WEEK, tick=False)
    week = close_week(starts_on=WEEK, staff=manager)
    client.force_login(manager)
    response = client.post(reverse("admin:payouts_payoutline_changelist"),
                           {"action": "export_csv", "_selected_action": list(week.lines.values_list("pk", flat=True))})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:6] == ["week of", "talent", "sessions", "earned (Rp)", "adjustments (Rp)", "to pay (Rp)"]
    by_talent = {row[1]: row for row in rows[1:]}
    assert by_talent[talent.display_name][:6] == ["2026-11-30", talent.display_name, "3", str(3 * SHARE), "0",
                                                  str(3 * SHARE)]
    assert len(rows) == 3


def test_closing_from_the_admin_needs_the_managers_permission(client, sessions, verifier, manager, clock):
    clock.move_to(AFTER_WEEK, tick=False)
    client.force_login(verifier)
    response = client.post(reverse("admin:payouts_payoutweek_close"), {"starts_on": "2026-11-30"})
    assert response.status_code == 403 and not PayoutWeek.objects.exists()
    client.force_login(manager)
    response = client.post(reverse("admin:payouts_payoutweek_close"), {"starts_on": "2026-11-30"})
    assert response.status_code == 302 and PayoutWeek.objects.get().closed_at is not None


def test_a_bad_date_in_the_close_form_is_a_message(client, manager, clock):
    client.force_login(manager)
    response = client.post(reverse("admin:payouts_payoutweek_close"), {"starts_on": "kemarin"}, follow=True)
    assert "YYYY-MM-DD" in response.content.decode()


def _week_with_lines(count: int, package, staff, manager, starts_on: date):
    from tests.factories import TalentFactory, every_night

    week = PayoutWeek.objects.create(starts_on=starts_on, closed_at=NOW, closed_by=manager)
    for _ in range(count):
        talent = TalentFactory()
        every_night(talent)
        PayoutLine.objects.create(week=week, talent=talent, sessions=1, earned=SHARE, amount=SHARE)
    return week


def test_the_payout_lists_take_the_same_queries_for_few_and_many(client, package, staff, manager, clock):
    client.force_login(manager)
    _week_with_lines(2, package, staff, manager, date(2026, 11, 16))
    queries = {}
    for name in ("few", "many"):
        if name == "many":
            _week_with_lines(20, package, staff, manager, date(2026, 11, 23))
        counts = []
        for url in (reverse("admin:payouts_payoutline_changelist"), reverse("admin:payouts_payoutweek_changelist")):
            with CaptureQueriesContext(connection) as captured:
                assert client.get(url).status_code == 200
            counts.append(len(captured))
        queries[name] = counts
    assert queries["few"] == queries["many"]


# The talent's earnings page


def test_the_earnings_page_shows_paid_and_unpaid_weeks(client, sessions, talent, manager, clock):
    clock.move_to(AFTER_NEXT, tick=False)
    first = close_week(starts_on=WEEK, staff=manager)
    close_week(starts_on=NEXT_WEEK, staff=manager)
    mark_payouts_paid(line_ids=first.lines.filter(talent=talent).values_list("pk", flat=True), staff=manager,
                      reference="PAY-7")
    client.force_login(talent.user)
    response = client.get(reverse("workspace:past"))
    body = response.content.decode()
    assert [line.is_paid for line in response.context["payouts"]] == [False, True]
    assert "PAY-7" in body and "not paid yet" in body


def test_a_talent_sees_only_their_own_payouts(client, sessions, other_talent, manager, clock):
    clock.move_to(AFTER_WEEK, tick=False)
    close_week(starts_on=WEEK, staff=manager)
    client.force_login(other_talent.user)
    payouts = client.get(reverse("workspace:past")).context["payouts"]
    assert [line.talent_id for line in payouts] == [other_talent.pk]


# Two managers closing at once, on PostgreSQL


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL: separate connections and locks")
def test_two_managers_closing_the_same_week_at_once_write_it_once(talent, package, staff):
    with time_machine.travel(NOW, tick=False):
        confirmed(customer=CustomerFactory(), talent=talent, package=package, staff=staff)
    results: list[object] = [None] * 4
    barrier = threading.Barrier(4)

    def attempt(i: int) -> None:
        try:
            with time_machine.travel(AFTER_WEEK, tick=False):
                barrier.wait()
                results[i] = close_week(starts_on=WEEK, staff=staff)
        except Exception as error:  # asserted below
            results[i] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt, args=(i,)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(isinstance(r, PayoutWeek) for r in results), results
    assert PayoutWeek.objects.count() == 1 and PayoutLine.objects.count() == 1 and PayoutItem.objects.count() == 1
