"""A talent reports a customer's abuse; staff decide elsewhere, the talent sees the outcome."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bookings import notices
from bookings.errors import BookingError, NotPermitted, ReasonRequired
from bookings.models import BookingEvent, ContactGrant, Report
from bookings.models.booking import Booking
from bookings.models.grant import unblock_lead
from bookings.models.report import ReportCategory
from talents.models import Talent

from .transitions import lock_booking

# A talent may report from the moment the number is shown until this long after the session.
REPORT_WINDOW_AFTER_END = timedelta(hours=48)


class ReportNotPossible(BookingError):
    message = gettext_lazy("You can report a customer during a session or in the two days after it.")


class AlreadyReported(BookingError):
    message = gettext_lazy("You already reported this session. The admin team is looking at it.")


class UnknownCategory(BookingError):
    message = gettext_lazy("Please choose what happened.")


def report_window(grant: ContactGrant) -> tuple[datetime, datetime]:
    return grant.starts_at - unblock_lead(), grant.ends_at + REPORT_WINDOW_AFTER_END


def may_report(grant: ContactGrant, at: datetime) -> bool:
    opens, closes = report_window(grant)
    return opens <= at <= closes


def file_report(
    *, booking: Booking, talent: Talent, category: str, description: str, at: datetime | None = None
) -> Report:
    """Record the talent's report; while it is under review the customer cannot book this talent."""
    at = at or timezone.now()
    if booking.talent_id != talent.pk:
        raise NotPermitted()
    if category not in ReportCategory.values:
        raise UnknownCategory()
    if not description.strip():
        raise ReasonRequired(_("Please describe what happened."))
    grant = ContactGrant.objects.filter(booking=booking).first()
    if grant is None or not may_report(grant, at):
        raise ReportNotPossible()
    with transaction.atomic():
        booking = lock_booking(booking.pk)
        if Report.objects.filter(booking=booking, talent=talent).exists():
            raise AlreadyReported()
        report = Report.objects.create(
            booking=booking,
            talent=talent,
            customer_id=booking.customer_id,
            category=category,
            description=description.strip(),
        )
        BookingEvent.objects.create(
            booking=booking,
            actor=talent.user,
            from_status=booking.status,
            to_status=booking.status,
            reason=_("The talent reported the customer: %(category)s") % {"category": report.get_category_display()},
            at=at,
        )
        if at < grant.ends_at:  # during the session (or just after ending it early): urgent
            notices.report_during_session(report)
    return report
