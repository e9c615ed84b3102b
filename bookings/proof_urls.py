"""Private payment proofs, served only through a view that checks who asks (never a public URL)."""

from django.urls import path

from bookings.proofs import payment_proof

urlpatterns = [
    path("<id:payment_id>/", payment_proof, name="payment_proof"),
]
