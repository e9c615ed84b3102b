"""Talent cards for the home page and the list: packages offered and the next free slot, in bulk."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from bookings.forms.booking import tonight
from bookings.models import Customer, Package
from bookings.slots import next_free_starts
from talents.models import Talent


@dataclass
class TalentCard:
    talent: Talent
    packages: list[Package]
    package: Package | None  # the package the next free slot is for
    next_start: datetime | None
    free_tonight: bool


def bookable_talents(customer: Customer | None = None) -> QuerySet[Talent]:
    """Active talents, without those who chose not to be booked by this customer again (no reason shown)."""
    talents = Talent.objects.active()
    return talents.exclude(exclusions__customer=customer) if customer is not None else talents


def listed_talents(customer: Customer | None = None) -> QuerySet[Talent]:
    return bookable_talents(customer).prefetch_related(
        Prefetch("packages", queryset=Package.objects.active(), to_attr="active_packages")
    )


def end_of_tonight(now: datetime) -> datetime:
    """Tonight ends at noon after the night, in the viewer's zone."""
    return datetime.combine(tonight(now) + timedelta(days=1), time(12), timezone.get_current_timezone())


def talent_cards(
    talents: list[Talent], *, now: datetime | None = None, package: Package | None = None
) -> list[TalentCard]:
    """One card per talent; with `package`, only talents offering it, and the slot is for it."""
    now = now or timezone.now()
    chosen: dict[int, Package] = {}
    for talent in talents:
        offered = talent.active_packages
        if package is not None:
            match = [p for p in offered if p.pk == package.pk]
            if match:
                chosen[talent.pk] = match[0]
        elif offered:
            chosen[talent.pk] = min(offered, key=lambda p: (p.duration_minutes, p.price))
    starts = next_free_starts(talents=talents, packages=chosen, now=now)
    until = end_of_tonight(now)
    cards = []
    for talent in talents:
        if package is not None and talent.pk not in chosen:
            continue
        start = starts.get(talent.pk)
        cards.append(TalentCard(
            talent=talent, packages=talent.active_packages, package=chosen.get(talent.pk),
            next_start=start, free_tonight=start is not None and start < until,
        ))
    return cards
