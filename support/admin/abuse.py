"""The lexicon words managers add, and the bans the desk proposed, for staff who ban to decide."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bookings import permissions
from bookings.errors import BookingError
from support.models import BanProposal, LexiconWord
from support.services import decide_ban_proposal


@admin.register(LexiconWord)
class LexiconWordAdmin(admin.ModelAdmin):
    list_display = ["word", "ambiguous", "added_by", "added_at"]
    search_fields = ["word"]
    fields = ["word", "ambiguous"]

    def save_model(self, request, obj, form, change):
        obj.word = obj.word.strip().lower()
        if not change:
            obj.added_by = request.user
        super().save_model(request, obj, form, change)


class DecisionForm(ActionForm):
    note = forms.CharField(label=gettext_lazy("Decision note"), required=False,
                           widget=forms.TextInput(attrs={"size": 60}))


@admin.register(BanProposal)
class BanProposalAdmin(admin.ModelAdmin):
    list_display = ["created_at", "customer", "reason", "status", "decided_by", "decision_note"]
    list_filter = ["status"]
    list_select_related = ["customer", "decided_by"]
    readonly_fields = ["customer", "reason", "status", "created_at", "decided_by", "decided_at", "decision_note"]
    action_form = DecisionForm
    actions = ["ban", "dismiss"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_decide_permission(self, request):
        return request.user.has_perm(permissions.BAN_CUSTOMER)

    def _decide(self, request, queryset, ban: bool):
        for proposal in queryset:
            try:
                decide_ban_proposal(proposal=proposal, staff=request.user, ban=ban, note=request.POST.get("note", ""))
            except BookingError as error:
                self.message_user(request, str(error), messages.ERROR)
                return
        self.message_user(request, _("Decided."), messages.SUCCESS)

    @admin.action(description=gettext_lazy("Ban the selected customers (their open bookings are cancelled)"),
                  permissions=["decide"])
    def ban(self, request, queryset):
        self._decide(request, queryset, ban=True)

    @admin.action(description=gettext_lazy("Dismiss the selected proposals"), permissions=["decide"])
    def dismiss(self, request, queryset):
        self._decide(request, queryset, ban=False)
