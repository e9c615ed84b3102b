"""Who may open the workspace, and the one lookup per kind of object: anything not theirs is a 404."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from bookings.models import Booking
from talents.models import Talent, TimeOff


def current_talent(request: HttpRequest) -> Talent:
    try:
        return request.user.talent
    except Talent.DoesNotExist:
        raise Http404 from None


def talent_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Visitors log in first; customers and staff without a talent profile get a 404."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        request.talent = current_talent(request)
        return view(request, *args, **kwargs)

    return wrapper


def get_session_for_talent(request: HttpRequest, pk: int) -> Booking:
    """A booking of this talent that has a contact grant (a session that was on)."""
    return get_object_or_404(
        Booking.objects.select_related("grant").filter(grant__isnull=False), pk=pk, talent=request.talent
    )


def get_time_off_for_talent(request: HttpRequest, pk: int) -> TimeOff:
    return get_object_or_404(TimeOff, pk=pk, talent=request.talent)
