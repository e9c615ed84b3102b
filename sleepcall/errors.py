"""The site's own error answers: a CSRF check failed, a lock-out, the database is unreachable."""

import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token
from django.views.defaults import server_error as django_server_error

# How long a browser or a load balancer is asked to wait before trying again.
RETRY_AFTER_SECONDS = 30


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(request, "403_csrf.html", {"reason": reason}, status=403)


def locked_out(request: HttpRequest, original_response=None, credentials: dict | None = None) -> HttpResponse:
    """django-axes' lock-out, in the visitor's language, saying how long it lasts."""
    cool_off = settings.AXES_COOLOFF_TIME
    return render(request, "registration/locked_out.html", {
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "lock_minutes": max(1, int(cool_off.total_seconds() // 60)),
    }, status=429)


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponse:
    """handler500. A database that cannot be reached is not a bug in the page: say so calmly with a
    503 the person may retry, rendered without a request context so nothing in it asks the database."""
    error = sys.exc_info()[1]
    if not isinstance(error, OperationalError | InterfaceError):
        return django_server_error(request)
    try:
        body = loader.get_template("503.html").render()
    except Exception:  # the error page must never fail in turn
        return HttpResponseServerError(b"<h1>Service unavailable</h1>", content_type="text/html")
    response = HttpResponse(body, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
