"""Today: tonight's sessions with one state and one next step each; refreshed by htmx polling."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.backends.utils import csrf_input
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from sleepcall.zones import abbreviation
from talents.workspace.access import talent_required
from talents.workspace.today_cards import cards_for
from talents.workspace.tonight import pending_for_tonight, sessions_for_today


@require_safe
@talent_required
@never_cache
def today(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    sessions = sessions_for_today(talent=request.talent, viewer=request.user, at=now)
    # One token for every form on the page, as {% csrf_token %} would give each (any masking of
    # the same secret is valid), instead of masking it again for each of up to 80 forms.
    csrf_field = csrf_input(request)
    zone = abbreviation(request.talent.time_zone)
    context = {
        "sessions": sessions,
        "cards": cards_for(sessions, now=now, zone=zone, csrf_field=csrf_field),
        "pending": list(pending_for_tonight(request.talent, now)),
        "talent": request.talent,
        "now": now,
        "lead_minutes": settings.SLEEPCALL_UNBLOCK_LEAD_MINUTES,
        "zone": zone,
    }
    template = "workspace/_tonight.html" if request.htmx else "workspace/today.html"
    return render(request, template, context)
