"""One session: tick unblocked / wrote first / blocked, end it early, report the customer, never again."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from bookings import services
from bookings.errors import BookingError
from bookings.models import Booking, Report, TalentExclusion
from bookings.models.grant import unblock_lead
from bookings.models.report import ReportCategory
from bookings.services.talent_reports import may_report
from talents.workspace.access import get_session_for_talent, talent_required
from talents.workspace.forms import EndEarlyForm, ReportForm
from talents.workspace.tonight import ON, may_tick_blocked, may_tick_unblocked, session_state


def _page(request: HttpRequest, booking: Booking, *, report_form: ReportForm | None = None, status: int = 200):
    now = timezone.now()
    grant = booking.grant
    state = session_state(grant, now)
    report = Report.objects.filter(booking=booking, talent=request.talent).order_by("-created_at").first()
    context = {
        "booking": booking,
        "grant": grant,
        "state": state,
        "customer_name": Booking.objects.filter(pk=booking.pk).values_list("customer__display_name", flat=True)[0],
        "end_form": EndEarlyForm(),
        "report_form": report_form or ReportForm(initial={"end_now": state in ON}),
        "may_report": report is None and may_report(grant, now),
        "report": report,
        "is_on": state in ON,
        "excluded": TalentExclusion.objects.filter(talent=request.talent, customer_id=booking.customer_id).first(),
        "may_exclude": now >= grant.starts_at - unblock_lead(),
        "talent": request.talent,
    }
    return render(request, "workspace/session.html", context, status=status)


@require_safe
@talent_required
@never_cache
def session(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, get_session_for_talent(request, pk))


@require_POST
@talent_required
def tick_unblocked(request: HttpRequest, pk: int) -> HttpResponse:
    booking = get_session_for_talent(request, pk)
    if not may_tick_unblocked(session_state(booking.grant, timezone.now())):
        messages.error(request, _("You can tick “unblocked” only from the unblock time until the end of the session."))
    else:
        services.mark_unblocked(grant=booking.grant, talent=request.talent)
        messages.success(request, _("Noted: unblocked. No contact before the start time."))
    return redirect("workspace:today")


@require_POST
@talent_required
def tick_blocked(request: HttpRequest, pk: int) -> HttpResponse:
    booking = get_session_for_talent(request, pk)
    if not may_tick_blocked(session_state(booking.grant, timezone.now())):
        messages.error(request, _("You can tick “blocked” once the session is over."))
    else:
        services.mark_blocked(grant=booking.grant, talent=request.talent)
        messages.success(request, _("Noted: blocked again. Thank you!"))
    return redirect("workspace:today")


@require_POST
@talent_required
def tick_wrote_first(request: HttpRequest, pk: int) -> HttpResponse:
    booking = get_session_for_talent(request, pk)
    try:
        services.mark_customer_wrote_first(grant=booking.grant, talent=request.talent)
    except BookingError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Noted: the customer wrote first."))
    return redirect("workspace:today")


@require_POST
@talent_required
def exclude(request: HttpRequest, pk: int) -> HttpResponse:
    """The talent's own "not with this customer again"; the customer is never told why."""
    booking = get_session_for_talent(request, pk)
    try:
        services.exclude_customer(booking=booking, talent=request.talent)
    except BookingError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Done: this customer can no longer book you."))
    return redirect("workspace:session", pk=booking.pk)


@require_POST
@talent_required
def end_early(request: HttpRequest, pk: int) -> HttpResponse:
    booking = get_session_for_talent(request, pk)
    form = EndEarlyForm(request.POST)
    reason = form.cleaned_data["reason"].strip() if form.is_valid() else ""
    try:
        services.end_session_early(booking=booking, by=request.user, reason=reason or _("Ended early by the talent."))
    except BookingError as error:
        messages.error(request, str(error))
        return redirect("workspace:session", pk=booking.pk)
    messages.success(request, _("The session is over. Say goodbye and block the customer now."))
    return redirect("workspace:session", pk=booking.pk)


@require_POST
@talent_required
def report(request: HttpRequest, pk: int) -> HttpResponse:
    """Ending first stops the contact at once; the report is filed even if ending was not possible."""
    booking = get_session_for_talent(request, pk)
    form = ReportForm(request.POST)
    if not form.is_valid():
        return _page(request, booking, report_form=form, status=400)
    category = form.cleaned_data["category"]
    if form.cleaned_data["end_now"] and session_state(booking.grant, timezone.now()) in ON:
        reason = _("Reported by the talent: %(category)s") % {"category": ReportCategory(category).label}
        try:
            services.end_session_early(booking=booking, by=request.user, reason=reason)
            messages.success(request, _("The session is over. Say goodbye and block the customer now."))
        except BookingError as error:
            messages.error(request, str(error))
    try:
        services.file_report(
            booking=booking, talent=request.talent, category=category, description=form.cleaned_data["description"]
        )
    except BookingError as error:
        messages.error(request, str(error))
        booking = get_session_for_talent(request, pk)
        return _page(request, booking, report_form=form, status=400)
    messages.success(request, _("Thank you. The admin team will look at your report; you will see the outcome here."))
    return redirect("workspace:session", pk=booking.pk)
