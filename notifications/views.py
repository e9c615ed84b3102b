"""A person's own messages on the site (the bell's list)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

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


@login_required
@require_POST
def seen(request: HttpRequest, pk: int) -> HttpResponse:
    """One message marked read by its own recipient (staff clear an urgent one from the landing page)."""
    notification = get_object_or_404(Notification.objects.on_site_for(request.user), pk=pk)
    mark_read(user=request.user, pk=notification.pk)
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/"
    return redirect(target)
