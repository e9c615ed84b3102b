"""Managers keep the canned replies; agents read them (and use them from the conversation page)."""

from __future__ import annotations

from django.contrib import admin

from support.models import CannedReply


@admin.register(CannedReply)
class CannedReplyAdmin(admin.ModelAdmin):
    list_display = ["title", "shortcut", "category", "use_count", "is_active"]
    list_filter = ["category", "is_active"]
    search_fields = ["title", "shortcut", "body_id", "body_en"]
    readonly_fields = ["use_count"]
    fields = ["title", "shortcut", "category", "body_id", "body_en", "is_active", "use_count"]
