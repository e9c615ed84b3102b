"""The customer's forms: a new conversation, a reply, a rating. The image is checked like a transfer proof."""

from __future__ import annotations

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from bookings.forms.payment import check_proof
from support.models import Category

IMAGE_ACCEPT = "image/jpeg,image/png,image/webp"


def check_image(upload: UploadedFile | None) -> UploadedFile | None:
    """The proofs' own check (content, not name; size), without the PDF a proof may be."""
    if not upload:
        return None
    check_proof(upload)
    upload.seek(0)
    if upload.read(5) == b"%PDF-":
        raise forms.ValidationError(_("Please attach a photo or screenshot (JPG, PNG or WebP)."), code="type")
    upload.seek(0)
    return upload


class MessageForm(forms.Form):
    body = forms.CharField(label=_("Your message"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4}),
                           error_messages={"required": _("Please write a message.")})
    image = forms.FileField(label=_("Image (optional: a screenshot or photo, up to 5 MB)"), required=False,
                            widget=forms.ClearableFileInput(attrs={"accept": IMAGE_ACCEPT}),
                            error_messages={"empty": _("This file is empty. Please choose another one.")})

    def clean_body(self) -> str:
        body = self.cleaned_data["body"].replace("\x00", "").strip()
        if not body:
            raise forms.ValidationError(_("Please write a message."))
        return body

    def clean_image(self):
        return check_image(self.cleaned_data.get("image"))


class NewConversationForm(MessageForm):
    category = forms.ChoiceField(label=_("What is it about?"), choices=Category.choices)
    booking = forms.TypedChoiceField(label=_("Which booking? (optional)"), required=False, coerce=int,
                                     empty_value=None)
    field_order = ["category", "booking", "body", "image"]

    def __init__(self, *args, bookings=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.bookings = {b.pk: b for b in bookings}
        self.fields["booking"].choices = [("", _("— not about one booking —"))] + [
            (b.pk, b.support_label) for b in bookings
        ]

    def clean_booking(self):
        pk = self.cleaned_data.get("booking")
        return self.bookings.get(pk) if pk else None


class RatingForm(forms.Form):
    score = forms.TypedChoiceField(label=_("How did we do?"), coerce=int, widget=forms.RadioSelect,
                                   choices=[(n, str(n)) for n in range(1, 6)],
                                   error_messages={"required": _("Please choose 1 to 5.")})
    comment = forms.CharField(label=_("Anything to add? (optional)"), required=False, max_length=1000,
                              widget=forms.Textarea(attrs={"rows": 2}))
