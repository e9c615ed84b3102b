"""The card of each session on Today: its words and links built in Python, its HTML rendered from
plain values only, and kept per process when it shows no customer number.

Today refreshes every 20 seconds with up to 20 sessions; as template tags these texts were most of
the page's cost. Every value is computed from the session and the clock on every request; the
rendered card is reused only for exactly the same values, language and zone (the key is all the
template receives, so a card cannot be stale), and never when it carries a customer's number:
those are rendered on each request and kept nowhere. The texts use the template's msgids and its
escaping: a name is escaped, the translated text around it is not, as `{% blocktranslate %}` does.
"""

from __future__ import annotations

from collections import OrderedDict
from datetime import datetime
from functools import lru_cache
from threading import Lock

from django.conf import settings
from django.template.loader import get_template
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import formats, timezone
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from talents.workspace.tonight import ON, Session, SessionState

CARD_TEMPLATE = "workspace/_session.html"
# The card is rendered with this in place of the CSRF field, which is put in afterwards: the field
# changes on every request (a new mask), the card does not. Escaped text can never contain it.
_CSRF_MARK = "<!--csrf-field-->"
_KEPT_CARDS = 2048


@lru_cache(maxsize=4096)
def _url(urlconf: str, prefix: str, name: str, booking_id: int) -> str:
    return reverse(name, urlconf=urlconf, args=[booking_id])


def session_url(name: str, booking_id: int) -> str:
    """`{% url name booking_id %}`, reversed once per process for each session and action (the
    URL configuration and the script prefix are part of the key)."""
    return _url(get_urlconf() or settings.ROOT_URLCONF, get_script_prefix(), name, booking_id)


def _clock(moment: datetime) -> str:
    """`|time:"H:i"` in the active zone (the signed-in talent's)."""
    return timezone.localtime(moment).strftime("%H:%M")


def _say(text: str, **values) -> SafeString:
    """`{% blocktranslate %}`'s result: the values escaped, the translated text as it is."""
    return mark_safe(text % {key: conditional_escape(value) for key, value in values.items()})  # noqa: S308


def card_values(session: Session, *, now: datetime, zone: str) -> dict:
    """Everything the card of this session shows at `now`, as plain values (str, bool, int, tuples)."""
    grant, state, name = session.grant, session.state, session.customer_name
    starts = timezone.localtime(grant.starts_at)
    when = f"{_clock(grant.starts_at)}–{_clock(grant.ends_at)}"
    if starts.date() != timezone.localtime(now).date():
        when = f"{formats.date_format(starts, 'D j M')} {when}"
    words = dict.fromkeys((
        "unblock_from", "starts_in", "writes_first_with", "minutes_left", "until", "wait_first", "goodbye_wait",
        "blocked_again", "unblocked_at", "wrote_first", "wrote_first_at", "tick_unblocked_url",
        "tick_wrote_first_url", "tick_blocked_url", "end_early_url", "session_url",
    ), "")
    if state == SessionState.UPCOMING:
        words["unblock_from"] = _say(
            _("Unblock from %(time)s. Until then, do nothing."), time=_clock(session.unblock_at),
        )
    elif state == SessionState.UNBLOCK_NOW:
        minutes = session.minutes_to_start
        words["starts_in"] = _say(ngettext(
            "Starts in %(minutes)s minute. No call or message before %(time)s.",
            "Starts in %(minutes)s minutes. No call or message before %(time)s.", minutes,
        ), minutes=formats.localize(minutes), time=_clock(grant.starts_at))
        if session.opener:
            words["writes_first_with"] = _say(_("%(name)s writes first, with:"), name=name)
    elif state in ON:
        minutes = session.minutes_left
        if state == SessionState.WIND_DOWN:
            text = ngettext("Wind down: %(minutes)s minute left", "Wind down: %(minutes)s minutes left", minutes)
        else:
            text = ngettext("Live: %(minutes)s minute left", "Live: %(minutes)s minutes left", minutes)
        words["minutes_left"] = _say(text, minutes=formats.localize(minutes))
        words["until"] = _say(_("until %(time)s"), time=_clock(grant.ends_at))
        if state == SessionState.LIVE and not grant.customer_wrote_first_at:
            words["wait_first"] = _say(_("Wait for %(name)s's first message; reply, never start."), name=name)
    elif state == SessionState.GOODBYE:
        minutes = session.minutes_left
        words["goodbye_wait"] = _say(ngettext(
            "No more calls or chat: send the goodbye, wait %(minutes)s minute for %(name)s's answer, then block.",
            "No more calls or chat: send the goodbye, wait %(minutes)s minutes for %(name)s's answer, then block.",
            minutes,
        ), name=name, minutes=formats.localize(minutes))
    elif state == SessionState.DONE and grant.blocked_at:
        words["blocked_again"] = _say(_("Blocked again at %(time)s. All done."), time=_clock(grant.blocked_at))

    if session.may_tick_unblocked:
        words["tick_unblocked_url"] = session_url("workspace:tick_unblocked", grant.booking_id)
    elif grant.unblocked_at and state != SessionState.DONE:
        words["unblocked_at"] = _say(_("Unblocked at %(time)s"), time=_clock(grant.unblocked_at))
    if session.may_tick_wrote_first:
        words["tick_wrote_first_url"] = session_url("workspace:tick_wrote_first", grant.booking_id)
        words["wrote_first"] = _say(_("%(name)s wrote first"), name=name)
    elif grant.customer_wrote_first_at and state != SessionState.DONE:
        words["wrote_first_at"] = _say(
            _("%(name)s wrote first (%(time)s)"), name=name, time=_clock(grant.customer_wrote_first_at),
        )
    if session.may_tick_blocked:
        words["tick_blocked_url"] = session_url("workspace:tick_blocked", grant.booking_id)
    if session.may_end_early:
        words["end_early_url"] = session_url("workspace:end_early", grant.booking_id)
    if state != SessionState.UPCOMING:
        words["session_url"] = session_url("workspace:session", grant.booking_id)
    return {
        **words,
        "booking_id": grant.booking_id,
        "state": str(state),
        "when": conditional_escape(when),
        "zone": zone,
        # Already through the contact-handle mask in sessions_for_today (masking twice changes nothing).
        "customer_name": name,
        "channels": tuple(session.channels),
        "call_only": session.call_only,
        "is_on": session.is_on,
        "number": session.number,
        "links": tuple(session.links),
        "opener": session.opener,
        "goodbye_link": session.goodbye_link,
        "block_overdue": session.block_overdue,
        "revoked": grant.revoked_at is not None,
        "blocked": grant.blocked_at is not None,
        "report_status": session.report_status,
        "csrf_field": mark_safe(_CSRF_MARK),  # noqa: S308 (a constant)
    }


_kept: OrderedDict[tuple, str] = OrderedDict()
_kept_lock = Lock()


def _render(values: dict) -> str:
    return get_template(CARD_TEMPLATE).render(values).rstrip("\n")


def render_card(values: dict, *, csrf_field: str) -> SafeString:
    """The card's HTML; the same values in the same language and zone give the same HTML, so a card
    without a customer number is rendered once per process (up to a bound) and then reused."""
    if values["number"] is not None or settings.DEBUG:
        html = _render(values)
    else:
        key = (get_language(), timezone.get_current_timezone_name(), *values.items())
        with _kept_lock:
            html = _kept.get(key)
            if html is not None:
                _kept.move_to_end(key)
        if html is None:
            html = _render(values)
            with _kept_lock:
                _kept[key] = html
                if len(_kept) > _KEPT_CARDS:
                    _kept.popitem(last=False)
    return mark_safe(html.replace(_CSRF_MARK, csrf_field))  # noqa: S308 (our template's output)


def cards_for(sessions: list[Session], *, now: datetime, zone: str, csrf_field: str) -> list[SafeString]:
    return [render_card(card_values(s, now=now, zone=zone), csrf_field=csrf_field) for s in sessions]
