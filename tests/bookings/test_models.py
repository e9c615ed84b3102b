"""Facts about single objects: numbers in E.164, prices in bounds, channels never empty."""

from __future__ import annotations

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import translation

from bookings.models import Channels, Customer, Package
from bookings.money import rupiah
from talents.models import Talent
from tests.bookings.helpers import book
from tests.conftest import wib
from tests.factories import CustomerFactory, TalentFactory, UserFactory


def test_an_indonesian_local_number_is_stored_as_e164(db):
    talent = TalentFactory(contact_handle="0812-3456-7890")
    talent.refresh_from_db()
    assert str(talent.contact_handle) == "+6281234567890"
    customer = CustomerFactory(whatsapp="081298765432")
    customer.refresh_from_db()
    assert str(customer.whatsapp) == "+6281298765432"


def test_an_invalid_number_fails_validation(db):
    talent = Talent(display_name="X", slug="x", contact_handle="12345")
    with pytest.raises(ValidationError) as error:
        talent.full_clean()
    assert "contact_handle" in error.value.message_dict


def test_a_whatsapp_number_belongs_to_one_customer(db):
    CustomerFactory(whatsapp="+6281200000001")
    with pytest.raises(IntegrityError):
        Customer.objects.create(user=UserFactory(), display_name="Twin", whatsapp="081200000001")


@pytest.mark.parametrize("price, ok", [(4_999, False), (5_000, True), (300_000, True), (300_001, False)])
def test_a_package_price_stays_within_the_bounds(db, price, ok):
    package = Package(name="P", channels="call", duration_minutes=30, price=price)
    if ok:
        package.full_clean()
    else:
        with pytest.raises(ValidationError, match="Rp 5.000"):
            package.full_clean()


def test_the_price_bounds_are_configurable(db, settings):
    settings.SLEEPCALL_PRICE_MAX = 500_000
    Package(name="P", channels="call", duration_minutes=30, price=450_000).full_clean()


def test_channels_are_a_non_empty_subset_of_call_and_chat(db):
    assert Channels.members("call+chat") == {"call", "chat"}
    assert Channels.members("call") == {"call"}
    with pytest.raises(ValidationError):
        Package(name="P", channels="", duration_minutes=30, price=10_000).full_clean()
    with pytest.raises(IntegrityError):
        Package.objects.create(name="P", channels="video", duration_minutes=30, price=10_000)


def test_rupiah_is_written_the_indonesian_way():
    assert rupiah(150_000) == "Rp 150.000"
    assert rupiah(5_000) == "Rp 5.000"
    assert rupiah(100_123) == "Rp 100.123"
    assert rupiah(0) == "Rp 0"


def test_a_booking_names_itself_in_local_time_and_its_history_in_words(customer, talent, package):
    with time_machine.travel(wib(2026, 11, 23, 12)):
        booking = book(customer, talent, package, wib(2026, 11, 24, 21))
    assert str(booking).endswith("2026-11-24 21:00")  # WIB, not the stored 14:00 UTC
    with translation.override("en"):
        assert str(booking.events.get()) == "∅ → Awaiting payment"
