"""The booking page's choices (packages, nights, the night's free starts) as HTML shared by visitors.

What a visitor sees before choosing is catalogue data, kept like the talent cards: under the
catalogue's version and the free starts' minute, per language and zone, for each talent, package
and night asked for. The starts are computed as if it were the next minute (no start the notice
forbids by then) with the holds of the moment they were built, and any booking, cancel, expiry
sweep, schedule or time-off write changes the version: a kept page never offers a start that was
taken before it was asked for. The POST form around the starts, with the visitor's CSRF token, and
a signed-in customer's exclusions are the view's, on every request.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.core.cache import cache
from django.http import QueryDict
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe

from bookings.forms import NightForm
from bookings.forms.booking import tonight
from bookings.models import Package
from bookings.slots import free_starts
from talents.catalogue import STARTS_TTL, fragment_prefix, next_minute
from talents.models import Talent

ABSENT = "~"  # a parameter not given (the page's defaults), apart from one given empty (an error)


def night_starts(
    talent: Talent, package: Package, night: date, zone: str, *, now: datetime | None = None,
    held_at: datetime | None = None,
) -> list[datetime]:
    """Free starts of one night in the viewer's zone: from noon of `night` to noon the day after."""
    begin = datetime.combine(night, time(12), timezone.get_current_timezone())
    end = begin + timedelta(days=1)
    starts = free_starts(
        talent=talent, package=package, first=night, last=night + timedelta(days=1), zone=zone, now=now,
        held_at=held_at,
    )
    return [s for s in starts if begin <= s < end]


def booking_choices(slug: str, query: QueryDict, *, zone: str, now: datetime) -> dict | None:
    """What the booking page shows of this talent for this query, or None when none is bookable.

    Kept only for the page's own links (the defaults, or a package and night exactly as the page
    writes them), so strangers' queries cannot fill the cache; "book again" (`at`) is built each time.
    """
    package, night = query.get("package", ABSENT), query.get("night", ABSENT)
    shared = "at" not in query and len(package) <= 12 and len(night) <= 10
    key = f"{fragment_prefix('book', now)}:{slug}:{package}:{night}"
    choices = cache.get(key) if shared else None
    if choices is None:
        choices = _build(slug, query, zone=zone, now=now)
        if choices is None:
            return None
        if shared and choices["canonical"]:
            cache.set(key, choices, STARTS_TTL)
    starts = choices["starts"]
    return {**choices, "choose": mark_safe(choices["choose"]),  # noqa: S308 (our templates' output)
            "starts": None if starts is None else mark_safe(starts)}  # noqa: S308


def _build(slug: str, query: QueryDict, *, zone: str, now: datetime) -> dict | None:
    talent = Talent.objects.active().filter(slug=slug).first()
    if talent is None:
        return None
    packages = talent.packages.active()
    package_list = list(packages)
    first = tonight(now)
    data = query.copy()
    data.setdefault("night", first.isoformat())
    if "package" not in data and package_list:
        data["package"] = str(package_list[0].pk)
    form = NightForm(data, packages=packages, first_night=first)
    starts, canonical = None, False
    if form.is_valid():
        chosen, night = form.cleaned_data["package"], form.cleaned_night()
        starts = night_starts(talent, chosen, night, zone, now=next_minute(now), held_at=now)
        canonical = data["package"] == str(chosen.pk) and data["night"] == night.isoformat()
    context = {"talent": talent, "form": form, "starts": starts, "packages": package_list,
               "preselect": query.get("at", "")[:5]}
    return {
        "alias": talent.public_alias, "url": talent.get_absolute_url(),
        "action": reverse("book", kwargs={"slug": talent.slug}), "has_packages": bool(package_list),
        "package_id": form.cleaned_data["package"].pk if starts is not None else None,
        "night": form.cleaned_data["night"] if starts is not None else None,
        "choose": render_to_string("bookings/_book_choose.html", context),
        "starts": render_to_string("bookings/_start_choices.html", context) if starts is not None else None,
        "canonical": canonical,
    }
