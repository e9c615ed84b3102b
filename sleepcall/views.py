from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.templatetags.static import static


@login_required
def after_login(request: HttpRequest) -> HttpResponse:
    """Send each kind of person to their own home after signing in."""
    user = request.user
    if hasattr(user, "talent"):
        return redirect("workspace:today")
    if user.is_staff:
        return redirect("admin:index")
    return redirect("my_bookings")


def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico on pages without an icon link (the admin's)."""
    return redirect(static("favicon.svg"), permanent=True)
