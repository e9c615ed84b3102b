"""Booking again keeps the package and the start time, and is offered only to a customer who may book."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from bookings.models import Report, Status
from bookings.models.report import ReportCategory
from bookings.services import ban_customer, cancel_booking_by_customer
from tests.customer.conftest import says
from tests.factories import PackageFactory


@pytest.fixture
def cancelled(booking, customer):
    return cancel_booking_by_customer(booking=booking, customer=customer)


def test_book_again_keeps_the_package_and_the_start_time(customer_client, cancelled, talent):
    detail = customer_client.get(reverse("booking_detail", args=[cancelled.pk])).content.decode()
    expected = f'{reverse("book", args=[talent.slug])}?package={cancelled.package_id}&amp;at=21%3A00'
    assert expected in detail
    page = customer_client.get(reverse("book", args=[talent.slug]), {"package": cancelled.package_id, "at": "21:00"})
    body = page.content.decode()
    assert 'value="2026-03-02T14:00:00+00:00" required checked' in body  # tonight 21:00 WIB, picked
    assert f'value="{cancelled.package_id}" checked' in body


def test_book_again_with_another_package_offered_keeps_the_one_booked(customer_client, cancelled, talent):
    PackageFactory(offered_by=[talent], price=5_000)  # listed first (cheaper): not the one chosen before
    page = customer_client.get(cancelled_rebook(customer_client, cancelled)).content.decode()
    assert f'value="{cancelled.package_id}" checked' in page


def cancelled_rebook(client, booking) -> str:
    import re

    detail = client.get(reverse("booking_detail", args=[booking.pk])).content.decode()
    return re.search(r'href="(/book/[^"]+)"', detail).group(1).replace("&amp;", "&")


def test_a_banned_customer_is_never_told_to_book_again(customer_client, customer, cancelled, staff):
    ban_customer(customer=customer, staff=staff, reason="abuse")
    for url in (reverse("booking_detail", args=[cancelled.pk]), reverse("my_bookings")):
        response = customer_client.get(url)
        body = response.content.decode()
        assert reverse("book", args=[cancelled.talent.slug]) not in body
        assert not says(response, "Nothing more to do. You can book again any time.")
        assert says(response, "Nothing more to do.")


def test_no_book_again_link_while_the_talents_report_is_under_review(customer_client, cancelled, talent):
    # As file_report leaves it (that service also checks the session's timing, beside the point here).
    Report.objects.create(booking=cancelled, customer=cancelled.customer, talent=talent,
                          category=ReportCategory.INSULTS, description="marah-marah")
    body = customer_client.get(reverse("my_bookings")).content.decode()
    assert reverse("book", args=[talent.slug]) not in body


def test_cancel_links_lead_to_a_question_first(customer_client, booking, customer):
    from bookings.services import accept_rules

    accept_rules(booking=booking, customer=customer)  # the pay page past its rules step
    for url in (reverse("booking_detail", args=[booking.pk]), reverse("pay", args=[booking.pk])):
        body = customer_client.get(url).content.decode()
        assert f'href="{reverse("cancel_booking", args=[booking.pk])}"' in body
        assert f'action="{reverse("cancel_booking", args=[booking.pk])}"' not in body
    question = customer_client.get(reverse("cancel_booking", args=[booking.pk]))
    assert says(question, "No, keep my booking")
    customer_client.post(reverse("cancel_booking", args=[booking.pk]))
    booking.refresh_from_db()
    assert booking.status == Status.CANCELLED


def test_the_cancel_question_of_another_customer_is_not_found(other_client, booking):
    assert other_client.get(reverse("cancel_booking", args=[booking.pk])).status_code == 404


def test_package_names_are_shown_in_english_on_english_pages(client, talent, evening):
    package = PackageFactory(offered_by=[talent], name="Telepon + chat 30 menit", name_en="Call + chat 30 min")
    english = client.get(reverse("book", args=[talent.slug]), {"package": package.pk}, HTTP_ACCEPT_LANGUAGE="en")
    assert "Call + chat 30 min" in english.content.decode()
    assert "Telepon + chat 30 menit" not in english.content.decode()
    indonesian = client.get(reverse("book", args=[talent.slug]), {"package": package.pk})
    assert "Telepon + chat 30 menit" in indonesian.content.decode()


def test_a_booking_keeps_the_english_name_it_was_made_with(customer, talent, evening):
    from bookings.services import create_booking
    from tests.conftest import wib

    package = PackageFactory(offered_by=[talent], name="Ngobrol 30 menit", name_en="Call 30 min")
    booking = create_booking(customer=customer, talent=talent, package=package, starts_at=wib(2026, 3, 2, 22, 0))
    with translation.override("en"):
        assert booking.package_label == "Call 30 min"
    with translation.override("id"):
        assert booking.package_label == "Ngobrol 30 menit"


def test_the_demo_call_only_package_is_ngobrol_and_call_in_english():
    from bookings.demo.catalogue import PACKAGES
    from bookings.models.package import CALL

    calls = [p for p in PACKAGES if p[1] == CALL]
    assert calls and all(p[0].startswith("Ngobrol") and p[5].startswith("Call ") for p in calls)
    both = [p for p in PACKAGES if p[5] == "Call + chat 30 min"]
    assert both and both[0][0] == "Telepon + chat 30 menit"


def test_small_hours_starts_say_dini_hari(client, talent, package, evening):
    body = client.get(reverse("book", args=[talent.slug]), {"package": package.pk, "night": "2026-03-02"})
    assert ">01:00<small" in body.content.decode() and "dini hari" in body.content.decode()
    assert mail.outbox == []
