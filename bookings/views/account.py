"""Signing up (without losing a booking in progress) and the customer's profile."""

from __future__ import annotations

from datetime import datetime

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.hashers import make_password
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from bookings.errors import BookingError
from bookings.forms import ProfileForm, SignUpForm
from bookings.models import Booking, Package
from bookings.services import register_customer, set_customer_reminders, update_customer_profile
from bookings.services.account_attempts import tell_owners_of_attempt
from bookings.services.customers import EmailTaken, NumberBanned, NumberTaken
from sleepcall.ratelimits import posted_email, posted_number, rate_limited, signed_in_user
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


# One answer whether the e-mail or number is free, taken or banned: the page never tells a stranger
# that someone has an account here (the owner is told by e-mail instead).
SIGNUP_REFUSED = gettext_lazy(
    "We could not open an account with this e-mail address and WhatsApp number. If you already have an "
    "account, log in or reset your password; otherwise please contact the admin team."
)
NUMBER_REFUSED = gettext_lazy(
    "This WhatsApp number cannot be used for your account. If you think this is a mistake, "
    "please contact the admin team."
)
REFUSED_DETAILS = (EmailTaken, NumberTaken, NumberBanned)


def _login_url(request: HttpRequest) -> str:
    return request.build_absolute_uri(reverse("login"))


@require_http_methods(["GET", "POST"])
@rate_limited("signup", per_ip="SLEEPCALL_RATE_SIGNUP_PER_IP", per_target=[
    ("SLEEPCALL_RATE_SIGNUP_PER_TARGET", posted_email), ("SLEEPCALL_RATE_SIGNUP_PER_TARGET", posted_number),
])
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
            except REFUSED_DETAILS:
                make_password(data["password"])  # a refusal costs the time an account does
                tell_owners_of_attempt(email=data["email"], whatsapp=data["whatsapp"], login_url=_login_url(request))
                form.add_error(None, SIGNUP_REFUSED)
            except BookingError as error:
                form.add_error("whatsapp", str(error))
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
@rate_limited("profile", per_ip=None, per_target=[("SLEEPCALL_RATE_PROFILE_PER_USER", signed_in_user)])
@never_cache
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
            except (NumberTaken, NumberBanned):
                tell_owners_of_attempt(whatsapp=data["whatsapp"], login_url=_login_url(request), exclude=request.user)
                form.add_error("whatsapp", NUMBER_REFUSED)
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
