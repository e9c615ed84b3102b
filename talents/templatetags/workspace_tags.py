"""Small display helpers for the talent workspace."""

from django import template

from bookings.money import rupiah as format_rupiah
from sleepcall.zones import abbreviation

register = template.Library()


@register.filter
def rupiah(amount: int | None) -> str:
    return format_rupiah(amount or 0)


@register.filter
def zone_abbr(zone: str) -> str:
    return abbreviation(zone)


@register.filter
def channel_list(channels: str) -> list[str]:
    """'call+chat' → ['call', 'chat'], in a stable order for the badges."""
    return sorted(channels.split("+")) if channels else []
