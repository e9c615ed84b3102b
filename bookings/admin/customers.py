"""Customers in one place: history, incidents, fake-proof flags, and ban / unban with a reason."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import BooleanField, Count, Exists, ExpressionWrapper, OuterRef, Q
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bookings import permissions, whatsapp
from bookings.contact import StaffSight, log_staff_views
from bookings.errors import BookingError
from bookings.models import Ban, Booking, Customer, Payment, Report, TalentExclusion
from bookings.models.customer import banned_customer_ids
from bookings.models.payment import RejectionReason
from bookings.services import ban_customer, unban_customer

from .base import ReadOnlyAdmin, back, decision_view, posted
from .numbers import ShowsNumbers


class BannedFilter(admin.SimpleListFilter):
    title = gettext_lazy("ban")
    parameter_name = "banned"

    def lookups(self, request, model_admin):
        return [("yes", _("Banned")), ("no", _("Not banned"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(is_banned_now=True)
        if self.value() == "no":
            return queryset.filter(is_banned_now=False)
        return queryset


def fake_proof_payments(customer: Customer):
    """Payments rejected as fake, or whose file was also sent for someone else's booking."""
    reused = Payment.objects.filter(proof_sha256=OuterRef("proof_sha256")).exclude(proof_sha256="").exclude(
        booking_id=OuterRef("booking_id")
    )
    return (
        Payment.objects.filter(booking__customer=customer)
        .with_reused_proof(earlier_only=False)
        .filter(Q(rejection_reason=RejectionReason.FAKE) | Q(Exists(reused)))
        .select_related("booking", "decided_by")
    )


@admin.register(Customer)
class CustomerAdmin(ShowsNumbers, admin.ModelAdmin):
    list_display = ["display_name", "whatsapp", "time_zone", "booking_count", "report_count", "banned", "created_at"]
    list_filter = [BannedFilter, "time_zone"]
    search_fields = ["display_name", "whatsapp", "user__email"]
    raw_id_fields = ["user"]
    # Verifiers match transfers by name and amount: no number, and no login e-mail, for them.
    number_permission = permissions.VIEW_CUSTOMER_NUMBER
    number_columns = ("whatsapp",)
    number_fields = ("whatsapp", "user")
    number_lookups = ("whatsapp", "user__email")
    change_form_template = "admin/bookings/customer/change_form.html"

    def numbers_shown(self, customer):
        return [StaffSight(handle=customer.whatsapp, customer=customer)]

    def get_readonly_fields(self, request, obj=None):
        """A ban follows the number, so the number changes only through the customer's own profile."""
        readonly = list(super().get_readonly_fields(request, obj))
        return ["whatsapp", *readonly] if obj else readonly

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(
            is_banned_now=ExpressionWrapper(Q(pk__in=banned_customer_ids()), output_field=BooleanField()),
            bookings_n=Count("bookings", distinct=True),
            reports_n=Count("reports", distinct=True),
        )

    @admin.display(description=gettext_lazy("bookings"), ordering="bookings_n")
    def booking_count(self, customer):
        return customer.bookings_n

    @admin.display(description=gettext_lazy("reports"), ordering="reports_n")
    def report_count(self, customer):
        return customer.reports_n

    @admin.display(description=gettext_lazy("banned"), boolean=True, ordering="is_banned_now")
    def banned(self, customer):
        return customer.is_banned_now

    def get_urls(self):
        site = self.admin_site
        return [
            path("<id:object_id>/ban/", decision_view(site, permissions.BAN_CUSTOMER, self.ban_view),
                 name="bookings_customer_ban"),
            path("<id:object_id>/unban/", decision_view(site, permissions.BAN_CUSTOMER, self.unban_view),
                 name="bookings_customer_unban"),
            *super().get_urls(),
        ]

    def ban_view(self, request, object_id):
        customer = get_object_or_404(Customer, pk=object_id)
        try:
            ban_customer(customer=customer, staff=request.user, reason=posted(request, "reason"))
        except BookingError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("%(customer)s is banned; their open bookings are cancelled.") % {
                "customer": customer})
        return back(request, reverse("admin:bookings_customer_change", args=[customer.pk]))

    def unban_view(self, request, object_id):
        customer = get_object_or_404(Customer, pk=object_id)
        try:
            lifted = unban_customer(customer=customer, staff=request.user, reason=posted(request, "reason"))
        except BookingError as error:
            messages.error(request, str(error))
        else:
            if lifted:
                messages.success(request, _("The ban on %(customer)s is lifted.") % {"customer": customer})
            else:
                messages.warning(request, _("%(customer)s was not banned.") % {"customer": customer})
        return back(request, reverse("admin:bookings_customer_change", args=[customer.pk]))

    def change_view(self, request, object_id, form_url="", extra_context=None):
        customer = Customer.objects.filter(pk=object_id).first()
        extra = {"customer": customer, **(extra_context or {})}
        if customer is not None:
            extra |= {
                "bans": Ban.objects.on_customer(customer).distinct().select_related("created_by", "lifted_by"),
                "ban_in_force": Ban.objects.in_force().on_customer(customer).first(),
                # Every number the person used: only for those who may see numbers, and logged.
                "numbers_used": list(customer.numbers.all()) if self.may_see_numbers(request) else [],
                "history": _with_whatsapp(
                    Booking.objects.for_customer(customer).select_related("talent", "customer")
                    .prefetch_related("payments").order_by("-starts_at"), request.user,
                ),
                "incidents": Report.objects.filter(customer=customer).select_related("talent", "decided_by"),
                "exclusions": TalentExclusion.objects.filter(customer=customer).select_related("talent"),
                "fake_proofs": fake_proof_payments(customer),
                "may_ban": request.user.has_perm(permissions.BAN_CUSTOMER),
                # Each role sees its part: talents' reports and the ban record are CS and managers' work.
                "may_see_reports": request.user.has_perm("bookings.view_report"),
                "may_see_bans": request.user.has_perm("bookings.view_ban"),
                "may_see_numbers": self.may_see_numbers(request),
            }
            if request.method == "GET" and extra["may_see_bans"]:
                log_staff_views(viewer=request.user, place=f"admin customer #{customer.pk} numbers used", shown=[
                    StaffSight(handle=n.whatsapp, customer=customer) for n in extra["numbers_used"]
                    if n.whatsapp != customer.whatsapp])
        return super().change_view(request, object_id, form_url, extra_context=extra)


def _with_whatsapp(bookings, staff) -> list[Booking]:
    """Each booking with the WhatsApp messages this staff member may send about it."""
    rows = list(bookings)
    for booking in rows:
        booking.whatsapp_messages = whatsapp.messages_for(booking, staff)
    return rows


@admin.register(Ban)
class BanAdmin(ShowsNumbers, ReadOnlyAdmin):
    list_display = ["whatsapp", "customer", "reason", "created_by", "created_at", "lifted_at", "lifted_by"]
    list_select_related = ["customer", "created_by", "lifted_by"]
    search_fields = ["whatsapp", "customer__display_name"]
    number_permission = permissions.VIEW_CUSTOMER_NUMBER
    number_columns = number_fields = number_lookups = ("whatsapp",)

    def numbers_shown(self, ban):
        return [StaffSight(handle=ban.whatsapp, customer=ban.customer)]
