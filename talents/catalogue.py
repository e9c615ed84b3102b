"""Talent cards for the home page and the list: packages offered and the next free slot, in bulk."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.core.cache import cache
from django.db.models import Prefetch, QuerySet
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe

from bookings.forms.booking import tonight
from bookings.models import Customer, Package
from bookings.models.package import CALL, CHAT, Channels
from bookings.slots import next_free_starts
from talents.freshness import catalogue_version
from talents.models import Talent


@dataclass
class TalentCard:
    talent: Talent
    packages: list[Package]
    package: Package | None  # the package the next free slot is for
    next_start: datetime | None
    free_tonight: bool

    @property
    def lowest_price(self) -> int | None:
        """What the compact card says: "from Rp 5.000"."""
        return min((p.price for p in self.packages), default=None)

    @property
    def channels_label(self) -> str:
        """Call, chat, or call + chat: every channel some package of this talent offers."""
        offered = frozenset().union(*(Channels.members(p.channels) for p in self.packages))
        value = "+".join(c for c in (CALL, CHAT) if c in offered)
        return str(Channels(value).label) if value else ""


def bookable_talents(customer: Customer | None = None) -> QuerySet[Talent]:
    """Active talents, without those who chose not to be booked by this customer again (no reason shown)."""
    talents = Talent.objects.active()
    return talents.exclude(exclusions__customer=customer) if customer is not None else talents


def excluded_for(customer: Customer | None, slug: str) -> bool:
    """This signed-in customer may not see the talent with this slug (the talent chose not to be booked
    by them again): checked live on pages whose catalogue part is shared by every visitor."""
    return customer is not None and not bookable_talents(customer).filter(slug=slug).exists()


def listed_talents(customer: Customer | None = None) -> QuerySet[Talent]:
    return bookable_talents(customer).prefetch_related(
        Prefetch("packages", queryset=Package.objects.active(), to_attr="active_packages")
    )


def end_of_tonight(now: datetime) -> datetime:
    """Tonight ends at noon after the night, in the viewer's zone."""
    return datetime.combine(tonight(now) + timedelta(days=1), time(12), timezone.get_current_timezone())


STARTS_TTL = 120  # seconds; the key changes every minute anyway


def _chosen_packages(talents: list[Talent], package: Package | None) -> dict[int, Package]:
    """The package each card's next free start is for: the given one, else the shortest and cheapest."""
    chosen: dict[int, Package] = {}
    for talent in talents:
        offered = talent.active_packages
        if package is not None:
            match = [p for p in offered if p.pk == package.pk]
            if match:
                chosen[talent.pk] = match[0]
        elif offered:
            chosen[talent.pk] = min(offered, key=lambda p: (p.duration_minutes, p.price))
    return chosen


def next_minute(now: datetime) -> datetime:
    minute = now.replace(second=0, microsecond=0)
    return minute + timedelta(minutes=1) if minute < now else minute


def fragment_prefix(kind: str, now: datetime, version: str | None = None) -> str:
    """The cache key prefix of HTML built from catalogue data: forgotten with the free starts (the
    version), moving on with their minute, one per language and viewer's zone."""
    return ":".join((
        "catalogue", kind, version or catalogue_version(), f"{next_minute(now):%Y%m%d%H%M}",
        translation.get_language() or "-", timezone.get_current_timezone_name(),
    ))


def catalogue_starts(
    *, now: datetime, package: Package | None = None, version: str | None = None
) -> dict[int, tuple[int | None, datetime | None]]:
    """(package id, next free start) of every bookable talent, shared by every visitor.

    Computed once per change of the catalogue (`catalogue_changed`) and per minute. Every request of
    the minute up to `minute` shares the answer computed as if it were `minute` (no start sooner than
    the notice allows) with bookings held as at the minute before (one expiring meanwhile still
    counts as busy): a cached card may show a slot a minute late, never one that is taken.
    """
    minute = next_minute(now)
    key = f"catalogue:starts:{version or catalogue_version()}:{minute:%Y%m%d%H%M}:{package.pk if package else '-'}"
    starts = cache.get(key)
    if starts is None:
        talents = list(listed_talents())
        chosen = _chosen_packages(talents, package)
        found = next_free_starts(talents=talents, packages=chosen, now=minute, held_at=minute - timedelta(minutes=1))
        starts = {t.pk: (chosen[t.pk].pk if t.pk in chosen else None, found.get(t.pk)) for t in talents}
        cache.set(key, starts, STARTS_TTL)
    return starts


def talent_cards(
    talents: list[Talent], *, now: datetime | None = None, package: Package | None = None
) -> list[TalentCard]:
    """One card per talent; with `package`, only talents offering it, and the slot is for it."""
    now = now or timezone.now()
    chosen = _chosen_packages(talents, package)
    shared = catalogue_starts(now=now, package=package)
    starts: dict[int, datetime | None] = {}
    missing = []
    for talent in talents:
        entry = shared.get(talent.pk)
        if talent.pk not in chosen:
            continue
        if entry is not None and entry[0] == chosen[talent.pk].pk:
            starts[talent.pk] = entry[1]
        else:
            missing.append(talent)
    if missing:
        starts.update(next_free_starts(talents=missing, packages=chosen, now=now))
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


def matching_ids(
    customer: Customer | None, *, now: datetime, package: Package | None = None, language: str | None = None,
    tonight: bool = False, version: str | None = None,
) -> list[int]:
    """Ids of the talents a list shows, in catalogue order, from the shared free starts and one small
    query (this customer's exclusions and the languages): no card is built for a talent not shown."""
    shared = catalogue_starts(now=now, package=package, version=version)
    until = end_of_tonight(now)
    wanted = [
        pk for pk, (package_id, start) in shared.items()
        if (package is None or package_id is not None) and (not tonight or (start is not None and start < until))
    ]
    if not wanted:
        return []
    if customer is None and not language:
        return wanted  # the shared starts hold only active talents, and change with any talent
    speaks = dict(bookable_talents(customer).filter(pk__in=wanted).values_list("pk", "languages"))
    return [pk for pk in wanted if pk in speaks and (not language or language in (speaks[pk] or []))]


def cards_for(ids: list[int], customer: Customer | None, *, now: datetime, package: Package | None = None):
    """Cards for these talents only (a page of the list), in the order given."""
    talents = {t.pk: t for t in listed_talents(customer).filter(pk__in=ids)} if ids else {}
    return talent_cards([talents[pk] for pk in ids if pk in talents], now=now, package=package)


def card_fragments(
    ids: list[int], customer: Customer | None, *, now: datetime, template: str, package: Package | None = None,
    version: str | None = None,
) -> list[SafeString]:
    """The cards of these talents as HTML, in the order given, each rendered once per catalogue change.

    A card shows only catalogue data (name, photo, packages, next free start), so its HTML is shared
    like the free starts: keyed by the catalogue's version, the free starts' minute, the package
    filter, the language and the viewer's zone. Any change that forgets the free starts forgets the
    cards with them, so a card is never staler than the free starts already allow. Cards not cached
    are built (two queries) and rendered together; a page whose cards are all cached reads no talent.
    """
    if not ids:
        return []
    prefix = f"{fragment_prefix('card', now, version)}:{template}:{package.pk if package else '-'}"
    keys = {pk: f"{prefix}:{pk}" for pk in ids}
    cached = cache.get_many(list(keys.values()))
    found = {pk: cached[key] for pk, key in keys.items() if key in cached}
    missing = [pk for pk in ids if pk not in found]
    if missing:
        fresh = {
            card.talent.pk: render_to_string(template, {"card": card})
            for card in cards_for(missing, customer, now=now, package=package)
        }
        cache.set_many({keys[pk]: text for pk, text in fresh.items()}, STARTS_TTL)
        found.update(fresh)
    return [mark_safe(found[pk]) for pk in ids if pk in found]  # noqa: S308 (our own template's output)
