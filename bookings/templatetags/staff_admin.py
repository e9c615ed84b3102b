"""The admin landing page: the dashboard and the oldest payments waiting for verification."""

from __future__ import annotations

from django import template
from django.utils import timezone

from bookings import dashboard, permissions
from bookings.models import Payment
from bookings.money import rupiah as format_rupiah
from notifications.models import Notification

register = template.Library()

LANDING_ROWS = 25


@register.filter
def rupiah(amount: int | None) -> str:
    return format_rupiah(amount or 0)


@register.inclusion_tag("admin/bookings/landing.html", takes_context=True)
def staff_landing(context) -> dict:
    from bookings.admin import cells
    from bookings.admin.payments import row_cells, waiting_list_queryset

    request = context["request"]
    user = request.user
    now = timezone.now()
    shown = {"request": request, "may_see_payments": user.has_perm("bookings.view_payment"),
             "urgent": list(Notification.objects.on_site_for(user).unread().filter(urgent=True)[:20])}
    if not (user.is_staff and (shown["may_see_payments"] or user.has_perm("bookings.view_booking"))):
        return shown
    columns = row_cells(user=user, now=now, next_url=request.get_full_path())
    payments = []
    if shown["may_see_payments"]:
        waiting = waiting_list_queryset(Payment.objects.waiting()).order_by("booking__starts_at", "pk")  # soonest first
        payments = list(waiting[:LANDING_ROWS])
    return shown | {
        "dashboard": dashboard.build(now=now),
        "headers": [column.short_description for column in columns],
        "rows": [[column(payment) for column in columns] for payment in payments],
        "row_form": cells.row_form(request),
        "may_verify": user.has_perm(permissions.VERIFY_PAYMENT),
        "night_start": dashboard.night_bounds(now)[0],
        "may_see_reports": user.has_perm("bookings.view_report"),
        "may_see_number_changes": user.has_perm("talents.view_numberchangerequest"),
    }
