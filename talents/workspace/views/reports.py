"""The talent's reports and what staff decided."""

from __future__ import annotations

from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from bookings.models import Report
from talents.workspace.access import talent_required


@require_safe
@talent_required
def reports(request: HttpRequest) -> HttpResponse:
    items = (
        Report.objects.filter(talent=request.talent)
        .select_related("booking")
        .annotate(customer_name=F("customer__display_name"))
        .order_by("-created_at")[:100]
    )
    return render(request, "workspace/reports.html", {"reports": items, "talent": request.talent})
