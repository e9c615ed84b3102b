"""Every change on the desk is one of these functions; views and the admin call nothing else."""

from .abuse import decide_ban_proposal, mark_message
from .booking_actions import cancel_booking_for_conversation, resend_payment_instructions
from .canned import fill_canned, unknown_placeholders
from .conversations import assign_conversation, open_conversation, post_customer_message, rate_conversation, set_status
from .replies import add_note, bulk_reply, reply, reply_on_whatsapp
from .shifts import hand_over_shift, pick_agent

__all__ = [
    "add_note",
    "assign_conversation",
    "bulk_reply",
    "cancel_booking_for_conversation",
    "decide_ban_proposal",
    "fill_canned",
    "hand_over_shift",
    "mark_message",
    "open_conversation",
    "pick_agent",
    "post_customer_message",
    "rate_conversation",
    "reply",
    "reply_on_whatsapp",
    "resend_payment_instructions",
    "set_status",
    "unknown_placeholders",
]
