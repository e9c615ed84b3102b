"""/healthz for load balancers: says within a second whether the database answers."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpRequest, JsonResponse
from django.urls import path
from django.views.decorators.cache import never_cache

# One thread asks the database, so a hung database never holds the request past the deadline; while
# an earlier question still hangs, later ones wait behind it and time out too (no pile of threads).
_ASKER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="healthz")


def _select_one() -> None:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    finally:
        connection.close()


@never_cache
def health(request: HttpRequest) -> JsonResponse:
    try:
        _ASKER.submit(_select_one).result(timeout=settings.HEALTHZ_TIMEOUT_SECONDS)
    except FutureTimeout:
        return JsonResponse({"status": "error", "database": "timeout"}, status=503)
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok"})


urlpatterns = [path("healthz", health, name="health")]
