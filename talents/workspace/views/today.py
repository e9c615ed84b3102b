"""Today: tonight's sessions with one state and one next step each; refreshed by htmx polling."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from talents.workspace.access import talent_required
from talents.workspace.tonight import pending_for_tonight, sessions_for_today


@require_safe
@talent_required
@never_cache
def today(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    context = {
        "sessions": sessions_for_today(talent=request.talent, viewer=request.user, at=now),
        "pending": list(pending_for_tonight(request.talent, now)),
        "talent": request.talent,
        "now": now,
        "lead_minutes": settings.SLEEPCALL_UNBLOCK_LEAD_MINUTES,
    }
    template = "workspace/_tonight.html" if request.htmx else "workspace/today.html"
    return render(request, template, context)
