"""Tonight lists sessions whose payment is being checked; talents pick times from a 24-hour list."""

from datetime import timedelta

import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from bookings.services import accept_rules, create_booking, submit_payment
from sleepcall.time_inputs import QuarterHourSelect, grid_choices
from tests.customer.conftest import png_bytes
from tests.workspace.conftest import START


def test_tonight_shows_a_booking_whose_payment_is_being_checked_with_its_badge(talent_client, talent, package,
                                                                              customer):
    at = START - timedelta(hours=3)
    with time_machine.travel(at, tick=False):
        booking = create_booking(customer=customer, talent=talent, package=package, starts_at=START, at=at)
        accept_rules(booking=booking, customer=customer)
        submit_payment(booking=booking, customer=customer, bank="BCA", sender_name="S",
                       amount_claimed=booking.amount_due,
                       proof=SimpleUploadedFile("b.png", png_bytes(), content_type="image/png"))
        body = talent_client.get(reverse("workspace:today")).content.decode()
    assert f'id="pending-{booking.pk}"' in body and "sedang mengecek transfer" in body
    assert "22:00–23:00" in body
    assert str(customer.whatsapp) not in body  # no grant yet: no number


def test_the_time_list_runs_on_the_15_minute_grid_in_24_hours():
    values = [value for value, _label in grid_choices()]
    assert values[:2] == ["00:00", "00:15"] and "21:00" in values and values[-1] == "23:45" and len(values) == 96


def test_a_stored_time_off_the_grid_stays_listed_so_saving_keeps_it():
    from datetime import time

    html = QuarterHourSelect().render("start", time(21, 10))
    assert '<option value="21:10" selected>' in html and "09:00 PM" not in html


def test_the_schedule_page_offers_selects_not_phone_time_pickers(talent_client):
    body = talent_client.get(reverse("workspace:schedule")).content.decode()
    assert 'type="time"' not in body and 'type="datetime-local"' not in body
    assert '<option value="21:00"' in body and 'name="starts_at_1"' in body


def test_time_off_is_sent_as_a_date_and_a_time_from_the_list(talent_client, talent):
    from talents.models import TimeOff
    from tests.conftest import wib

    with time_machine.travel(START - timedelta(days=3), tick=False):
        response = talent_client.post(reverse("workspace:time_off_add"), {
            "starts_at_0": "2026-11-20", "starts_at_1": "21:00", "ends_at_0": "2026-11-21", "ends_at_1": "02:00",
        })
    assert response.status_code == 302
    assert TimeOff.objects.get(talent=talent).starts_at == wib(2026, 11, 20, 21, 0)


def test_staff_edit_a_talents_hours_with_the_same_24_hour_list(talent, staff):
    from django.test import Client

    client = Client()
    client.force_login(staff)
    body = client.get(reverse("admin:talents_talent_change", args=[talent.pk])).content.decode()
    assert '<option value="21:00" selected>' in body and "vTimeField" not in body
