"""Who may see what: one helper per kind of object, 404 for anything that is not the customer's own."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from bookings.models import Booking, Customer


def customer_of(request: HttpRequest) -> Customer | None:
    user = request.user
    if not user.is_authenticated:
        return None
    try:
        return user.customer
    except Customer.DoesNotExist:
        return None


def customer_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Visitors go to log in (and come back); talents and staff are told these pages are for customers."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        customer = customer_of(request)
        if customer is None:
            return render(request, "accounts/not_a_customer.html", status=403)
        request.customer = customer
        return view(request, *args, **kwargs)

    return wrapped


def get_booking_for_customer(request: HttpRequest, pk: int) -> Booking:
    try:
        return Booking.objects.select_related("talent").get(pk=pk, customer=request.customer)
    except Booking.DoesNotExist as error:
        raise Http404 from error
