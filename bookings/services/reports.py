"""The staff decision on a talent's report: dismiss, warn, or ban the customer."""

from __future__ import annotations

from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy

from bookings import permissions
from bookings.errors import IllegalTransition, ReasonRequired, check_shown_text
from bookings.models import Report
from bookings.models.report import ReportStatus

from .bans import ban_customer


class Decision(models.TextChoices):
    DISMISS = "dismiss", gettext_lazy("Dismiss")
    WARN = "warn", gettext_lazy("Warn the customer")
    BAN = "ban", gettext_lazy("Ban the customer")


OUTCOME = {
    Decision.DISMISS: ReportStatus.DISMISSED,
    Decision.WARN: ReportStatus.WARNED,
    Decision.BAN: ReportStatus.BANNED,
}


def decide_report(
    *, report: Report, staff: AbstractBaseUser, decision: str, note: str = "", at: datetime | None = None
) -> Report:
    """Record the decision the talent will read (Report.status and decision_note).

    Deciding the same way twice changes nothing; a different second decision is refused.
    A warning or a ban needs a note; a ban goes through ban_customer (its bookings are cancelled).
    """
    permissions.require(staff, permissions.DECIDE_REPORT)
    if decision not in Decision.values:
        raise ReasonRequired()
    if decision != Decision.DISMISS and not note.strip():
        raise ReasonRequired()
    check_shown_text(note, field="note")
    at = at or timezone.now()
    target = OUTCOME[Decision(decision)]
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report.pk)
        if report.status == target:
            return report
        if report.status != ReportStatus.UNDER_REVIEW:
            raise IllegalTransition(current=report.get_status_display(), target=target.label)
        if decision == Decision.BAN:
            ban_customer(customer=report.customer, staff=staff, reason=note, at=at)
        report.status, report.decided_by, report.decided_at = target, staff, at
        report.decision_note = note.strip()
        report.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
    return report
