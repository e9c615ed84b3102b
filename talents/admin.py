from django.contrib import admin

from .models import AvailabilityRule, NumberChangeRequest, Talent, TimeOff


class AvailabilityRuleInline(admin.TabularInline):
    model = AvailabilityRule
    extra = 0


class TimeOffInline(admin.TabularInline):
    model = TimeOff
    extra = 0


@admin.register(Talent)
class TalentAdmin(admin.ModelAdmin):
    list_display = ["display_name", "slug", "time_zone", "is_active"]
    list_filter = ["is_active", "time_zone"]
    search_fields = ["display_name", "slug"]
    prepopulated_fields = {"slug": ["display_name"]}
    inlines = [AvailabilityRuleInline, TimeOffInline]


@admin.register(TimeOff)
class TimeOffAdmin(admin.ModelAdmin):
    list_display = ["talent", "starts_at", "ends_at", "reason"]
    list_select_related = ["talent"]


@admin.register(NumberChangeRequest)
class NumberChangeRequestAdmin(admin.ModelAdmin):
    list_display = ["talent", "new_number", "status", "requested_at"]
    list_filter = ["status"]
    list_select_related = ["talent"]
    readonly_fields = ["status", "decided_by", "decided_at"]
