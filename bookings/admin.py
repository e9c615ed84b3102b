"""Admin registrations for every model. Status fields are read-only: only the services change them."""

from django.contrib import admin

from .models import (
    Ban,
    BankAccount,
    Booking,
    BookingEvent,
    ContactDisclosure,
    ContactGrant,
    Customer,
    Package,
    Payment,
    Report,
    StatementImport,
    StatementLine,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    """History and logs: visible, never edited."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class BookingEventInline(admin.TabularInline):
    model = BookingEvent
    extra = 0
    can_delete = False
    readonly_fields = ["at", "actor", "from_status", "to_status", "reason"]

    def has_add_permission(self, request, obj=None):
        return False


class PaymentInline(admin.TabularInline):
    model = Payment
    extra = 0
    can_delete = False
    fields = ["submitted_at", "bank", "sender_name", "amount_claimed", "status", "decided_by", "decided_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Package)
class PackageAdmin(admin.ModelAdmin):
    list_display = ["name", "channels", "duration_minutes", "price", "is_active"]
    list_filter = ["channels", "is_active"]
    filter_horizontal = ["talents"]


@admin.register(Customer)
class CustomerAdmin(admin.ModelAdmin):
    list_display = ["display_name", "whatsapp", "time_zone", "created_at"]
    search_fields = ["display_name", "whatsapp", "user__email"]
    raw_id_fields = ["user"]


@admin.register(Booking)
class BookingAdmin(admin.ModelAdmin):
    list_display = ["id", "customer", "talent", "starts_at", "status", "amount_due", "refund_status"]
    list_filter = ["status", "refund_status"]
    list_select_related = ["customer", "talent"]
    search_fields = ["customer__display_name", "talent__display_name", "amount_due"]
    date_hierarchy = "starts_at"
    readonly_fields = [f.name for f in Booking._meta.fields]
    inlines = [PaymentInline, BookingEventInline]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Payment)
class PaymentAdmin(ReadOnlyAdmin):
    list_display = ["id", "booking", "amount_claimed", "status", "submitted_at"]
    list_filter = ["status"]
    list_select_related = ["booking__talent"]


@admin.register(ContactGrant)
class ContactGrantAdmin(ReadOnlyAdmin):
    list_display = ["id", "talent", "customer", "channels", "starts_at", "ends_at", "revoked_at"]
    list_select_related = ["talent", "customer"]


@admin.register(ContactDisclosure)
class ContactDisclosureAdmin(ReadOnlyAdmin):
    list_display = ["at", "viewer", "subject", "handle", "grant"]
    list_select_related = ["viewer", "grant__talent", "grant__customer"]


@admin.register(BookingEvent)
class BookingEventAdmin(ReadOnlyAdmin):
    list_display = ["at", "booking", "from_status", "to_status", "actor", "reason"]
    list_select_related = ["booking__talent", "actor"]


@admin.register(Ban)
class BanAdmin(ReadOnlyAdmin):
    list_display = ["whatsapp", "customer", "created_at", "lifted_at"]


@admin.register(Report)
class ReportAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "talent", "customer", "category", "status"]
    list_filter = ["status", "category"]
    list_select_related = ["talent", "customer"]


@admin.register(StatementImport)
class StatementImportAdmin(ReadOnlyAdmin):
    list_display = ["file_name", "layout", "uploaded_by", "uploaded_at"]


@admin.register(StatementLine)
class StatementLineAdmin(ReadOnlyAdmin):
    list_display = ["date", "amount", "description", "status", "booking"]
    list_filter = ["status"]


@admin.register(BankAccount)
class BankAccountAdmin(admin.ModelAdmin):
    list_display = ["bank", "account_number", "holder", "is_active"]
