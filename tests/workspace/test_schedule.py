"""Weekly hours and time off may change freely, except where a booked session would be stranded."""

from __future__ import annotations

from datetime import time, timedelta

import pytest
import time_machine
from django.urls import reverse

from bookings import services
from bookings.models import Status
from talents.models import AvailabilityRule, TimeOff
from talents.schedule import InvalidTimeOff, InvalidWindow, ScheduleConflict, Window, add_time_off, set_weekly_hours
from tests.workspace.conftest import END, START

EARLIER = START - timedelta(days=3)  # when the talent edits
SATURDAY = 5


def every_day(start: time, end: time) -> list[Window]:
    return [Window(weekday=d, start=start, end=end) for d in range(7)]


def _rules(talent) -> set[tuple[int, time, time]]:
    return {(r.weekday, r.start, r.end) for r in AvailabilityRule.objects.filter(talent=talent)}


def test_hours_that_still_contain_the_session_are_saved(talent, session):
    set_weekly_hours(talent=talent, windows=every_day(time(22), time(3)), at=EARLIER)
    assert _rules(talent) == {(d, time(22), time(3)) for d in range(7)}


def test_hours_that_strand_a_confirmed_session_are_refused_naming_it(talent, session):
    before = _rules(talent)
    with pytest.raises(ScheduleConflict) as error:
        set_weekly_hours(talent=talent, windows=every_day(time(22, 30), time(3)), at=EARLIER)
    assert "22:00–23:00 WIB" in str(error.value)
    assert _rules(talent) == before


def test_removing_the_day_of_a_session_is_refused(talent, session):
    windows = [w for w in every_day(time(21), time(2)) if w.weekday != SATURDAY]
    with pytest.raises(ScheduleConflict):
        set_weekly_hours(talent=talent, windows=windows, at=EARLIER)


def test_a_session_after_midnight_is_kept_by_the_previous_days_overnight_window(talent, book):
    book(START + timedelta(hours=3))  # Sunday 01:00–02:00, inside Saturday's 21:00–02:00
    windows = every_day(time(21), time(2))
    set_weekly_hours(talent=talent, windows=windows, at=EARLIER)
    windows_without_saturday = [w for w in windows if w.weekday != SATURDAY]
    windows_without_saturday.append(Window(weekday=SATURDAY, start=time(21), end=time(23, 59)))
    with pytest.raises(ScheduleConflict):
        set_weekly_hours(talent=talent, windows=windows_without_saturday, at=EARLIER)


def test_two_touching_windows_keep_a_session_across_them(talent, session):
    windows = [w for w in every_day(time(21), time(2)) if w.weekday != SATURDAY]
    windows += [Window(SATURDAY, time(20), time(22, 30)), Window(SATURDAY, time(22, 30), time(1))]
    set_weekly_hours(talent=talent, windows=windows, at=EARLIER)
    assert (SATURDAY, time(22, 30), time(1)) in _rules(talent)


def test_a_session_waiting_for_payment_check_is_protected_too(talent, customer, package):
    from django.core.files.uploadedfile import SimpleUploadedFile

    at = START - timedelta(days=1)
    booking = services.create_booking(customer=customer, talent=talent, package=package, starts_at=START, at=at)
    services.accept_rules(booking=booking, customer=customer, at=at)
    services.submit_payment(booking=booking, customer=customer, bank="BCA", sender_name="S",
                            amount_claimed=booking.amount_due, proof=SimpleUploadedFile("p.png", b"p"), at=at)
    booking.refresh_from_db()
    assert booking.status == Status.PAYMENT_SUBMITTED
    with pytest.raises(ScheduleConflict):
        set_weekly_hours(talent=talent, windows=[], at=at)


def test_past_and_cancelled_sessions_do_not_hold_the_hours(talent, staff, book, session):
    other = book(START + timedelta(days=1))
    services.cancel_booking_by_staff(booking=other, staff=staff, reason="Moved", at=EARLIER)
    set_weekly_hours(talent=talent, windows=[], at=END)
    assert _rules(talent) == set()


def test_a_window_with_equal_start_and_end_is_refused(talent):
    with pytest.raises(InvalidWindow):
        set_weekly_hours(talent=talent, windows=[Window(0, time(21), time(21))], at=EARLIER)


def test_time_off_over_a_session_is_refused_naming_it(talent, session):
    with pytest.raises(ScheduleConflict) as error:
        add_time_off(talent=talent, starts_at=START + timedelta(minutes=59), ends_at=START + timedelta(days=1),
                     at=EARLIER)
    assert "22:00–23:00 WIB" in str(error.value)
    assert not TimeOff.objects.exists()


def test_time_off_touching_a_session_is_allowed(talent, session):
    add_time_off(talent=talent, starts_at=END, ends_at=END + timedelta(days=2), at=EARLIER)
    add_time_off(talent=talent, starts_at=START - timedelta(days=1), ends_at=START, at=EARLIER)
    assert TimeOff.objects.filter(talent=talent).count() == 2


def test_time_off_must_end_after_it_starts_and_in_the_future(talent):
    with pytest.raises(InvalidTimeOff):
        add_time_off(talent=talent, starts_at=START, ends_at=START, at=EARLIER)
    with pytest.raises(InvalidTimeOff):
        add_time_off(talent=talent, starts_at=EARLIER - timedelta(days=2), ends_at=EARLIER, at=EARLIER)


def test_time_off_stops_new_bookings(talent, customer, package):
    from bookings.errors import SlotUnavailable

    add_time_off(talent=talent, starts_at=START - timedelta(hours=2), ends_at=END + timedelta(hours=2), at=EARLIER)
    with pytest.raises(SlotUnavailable):
        services.create_booking(customer=customer, talent=talent, package=package, starts_at=START, at=EARLIER)


def _hours_post(windows: list[tuple[int, str, str]]) -> dict:
    data = {"hours-TOTAL_FORMS": str(len(windows)), "hours-INITIAL_FORMS": "0",
            "hours-MIN_NUM_FORMS": "0", "hours-MAX_NUM_FORMS": "28"}
    for i, (day, start, end) in enumerate(windows):
        data |= {f"hours-{i}-weekday": str(day), f"hours-{i}-start": start, f"hours-{i}-end": end}
    return data


def test_the_page_saves_overnight_hours(talent_client, talent):
    with time_machine.travel(EARLIER, tick=False):
        response = talent_client.post(reverse("workspace:schedule"), _hours_post([(4, "22:00", "03:00")]))
    assert response.status_code == 302
    assert _rules(talent) == {(4, time(22), time(3))}


def test_saving_the_page_as_shown_keeps_the_hours(talent_client, talent):
    """The browser sends the seven existing rows and the two empty ones untouched."""
    page = talent_client.get(reverse("workspace:schedule")).content.decode()
    assert page.count('name="hours-') >= 9 * 3
    rows = [(d, "21:00", "02:00") for d in range(7)]
    data = _hours_post(rows) | {"hours-INITIAL_FORMS": "7", "hours-TOTAL_FORMS": "9"}
    for i in (7, 8):
        data |= {f"hours-{i}-weekday": "", f"hours-{i}-start": "", f"hours-{i}-end": ""}
    data |= {"hours-6-DELETE": "on"}
    with time_machine.travel(EARLIER, tick=False):
        response = talent_client.post(reverse("workspace:schedule"), data)
    assert response.status_code == 302
    assert _rules(talent) == {(d, time(21), time(2)) for d in range(6)}


def test_a_refused_edit_shows_the_session_and_keeps_what_was_typed(talent_client, talent, session):
    with time_machine.travel(EARLIER, tick=False):
        response = talent_client.post(reverse("workspace:schedule"), _hours_post([(4, "22:00", "03:00")]))
    body = response.content.decode()
    assert response.status_code == 409
    assert "22:00–23:00 WIB" in body and 'value="03:00"' in body
    assert len(_rules(talent)) == 7


def test_the_page_adds_time_off_in_the_talents_zone(talent_client, talent):
    with time_machine.travel(EARLIER, tick=False):
        response = talent_client.post(
            reverse("workspace:time_off_add"), {"starts_at": "2026-11-20T18:00", "ends_at": "2026-11-21T12:00"}
        )
    assert response.status_code == 302
    time_off = TimeOff.objects.get(talent=talent)
    assert time_off.starts_at == START.replace(day=20, hour=18)


def test_time_off_is_read_in_a_wita_talents_own_zone(talent_client, talent):
    talent.time_zone = "Asia/Makassar"
    talent.save(update_fields=["time_zone"])
    with time_machine.travel(EARLIER, tick=False):
        talent_client.post(
            reverse("workspace:time_off_add"), {"starts_at": "2026-11-20T18:00", "ends_at": "2026-11-21T12:00"}
        )
    time_off = TimeOff.objects.get(talent=talent)
    assert time_off.starts_at == START.replace(day=20, hour=18) - timedelta(hours=1)  # 18:00 WITA = 17:00 WIB


def test_a_refused_time_off_keeps_what_was_typed(talent_client, session):
    with time_machine.travel(EARLIER, tick=False):
        response = talent_client.post(
            reverse("workspace:time_off_add"),
            {"starts_at": "2026-11-14T20:00", "ends_at": "2026-11-15T12:00", "reason": "Family"},
        )
    body = response.content.decode()
    assert response.status_code == 409 and "22:00–23:00 WIB" in body
    assert 'value="2026-11-14"' in body and '<option value="20:00" selected>' in body and 'value="Family"' in body


def test_time_off_in_year_1_or_far_ahead_gets_a_message_not_an_error(talent_client):
    for starts, ends in (("0001-01-01T00:00", "2026-12-01T05:00"), ("2026-11-20T18:00", "9999-12-31T23:00")):
        with time_machine.travel(EARLIER, tick=False):
            response = talent_client.post(reverse("workspace:time_off_add"), {"starts_at": starts, "ends_at": ends})
        assert response.status_code == 400
        assert "three years" in response.content.decode() or "tiga tahun" in response.content.decode()
    assert not TimeOff.objects.exists()


def test_bad_time_off_input_gets_a_message_not_an_error(talent_client):
    response = talent_client.post(reverse("workspace:time_off_add"), {"starts_at": "tomorrow", "ends_at": ""})
    assert response.status_code == 400 and 'value="tomorrow"' in response.content.decode()


def test_removing_time_off(talent_client, talent):
    time_off = TimeOff.objects.create(talent=talent, starts_at=START, ends_at=END)
    assert talent_client.post(reverse("workspace:time_off_remove", args=[time_off.pk])).status_code == 302
    assert not TimeOff.objects.exists()
