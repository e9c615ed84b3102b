"""Show every signed-in person their own zone (WIB/WITA/WIT); visitors may pick one by cookie."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from sleepcall.zones import Zone, zone_info

ZONE_COOKIE = "tz"


def person_zone(request: HttpRequest) -> str:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        for attr in ("customer", "talent"):
            profile = getattr(user, attr, None) if _has_profile(user, attr) else None
            if profile is not None and profile.time_zone:
                return profile.time_zone
    cookie = request.COOKIES.get(ZONE_COOKIE, "")
    return cookie if cookie in Zone.values else Zone.WIB


def _has_profile(user, attr: str) -> bool:
    try:
        getattr(user, attr)
    except Exception:  # RelatedObjectDoesNotExist
        return False
    return True


class PersonTimezoneMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        zone = person_zone(request)
        request.zone = zone
        timezone.activate(zone_info(zone))
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
