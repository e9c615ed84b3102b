"""Small pieces every staff admin uses: read-only registrations, POST-only decision views, messages."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme

from bookings.errors import BookingError


class ReadOnlyAdmin(admin.ModelAdmin):
    """History, logs and decisions: visible, never edited by hand."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def posted(request: HttpRequest, name: str, default: str = "") -> str:
    """A typed reason or note: NUL characters (which PostgreSQL text refuses) dropped, never a 500."""
    return request.POST.get(name, default).replace("\x00", "")


def back(request: HttpRequest, fallback: str) -> HttpResponseRedirect:
    """Return to the page the button was on (the list or the detail page), never off-site."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=False):
        target = fallback
    return HttpResponseRedirect(target)


def decision_view(
    admin_site: admin.AdminSite, permission: str, handler: Callable[[HttpRequest, int], HttpResponse]
) -> Callable:
    """Wrap a staff decision: signed-in staff only, POST only, permission checked, errors as messages."""

    def view(request: HttpRequest, object_id: int) -> HttpResponse:
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not request.user.has_perm(permission):
            raise PermissionDenied
        return handler(request, object_id)

    return admin_site.admin_view(view)


def report_error(request: HttpRequest, error: BookingError) -> None:
    messages.error(request, str(error))
