"""The desk for customers and talents: their conversations, a new one, the thread, a rating.

Each person sees only their own: every id outside them is a 404.
"""

from __future__ import annotations

import mimetypes

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from bookings.errors import BookingError
from bookings.models import Booking
from bookings.templatetags.sleepcall import moment
from sleepcall.ratelimits import rate_limited, signed_in_user
from sleepcall.wa_me import wa_link
from support import permissions as desk
from support.forms import MessageForm, NewConversationForm, RatingForm
from support.models import Category, Conversation, Message
from support.models.conversation import SEEN_BY_CUSTOMER
from support.services import open_conversation, post_customer_message, rate_conversation
from support.services.conversations import profile_of

BOOKINGS_OFFERED = 20


desk_limit = rate_limited("desk", per_ip="SLEEPCALL_RATE_DESK_PER_IP",
                          per_target=[("SLEEPCALL_RATE_DESK_PER_TARGET", signed_in_user)])


def _context(request: HttpRequest) -> dict:
    """Who is writing: a customer or a talent (pages wear their own frame)."""
    customer, talent = profile_of(request.user) if request.user.is_authenticated else (None, None)
    request.desk_customer, request.desk_talent = customer, talent
    return {"base": "support/base_talent.html" if talent else "support/base_customer.html",
            "customer": customer, "talent": talent}


def _own_conversation(request: HttpRequest, pk: int) -> Conversation:
    if not request.user.is_authenticated:
        raise Http404
    return get_object_or_404(Conversation.objects.select_related("booking__talent"), pk=pk, requester=request.user)


def _visitor_page(request: HttpRequest, frame: dict) -> HttpResponse:
    number = settings.SUPPORT_WHATSAPP_NUMBER
    return render(request, "support/visitor.html", frame | {
        "whatsapp_link": wa_link(number), "whatsapp_number": number,
    })


def _their_bookings(customer, talent) -> list[Booking]:
    bookings = Booking.objects.select_related("talent").order_by("-starts_at")
    bookings = bookings.filter(customer=customer) if customer else bookings.filter(talent=talent)
    rows = list(bookings[:BOOKINGS_OFFERED])
    for booking in rows:
        booking.support_label = f"#{booking.pk} · {booking.talent.display_name} · {moment(booking.starts_at)}"
    return rows


def help_home(request: HttpRequest) -> HttpResponse:
    frame = _context(request)
    if not request.user.is_authenticated or not (frame["customer"] or frame["talent"]):
        return _visitor_page(request, frame)
    conversations = Conversation.objects.of_requester(request.user).select_related("booking").order_by("-created_at")
    return render(request, "support/home.html", frame | {"conversations": conversations})


@desk_limit
def new_conversation(request: HttpRequest) -> HttpResponse:
    frame = _context(request)
    if not request.user.is_authenticated or not (frame["customer"] or frame["talent"]):
        return _visitor_page(request, frame)
    bookings = _their_bookings(frame["customer"], frame["talent"])
    if request.method == "POST":
        form = NewConversationForm(request.POST, request.FILES, bookings=bookings)
        if form.is_valid():
            try:
                conversation, merged = open_conversation(
                    user=request.user, category=form.cleaned_data["category"], body=form.cleaned_data["body"],
                    booking=form.cleaned_data["booking"], image=form.cleaned_data["image"],
                )
            except BookingError as error:
                form.add_error(None, str(error))
            else:
                if merged:
                    messages.info(request, _("You already had a conversation about this booking; "
                                             "your message was added to it."))
                else:
                    messages.success(request, _("Sent. The admin team will answer here."))
                return redirect("support:conversation", pk=conversation.pk)
    else:
        initial = {}
        booking_pk = request.GET.get("booking", "")
        if booking_pk.isdigit() and int(booking_pk) in {b.pk for b in bookings}:
            initial["booking"] = int(booking_pk)
        if request.GET.get("category") in Category.values:
            initial["category"] = request.GET["category"]
        form = NewConversationForm(initial=initial, bookings=bookings)
    return render(request, "support/new.html", frame | {"form": form})


@desk_limit
def conversation_page(request: HttpRequest, pk: int) -> HttpResponse:
    frame = _context(request)
    if not request.user.is_authenticated:
        from django.contrib.auth.views import redirect_to_login

        return redirect_to_login(request.get_full_path())
    conversation = _own_conversation(request, pk)
    form = MessageForm()
    if request.method == "POST":
        form = MessageForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                post_customer_message(conversation=conversation, user=request.user, body=form.cleaned_data["body"],
                                      image=form.cleaned_data["image"])
            except BookingError as error:
                form.add_error(None, str(error))
            else:
                return redirect("support:conversation", pk=conversation.pk)
    thread = conversation.messages.filter(kind__in=SEEN_BY_CUSTOMER).select_related("author")
    return render(request, "support/conversation.html", frame | {
        "conversation": conversation, "thread": thread, "form": form,
        "rating_form": RatingForm() if conversation.may_be_rated else None,
    })


@require_POST
def rate(request: HttpRequest, pk: int) -> HttpResponse:
    conversation = _own_conversation(request, pk)
    form = RatingForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please choose 1 to 5."))
        return redirect("support:conversation", pk=pk)
    try:
        rate_conversation(conversation=conversation, user=request.user, score=form.cleaned_data["score"],
                          comment=form.cleaned_data["comment"])
    except BookingError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Thank you for your rating."))
    return redirect("support:conversation", pk=pk)


@require_GET
def message_image(request: HttpRequest, pk: int, message_pk: int) -> FileResponse:
    """Like a payment proof: the person who wrote it, or staff of the desk; others get a 404."""
    if not request.user.is_authenticated:
        raise Http404
    message = get_object_or_404(Message.objects.select_related("conversation"), pk=message_pk, conversation_id=pk)
    staff = request.user.is_staff
    if message.conversation.requester_id != request.user.pk and not (staff and request.user.has_perm(desk.VIEW)):
        if staff:
            raise PermissionDenied
        raise Http404
    if not message.image:
        raise Http404
    try:
        handle = message.image.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    content_type = mimetypes.guess_type(message.image.name)[0] or "application/octet-stream"
    response = FileResponse(handle, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=600"
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; sandbox"
    return response


