"""Small display helpers for the talent workspace."""

from functools import lru_cache

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
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


@lru_cache(maxsize=256)
def _rendered(name: str, language: str, **context) -> str:
    return render_to_string(name, context)


def _small(name: str, **context) -> SafeString:
    """A small include whose output depends only on its arguments and the language, rendered once
    per process for each (Today shows it twice per session, every 20 seconds)."""
    if settings.DEBUG:  # templates being edited
        return mark_safe(render_to_string(name, context))  # noqa: S308 (our own template)
    return mark_safe(_rendered(name, get_language() or "", **context))  # noqa: S308 (our own template)


@register.simple_tag
def state_label(state: str) -> SafeString:
    return _small("workspace/_state_label.html", state=str(state))


@register.simple_tag
def channel_badges(channels) -> SafeString:
    return _small("workspace/_channel_badges.html", channels=tuple(channels))
