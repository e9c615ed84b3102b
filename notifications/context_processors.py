"""The bell: how many unread messages a signed-in customer or talent has. Asked only if a page shows it."""

from __future__ import annotations

from django.utils.functional import SimpleLazyObject

from sleepcall.compiled import CompiledRead

from .models import Notification


def bell(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or user.is_staff:
        return {}
    return {"unread_notifications": SimpleLazyObject(lambda: _unread.count(user.pk))}


def _unread_for(user_id: int):
    return Notification.objects.on_site_for(user_id).unread()


# Every signed-in page asks it: compiled once per process.
_unread = CompiledRead(Notification, _unread_for, (-7_000_000_001,))
