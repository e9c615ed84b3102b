"""The inbox (oldest waiting first, with filters and the flood reply) and the conversation page."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.core.exceptions import PermissionDenied
from django.db.models import F
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.timesince import timesince
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bookings.admin.base import back, posted
from bookings.errors import BookingError
from support import figures
from support import permissions as desk
from support.models import CannedReply, Conversation, ConversationStatus
from support.services import bulk_reply

from .page import DeskPage


class CannedActionForm(ActionForm):
    canned = forms.ModelChoiceField(
        label=gettext_lazy("Canned reply"), required=False,
        queryset=CannedReply.objects.filter(is_active=True),
    )


class StatusFilter(admin.SimpleListFilter):
    """Unsolved by default: the inbox is what still needs us."""

    title = gettext_lazy("status")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [("unsolved", _("Open or waiting")), *ConversationStatus.choices, ("all", _("All"))]

    def choices(self, changelist):
        value = self.value() or "unsolved"
        for lookup, title in self.lookup_choices:
            query = changelist.get_query_string({self.parameter_name: lookup})
            yield {"selected": value == lookup, "query_string": query, "display": title}

    def queryset(self, request, queryset):
        value = self.value() or "unsolved"
        if value == "unsolved":
            return queryset.unsolved()
        if value in ConversationStatus.values:
            return queryset.filter(status=value)
        return queryset


@admin.register(Conversation)
class ConversationAdmin(DeskPage, admin.ModelAdmin):
    list_display = ["waiting", "category", "status", "who", "booking_link", "assigned_to", "abuse", "last_message"]
    list_display_links = ["waiting", "category"]
    list_filter = [StatusFilter, "category", ("assigned_to", admin.RelatedOnlyFieldListFilter), "flagged"]
    list_select_related = ["customer", "talent", "assigned_to"]
    search_fields = ["customer__display_name", "talent__display_name", "requester__email", "=booking__pk"]
    action_form = CannedActionForm
    actions = ["reply_with_canned", "assign_to_me"]
    list_per_page = 50

    def get_ordering(self, request):
        return [F("waiting_since").asc(nulls_last=True), "created_at"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=gettext_lazy("waiting"), ordering="waiting_since")
    def waiting(self, conversation):
        if conversation.waiting_since is None:
            return "—"
        return timesince(conversation.waiting_since)

    @admin.display(description=gettext_lazy("from"))
    def who(self, conversation):
        person = conversation.customer or conversation.talent
        return person.display_name if person else "—"

    @admin.display(description=gettext_lazy("booking"), ordering="booking_id")
    def booking_link(self, conversation):
        return f"#{conversation.booking_id}" if conversation.booking_id else ""

    @admin.display(description=gettext_lazy("abuse"), boolean=True, ordering="flagged")
    def abuse(self, conversation):
        return conversation.flagged

    @admin.display(description=gettext_lazy("last message"))
    def last_message(self, conversation):
        return conversation.preview  # already masked when the message was flagged

    @admin.action(
        description=gettext_lazy("Answer the selected with the chosen canned reply (each filled for its customer)"),
        permissions=["answer"],
    )
    def reply_with_canned(self, request, queryset):
        canned = CannedReply.objects.filter(pk=request.POST.get("canned") or 0, is_active=True).first()
        if canned is None:
            self.message_user(request, _("Choose a canned reply first."), messages.ERROR)
            return None
        try:
            sent = bulk_reply(conversations=queryset, agent=request.user, canned=canned)
        except BookingError as error:
            self.message_user(request, str(error), messages.ERROR)
            return None
        self.message_user(request, _("%(count)s conversations answered with “%(title)s”.") % {
            "count": sent, "title": canned.title}, messages.SUCCESS)
        return None

    @admin.action(description=gettext_lazy("Assign the selected to me"), permissions=["answer"])
    def assign_to_me(self, request, queryset):
        from support.services import assign_conversation

        for conversation in queryset:
            assign_conversation(conversation=conversation, agent=request.user, by=request.user)
        self.message_user(request, _("Assigned to you."), messages.SUCCESS)

    def has_answer_permission(self, request):
        return request.user.has_perm(desk.ANSWER)

    def get_urls(self):
        site = self.admin_site
        return [
            path("<id:object_id>/act/", site.admin_view(self.act_view), name="support_conversation_act"),
            path("figures/", site.admin_view(self.figures_view), name="support_conversation_figures"),
            path("<id:object_id>/image/<id:message_pk>/", site.admin_view(self.image_view),
                 name="support_conversation_image"),
            *super().get_urls(),
        ]

    def act_view(self, request, object_id):
        if request.method != "POST":
            raise Http404
        if not request.user.has_perm(desk.ANSWER):
            raise PermissionDenied
        conversation = get_object_or_404(Conversation, pk=object_id)
        action = posted(request, "action")
        handler = self.handlers().get(action)
        if handler is None:
            raise Http404
        fallback = reverse("admin:support_conversation_change", args=[conversation.pk])
        try:
            result = handler(request, conversation)
        except BookingError as error:
            messages.error(request, str(error))
            return back(request, fallback)
        if isinstance(result, HttpResponseRedirect):
            return result
        return back(request, fallback)

    def figures_view(self, request):
        if not request.user.has_perm(desk.VIEW):
            raise PermissionDenied
        context = {**self.admin_site.each_context(request), "title": _("Desk figures per agent and week"),
                   "opts": self.model._meta, "rows": figures.weekly(), "agents": figures.agents_shown()}
        return TemplateResponse(request, "admin/support/figures.html", context)

    def image_view(self, request, object_id, message_pk):
        from support.views import message_image

        return message_image(request, object_id, message_pk)
