"""Weekly hours and time off; a change that would strand a booked session is refused, nothing typed is lost."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from bookings.errors import BookingError
from talents.models import Talent
from talents.schedule import Window, add_time_off, remove_time_off, set_weekly_hours
from talents.workspace.access import get_time_off_for_talent, talent_required
from talents.workspace.forms import TimeOffForm, WindowFormSet


def _initial_windows(talent: Talent) -> list[dict]:
    return [{"weekday": r.weekday, "start": r.start, "end": r.end} for r in talent.availability_rules.all()]


def _page(request: HttpRequest, *, hours=None, time_off_form=None, status: int = 200) -> HttpResponse:
    talent = request.talent
    context = {
        "talent": talent,
        "hours": hours or WindowFormSet(initial=_initial_windows(talent), prefix="hours"),
        "time_off_form": time_off_form or TimeOffForm(),
        "time_off": talent.time_off.filter(ends_at__gt=timezone.now()).order_by("starts_at"),
    }
    return render(request, "workspace/schedule.html", context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
@talent_required
def schedule(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _page(request)
    hours = WindowFormSet(request.POST, initial=_initial_windows(request.talent), prefix="hours")
    if not hours.is_valid():
        return _page(request, hours=hours, status=400)
    windows = [
        Window(weekday=f.cleaned_data["weekday"], start=f.cleaned_data["start"], end=f.cleaned_data["end"])
        for f in hours.forms
        if f.cleaned_data and not f.cleaned_data.get("DELETE")
    ]
    try:
        set_weekly_hours(talent=request.talent, windows=windows)
    except BookingError as error:
        messages.error(request, str(error))
        return _page(request, hours=hours, status=409)
    messages.success(request, _("Your weekly hours are saved."))
    return redirect("workspace:schedule")


@require_POST
@talent_required
def time_off_add(request: HttpRequest) -> HttpResponse:
    form = TimeOffForm(request.POST)
    if not form.is_valid():
        return _page(request, time_off_form=form, status=400)
    try:
        add_time_off(
            talent=request.talent,
            starts_at=form.cleaned_data["starts_at"],
            ends_at=form.cleaned_data["ends_at"],
            reason=form.cleaned_data["reason"],
        )
    except BookingError as error:
        messages.error(request, str(error))
        return _page(request, time_off_form=form, status=409)
    messages.success(request, _("Time off added. Customers cannot book you then."))
    return redirect("workspace:schedule")


@require_POST
@talent_required
def time_off_remove(request: HttpRequest, pk: int) -> HttpResponse:
    remove_time_off(time_off=get_time_off_for_talent(request, pk), talent=request.talent)
    messages.success(request, _("Time off removed."))
    return redirect("workspace:schedule")
