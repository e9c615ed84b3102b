"""Small display helpers for the talent workspace."""

from django import template
from django.utils.translation import gettext as _

from bookings.money import rupiah as format_rupiah
from sleepcall.contact_handles import shown_text
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


@register.filter
def shown_name(name: str) -> str:
    """A customer's name as the talent sees it: a stored name carrying a contact handle is masked."""
    return shown_text(name or "", fallback=_("Customer"))
