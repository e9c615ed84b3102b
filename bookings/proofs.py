"""Serving private payment proofs: to staff who may check payments, and to the customer who paid.

Proofs live outside MEDIA_ROOT and have no public URL; this view is the only way to read one.
Anyone else gets a 404 (so the id tells them nothing); staff without the permission get a 403.
"""

from __future__ import annotations

import mimetypes

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.decorators.http import require_GET

from bookings import permissions
from bookings.models import Payment

# Images show on the staff screen; a PDF is always a download (a PDF viewer in the browser is a
# large surface, and a sandboxed one shows nothing), opened by the staff member's own viewer.
INLINE_TYPES = {"image/jpeg", "image/png", "image/webp", "image/gif"}
ATTACHMENT_TYPES = {"application/pdf"}
# Whatever the file is, the browser runs nothing from it and nothing may frame it.
PROOF_CSP = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'none'; sandbox"


def proof_url(payment: Payment) -> str:
    return reverse("payment_proof", kwargs={"payment_id": payment.pk})


def is_image(payment: Payment) -> bool:
    return (mimetypes.guess_type(payment.proof.name or "")[0] or "").startswith("image/")


def may_see_proof(user: AbstractBaseUser | AnonymousUser, payment: Payment) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_staff and user.has_perm(permissions.VIEW_PROOF):
        return True
    return payment.booking.customer.user_id == user.pk


@require_GET
def payment_proof(request: HttpRequest, payment_id: int) -> FileResponse:
    payment = get_object_or_404(Payment.objects.select_related("booking__customer"), pk=payment_id)
    if not may_see_proof(request.user, payment):
        if request.user.is_authenticated and request.user.is_staff:
            raise PermissionDenied
        raise Http404
    if not payment.proof:
        raise Http404
    try:
        handle = payment.proof.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    content_type = mimetypes.guess_type(payment.proof.name)[0] or "application/octet-stream"
    inline = content_type in INLINE_TYPES
    response = FileResponse(
        handle,
        content_type=content_type if inline or content_type in ATTACHMENT_TYPES else "application/octet-stream",
        as_attachment=not inline,
        filename=payment.proof.name.rsplit("/", 1)[-1],
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=600"
    response["Content-Security-Policy"] = PROOF_CSP
    return response
