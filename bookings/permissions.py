"""The staff permissions, by name. Code asks for these; group names never appear in code."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser

from bookings.errors import NotPermitted

VERIFY_PAYMENT = "bookings.verify_payment"
OVERRIDE_PARTIAL = "bookings.override_partial_payment"
OVERRIDE_REUSED_PROOF = "bookings.override_reused_proof"
VIEW_PROOF = "bookings.view_proof"
BAN_CUSTOMER = "bookings.ban_customer"
CANCEL_BOOKING = "bookings.cancel_booking"
END_SESSION = "bookings.end_session"
REFUND_BOOKING = "bookings.refund_booking"
DECIDE_REPORT = "bookings.decide_report"
IMPORT_STATEMENT = "bookings.add_statementimport"
DECIDE_NUMBER_CHANGE = "talents.change_numberchangerequest"


def require(user: AbstractBaseUser, permission: str) -> None:
    """Refuse with the domain's own error, so views and admin show it as a message."""
    if not (user.is_active and user.is_staff and user.has_perm(permission)):
        raise NotPermitted()
# Contact numbers on staff pages: CS agents and managers (each page view is logged), not verifiers.
VIEW_CUSTOMER_NUMBER = "bookings.view_customer_number"
VIEW_TALENT_NUMBER = "talents.view_talent_number"
