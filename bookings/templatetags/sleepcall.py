"""Rupiah and zone-aware times, the Indonesian way: "Rp 150.000", "Senin, 5 Januari · 21:00 WIB"."""

from __future__ import annotations

from datetime import datetime

import phonenumbers
from django import template
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.translation import pgettext

from bookings import money
from sleepcall.zones import abbreviation

register = template.Library()


@register.filter
def rupiah(amount) -> str:
    """Rp 150.000 in a span that never breaks across two lines (for page text; attributes use rupiah_text)."""
    if amount in (None, ""):
        return ""
    return format_html('<span class="nowrap">{}</span>', money.rupiah(int(amount)))


@register.filter
def rupiah_text(amount) -> str:
    """Rp 150.000 as plain text, for attributes and e-mails."""
    if amount in (None, ""):
        return ""
    return money.rupiah(int(amount))


def _zone_abbr() -> str:
    return abbreviation(timezone.get_current_timezone_name())


@register.filter
def clock(moment: datetime | None) -> str:
    """21:00 WIB, in the active zone (the viewer's)."""
    if moment is None:
        return ""
    return f"{formats.date_format(timezone.localtime(moment), 'H:i')} {_zone_abbr()}"


@register.filter
def day(moment: datetime | None) -> str:
    """Senin, 5 Januari 2026, in the active zone."""
    if moment is None:
        return ""
    return formats.date_format(timezone.localtime(moment), "l, j F Y")


SMALL_HOURS_END = 5  # a start from midnight to 04:59 belongs to the night before: "dini hari"


@register.filter
def small_hours(moment: datetime | None) -> bool:
    return moment is not None and timezone.localtime(moment).hour < SMALL_HOURS_END


@register.filter
def moment(value: datetime | None) -> str:
    """Senin, 5 Januari 2026 · 21:00 WIB; Sabtu, 6 Januari 2026 · 01:00 WIB dini hari."""
    if value is None:
        return ""
    text = f"{day(value)} · {clock(value)}"
    if small_hours(value):
        text += " " + pgettext("a start time after midnight", "in the small hours")
    return text


@register.simple_tag
def zone_abbr() -> str:
    return _zone_abbr()


@register.filter
def digits(value) -> str:
    """Only the digits, for copy buttons and wa.me links."""
    return "".join(ch for ch in str(value) if ch.isdigit())


def readable_number(number: str) -> str:
    """+62 813-0000-001: easier to read aloud and to check than one long run of digits."""
    try:
        return phonenumbers.format_number(phonenumbers.parse(str(number)), phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    except phonenumbers.NumberParseException:
        return str(number)


@register.filter
def phone(number) -> str:
    """A WhatsApp number formatted the same on every page, never broken across two lines."""
    if not number:
        return ""
    return format_html('<span class="nowrap">{}</span>', readable_number(number))
