"""The words of the session routine: the customer's opener and the talent's goodbye, as wa.me links.

Both are written in the customer's language, so the talent's screen shows the very text that will
arrive (the talent recognises the number by it) and the goodbye reads naturally to the customer.
"""

from __future__ import annotations

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _


def _language(language: str) -> str:
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def opener_text(*, talent_alias: str, customer_name: str, booking_id: int, package_name: str, language: str) -> str:
    """The customer's first message: names them and the booking ("Halo Kak Nayla, aku Rina, pesanan #1234, …")."""
    with translation.override(_language(language)):
        return _("Hi %(talent)s, I'm %(customer)s, booking #%(booking)s, %(package)s") % {
            "talent": talent_alias, "customer": customer_name, "booking": booking_id, "package": package_name,
        }


def goodbye_text(*, talent_alias: str, customer_name: str, language: str) -> str:
    """The talent's ready goodbye at the end: thanks, good night, and booking again through the platform."""
    with translation.override(_language(language)):
        return _(
            "Our session is over, %(customer)s. Thank you for talking with me 🌙\n"
            "Sleep well! If you want to talk again, book me again on Sleep Call. — %(talent)s"
        ) % {"customer": customer_name, "talent": talent_alias}
