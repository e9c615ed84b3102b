"""Bank-statement import: upload a mutation export, see proposed / ambiguous / unmatched lines, confirm all."""

from __future__ import annotations

import secrets

from django import forms
from django.contrib import admin, messages
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bookings import permissions
from bookings.errors import BookingError
from bookings.forms.payment import AccountChoiceField
from bookings.models import BankAccount, Booking, StatementImport, StatementLine, StatementMapping
from bookings.models.statement import DateFormat, DecimalStyle, LineStatus
from bookings.money import rupiah
from bookings.services import (
    assign_statement_line,
    confirm_statement_matches,
    import_statement,
    import_with_mapping,
)
from bookings.services.statements import MAX_FILE_BYTES, ImportResult, MappingNeedsAccount, StatementTooLarge
from bookings.statement_formats import StatementNeedsMapping

from .base import ReadOnlyAdmin, decision_view

LINES_PER_PAGE = 100


class StatementUploadForm(forms.Form):
    account = AccountChoiceField(
        label=gettext_lazy("Which of our accounts is this statement from?"), queryset=BankAccount.objects.none(),
    )
    file = forms.FileField(label=gettext_lazy("Mutation export (CSV)"),
                           help_text=gettext_lazy("The CSV export of BCA, Mandiri, BRI or BNI internet banking, or any "
                                                  "other CSV: you choose its columns once for the account."))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        accounts = BankAccount.objects.active()
        self.fields["account"].queryset = accounts
        self.fields["account"].required = accounts.exists()

    def clean_file(self):
        """Refuse a large file by its size, before reading it into memory."""
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(StatementTooLarge.message)
        return upload


UPLOAD_KEEP_SECONDS = 60 * 60


class ColumnMappingForm(forms.Form):
    """Which column of an unknown CSV holds what; the choices are the file's own header names."""

    token = forms.CharField(widget=forms.HiddenInput)
    date_column = forms.ChoiceField(label=gettext_lazy("Date column"))
    description_column = forms.ChoiceField(label=gettext_lazy("Description column (sender name)"))
    amount_column = forms.ChoiceField(label=gettext_lazy("Amount column"))
    marker_column = forms.ChoiceField(
        label=gettext_lazy("Credit/debit column (optional)"), required=False,
        help_text=gettext_lazy("A column saying CR/DB (or K/D). Without it a negative amount is money out."),
    )
    date_format = forms.ChoiceField(label=gettext_lazy("Date format"), choices=DateFormat.choices)
    decimal_style = forms.ChoiceField(label=gettext_lazy("Amounts written as"), choices=DecimalStyle.choices)

    def __init__(self, *args, columns: list[str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        choices = [(name, name) for name in columns]
        for name in ("date_column", "description_column", "amount_column"):
            self.fields[name].choices = choices
        self.fields["marker_column"].choices = [("", "—"), *choices]


def _pending_key(token: str) -> str:
    return f"statement-upload:{token}"


def _report(request, result: ImportResult) -> HttpResponseRedirect:
    messages.success(request, _(
        "%(created)s new lines: %(proposed)s matches proposed, %(ambiguous)s ambiguous, "
        "%(unmatched)s unmatched; %(again)s already imported before, %(debits)s debits ignored, "
        "%(skipped)s lines skipped (not a transaction)."
    ) % {
        "created": result.created, "proposed": result.by_status[LineStatus.PROPOSED],
        "ambiguous": result.by_status[LineStatus.AMBIGUOUS],
        "unmatched": result.by_status[LineStatus.UNMATCHED],
        "again": result.already_imported, "debits": result.debits, "skipped": result.skipped,
    })
    return HttpResponseRedirect(reverse("admin:bookings_statementimport_change", args=[result.statement.pk]))


@admin.register(StatementMapping)
class StatementMappingAdmin(ReadOnlyAdmin):
    """The saved column choices, one per account; delete one to choose the columns again at the next import."""

    list_display = ["account", "date_column", "description_column", "amount_column", "marker_column",
                    "date_format", "decimal_style", "saved_by", "saved_at"]
    list_select_related = ["account", "saved_by"]

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm(permissions.IMPORT_STATEMENT)

    def has_delete_permission(self, request, obj=None):
        return request.user.has_perm(permissions.IMPORT_STATEMENT)


@admin.register(StatementImport)
class StatementImportAdmin(ReadOnlyAdmin):
    list_display = ["file_name", "account", "layout", "uploaded_by", "uploaded_at", "skipped_lines", "proposed",
                    "confirmed"]
    list_select_related = ["uploaded_by", "account"]
    change_form_template = "admin/bookings/statementimport/change_form.html"

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(
            proposed_n=Count("lines", filter=Q(lines__status=LineStatus.PROPOSED)),
            confirmed_n=Count("lines", filter=Q(lines__status=LineStatus.CONFIRMED)),
        )

    @admin.display(description=gettext_lazy("to confirm"))
    def proposed(self, statement):
        return statement.proposed_n

    @admin.display(description=gettext_lazy("confirmed"))
    def confirmed(self, statement):
        return statement.confirmed_n

    def has_add_permission(self, request, obj=None):
        return request.user.has_perm(permissions.IMPORT_STATEMENT)

    def add_view(self, request, form_url="", extra_context=None):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = StatementUploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            data, account = upload.read(), form.cleaned_data["account"]
            try:
                return _report(request, import_statement(
                    data=data, file_name=upload.name, staff=request.user, account=account,
                ))
            except StatementNeedsMapping as needs:
                if account is None:
                    form.add_error("account", str(MappingNeedsAccount()))
                else:
                    token = secrets.token_urlsafe(16)
                    pending = {"data": data, "name": upload.name, "account": account.pk, "columns": needs.columns,
                               "staff": request.user.pk}
                    cache.set(_pending_key(token), pending, UPLOAD_KEEP_SECONDS)
                    mapping = ColumnMappingForm(columns=needs.columns, initial={"token": token})
                    return self._mapping_page(request, mapping, account, upload.name)
            except BookingError as error:
                form.add_error("file", str(error))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Import a bank statement"),
            "opts": self.model._meta,
            "form": form,
        }
        return TemplateResponse(request, "admin/bookings/statementimport/upload.html", context)

    def _mapping_page(self, request, form: ColumnMappingForm, account: BankAccount, file_name: str):
        context = {
            **self.admin_site.each_context(request),
            "title": _("Choose the columns of %(file)s") % {"file": file_name},
            "opts": self.model._meta,
            "form": form,
            "account": account,
        }
        return TemplateResponse(request, "admin/bookings/statementimport/columns.html", context)

    def columns_view(self, request):
        """Second step for an unknown CSV: save the chosen columns for the account, then import the file."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        pending = cache.get(_pending_key(request.POST.get("token", ""))) if request.method == "POST" else None
        if pending is None or pending.get("staff") != request.user.pk:  # a token is its uploader's alone
            messages.error(request, _("That upload is no longer kept (an hour at most). Upload the file again."))
            return HttpResponseRedirect(reverse("admin:bookings_statementimport_add"))
        account = BankAccount.objects.get(pk=pending["account"])
        form = ColumnMappingForm(request.POST, columns=pending["columns"])
        if form.is_valid():
            fields = {name: form.cleaned_data[name] for name in (
                "date_column", "description_column", "amount_column", "marker_column", "date_format",
                "decimal_style")}
            try:
                result = import_with_mapping(data=pending["data"], file_name=pending["name"], staff=request.user,
                                             account=account, **fields)
            except BookingError as error:
                form.add_error(None, str(error))
            else:
                cache.delete(_pending_key(form.cleaned_data["token"]))
                return _report(request, result)
        return self._mapping_page(request, form, account, pending["name"])

    def get_urls(self):
        return [
            path("add/columns/", self.admin_site.admin_view(self.columns_view),
                 name="bookings_statementimport_columns"),
            path("line/<id:object_id>/assign/",
                 decision_view(self.admin_site, permissions.VERIFY_PAYMENT, self.assign_view),
                 name="bookings_statementline_assign"),
            path("<id:object_id>/confirm/",
                 decision_view(self.admin_site, permissions.VERIFY_PAYMENT, self.confirm_view),
                 name="bookings_statementimport_confirm"),
            *super().get_urls(),
        ]

    def confirm_view(self, request, object_id):
        statement = get_object_or_404(StatementImport, pk=object_id)
        result = confirm_statement_matches(statement=statement, staff=request.user)
        if result.confirmed:
            messages.success(request, _("%(count)s payments verified from the statement.") % {
                "count": len(result.confirmed)})
        for line, problem in result.problems:
            messages.error(request, f"{line.date} {line.amount} → #{line.booking_id}: {problem}")
        if not result.confirmed and not result.problems:
            messages.info(request, _("Nothing left to confirm."))
        return HttpResponseRedirect(reverse("admin:bookings_statementimport_change", args=[statement.pk]))

    def assign_view(self, request, object_id):
        """Staff name the booking an unmatched line paid; it is matched and the payment verified."""
        line = get_object_or_404(StatementLine, pk=object_id)
        back_to = reverse("admin:bookings_statementimport_change", args=[line.statement_id])
        number = request.POST.get("booking", "").strip().lstrip("#")
        booking = Booking.objects.filter(pk=int(number)).first() if number.isdigit() and len(number) < 12 else None
        if booking is None:
            messages.error(request, _("No booking #%(number)s.") % {"number": number[:20]})
            return HttpResponseRedirect(back_to)
        try:
            assign_statement_line(line=line, booking=booking, staff=request.user)
        except BookingError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Line of %(amount)s assigned to booking #%(booking)s; payment verified.") % {
                "amount": rupiah(line.amount), "booking": booking.pk})
        return HttpResponseRedirect(back_to)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        lines = StatementLine.objects.filter(statement_id=object_id).select_related(
            "booking__customer", "booking__talent", "payment"
        ).order_by("date", "pk")

        def page(status: str):
            """One page of one group: a 75,000-line file renders LINES_PER_PAGE rows per group, not all."""
            return Paginator(lines.filter(status=status), LINES_PER_PAGE).get_page(request.GET.get(f"{status}_page"))

        extra = {
            "proposed": page(LineStatus.PROPOSED),
            "confirmed_lines": page(LineStatus.CONFIRMED),
            "ambiguous": page(LineStatus.AMBIGUOUS),
            "unmatched": page(LineStatus.UNMATCHED),
            "may_confirm": request.user.has_perm(permissions.VERIFY_PAYMENT),
            **(extra_context or {}),
        }
        return super().change_view(request, object_id, form_url, extra_context=extra)


@admin.register(StatementLine)
class StatementLineAdmin(ReadOnlyAdmin):
    list_display = ["date", "amount", "description", "status", "booking", "note", "statement", "assign_link"]
    list_filter = ["status"]
    list_select_related = ["booking__talent", "statement"]
    search_fields = ["description", "amount"]
    list_per_page = LINES_PER_PAGE
    show_full_result_count = False  # no second COUNT(*) over a huge table on every filtered page

    @admin.display(description=gettext_lazy("by hand"))
    def assign_link(self, line):
        """Unmatched and ambiguous lines are assigned on their import's page, where the form is."""
        if line.status not in (LineStatus.UNMATCHED, LineStatus.AMBIGUOUS):
            return ""
        url = reverse("admin:bookings_statementimport_change", args=[line.statement_id])
        return format_html('<a href="{}#line-{}">{}</a>', url, line.pk, _("Assign to a booking"))
