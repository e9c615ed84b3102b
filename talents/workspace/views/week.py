"""The coming week: the nights after tonight, with sessions confirmed or waiting for payment checks."""

from __future__ import annotations

from datetime import timedelta
from itertools import groupby

from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from bookings.models import Booking, Status
from bookings.slots import night_of
from talents.workspace.access import talent_required
from talents.workspace.tonight import night_bounds

NIGHTS = 7


@require_safe
@talent_required
def week(request: HttpRequest) -> HttpResponse:
    talent = request.talent
    now = timezone.now()
    _tonight_start, first_night_start = night_bounds(talent, now)
    bookings = list(
        Booking.objects.for_talent(talent)
        .filter(status__in=[Status.CONFIRMED, Status.PAYMENT_SUBMITTED])
        .filter(starts_at__gte=first_night_start, starts_at__lt=first_night_start + timedelta(days=NIGHTS))
        .annotate(customer_name=F("customer__display_name"))
        .order_by("starts_at")
    )
    by_night = groupby(bookings, key=lambda b: night_of(b.starts_at, talent.time_zone))
    nights = [(night, list(items)) for night, items in by_night]
    return render(request, "workspace/week.html", {"nights": nights, "talent": talent, "Status": Status})
