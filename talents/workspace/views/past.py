"""Past sessions with what the talent earned, and totals per week and per month."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from payouts.models import PayoutLine
from sleepcall.zones import zone_info
from talents.workspace.access import talent_required
from talents.workspace.earnings import earned, past_sessions, totals

PER_PAGE = 20


@require_safe
@talent_required
def past(request: HttpRequest) -> HttpResponse:
    talent = request.talent
    now = timezone.now()
    page = Paginator(past_sessions(talent, now), PER_PAGE).get_page(request.GET.get("page"))
    rows = [(booking, booking.share if earned(booking, now) else 0) for booking in page.object_list]
    weeks = totals(talent, now, by="week", limit=8)
    payouts = list(PayoutLine.objects.filter(talent=talent).select_related("week").order_by("-week__starts_on")[:8])
    by_week = {line.week.starts_on: line for line in payouts}
    for row in weeks:
        row["payout"] = by_week.get(timezone.localtime(row["period"], zone_info(talent.time_zone)).date())
    context = {
        "page": page,
        "rows": rows,
        "weeks": weeks,
        "payouts": payouts,
        "months": totals(talent, now, by="month", limit=6),
        "share_percent": settings.SLEEPCALL_TALENT_SHARE_PERCENT,
        "talent": talent,
    }
    return render(request, "workspace/past.html", context)
