"""Every change of a booking's state goes through one of these functions; nothing else writes a status."""

from .bans import ban_customer, unban_customer
from .booking import (
    cancel_booking_by_customer,
    cancel_booking_by_staff,
    complete_finished_sessions,
    create_booking,
    end_session_early,
    expire_overdue_bookings,
)
from .cancellation import decide_cancellation, request_cancellation
from .claims import claim_payment, release_claim
from .customers import (
    register_customer,
    set_customer_language,
    set_customer_reminders,
    set_customer_zone,
    update_customer_profile,
)
from .exclusions import exclude_customer
from .grant import issue_grant, mark_blocked, mark_customer_wrote_first, mark_unblocked, revoke_grant
from .payment import accept_rules, reject_payment, submit_payment, submit_top_up, verify_payment
from .refunds import mark_refunded, mark_refunded_many, set_refund_account
from .reports import decide_report
from .reschedule import reschedule_booking
from .statements import (
    assign_statement_line,
    confirm_statement_line,
    confirm_statement_matches,
    import_statement,
    import_with_mapping,
    save_mapping,
)
from .talent_reports import file_report

__all__ = [
    "accept_rules",
    "ban_customer",
    "cancel_booking_by_customer",
    "cancel_booking_by_staff",
    "complete_finished_sessions",
    "assign_statement_line",
    "confirm_statement_line",
    "confirm_statement_matches",
    "create_booking",
    "decide_cancellation",
    "decide_report",
    "end_session_early",
    "exclude_customer",
    "expire_overdue_bookings",
    "file_report",
    "import_statement",
    "import_with_mapping",
    "save_mapping",
    "claim_payment",
    "release_claim",
    "issue_grant",
    "mark_blocked",
    "mark_customer_wrote_first",
    "mark_refunded",
    "mark_refunded_many",
    "mark_unblocked",
    "register_customer",
    "reject_payment",
    "request_cancellation",
    "reschedule_booking",
    "revoke_grant",
    "set_customer_language",
    "set_customer_reminders",
    "set_customer_zone",
    "set_refund_account",
    "submit_payment",
    "submit_top_up",
    "update_customer_profile",
    "unban_customer",
    "verify_payment",
]
