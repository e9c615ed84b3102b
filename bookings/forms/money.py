"""Where a refund goes, and a customer's request to cancel a paid session."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from .payment import COMMON_BANKS


class RefundAccountForm(forms.Form):
    """The three things a bank transfer needs; the name must match the account, or the bank refuses it."""

    refund_bank = forms.CharField(label=_("Your bank"), max_length=60,
                                  widget=forms.TextInput(attrs={"list": "banks", "autocomplete": "off"}))
    refund_account_number = forms.CharField(
        label=_("Account number"), max_length=40,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    refund_account_name = forms.CharField(
        label=_("Account holder's name"), max_length=100,
        help_text=_("Exactly as the bank shows it, or the transfer comes back."),
    )

    banks = COMMON_BANKS

    def clean_refund_account_number(self) -> str:
        number = re.sub(r"[\s.-]", "", self.cleaned_data["refund_account_number"])
        if not number.isdigit() or not 6 <= len(number) <= 20:
            raise forms.ValidationError(_("An account number has 6 to 20 digits."), code="account_number")
        return number


class CancellationRequestForm(RefundAccountForm):
    reason = forms.CharField(
        label=_("Why do you want to cancel?"), max_length=500, widget=forms.Textarea(attrs={"rows": 3}),
    )

    field_order = ["reason", "refund_bank", "refund_account_number", "refund_account_name"]
