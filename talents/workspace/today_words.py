"""The words and links of each session on Today, built in Python once per request.

Today refreshes every 20 seconds with up to 20 sessions; as template tags these texts were most of
the page's cost. They are computed from the session and the clock on every request (nothing is
kept between requests), with the template's own msgids and escaping: a name is escaped, the
translated text around it is not, as `{% blocktranslate %}` does.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import formats, timezone
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from talents.workspace.tonight import ON, Session, SessionState


@dataclass
class SessionWords:
    """What one session's card says and links to; empty where its state shows nothing of it."""

    when: str
    unblock_from: SafeString = SafeString()
    starts_in: SafeString = SafeString()
    writes_first_with: SafeString = SafeString()
    minutes_left: SafeString = SafeString()
    until: SafeString = SafeString()
    wait_first: SafeString = SafeString()
    goodbye_wait: SafeString = SafeString()
    blocked_again: SafeString = SafeString()
    unblocked_at: SafeString = SafeString()
    wrote_first: SafeString = SafeString()
    wrote_first_at: SafeString = SafeString()
    tick_unblocked_url: str = ""
    tick_wrote_first_url: str = ""
    tick_blocked_url: str = ""
    end_early_url: str = ""
    session_url: str = ""


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


def words_for(session: Session, *, now: datetime) -> SessionWords:
    """The texts and links the card of this session shows at `now`, as the template showed them."""
    grant, state, name = session.grant, session.state, session.customer_name
    starts = timezone.localtime(grant.starts_at)
    when = f"{_clock(grant.starts_at)}–{_clock(grant.ends_at)}"
    if starts.date() != timezone.localtime(now).date():
        when = f"{formats.date_format(starts, 'D j M')} {when}"
    words = SessionWords(when=conditional_escape(when))
    if state == SessionState.UPCOMING:
        words.unblock_from = _say(_("Unblock from %(time)s. Until then, do nothing."), time=_clock(session.unblock_at))
    elif state == SessionState.UNBLOCK_NOW:
        minutes = session.minutes_to_start
        words.starts_in = _say(ngettext(
            "Starts in %(minutes)s minute. No call or message before %(time)s.",
            "Starts in %(minutes)s minutes. No call or message before %(time)s.", minutes,
        ), minutes=formats.localize(minutes), time=_clock(grant.starts_at))
        if session.opener:
            words.writes_first_with = _say(_("%(name)s writes first, with:"), name=name)
    elif state in ON:
        minutes = session.minutes_left
        if state == SessionState.WIND_DOWN:
            text = ngettext("Wind down: %(minutes)s minute left", "Wind down: %(minutes)s minutes left", minutes)
        else:
            text = ngettext("Live: %(minutes)s minute left", "Live: %(minutes)s minutes left", minutes)
        words.minutes_left = _say(text, minutes=formats.localize(minutes))
        words.until = _say(_("until %(time)s"), time=_clock(grant.ends_at))
        if state == SessionState.LIVE and not grant.customer_wrote_first_at:
            words.wait_first = _say(_("Wait for %(name)s's first message; reply, never start."), name=name)
    elif state == SessionState.GOODBYE:
        minutes = session.minutes_left
        words.goodbye_wait = _say(ngettext(
            "No more calls or chat: send the goodbye, wait %(minutes)s minute for %(name)s's answer, then block.",
            "No more calls or chat: send the goodbye, wait %(minutes)s minutes for %(name)s's answer, then block.",
            minutes,
        ), name=name, minutes=formats.localize(minutes))
    elif state == SessionState.DONE and grant.blocked_at:
        words.blocked_again = _say(_("Blocked again at %(time)s. All done."), time=_clock(grant.blocked_at))

    if session.may_tick_unblocked:
        words.tick_unblocked_url = session_url("workspace:tick_unblocked", grant.booking_id)
    elif grant.unblocked_at and state != SessionState.DONE:
        words.unblocked_at = _say(_("Unblocked at %(time)s"), time=_clock(grant.unblocked_at))
    if session.may_tick_wrote_first:
        words.tick_wrote_first_url = session_url("workspace:tick_wrote_first", grant.booking_id)
        words.wrote_first = _say(_("%(name)s wrote first"), name=name)
    elif grant.customer_wrote_first_at and state != SessionState.DONE:
        words.wrote_first_at = _say(
            _("%(name)s wrote first (%(time)s)"), name=name, time=_clock(grant.customer_wrote_first_at),
        )
    if session.may_tick_blocked:
        words.tick_blocked_url = session_url("workspace:tick_blocked", grant.booking_id)
    if session.may_end_early:
        words.end_early_url = session_url("workspace:end_early", grant.booking_id)
    if state != SessionState.UPCOMING:
        words.session_url = session_url("workspace:session", grant.booking_id)
    return words
