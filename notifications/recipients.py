"""Who a user is to the outbox: the language and zone their messages are written in."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser

from sleepcall.zones import Zone


@dataclass(frozen=True)
class Recipient:
    language: str
    zone: str
    wants_reminders: bool


STAFF = Recipient(settings.LANGUAGE_CODE, Zone.WIB, True)


def recipients_of(users: Iterable[AbstractBaseUser]) -> dict[int, Recipient]:
    """Each user's stored preferences, in two queries for any number: customers and talents; staff
    read Indonesian in WIB."""
    from bookings.models import Customer
    from talents.models import Talent

    ids = {user.pk for user in users}
    found = {pk: STAFF for pk in ids}
    for talent in Talent.objects.filter(user_id__in=ids).only("user_id", "language", "time_zone"):
        found[talent.user_id] = Recipient(_language(talent.language), talent.time_zone, True)
    for customer in Customer.objects.filter(user_id__in=ids).only(
        "user_id", "language", "time_zone", "reminders_enabled"
    ):
        found[customer.user_id] = Recipient(
            _language(customer.language), customer.time_zone, customer.reminders_enabled
        )
    return found


def _language(code: str) -> str:
    return code if code in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
