"""Bank-statement import: upload a mutation export, see proposed / ambiguous / unmatched lines, confirm all."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bookings import permissions
from bookings.errors import BookingError
from bookings.forms.payment import AccountChoiceField
from bookings.models import BankAccount, StatementImport, StatementLine
from bookings.models.statement import LineStatus
from bookings.services import confirm_statement_matches, import_statement
from bookings.services.statements import MAX_FILE_BYTES, StatementTooLarge

from .base import ReadOnlyAdmin, decision_view

LINES_PER_PAGE = 100


class StatementUploadForm(forms.Form):
    account = AccountChoiceField(
        label=gettext_lazy("Which of our accounts is this statement from?"), queryset=BankAccount.objects.none(),
    )
    file = forms.FileField(label=gettext_lazy("Mutation export (CSV)"),
                           help_text=gettext_lazy("BCA mutation CSV, or the generic layout date,description,amount."))

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
            try:
                result = import_statement(
                    data=upload.read(), file_name=upload.name, staff=request.user,
                    account=form.cleaned_data["account"],
                )
            except BookingError as error:
                form.add_error("file", str(error))
            else:
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
                url = reverse("admin:bookings_statementimport_change", args=[result.statement.pk])
                return HttpResponseRedirect(url)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Import a bank statement"),
            "opts": self.model._meta,
            "form": form,
        }
        return TemplateResponse(request, "admin/bookings/statementimport/upload.html", context)

    def get_urls(self):
        return [
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
    list_display = ["date", "amount", "description", "status", "booking", "note", "statement"]
    list_filter = ["status"]
    list_select_related = ["booking__talent", "statement"]
    search_fields = ["description", "amount"]
    list_per_page = LINES_PER_PAGE
    show_full_result_count = False  # no second COUNT(*) over a huge table on every filtered page
