"""The conversation page: the thread beside the customer's bookings, payments, reports and ban state.

Every button posts to one endpoint (`act`) that calls a desk or booking service; nothing here
changes a status by itself.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from bookings import permissions
from bookings.admin.base import posted
from bookings.models import Ban, Booking, Report, Status
from support import permissions as desk
from support.models import CannedReply, Conversation, ConversationStatus, Message
from support.services import (
    add_note,
    assign_conversation,
    cancel_booking_for_conversation,
    fill_canned,
    mark_message,
    reply,
    reply_on_whatsapp,
    resend_payment_instructions,
    set_status,
)

SIDE_BOOKINGS = 10


def _canned(request) -> CannedReply | None:
    pk = request.POST.get("canned") or request.GET.get("canned") or ""
    return CannedReply.objects.filter(pk=pk, is_active=True).first() if pk.isdigit() else None


def _agents():
    """Staff who may answer: by group (CS agents, managers) or superusers."""
    from django.db.models import Q

    return (
        get_user_model().objects.filter(is_staff=True, is_active=True)
        .filter(Q(is_superuser=True) | Q(groups__permissions__codename="answer_conversation"))
        .distinct().order_by("username")
    )


class DeskPage:
    """Mixed into ConversationAdmin: its change view is the agent's desk page."""

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if not request.user.has_perm(desk.VIEW):
            raise PermissionDenied
        if request.method == "POST":  # every change posts to `act`
            raise Http404
        conversation = get_object_or_404(
            Conversation.objects.select_related("customer", "talent", "booking__talent", "assigned_to", "requester"),
            pk=object_id,
        )
        canned = _canned(request)
        draft = fill_canned(canned=canned, conversation=conversation, agent=request.user) if canned else ""
        customer = conversation.customer
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta, "title": str(conversation), "conversation": conversation,
            "thread": conversation.messages.select_related("author", "flagged_by", "canned_reply"),
            "canned_replies": CannedReply.objects.filter(is_active=True).order_by("category", "title"),
            "canned": canned, "draft": draft,
            "statuses": ConversationStatus.choices,
            "agents": _agents(),
            "may_answer": request.user.has_perm(desk.ANSWER),
            "may_cancel": request.user.has_perm(permissions.CANCEL_BOOKING) and conversation.booking_id
            and conversation.booking.status in (Status.AWAITING_PAYMENT, Status.PAYMENT_SUBMITTED, Status.CONFIRMED),
            "may_resend": conversation.booking_id and conversation.booking.status == Status.AWAITING_PAYMENT,
            "may_see_payments": request.user.has_perm("bookings.view_payment"),
            "may_see_reports": request.user.has_perm("bookings.view_report"),
        }
        if customer is not None:
            context |= {
                "bookings": Booking.objects.for_customer(customer).select_related("talent")
                .prefetch_related("payments").order_by("-starts_at")[:SIDE_BOOKINGS],
                "reports": Report.objects.filter(customer=customer).select_related("talent")[:5],
                "ban": Ban.objects.in_force().filter(whatsapp=customer.whatsapp).first(),
                "proposals": customer.ban_proposals.all()[:3],
            }
        return TemplateResponse(request, "admin/support/conversation/desk.html", context)

    def handlers(self):
        return {
            "reply": self._reply, "note": self._note, "status": self._status, "assign": self._assign,
            "whatsapp": self._whatsapp, "mark": self._mark, "cancel_booking": self._cancel_booking,
            "resend_instructions": self._resend,
        }

    def _reply(self, request, conversation):
        reply(conversation=conversation, agent=request.user, body=posted(request, "body"), canned=_canned(request))
        if request.POST.get("solve"):
            set_status(conversation=conversation, agent=request.user, status=ConversationStatus.SOLVED)
        messages.success(request, _("Reply sent."))

    def _note(self, request, conversation):
        add_note(conversation=conversation, agent=request.user, body=posted(request, "body"))
        messages.success(request, _("Note added (the customer does not see it)."))

    def _status(self, request, conversation):
        set_status(conversation=conversation, agent=request.user, status=posted(request, "status"))

    def _assign(self, request, conversation):
        pk = posted(request, "agent")
        agent = get_user_model().objects.filter(pk=pk, is_staff=True, is_active=True).first() if pk.isdigit() else None
        assign_conversation(conversation=conversation, agent=agent, by=request.user)

    def _whatsapp(self, request, conversation):
        link = reply_on_whatsapp(conversation=conversation, agent=request.user, canned=_canned(request),
                                 body=posted(request, "body"))
        return HttpResponseRedirect(link)

    def _mark(self, request, conversation):
        message = get_object_or_404(Message, pk=posted(request, "message") or 0, conversation=conversation)
        mark_message(message=message, agent=request.user, abusive=posted(request, "abusive") == "1")

    def _cancel_booking(self, request, conversation):
        cancel_booking_for_conversation(conversation=conversation, agent=request.user, reason=posted(request, "reason"))
        messages.success(request, _("The booking is cancelled; any refund due is on the booking."))

    def _resend(self, request, conversation):
        resend_payment_instructions(conversation=conversation, agent=request.user)
        messages.success(request, _("Payment instructions sent in the thread."))

