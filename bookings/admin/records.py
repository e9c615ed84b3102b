"""Catalogue and logs: packages and bank accounts (managers edit), grants, disclosures, history (read only)."""

from django.contrib import admin

from bookings.models import BankAccount, BookingEvent, ContactDisclosure, ContactGrant, Package, TalentExclusion

from .base import ReadOnlyAdmin


@admin.register(Package)
class PackageAdmin(admin.ModelAdmin):
    list_display = ["name", "channels", "duration_minutes", "price", "is_active"]
    list_filter = ["channels", "is_active"]
    filter_horizontal = ["talents"]


@admin.register(BankAccount)
class BankAccountAdmin(admin.ModelAdmin):
    list_display = ["bank", "account_number", "holder", "is_active"]


@admin.register(ContactGrant)
class ContactGrantAdmin(ReadOnlyAdmin):
    list_display = ["id", "booking", "talent", "customer", "channels", "starts_at", "ends_at", "revoked_at",
                    "unblocked_at", "customer_wrote_first_at", "blocked_at"]
    list_select_related = ["booking__talent", "talent", "customer"]


@admin.register(TalentExclusion)
class TalentExclusionAdmin(ReadOnlyAdmin):
    """A talent's own "not with this customer again": staff see it; only the talent's choice makes one."""

    list_display = ["created_at", "talent", "customer", "booking", "created_by"]
    list_select_related = ["talent", "customer", "booking__talent", "created_by"]
    search_fields = ["talent__display_name", "customer__display_name", "customer__whatsapp"]


@admin.register(ContactDisclosure)
class ContactDisclosureAdmin(ReadOnlyAdmin):
    list_display = ["at", "viewer", "subject", "handle", "grant", "place"]
    list_filter = ["subject"]
    list_select_related = ["viewer", "grant__talent", "grant__customer"]


@admin.register(BookingEvent)
class BookingEventAdmin(ReadOnlyAdmin):
    list_display = ["at", "booking", "from_status", "to_status", "actor", "reason"]
    list_select_related = ["booking__talent", "actor"]
