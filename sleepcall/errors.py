"""The site's own answer when a form's CSRF check fails: usually a page left open too long."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(request, "403_csrf.html", {"reason": reason}, status=403)


def locked_out(request: HttpRequest, original_response=None, credentials: dict | None = None) -> HttpResponse:
    """django-axes' lock-out, in the visitor's language, saying how long it lasts."""
    cool_off = settings.AXES_COOLOFF_TIME
    return render(request, "registration/locked_out.html", {
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "lock_minutes": max(1, int(cool_off.total_seconds() // 60)),
    }, status=429)
