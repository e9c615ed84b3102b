"""Rupiah and times the Indonesian way, in the viewer's zone."""

from django.utils import timezone, translation

from bookings.templatetags.sleepcall import clock, digits, moment, rupiah, rupiah_text
from sleepcall.zones import zone_info
from tests.conftest import wib


def test_rupiah_uses_dots_for_thousands():
    assert rupiah(150000) == '<span class="nowrap">Rp 150.000</span>'
    assert rupiah_text(5_000) == "Rp 5.000"
    assert rupiah(None) == ""


def test_times_are_shown_in_the_active_zone_with_its_name():
    with timezone.override(zone_info("Asia/Makassar")):
        assert clock(wib(2026, 3, 2, 21, 0)) == "22:00 WITA"


def test_dates_read_in_indonesian():
    with translation.override("id"), timezone.override(zone_info("Asia/Jakarta")):
        assert moment(wib(2026, 3, 2, 21, 0)) == "Senin, 2 Maret 2026 · 21:00 WIB"


def test_digits_strips_everything_else():
    assert digits("+62 813-0000-001") == "628130000001"
