"""Imported bank-statement lines, matched to open bookings by their unique amount."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class StatementImport(models.Model):
    file_name = models.CharField(_("file"), max_length=200)
    layout = models.CharField(_("layout"), max_length=30)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("uploaded by")
    )
    uploaded_at = models.DateTimeField(auto_now_add=True, verbose_name=_("uploaded at"))
    # Which of the service's accounts the export is from (staff say so when uploading).
    account = models.ForeignKey(
        "bookings.BankAccount", on_delete=models.PROTECT, null=True, blank=True, related_name="statements",
        verbose_name=_("account"),
    )
    skipped_lines = models.PositiveIntegerField(_("lines skipped"), default=0)

    class Meta:
        ordering = ["-uploaded_at"]
        verbose_name = _("bank statement import")
        verbose_name_plural = _("bank statement imports")

    def __str__(self) -> str:
        return f"{self.file_name} ({self.uploaded_at:%Y-%m-%d %H:%M})"


class LineStatus(models.TextChoices):
    PROPOSED = "proposed", _("Match proposed")
    CONFIRMED = "confirmed", _("Match confirmed")
    AMBIGUOUS = "ambiguous", _("Ambiguous")
    UNMATCHED = "unmatched", _("Unmatched")


class StatementLine(models.Model):
    statement = models.ForeignKey(
        StatementImport, on_delete=models.CASCADE, related_name="lines", verbose_name=_("statement")
    )
    date = models.DateField(_("date"))
    description = models.CharField(_("description"), max_length=300)
    amount = models.PositiveIntegerField(_("amount (Rp)"))
    fingerprint = models.CharField(
        max_length=64, unique=True, help_text=_("Same line imported twice is recognised by this.")
    )
    status = models.CharField(_("status"), max_length=10, choices=LineStatus.choices)
    booking = models.ForeignKey(
        "bookings.Booking",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="statement_lines",
        verbose_name=_("booking"),
    )
    # The payment this line proved, once staff confirmed the match (the line is its source).
    payment = models.OneToOneField(
        "bookings.Payment", on_delete=models.PROTECT, null=True, blank=True, related_name="statement_line"
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["date", "id"]
        verbose_name = _("bank statement line")
        verbose_name_plural = _("bank statement lines")

    def __str__(self) -> str:
        return f"{self.date} {self.amount} {self.description[:40]}"


class DateFormat(models.TextChoices):
    DMY_SLASH = "dd/mm/yyyy", "DD/MM/YYYY"
    DMY_SLASH_SHORT = "dd/mm/yy", "DD/MM/YY"
    DMY_DASH = "dd-mm-yyyy", "DD-MM-YYYY"
    DMY_MONTH = "dd-mmm-yyyy", "DD-MMM-YYYY (01-Des-2026)"
    DMY_MONTH_SPACE = "dd mmm yyyy", "DD MMM YYYY"
    ISO = "yyyy-mm-dd", "YYYY-MM-DD"
    MDY_SLASH = "mm/dd/yyyy", "MM/DD/YYYY"


class DecimalStyle(models.TextChoices):
    COMMA = "comma", _("1.234.567,00 (dot for thousands, comma for sen)")
    DOT = "dot", _("1,234,567.00 (comma for thousands, dot for sen)")


class StatementMapping(models.Model):
    """Which columns of an account's CSV hold what, chosen once by staff and reused by every later import."""

    account = models.OneToOneField(
        "bookings.BankAccount", on_delete=models.CASCADE, related_name="statement_mapping", verbose_name=_("account")
    )
    date_column = models.CharField(_("date column"), max_length=100)
    description_column = models.CharField(_("description column"), max_length=100)
    amount_column = models.CharField(_("amount column"), max_length=100)
    marker_column = models.CharField(
        _("credit/debit column"), max_length=100, blank=True,
        help_text=_("Optional: a column saying CR/DB (or K/D). Without it a negative amount is money out."),
    )
    date_format = models.CharField(_("date format"), max_length=12, choices=DateFormat.choices)
    decimal_style = models.CharField(_("amounts written as"), max_length=5, choices=DecimalStyle.choices)
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("saved by")
    )
    saved_at = models.DateTimeField(_("saved at"), auto_now=True)

    class Meta:
        verbose_name = _("statement column mapping")
        verbose_name_plural = _("statement column mappings")

    def __str__(self) -> str:
        return str(self.account)
