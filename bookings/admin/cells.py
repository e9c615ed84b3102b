"""How a waiting payment reads on screen: one function per cell, shared by the list and the landing page."""

from __future__ import annotations

from datetime import datetime

from django.middleware.csrf import get_token
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.timesince import timesince
from django.utils.translation import gettext as _

from bookings import permissions
from bookings.models import Booking, Payment
from bookings.models.payment import RejectionReason
from bookings.money import rupiah
from bookings.proofs import is_image, proof_url
from sleepcall.zones import abbreviation

LONG_WAIT_MINUTES = 30
ROW_FORM = "row-decision"  # one form outside the changelist form; row buttons and fields point to it


def local_time(moment: datetime) -> str:
    local = timezone.localtime(moment)
    return f"{date_format(local, 'D j M, H:i')} {abbreviation(timezone.get_current_timezone_name())}"


def booking_link(booking: Booking) -> SafeString:
    url = reverse("admin:bookings_booking_change", args=[booking.pk])
    return format_html('<a href="{}">#{}</a>', url, booking.pk)


def amounts(payment: Payment) -> SafeString:
    due, claimed = payment.booking.amount_due, payment.claimed_total
    if claimed < due:
        verdict = format_html(
            '<strong class="sc-bad">{}</strong>', _("short by %(amount)s") % {"amount": rupiah(due - claimed)}
        )
    elif claimed > due:
        verdict = format_html(
            '<strong class="sc-warn">{}</strong>',
            _("over by %(amount)s (refund due)") % {"amount": rupiah(claimed - due)},
        )
    else:
        verdict = format_html('<span class="sc-ok">{}</span>', _("exact"))
    top_up = claimed - payment.amount_claimed
    claimed_html = format_html('<span class="nowrap">{}</span>', rupiah(claimed))
    if top_up:
        claimed_html = format_html(
            _("{total} (incl. top-up {top_up})"),
            total=claimed_html, top_up=format_html('<span class="nowrap">{}</span>', rupiah(top_up)),
        )
    return format_html(
        '{} <span class="nowrap">{}</span><br>{} {}<br>{}', _("due"), rupiah(due), _("claimed"), claimed_html, verdict,
    )


def proof(payment: Payment, user) -> SafeString:
    """A thumbnail that opens full size; PDFs as a link; a flag when the file was used for another booking."""
    if not payment.proof:
        shown = format_html("<em>{}</em>", _("no file (bank statement)"))
    elif not user.has_perm(permissions.VIEW_PROOF):
        shown = format_html("<em>{}</em>", _("proof hidden"))
    elif is_image(payment):
        url = proof_url(payment)
        shown = format_html(
            '<a href="{}" target="_blank" rel="noopener"><img src="{}" width="72" alt="{}" loading="lazy"'
            ' class="sc-thumb"></a>',
            url, url, _("transfer proof"),
        )
    else:
        shown = format_html('<a href="{}" target="_blank" rel="noopener">{}</a>', proof_url(payment), _("open proof"))
    reused = getattr(payment, "reused_on_booking", None)
    if reused:
        url = reverse("admin:bookings_booking_change", args=[reused])  # rare: a reverse per flagged row
        shown = format_html(
            '{}<br><strong class="sc-bad">{} <a href="{}">#{}</a></strong>',
            shown, _("same receipt as booking"), url, reused,
        )
    return shown


def waited(payment: Payment, now: datetime) -> SafeString:
    css = "sc-bad" if (now - payment.submitted_at).total_seconds() > LONG_WAIT_MINUTES * 60 else ""
    return format_html('<span class="{}">{}</span>', css, timesince(payment.submitted_at, now, depth=1))


class RowUrls:
    """The row buttons' URLs and the reject reasons, built once per request: reverse() per row per button
    was a seventh of the waiting list's time."""

    def __init__(self) -> None:
        self.base = reverse("admin:bookings_payment_changelist")
        self.booking_base = reverse("admin:bookings_booking_changelist")
        self.reject_options = format_html_join("", '<option value="{}">{}</option>', RejectionReason.choices)

    def of(self, payment: Payment, action: str) -> str:
        return f"{self.base}{payment.pk}/{action}/"

    def booking(self, booking_id: int) -> str:
        return f"{self.booking_base}{booking_id}/change/"


def claim(payment: Payment, user, next_url: str, now: datetime, urls: RowUrls) -> tuple[SafeString, bool]:
    """Who is on this row: the "I'm on it" button, one's own claim (with "let go"), or another's (no buttons)."""
    if payment.claim_held_by_other(user, now):
        return format_html(
            '<em class="sc-warn">{}</em>', _("%(who)s is on it until %(until)s") % {
                "who": payment.claimed_by.get_username(), "until": timezone.localtime(payment.claimed_until)
                .strftime("%H:%M")},
        ), True
    if payment.claimed_by_id == user.pk and payment.claimed_until and payment.claimed_until > now:
        return format_html(
            '<span class="sc-ok">{}</span> <button type="submit" form="{}" formaction="{}?release=1" name="next"'
            ' value="{}">{}</button><br>',
            _("you are on it"), ROW_FORM, urls.of(payment, "claim"), next_url, _("let go"),
        ), False
    return format_html(
        '<button type="submit" form="{}" formaction="{}" name="next" value="{}" class="sc-claim">{}</button><br>',
        ROW_FORM, urls.of(payment, "claim"), next_url, _("I'm on it"),
    ), False


def decision_buttons(payment: Payment, user, next_url: str, urls: RowUrls | None = None,
                     now: datetime | None = None) -> SafeString:
    """Verify in one click; reject with a reason; a short payment needs a manager's reason."""
    if not user.has_perm(permissions.VERIFY_PAYMENT):
        return format_html("<em>{}</em>", _("view only"))
    urls = urls or RowUrls()
    now = now or timezone.now()
    claimed, held_by_other = claim(payment, user, next_url, now, urls)
    if held_by_other:
        return claimed
    verify_url = urls.of(payment, "verify")
    reject_url = urls.of(payment, "reject")
    pk = payment.pk
    if payment.booking.ends_at <= now:
        # Verifying would fail (the session cannot happen any more): say what to do instead.
        verify = format_html(
            '<em class="sc-bad">{}</em> <a href="{}">{}</a>', _("session time has passed"),
            urls.booking(payment.booking_id), _("cancel with refund…"),
        )
    elif getattr(payment, "reused_on_booking", None):
        verify = override_verify(
            payment, user, next_url, permissions.OVERRIDE_REUSED_PROOF, _("Verify reused proof…"),
            _("reused proof: a manager must verify"), verify_url,
        )
    elif payment.shortfall == 0:
        verify = format_html(
            '<button type="submit" form="{}" formaction="{}" name="next" value="{}" class="sc-verify">{}</button>',
            ROW_FORM, verify_url, next_url, _("Verify"),
        )
    elif user.has_perm(permissions.OVERRIDE_PARTIAL):
        verify = format_html(
            '<details><summary>{}</summary><input name="override_{}" form="{}" placeholder="{}" maxlength="300">'
            '<button type="submit" form="{}" formaction="{}" name="next" value="{}">{}</button></details>',
            _("Verify partial…"), pk, ROW_FORM, _("manager's reason"), ROW_FORM, verify_url, next_url,
            _("Verify anyway"),
        )
    else:
        verify = format_html("<em>{}</em>", _("partial: a manager must verify"))
    options = urls.reject_options
    reject = format_html(
        '<details><summary>{}</summary><select name="reason_{}" form="{}"><option value="">{}</option>{}</select>'
        '<input name="note_{}" form="{}" placeholder="{}" maxlength="500">'
        '<button type="submit" form="{}" formaction="{}" name="next" value="{}">{}</button></details>',
        _("Reject…"), pk, ROW_FORM, _("reason…"), options, pk, ROW_FORM, _("note for the customer"),
        ROW_FORM, reject_url, next_url, _("Reject"),
    )
    return format_html("{}{}{}", claimed, verify, reject)


def override_verify(payment: Payment, user, next_url: str, permission: str, label: str, refused: str,
                    verify_url: str) -> SafeString:
    """Verify only with a typed reason, offered to those who may override; the others read who may."""
    if not user.has_perm(permission):
        return format_html("<em>{}</em>", refused)
    return format_html(
        '<details><summary>{}</summary><input name="override_{}" form="{}" placeholder="{}" maxlength="300">'
        '<button type="submit" form="{}" formaction="{}" name="next" value="{}">{}</button></details>',
        label, payment.pk, ROW_FORM, _("manager's reason"), ROW_FORM, verify_url, next_url, _("Verify anyway"),
    )


def started_undecided(payment: Payment, now: datetime) -> bool:
    """The session has started and the proof still waits: the booking cannot keep its slot."""
    return payment.status == "submitted" and payment.booking.status in ("payment_submitted", "expired") and (
        payment.booking.starts_at <= now
    )


def late_decision(payment: Payment, user, next_url: str) -> SafeString:
    """Only the money is left to settle: did the transfer come in (refund it) or not (nothing owed)?"""
    flag = format_html('<strong class="sc-bad">{}</strong>', _("session started, payment still undecided"))
    if not user.has_perm(permissions.VERIFY_PAYMENT):
        return flag
    return format_html(
        '{}<br><button type="submit" form="{}" formaction="{}" name="next" value="{}">{}</button> '
        '<input type="hidden" name="reason_{}" value="{}" form="{}">'
        '<button type="submit" form="{}" formaction="{}" name="next" value="{}">{}</button>',
        flag, ROW_FORM, reverse("admin:bookings_payment_verify", args=[payment.pk]), next_url,
        _("Transfer received: refund it"), payment.pk, RejectionReason.NOT_RECEIVED, ROW_FORM,
        ROW_FORM, reverse("admin:bookings_payment_reject", args=[payment.pk]), next_url, _("Not received"),
    )


def decision(payment: Payment, user, next_url: str, now: datetime | None = None,
             urls: RowUrls | None = None) -> SafeString:
    """Who decided, or the buttons when it still waits."""
    if started_undecided(payment, now or timezone.now()):
        return late_decision(payment, user, next_url)
    if payment.status == "verified":
        return format_html("{}", _("verified by %(who)s") % {"who": payment.decided_by})
    if payment.status == "rejected":
        return format_html("{}", _("rejected by %(who)s: %(reason)s") % {
            "who": payment.decided_by, "reason": payment.get_rejection_reason_display(),
        })
    if payment.booking.status != "payment_submitted":
        return format_html("{}", _("booking is %(status)s") % {"status": payment.booking.get_status_display()})
    return decision_buttons(payment, user, next_url, urls, now)


def row_form(request) -> SafeString:
    """The one form the row buttons submit; it sits outside the changelist's own form."""
    return format_html(
        '<form id="{}" method="post"><input type="hidden" name="csrfmiddlewaretoken" value="{}"></form>',
        ROW_FORM, get_token(request),
    )
