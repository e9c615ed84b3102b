"""Messages rendered once, when queued, in the recipient's language and zone, as plain text."""

from __future__ import annotations

from django.conf import settings
from django.template import Context
from django.template.loader import get_template
from django.utils import timezone, translation

from sleepcall.zones import zone_info


def render_message(event: str, *, language: str, zone: str, context: dict) -> tuple[str, str]:
    """Subject and body. Plain text is never HTML-escaped ("O'Neil & Co" stays as written)."""
    with translation.override(language), timezone.override(zone_info(zone)):
        subject = _render(f"emails/{language}/{event}_subject.txt", context)
        body = _render(f"emails/{language}/{event}_body.txt", context)
    return " ".join(subject.split())[:255], body


def render_text(name: str, *, language: str, zone: str, context: dict) -> str:
    """One plain-text template in a person's language and zone (e.g. a WhatsApp text staff send)."""
    with translation.override(language), timezone.override(zone_info(zone)):
        return _render(name, context)


def _render(name: str, context: dict) -> str:
    template = get_template(name).template
    return template.render(Context(context, autoescape=False))


def absolute(url: str) -> str:
    if not url or url.startswith(("http://", "https://")):
        return url
    return settings.SITE_URL.rstrip("/") + url
