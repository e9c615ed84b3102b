"""The transfer-proof form: who sent how much from which bank, and a real image or PDF (rules come before)."""

from __future__ import annotations

import re

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

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


class PaymentForm(forms.Form):
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
    proof = forms.FileField(
        label=_("Transfer proof (photo, screenshot or PDF, up to 5 MB)"),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp,application/pdf"}),
        error_messages={
            "required": _("Please choose the proof file."),
            "empty": _("This file is empty. Please choose another one."),
        },
    )

    def clean_proof(self) -> UploadedFile:
        return clean_proof(self.cleaned_data["proof"])
