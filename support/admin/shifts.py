"""The roster (shifts and their agents), the hand-over at a shift's end, and past hand-overs."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bookings.admin.base import ReadOnlyAdmin
from bookings.errors import BookingError
from support import permissions as desk
from support.models import Handover, Shift
from support.services import hand_over_shift


class HandoverActionForm(ActionForm):
    note = forms.CharField(label=gettext_lazy("Hand-over note"), required=False,
                           widget=forms.TextInput(attrs={"size": 60}))


@admin.register(Shift)
class ShiftAdmin(admin.ModelAdmin):
    list_display = ["name", "starts", "ends", "agent_names"]
    filter_horizontal = ["agents"]
    action_form = HandoverActionForm
    actions = ["hand_over"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("agents")

    @admin.display(description=gettext_lazy("agents"))
    def agent_names(self, shift):
        return ", ".join(agent.get_username() for agent in shift.agents.all()) or "—"

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "agents":
            from django.contrib.auth import get_user_model

            kwargs["queryset"] = get_user_model().objects.filter(is_staff=True, is_active=True)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    @admin.action(description=gettext_lazy("Hand the selected shift's open conversations to the next shift"),
                  permissions=["hand_over"])
    def hand_over(self, request, queryset):
        for shift in queryset:
            try:
                handover = hand_over_shift(shift=shift, by=request.user, note=request.POST.get("note", ""))
            except BookingError as error:
                self.message_user(request, str(error), messages.ERROR)
                return
            self.message_user(request, _("%(count)s conversations handed from %(from)s to %(to)s.") % {
                "count": handover.conversations, "from": shift.name, "to": handover.next_shift.name}, messages.SUCCESS)

    def has_hand_over_permission(self, request):
        return request.user.has_perm(desk.HAND_OVER)


@admin.register(Handover)
class HandoverAdmin(ReadOnlyAdmin):
    list_display = ["at", "shift", "next_shift", "conversations", "by", "note"]
    list_select_related = ["shift", "next_shift", "by"]
