"""The desk's block on the admin landing page (kept apart from the payments dashboard)."""

from __future__ import annotations

from django import template

from support import figures
from support import permissions as desk

register = template.Library()


@register.inclusion_tag("admin/support/landing.html", takes_context=True)
def desk_landing(context) -> dict:
    request = context["request"]
    if not request.user.has_perm(desk.VIEW):
        return {"show": False}
    return {"show": True, "desk": figures.landing()}
