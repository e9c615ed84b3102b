"""The transfer-proof form: who sent how much from which bank, and a real image or PDF (rules come before)."""

from __future__ import annotations

import re

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from bookings.models import BankAccount
from bookings.money import rupiah
from bookings.proof_files import clean_proof

COMMON_BANKS = ["BCA", "BRI", "BNI", "Mandiri", "BSI", "CIMB Niaga", "Permata", "Danamon", "SeaBank", "Jago"]


def check_proof(upload: UploadedFile) -> None:
    """Refuse what `clean_proof` refuses (for callers that keep the file as sent, e.g. desk attachments).

    Prefer `clean_proof`, which also returns the image re-encoded without its EXIF.
    """
    clean_proof(upload)
    upload.seek(0)


class RupiahField(forms.IntegerField):
    """Accepts '150123', '150.123' or 'Rp 150.123'."""

    def to_python(self, value):
        if isinstance(value, str):
            value = re.sub(r"(?i)^\s*rp\.?\s*", "", value)
            value = re.sub(r"[.\s]", "", value)
        return super().to_python(value)


class AccountChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, account: BankAccount) -> str:
        return f"{account.bank} {account.account_number}"


class TopUpForm(forms.Form):
    """A transfer's details and proof: which of our accounts, from whom, how much (checked against what is due)."""

    account = AccountChoiceField(
        label=_("Our account you transferred to"), queryset=BankAccount.objects.none(), empty_label=None,
        error_messages={"invalid_choice": _("Please choose one of our accounts shown.")},
    )
    bank = forms.CharField(
        label=_("Bank you sent from"), max_length=60,
        widget=forms.TextInput(attrs={"list": "banks", "autocomplete": "off"}),
    )
    sender_name = forms.CharField(
        label=_("Name on the sending account"), max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    amount_claimed = RupiahField(
        label=_("Amount you transferred (Rp)"), min_value=1, max_value=100_000_000,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        error_messages={"invalid": _("Please enter the amount in rupiah, digits only, e.g. 150123.")},
    )
    confirm_amount = forms.BooleanField(
        label=_("Yes, this is the amount I really transferred."), required=False,
    )
    proof = forms.FileField(
        label=_("Transfer proof (photo, screenshot or PDF, up to 5 MB)"),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp,application/pdf"}),
        error_messages={
            "required": _("Please choose the proof file."),
            "empty": _("This file is empty. Please choose another one."),
        },
    )

    field_order = ["account", "bank", "sender_name", "amount_claimed", "confirm_amount", "proof"]

    def __init__(self, *args, expected: int, booking, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.expected, self.booking = expected, booking
        accounts = BankAccount.objects.active()
        self.fields["account"].queryset = accounts
        self.fields["account"].required = bool(accounts)  # with none listed the page says to ask the admins
        if not self.is_bound and len(accounts) == 1:
            self.initial.setdefault("account", accounts[0].pk)
        self.amount_warning = ""

    def clean_proof(self) -> UploadedFile:
        return clean_proof(self.cleaned_data["proof"])

    def clean(self) -> dict:
        """Stop a transfer that differs from what is due until the customer says it is really so."""
        data = super().clean()
        amount = data.get("amount_claimed")
        if amount is not None and amount != self.expected:
            self.amount_warning = amount_warning(booking=self.booking, amount=amount, expected=self.expected)
            if not data.get("confirm_amount"):
                self.add_error("amount_claimed", self.amount_warning)
        return data


def amount_warning(*, booking, amount: int, expected: int) -> str:
    """In words the customer can act on: the forgotten unique code, or how much more or less it is."""
    if amount < expected and amount == booking.price and expected == booking.amount_due:
        return _(
            "The unique code %(code)s is missing: transfer exactly %(due)s. If you already sent %(amount)s, "
            "tick the box below and send the missing %(code)s as a top-up afterwards."
        ) % {"code": rupiah(booking.unique_code), "due": rupiah(expected), "amount": rupiah(amount)}
    if amount < expected:
        return _(
            "This is %(difference)s less than the %(due)s due. If you really sent %(amount)s, tick the box below; "
            "you can then add a top-up transfer for the rest."
        ) % {"difference": rupiah(expected - amount), "due": rupiah(expected), "amount": rupiah(amount)}
    return _(
        "This is %(difference)s more than the %(due)s due. If you really sent %(amount)s, tick the box below; "
        "we refund the difference after the session is confirmed."
    ) % {"difference": rupiah(amount - expected), "due": rupiah(expected), "amount": rupiah(amount)}


class PaymentForm(TopUpForm):
    """The first proof; the rules were accepted on the step before (the same fields as a top-up)."""
