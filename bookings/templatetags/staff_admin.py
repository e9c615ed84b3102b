"""The admin landing page: the dashboard and the oldest payments waiting for verification."""

from __future__ import annotations

from django import template
from django.contrib.admin.templatetags import admin_list
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import conditional_escape, escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from bookings import dashboard, permissions
from bookings.models.payment import waiting_filter
from bookings.money import rupiah as format_rupiah
from notifications.models import Notification

register = template.Library()

LANDING_ROWS = 25


@register.filter
def rupiah(amount: int | None) -> str:
    return format_rupiah(amount or 0)


@register.filter
def chart_bars(bars: list[dashboard.Bar]) -> str:
    """The chart's bars as SVG, in Python: four date and arithmetic filters per bar in the template were
    a tenth of the landing page. Same elements: a title to hover, the bar, its count, its day."""
    return mark_safe("".join(
        f'<g><title>{escape(date_format(bar.day, "D j M"))}: {bar.count}</title>'
        f'<rect x="{bar.x}" y="{bar.y}" width="32" height="{bar.height}"></rect>'
        f'<text x="{bar.x + 16}" y="{bar.y - 3}" text-anchor="middle">{bar.count or ""}</text>'
        f'<text x="{bar.x + 16}" y="116" text-anchor="middle">{escape(date_format(bar.day, "j/n"))}</text></g>'
        for bar in bars
    ))


@register.simple_tag(takes_context=True)
def app_list(context) -> str:
    """The admin's app list (index and sidebar), rendered once per permissions, language and current entry."""
    from django.contrib import admin

    return admin.site.app_list_html(context)


@register.inclusion_tag("admin/bookings/payment/change_list_results.html")
def waiting_result_list(cl) -> dict:
    """The admin's {% result_list %} with each row built in one pass from the columns.

    Django's items_for_result looks every cell up and formats it again (lookup_field, display_for_value,
    format_html): 40 % of the list's time for 50 rows. The cells, their classes and escaping are the same.
    """
    from bookings.admin.payments import checkbox

    headers = list(admin_list.result_headers(cl))
    columns = cl.list_display
    empty = cl.model_admin.get_empty_value_display()
    label = _("Select booking #%(booking)s")

    def cell(column, payment) -> str:
        if column == "action_checkbox":
            return f'<td class="action-checkbox">{checkbox(payment, label)}</td>'
        value = column(payment)
        if isinstance(value, str) and value.strip() == "":
            value = ""
        return f'<td class="field-{column.__name__}">{conditional_escape(empty if value in (None, "") else value)}</td>'

    if all(column == "action_checkbox" or callable(column) for column in columns):
        rows = [mark_safe("".join([cell(column, payment) for column in columns])) for payment in cl.result_list]
    else:  # a column named by field: the admin's own way
        rows = [mark_safe("".join(admin_list.items_for_result(cl, payment, None))) for payment in cl.result_list]
    return {
        "cl": cl,
        "result_hidden_fields": [],
        "result_headers": headers,
        "num_sorted_fields": sum(1 for h in headers if h["sortable"] and h["sorted"]),
        "results": rows,
    }


@register.inclusion_tag("admin/bookings/landing.html", takes_context=True)
def staff_landing(context) -> dict:
    from bookings.admin import cells
    from bookings.admin.payments import ROW_DEFERRED, row_cells, row_queryset

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
        waiting = row_queryset().filter(waiting_filter()).order_by("booking__starts_at", "pk")  # soonest first
        payments = list(waiting.defer(*ROW_DEFERRED)[:LANDING_ROWS])
    return shown | {
        "dashboard": dashboard.build(now=now),
        "headers": [column.short_description for column in columns],
        # Each row one string: the template's loop over 8 cells per row cost more than the cells.
        "rows": [mark_safe("".join([f"<td>{conditional_escape(column(payment))}</td>" for column in columns]))
                 for payment in payments],
        "row_form": cells.row_form(request),
        "may_verify": user.has_perm(permissions.VERIFY_PAYMENT),
        "night_start": dashboard.night_bounds(now)[0],
        "may_see_reports": user.has_perm("bookings.view_report"),
        "may_see_number_changes": user.has_perm("talents.view_numberchangerequest"),
    }
