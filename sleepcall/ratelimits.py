"""Rate limits per client IP and per target (the e-mail or number typed), on django-ratelimit.

Counters live in the default cache: local memory on the embedded default (one process), Redis in
production, so every gunicorn worker counts together. Over a limit: a translated 429 page.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django_ratelimit.core import get_usage

Target = Callable[[HttpRequest], str]


def posted_email(request: HttpRequest) -> str:
    return request.POST.get("email", "").strip().lower()


def posted_number(request: HttpRequest) -> str:
    """The digits of the typed number, 0812… and +62 812… counted as one."""
    digits = re.sub(r"\D", "", request.POST.get("whatsapp", ""))
    return "62" + digits[1:] if digits.startswith("0") else digits


def signed_in_user(request: HttpRequest) -> str:
    return str(request.user.pk) if request.user.is_authenticated else ""


def rate_limited(group: str, *, per_ip: str | None, per_target: list[tuple[str, Target]] | None = None):
    """Count POSTs to the view per IP (the setting named `per_ip`) and per target ((setting, key) pairs)."""

    def decorate(view):
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if request.method == "POST":
                checks = [(f"{group}:ip", "ip", per_ip)] if per_ip else []
                for setting, target in per_target or []:
                    value = target(request)
                    if value:
                        checks.append((f"{group}:{target.__name__}", lambda g, r, v=value: v, setting))
                waits = []
                for name, key, setting in checks:
                    usage = get_usage(request, group=name, key=key, rate=getattr(settings, setting),
                                      method="POST", increment=True)
                    if usage is not None and usage["should_limit"]:
                        waits.append(max(usage["time_left"], 1))
                if waits:
                    return too_many_attempts(request, wait_seconds=max(waits))
            return view(request, *args, **kwargs)

        return wrapper

    return decorate


def too_many_attempts(request: HttpRequest, *, wait_seconds: int) -> HttpResponse:
    minutes = max(1, (wait_seconds + 59) // 60)
    response = render(request, "429.html", {"minutes": minutes}, status=429)
    response["Retry-After"] = str(wait_seconds)
    return response
