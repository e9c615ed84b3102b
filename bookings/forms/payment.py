"""The transfer-proof form: who sent how much from which bank, and a real image or PDF (rules come before)."""

from __future__ import annotations

import re

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _
from PIL import Image

MAX_PROOF_BYTES = 5 * 1024 * 1024
IMAGE_FORMATS = {"JPEG", "PNG", "WEBP"}
COMMON_BANKS = ["BCA", "BRI", "BNI", "Mandiri", "BSI", "CIMB Niaga", "Permata", "Danamon", "SeaBank", "Jago"]


def check_proof(upload: UploadedFile) -> None:
    """Look at the content, not the file name: a JPEG, PNG or WebP image, or a PDF, up to 5 MB."""
    if upload.size > MAX_PROOF_BYTES:
        raise forms.ValidationError(
            _("This file is %(size)s MB; the limit is 5 MB. Send a screenshot or a smaller photo."),
            code="too_big", params={"size": f"{upload.size / 1024 / 1024:.1f}"},
        )
    upload.seek(0)
    head = upload.read(5)
    upload.seek(0)
    if head == b"%PDF-":
        return
    try:
        with Image.open(upload) as image:
            kind = image.format
            image.verify()
    except Exception as error:
        raise _unknown() from error
    finally:
        upload.seek(0)
    if kind not in IMAGE_FORMATS:
        raise _unknown()


def _unknown() -> forms.ValidationError:
    return forms.ValidationError(
        _("Please upload a photo or screenshot (JPG, PNG or WebP) or a PDF of the transfer."), code="type"
    )


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
        proof = self.cleaned_data["proof"]
        check_proof(proof)
        return proof
