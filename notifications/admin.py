"""The outbox in the admin: what was sent to whom, when, and what failed. Read-only."""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("created_at", "event", "recipient", "channel", "status", "attempts", "urgent", "sent_by")
    list_filter = ("status", "channel", "event", "urgent")
    search_fields = ("event", "recipient__email", "subject")
    list_select_related = ("recipient", "sent_by")
    date_hierarchy = "created_at"
    list_per_page = 50
    show_full_result_count = False
    fields = ("recipient", "event", "channel", "address", "language", "subject", "shown_body", "url", "urgent",
              "status", "attempts", "last_error", "created_at", "next_attempt_at", "claimed_at", "sent_at",
              "read_at", "sent_by", "key")
    readonly_fields = fields

    @admin.display(description=_("text"))
    def shown_body(self, obj: Notification) -> str:
        return _("(hidden: holds a password-reset link)") if obj.secret else obj.body

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
