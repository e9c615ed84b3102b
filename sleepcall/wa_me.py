"""wa.me links: the one way the site opens WhatsApp (a number as digits, a text percent-encoded whole)."""

from __future__ import annotations

from urllib.parse import quote


def wa_link(number, text: str = "") -> str:
    """https://wa.me/<digits>, the text prefilled when given (spaces, line breaks, emoji, "&" stay text)."""
    digits = "".join(ch for ch in str(number) if ch.isdigit())
    return f"https://wa.me/{digits}" + (f"?text={quote(text, safe='')}" if text else "")
