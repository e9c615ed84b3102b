"""Rupiah and zone-aware times, the Indonesian way: "Rp 150.000", "Senin, 5 Januari · 21:00 WIB"."""

from __future__ import annotations

from datetime import datetime

from django import template
from django.utils import formats, timezone

from bookings import money
from sleepcall.zones import abbreviation

register = template.Library()


@register.filter
def rupiah(amount) -> str:
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


@register.filter
def moment(value: datetime | None) -> str:
    """Senin, 5 Januari 2026 · 21:00 WIB."""
    if value is None:
        return ""
    return f"{day(value)} · {clock(value)}"


@register.simple_tag
def zone_abbr() -> str:
    return _zone_abbr()


@register.filter
def digits(value) -> str:
    """Only the digits, for copy buttons and wa.me links."""
    return "".join(ch for ch in str(value) if ch.isdigit())
