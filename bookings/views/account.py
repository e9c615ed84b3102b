"""Signing up (without losing a booking in progress) and the customer's profile."""

from __future__ import annotations

from datetime import datetime

from django.contrib import messages
from django.contrib.auth import login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from bookings.errors import BookingError
from bookings.forms import ProfileForm, SignUpForm
from bookings.models import Booking, Package
from bookings.services import register_customer, set_customer_reminders, update_customer_profile
from bookings.services.customers import EmailTaken
from talents.models import Talent

from .access import customer_required
from .booking import PENDING
from .pages import safe_next


def _pending_summary(request: HttpRequest) -> dict | None:
    choice = request.session.get(PENDING)
    if not choice:
        return None
    talent = Talent.objects.filter(slug=choice.get("talent")).first()
    package = Package.objects.filter(pk=choice.get("package")).first()
    if talent is None or package is None:
        return None
    return {"talent": talent, "package": package, "starts_at": datetime.fromisoformat(choice["starts_at"])}


@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    next_url = safe_next(request, fallback=reverse("my_bookings"))
    if request.user.is_authenticated:
        return redirect(next_url)
    if request.method == "POST":
        form = SignUpForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                customer = register_customer(
                    name=data["name"], whatsapp=data["whatsapp"], email=data["email"], password=data["password"],
                    time_zone=data["time_zone"], language=translation.get_language() or "id",
                )
            except BookingError as error:
                form.add_error("email" if isinstance(error, EmailTaken) else "whatsapp", str(error))
            else:
                login(request, customer.user, backend="django.contrib.auth.backends.ModelBackend")
                welcome = _("Welcome, %(name)s! Your account is ready.") % {"name": customer.display_name}
                messages.success(request, welcome)
                return redirect(next_url)
    else:
        form = SignUpForm(initial={"time_zone": request.zone})
    return render(request, "accounts/signup.html", {
        "form": form, "next": next_url, "pending": _pending_summary(request),
    }, status=400 if form.is_bound else 200)


@customer_required
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    customer = request.customer
    if request.method == "POST":
        form = ProfileForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                update_customer_profile(
                    customer=customer, name=data["name"], whatsapp=data["whatsapp"],
                    time_zone=data["time_zone"], language=data["language"],
                )
                set_customer_reminders(customer=customer, enabled=data["reminders"])
            except BookingError as error:
                form.add_error("whatsapp", str(error))
            else:
                translation.activate(data["language"])
                messages.success(request, _("Your profile is saved."))
                response = redirect("profile")
                response.set_cookie("django_language", data["language"], max_age=60 * 60 * 24 * 365, samesite="Lax")
                return response
    else:
        form = ProfileForm(initial={
            "name": customer.display_name, "whatsapp": customer.whatsapp,
            "time_zone": customer.time_zone, "language": customer.language,
            "reminders": customer.reminders_enabled,
        })
    has_bookings = Booking.objects.for_customer(customer).exists()
    return render(request, "accounts/profile.html", {"form": form, "has_bookings": has_bookings},
                  status=400 if form.is_bound else 200)
