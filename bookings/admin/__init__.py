"""Staff work in the Django admin. Status fields are read-only: every decision goes through a service."""

from . import bookings, cancellations, customers, payments, records, refunds, reports, statements  # noqa: F401 (registers)
