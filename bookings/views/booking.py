"""Booking a talent: package and night, then a free start time; the choice survives sign-up and log-in."""

from __future__ import annotations

from datetime import datetime
from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from bookings.booking_choices import booking_choices
from bookings.errors import BookingError
from bookings.forms import SlotForm
from bookings.models import Package
from bookings.services import create_booking
from talents.catalogue import bookable_talents, excluded_for
from talents.models import Talent

from .access import customer_of, customer_required

PENDING = "pending_booking"
JUST_BOOKED = "just_booked"  # the booking the kept choice became, for a second tap on "book"


def book_url(talent: Talent, package_id: int | None = None, night: str | None = None) -> str:
    query = {k: v for k, v in {"package": package_id, "night": night}.items() if v}
    return reverse("book", kwargs={"slug": talent.slug}) + (f"?{urlencode(query)}" if query else "")


@require_http_methods(["GET", "POST"])
def book(request: HttpRequest, slug: str) -> HttpResponse:
    customer = customer_of(request)
    if request.method == "POST":
        talent = get_object_or_404(bookable_talents(customer), slug=slug)
        return _choose_slot(request, talent, talent.packages.active())
    if excluded_for(customer, slug):
        raise Http404  # this talent chose not to be booked by this customer again
    choices = booking_choices(slug, request.GET, zone=request.zone, now=timezone.now())
    if choices is None:
        raise Http404
    template = "bookings/_slots.html" if request.htmx else "bookings/book.html"
    response = render(request, template, {"choices": choices})
    patch_vary_headers(response, ["HX-Request"])  # one URL, two bodies: caches must keep them apart
    return response


def _choose_slot(request: HttpRequest, talent: Talent, packages) -> HttpResponse:
    form = SlotForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(book_url(talent, request.POST.get("package"), request.POST.get("night")))
    package = packages.filter(pk=form.cleaned_data["package"]).first()
    if package is None:
        messages.error(request, _("Please choose one of the packages shown."))
        return redirect(book_url(talent))
    choice = {
        "talent": talent.slug, "package": package.pk, "night": form.cleaned_data["night"],
        "starts_at": form.cleaned_data["starts_at"].isoformat(),
    }
    if not request.user.is_authenticated:
        request.session[PENDING] = choice
        messages.info(request, _("Sign up or log in to finish your booking. We kept your choice."))
        return redirect(reverse("signup") + "?" + urlencode({"next": reverse("book_confirm")}))
    return _create(request, talent, package, choice)


def _create(request: HttpRequest, talent: Talent, package: Package, choice: dict) -> HttpResponse:
    customer = customer_of(request)
    if customer is None:
        messages.error(request, _("Only customer accounts can book. Log in with a customer account."))
        return redirect(book_url(talent, package.pk, choice.get("night")))
    try:
        booking = create_booking(
            customer=customer, talent=talent, package=package, starts_at=datetime.fromisoformat(choice["starts_at"])
        )
    except BookingError as error:
        messages.error(request, str(error))
        return redirect(book_url(talent, package.pk, choice.get("night")))
    request.session.pop(PENDING, None)
    request.session[JUST_BOOKED] = booking.pk
    messages.success(request, _("Your slot is held. Please pay before the deadline."))
    return redirect("pay", pk=booking.pk)


@customer_required
@require_http_methods(["GET", "POST"])
def book_confirm(request: HttpRequest) -> HttpResponse:
    """After signing up or logging in: the kept choice, one tap to book it."""
    choice = request.session.get(PENDING)
    talent = bookable_talents(customer_of(request)).filter(slug=(choice or {}).get("talent")).first()
    package = talent.packages.active().filter(pk=choice.get("package")).first() if talent else None
    if talent is None or package is None:
        request.session.pop(PENDING, None)
        if choice is None and request.session.get(JUST_BOOKED):
            return redirect("pay", pk=request.session[JUST_BOOKED])  # tapped twice: the booking exists
        messages.info(request, _("Please choose a talent and a time."))
        return redirect("talent_list")
    if request.method == "POST":
        return _create(request, talent, package, choice)
    starts_at = datetime.fromisoformat(choice["starts_at"])
    return render(request, "bookings/confirm.html", {
        "talent": talent, "package": package, "starts_at": starts_at, "ends_at": starts_at + package.duration,
        "change_url": book_url(talent, package.pk, choice.get("night")),
    })
