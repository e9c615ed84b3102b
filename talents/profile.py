"""One talent's public profile as HTML parts, rendered once per catalogue change and shared.

The profile shows only catalogue data (name, photo, languages, bio, packages, next free start and
weekly hours), so like the cards it is kept under the catalogue's version and the free starts'
minute, per language and zone. The zone picker (a form with the visitor's CSRF token) is never in
it; the view renders that, and checks a signed-in customer's exclusions, on every request.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

from sleepcall.zones import zone_info
from talents.catalogue import STARTS_TTL, fragment_prefix, listed_talents, talent_cards
from talents.models import Talent, Weekday


def weekly_hours(talent: Talent, zone: str, today: date) -> list[tuple[str, str, str]]:
    """The talent's weekly windows moved into the visitor's zone: (weekday, from, until)."""
    talent_tz, view_tz = zone_info(talent.time_zone), zone_info(zone)
    monday = today - timedelta(days=today.weekday())
    rows = []
    for rule in talent.availability_rules.all():
        day = monday + timedelta(days=rule.weekday)
        start = datetime.combine(day, rule.start, talent_tz).astimezone(view_tz)
        end_day = day + timedelta(days=1) if rule.end <= rule.start else day
        end = datetime.combine(end_day, rule.end, talent_tz).astimezone(view_tz)
        rows.append((start.weekday(), start.time(), end.time()))
    labels = dict(Weekday.choices)
    return [(str(labels[d]), s.strftime("%H:%M"), e.strftime("%H:%M")) for d, s, e in sorted(rows)]


def profile_parts(slug: str, *, now: datetime, zone: str) -> dict | None:
    """{"alias", "head", "hours"} of a listed talent, or None when no listed talent has this slug.

    A missing talent is not cached: the next page asks the database again. A talent taken off the
    catalogue changes the version, so a cached profile never outlives its listing.
    """
    key = f"{fragment_prefix('profile', now)}:{slug}"
    parts = cache.get(key)
    if parts is None:
        talent = listed_talents().prefetch_related("availability_rules").filter(slug=slug).first()
        if talent is None:
            return None
        context = {
            "talent": talent, "card": talent_cards([talent], now=now)[0],
            "hours": weekly_hours(talent, zone, timezone.localdate(now)),
        }
        parts = {
            "alias": talent.public_alias,
            "head": render_to_string("talents/_profile_head.html", context),
            "hours": render_to_string("talents/_profile_hours.html", context),
        }
        cache.set(key, parts, STARTS_TTL)
    return {"alias": parts["alias"], "head": mark_safe(parts["head"]), "hours": mark_safe(parts["hours"])}  # noqa: S308
