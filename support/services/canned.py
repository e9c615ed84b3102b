"""Canned replies: which placeholders exist, filling them for one conversation, the wa.me link."""

from __future__ import annotations

import re

from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from bookings.money import rupiah
from bookings.templatetags.sleepcall import moment
from sleepcall.zones import zone_info
from support.models import PLACEHOLDERS, CannedReply, Conversation

FIELD = re.compile(r"\{([^{}]*)\}")


def unknown_placeholders(text: str) -> list[str]:
    """Every {name} that is not one of PLACEHOLDERS ({customer_name.__class__} and {0} included)."""
    return sorted({f"{{{name}}}" for name in FIELD.findall(text) if name not in PLACEHOLDERS})


def placeholder_values(conversation: Conversation, agent: AbstractBaseUser) -> dict[str, str]:
    """This conversation's values, in the customer's language and zone."""
    language = conversation.language
    booking = conversation.booking
    with translation.override(language), timezone.override(zone_info(conversation.time_zone)):
        person = conversation.customer or conversation.talent
        talent = booking.talent if booking else conversation.talent
        return {
            "customer_name": person.display_name if person else "",
            "booking_code": f"#{booking.pk}" if booking else "",
            "amount_due": rupiah(booking.amount_due) if booking else "",
            "session_start": moment(booking.starts_at) if booking else "",
            "talent_alias": talent.display_name if talent else "",
            "agent_name": agent.first_name or _("the admin team"),
        }


def fill_text(text: str, values: dict[str, str]) -> str:
    """One pass: a value is inserted as written and never read as a placeholder itself."""
    return FIELD.sub(lambda m: values.get(m.group(1), m.group(0)), text)


def fill_canned(*, canned: CannedReply, conversation: Conversation, agent: AbstractBaseUser) -> str:
    return fill_text(canned.body_in(conversation.language), placeholder_values(conversation, agent))


