"""A person's own messages on the site (the bell's list)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .models import Notification
from .services import mark_read

PAGE = 50


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    items = list(Notification.objects.on_site_for(request.user).only(
        "subject", "body", "url", "created_at", "read_at", "urgent", "event"
    )[:PAGE])
    mark_read(user=request.user)
    base = "workspace/base.html" if hasattr(request.user, "talent") else "customer_base.html"
    return render(request, "notifications/inbox.html", {"items": items, "base": base})
