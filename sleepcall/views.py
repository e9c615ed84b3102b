from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.templatetags.static import static
from django.views import i18n

from bookings.services import set_customer_language
from talents.workspace.services import set_talent_language


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


def set_language(request: HttpRequest) -> HttpResponse:
    """Django's language switch, and for a signed-in customer or talent their profile too (messages follow it)."""
    response = i18n.set_language(request)
    if request.method == "POST" and request.user.is_authenticated:
        language = request.POST.get("language", "")
        customer = getattr(request.user, "customer", None)
        talent = getattr(request.user, "talent", None)
        if customer is not None:
            set_customer_language(customer=customer, language=language)
        elif talent is not None:
            set_talent_language(talent=talent, language=language)
    return response
