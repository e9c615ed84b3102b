"""The home page and the visitor's zone picker."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from bookings.models import Package
from bookings.services import set_customer_zone
from sleepcall.middleware import ZONE_COOKIE
from sleepcall.zones import Zone
from talents.catalogue import card_fragments, matching_ids
from talents.freshness import catalogue_version

from .access import customer_of

ONE_YEAR = 60 * 60 * 24 * 365


def home(request: HttpRequest) -> HttpResponse:
    customer, now = customer_of(request), timezone.now()
    version = catalogue_version()  # one read for the free starts and the cards
    ids = matching_ids(customer, now=now, tonight=True, version=version)[:6]
    cards = card_fragments(ids, customer, now=now, template="talents/_card_compact.html", version=version)
    packages = Package.objects.active()
    return render(request, "pages/home.html", {"cards": cards, "packages": packages, "catalogue_version": version})


def safe_next(request: HttpRequest, fallback: str = "/") -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return fallback


@require_POST
def set_zone(request: HttpRequest) -> HttpResponse:
    """Visitors keep their zone in a cookie; a signed-in customer's profile is updated too."""
    zone = request.POST.get("zone", "")
    response = redirect(safe_next(request))
    if zone in Zone.values:
        response.set_cookie(ZONE_COOKIE, zone, max_age=ONE_YEAR, samesite="Lax")
        customer = customer_of(request)
        if customer is not None:
            set_customer_zone(customer=customer, time_zone=zone)
    return response
