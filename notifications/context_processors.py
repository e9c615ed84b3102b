"""The bell: how many unread messages a signed-in customer or talent has. Asked only if a page shows it."""

from __future__ import annotations

from django.utils.functional import SimpleLazyObject

from .models import Notification


def bell(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or user.is_staff:
        return {}
    return {"unread_notifications": SimpleLazyObject(
        lambda: Notification.objects.on_site_for(user).unread().count()
    )}
