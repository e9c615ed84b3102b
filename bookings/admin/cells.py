"""How a waiting payment reads on screen: one function per cell, shared by the list and the landing page."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from functools import lru_cache
from html import escape

from django.middleware.csrf import get_token
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import MONTHS_3, WEEKDAYS_ABBR
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.timesince import timesince
from django.utils.translation import get_language
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


def quick_html(template: str, *args, **kwargs) -> SafeString:
    """format_html without its lazy-string checks per argument: a page of rows calls it thousands of times.
    Same escaping: safe strings pass, anything else goes through html.escape (what Django's escape uses)."""
    return SafeString(template.format(
        *(a.__html__() if hasattr(a, "__html__") else escape(str(a)) for a in args),
        **{k: v.__html__() if hasattr(v, "__html__") else escape(str(v)) for k, v in kwargs.items()},
    ))


PLAIN_TEXTS = (
    'due', 'claimed', 'exact', 'no_file', 'proof_hidden', 'transfer_proof', 'open_proof', 'same_receipt',
    'you_are_on_it', 'let_go', 'im_on_it', 'view_only', 'time_passed', 'cancel_with_refund', 'verify_reused',
    'reused_needs_manager', 'verify', 'verify_partial', 'verify_anyway', 'managers_reason',
    'partial_needs_manager', 'reject_open', 'reason', 'note', 'reject', 'started_undecided', 'refund_it',
    'not_received',
)


def escape_once(text: str) -> SafeString:
    return SafeString(escape(text))


class RowParts:
    """What every row of one request shares, built once: URLs, reject options, texts, the viewer's
    permissions and zone. reverse(), gettext() and has_perm() per row per cell were most of the list's time."""

    def __init__(self, user=None) -> None:
        self.user = user
        self.base = escape(reverse("admin:bookings_payment_changelist"))
        self.booking_base = escape(reverse("admin:bookings_booking_changelist"))
        self.reject_options = format_html_join("", '<option value="{}">{}</option>', RejectionReason.choices)
        self.zone = abbreviation(timezone.get_current_timezone_name())
        self.weekdays = [str(WEEKDAYS_ABBR[day]) for day in range(7)]
        self.months = {month: str(name).title() for month, name in MONTHS_3.items()}
        self._may: dict[str, bool] = {}
        self.due, self.claimed, self.exact = _("due"), _("claimed"), _("exact")
        self.short_by, self.over_by = _("short by %(amount)s"), _("over by %(amount)s (refund due)")
        self.with_top_up = _("{total} (incl. top-up {top_up})")
        self.no_file, self.proof_hidden = _("no file (bank statement)"), _("proof hidden")
        self.transfer_proof, self.open_proof = _("transfer proof"), _("open proof")
        self.same_receipt = _("same receipt as booking")
        self.on_it_until, self.you_are_on_it = _("%(who)s is on it until %(until)s"), _("you are on it")
        self.let_go, self.im_on_it = _("let go"), _("I'm on it")
        self.view_only, self.time_passed = _("view only"), _("session time has passed")
        self.cancel_with_refund = _("cancel with refund…")
        self.verify_reused, self.reused_needs_manager = _("Verify reused proof…"), _(
            "reused proof: a manager must verify")
        self.verify, self.verify_partial, self.verify_anyway = _("Verify"), _("Verify partial…"), _("Verify anyway")
        self.managers_reason, self.partial_needs_manager = _("manager's reason"), _("partial: a manager must verify")
        self.reject_open, self.reason, self.note, self.reject = (
            _("Reject…"), _("reason…"), _("note for the customer"), _("Reject"))
        self.started_undecided = _("session started, payment still undecided")
        self.refund_it, self.not_received = _("Transfer received: refund it"), _("Not received")
        self.verified_by, self.rejected_by = _("verified by %(who)s"), _("rejected by %(who)s: %(reason)s")
        self.booking_is = _("booking is %(status)s")
        # The plain texts, escaped once here rather than in every row (quick_html passes safe strings).
        for name in PLAIN_TEXTS:
            setattr(self, name, escape_once(getattr(self, name)))

    def of(self, payment: Payment, action: str) -> SafeString:
        return SafeString(f"{self.base}{int(payment.pk)}/{action}/")

    def booking(self, booking_id: int) -> SafeString:
        return SafeString(f"{self.booking_base}{int(booking_id)}/change/")

    def may(self, user, permission: str) -> bool:
        if user is not self.user:
            return user.has_perm(permission)
        if permission not in self._may:
            self._may[permission] = user.has_perm(permission)
        return self._may[permission]

    def local_time(self, moment: datetime) -> str:
        """local_time() without date_format's parsing: the same 'D j M, H:i' and zone."""
        local = timezone.localtime(moment)
        return (f"{self.weekdays[local.weekday()]} {local.day} {self.months[local.month]}, "
                f"{local.hour:02d}:{local.minute:02d} {self.zone}")


def amounts(payment: Payment, parts: RowParts | None = None) -> SafeString:
    parts = parts or RowParts()
    due, claimed = payment.booking.amount_due, payment.claimed_total
    if claimed < due:
        verdict = quick_html('<strong class="sc-bad">{}</strong>', parts.short_by % {"amount": rupiah(due - claimed)})
    elif claimed > due:
        verdict = quick_html('<strong class="sc-warn">{}</strong>', parts.over_by % {"amount": rupiah(claimed - due)})
    else:
        verdict = quick_html('<span class="sc-ok">{}</span>', parts.exact)
    top_up = claimed - payment.amount_claimed
    claimed_html = quick_html('<span class="nowrap">{}</span>', rupiah(claimed))
    if top_up:
        claimed_html = quick_html(
            parts.with_top_up, total=claimed_html, top_up=quick_html('<span class="nowrap">{}</span>', rupiah(top_up)),
        )
    return quick_html(
        '{} <span class="nowrap">{}</span><br>{} {}<br>{}', parts.due, rupiah(due), parts.claimed, claimed_html,
        verdict,
    )


def proof(payment: Payment, user, parts: RowParts | None = None) -> SafeString:
    """A thumbnail that opens full size; PDFs as a link; a flag when the file was used for another booking."""
    parts = parts or RowParts(user)
    if not payment.proof:
        shown = quick_html("<em>{}</em>", parts.no_file)
    elif not parts.may(user, permissions.VIEW_PROOF):
        shown = quick_html("<em>{}</em>", parts.proof_hidden)
    elif is_image(payment):
        url = proof_url(payment)
        shown = quick_html(
            '<a href="{}" target="_blank" rel="noopener"><img src="{}" width="72" alt="{}" loading="lazy"'
            ' class="sc-thumb"></a>',
            url, url, parts.transfer_proof,
        )
    else:
        shown = quick_html('<a href="{}" target="_blank" rel="noopener">{}</a>', proof_url(payment), parts.open_proof)
    reused = getattr(payment, "reused_on_booking", None)
    if reused:
        shown = quick_html(
            '{}<br><strong class="sc-bad">{} <a href="{}">#{}</a></strong>',
            shown, parts.same_receipt, parts.booking(reused), reused,
        )
    return shown


def waited(payment: Payment, now: datetime) -> SafeString:
    seconds = (now - payment.submitted_at).total_seconds()
    css = "sc-bad" if seconds > LONG_WAIT_MINUTES * 60 else ""
    if 0 < seconds < 24 * 3600:
        shown = short_wait(get_language(), int(seconds // 60))
    else:
        shown = timesince(payment.submitted_at, now, depth=1)
    return quick_html('<span class="{}">{}</span>', css, shown)


@lru_cache(maxsize=4096)
def short_wait(language: str, minutes: int) -> str:
    """timesince(depth=1) of a wait shorter than a day: it depends only on the whole minutes (no month or
    day is in it), so it is worked out once per language and minute instead of once per row."""
    end = datetime(2001, 1, 1, tzinfo=UTC)
    return timesince(end - timedelta(minutes=minutes), end, depth=1)


def claim(payment: Payment, user, next_url: str, now: datetime, urls: RowParts) -> tuple[SafeString, bool]:
    """Who is on this row: the "I'm on it" button, one's own claim (with "let go"), or another's (no buttons)."""
    if payment.claim_held_by_other(user, now):
        return quick_html(
            '<em class="sc-warn">{}</em>', urls.on_it_until % {
                "who": payment.claimed_by.get_username(), "until": timezone.localtime(payment.claimed_until)
                .strftime("%H:%M")},
        ), True
    if payment.claimed_by_id == user.pk and payment.claimed_until and payment.claimed_until > now:
        return quick_html(
            '<span class="sc-ok">{}</span> <button type="submit" form="{}" formaction="{}?release=1" name="next"'
            ' value="{}">{}</button><br>',
            urls.you_are_on_it, ROW_FORM, urls.of(payment, "claim"), next_url, urls.let_go,
        ), False
    return quick_html(
        '<button type="submit" form="{}" formaction="{}" name="next" value="{}" class="sc-claim">{}</button><br>',
        ROW_FORM, urls.of(payment, "claim"), next_url, urls.im_on_it,
    ), False


def decision_buttons(payment: Payment, user, next_url: str, urls: RowParts | None = None,
                     now: datetime | None = None) -> SafeString:
    """Verify in one click; reject with a reason; a short payment needs a manager's reason."""
    urls = urls or RowParts(user)
    if not urls.may(user, permissions.VERIFY_PAYMENT):
        return quick_html("<em>{}</em>", urls.view_only)
    now = now or timezone.now()
    claimed, held_by_other = claim(payment, user, next_url, now, urls)
    if held_by_other:
        return claimed
    verify_url = urls.of(payment, "verify")
    reject_url = urls.of(payment, "reject")
    pk = payment.pk
    if payment.booking.ends_at <= now:
        # Verifying would fail (the session cannot happen any more): say what to do instead.
        verify = quick_html(
            '<em class="sc-bad">{}</em> <a href="{}">{}</a>', urls.time_passed,
            urls.booking(payment.booking_id), urls.cancel_with_refund,
        )
    elif getattr(payment, "reused_on_booking", None):
        verify = override_verify(
            payment, user, next_url, permissions.OVERRIDE_REUSED_PROOF, urls.verify_reused,
            urls.reused_needs_manager, verify_url, urls,
        )
    elif payment.shortfall == 0:
        verify = quick_html(
            '<button type="submit" form="{}" formaction="{}" name="next" value="{}" class="sc-verify">{}</button>',
            ROW_FORM, verify_url, next_url, urls.verify,
        )
    elif urls.may(user, permissions.OVERRIDE_PARTIAL):
        verify = quick_html(
            '<details><summary>{}</summary><input name="override_{}" form="{}" placeholder="{}" maxlength="300">'
            '<button type="submit" form="{}" formaction="{}" name="next" value="{}">{}</button></details>',
            urls.verify_partial, pk, ROW_FORM, urls.managers_reason, ROW_FORM, verify_url, next_url,
            urls.verify_anyway,
        )
    else:
        verify = quick_html("<em>{}</em>", urls.partial_needs_manager)
    reject = quick_html(
        '<details><summary>{}</summary><select name="reason_{}" form="{}"><option value="">{}</option>{}</select>'
        '<input name="note_{}" form="{}" placeholder="{}" maxlength="500">'
        '<button type="submit" form="{}" formaction="{}" name="next" value="{}">{}</button></details>',
        urls.reject_open, pk, ROW_FORM, urls.reason, urls.reject_options, pk, ROW_FORM, urls.note,
        ROW_FORM, reject_url, next_url, urls.reject,
    )
    return SafeString(claimed + verify + reject)


def override_verify(payment: Payment, user, next_url: str, permission: str, label: str, refused: str,
                    verify_url: str, urls: RowParts | None = None) -> SafeString:
    """Verify only with a typed reason, offered to those who may override; the others read who may."""
    urls = urls or RowParts(user)
    if not urls.may(user, permission):
        return quick_html("<em>{}</em>", refused)
    return quick_html(
        '<details><summary>{}</summary><input name="override_{}" form="{}" placeholder="{}" maxlength="300">'
        '<button type="submit" form="{}" formaction="{}" name="next" value="{}">{}</button></details>',
        label, payment.pk, ROW_FORM, urls.managers_reason, ROW_FORM, verify_url, next_url, urls.verify_anyway,
    )


def started_undecided(payment: Payment, now: datetime) -> bool:
    """The session has started and the proof still waits: the booking cannot keep its slot."""
    return payment.status == "submitted" and payment.booking.status in ("payment_submitted", "expired") and (
        payment.booking.starts_at <= now
    )


def late_decision(payment: Payment, user, next_url: str, urls: RowParts | None = None) -> SafeString:
    """Only the money is left to settle: did the transfer come in (refund it) or not (nothing owed)?"""
    urls = urls or RowParts(user)
    flag = quick_html('<strong class="sc-bad">{}</strong>', urls.started_undecided)
    if not urls.may(user, permissions.VERIFY_PAYMENT):
        return flag
    return quick_html(
        '{}<br><button type="submit" form="{}" formaction="{}" name="next" value="{}">{}</button> '
        '<input type="hidden" name="reason_{}" value="{}" form="{}">'
        '<button type="submit" form="{}" formaction="{}" name="next" value="{}">{}</button>',
        flag, ROW_FORM, urls.of(payment, "verify"), next_url, urls.refund_it, payment.pk,
        RejectionReason.NOT_RECEIVED, ROW_FORM, ROW_FORM, urls.of(payment, "reject"), next_url, urls.not_received,
    )


def decision(payment: Payment, user, next_url: str, now: datetime | None = None,
             urls: RowParts | None = None) -> SafeString:
    """Who decided, or the buttons when it still waits."""
    urls = urls or RowParts(user)
    if started_undecided(payment, now or timezone.now()):
        return late_decision(payment, user, next_url, urls)
    if payment.status == "verified":
        return quick_html("{}", urls.verified_by % {"who": payment.decided_by})
    if payment.status == "rejected":
        return quick_html("{}", urls.rejected_by % {
            "who": payment.decided_by, "reason": payment.get_rejection_reason_display(),
        })
    if payment.booking.status != "payment_submitted":
        return quick_html("{}", urls.booking_is % {"status": payment.booking.get_status_display()})
    return decision_buttons(payment, user, next_url, urls, now)


def row_form(request) -> SafeString:
    """The one form the row buttons submit; it sits outside the changelist's own form."""
    return format_html(
        '<form id="{}" method="post"><input type="hidden" name="csrfmiddlewaretoken" value="{}"></form>',
        ROW_FORM, get_token(request),
    )
