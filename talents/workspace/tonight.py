"""Tonight's sessions as the talent sees them: one state and one next step per session, from the clock.

The state is computed from the grant and the current time only, so the page is right even when no
background job has run. Customer numbers come only from the contact gate, in one query for all.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta
from enum import StrEnum

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import CharField, ExpressionWrapper, F, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from bookings.contact import customer_numbers_among, open_channels
from bookings.models import Booking, ContactGrant, Report, Status
from bookings.models.grant import BLOCK_OVERDUE, unblock_lead
from bookings.models.package import CALL, CHAT
from bookings.routine import goodbye_text, opener_text
from bookings.slots import night_of
from sleepcall.compiled import CompiledRead
from sleepcall.contact_handles import shown_text
from sleepcall.wa_me import wa_link
from sleepcall.zones import zone_info
from talents.models import Talent

# A session the talent has not yet ticked "blocked" stays on Today this long after its end,
# even when a new night has begun (noon), so the last step is never lost.
CARRY_OVER = timedelta(hours=24)


class SessionState(StrEnum):
    UPCOMING = "upcoming"
    UNBLOCK_NOW = "unblock_now"
    LIVE = "live"
    WIND_DOWN = "wind_down"
    GOODBYE = "goodbye"
    BLOCK_NOW = "block_now"
    DONE = "done"


# The session is on: channels open, the talent may end it early or tick "unblocked".
ON = (SessionState.LIVE, SessionState.WIND_DOWN)


def session_state(grant: ContactGrant, at: datetime) -> SessionState:
    """upcoming → unblock now → live → wind down → goodbye (the grace) → block now → done (ticked).

    A revoke skips the goodbye: the number is hidden at once and the talent blocks now.
    """
    if grant.blocked_at is not None:
        return SessionState.DONE
    if grant.is_revoked_at(at):
        # Revoked before the number was ever shown and never unblocked: nothing to block.
        if grant.unblocked_at is None and grant.revoked_at < grant.starts_at - unblock_lead():
            return SessionState.DONE
        return SessionState.BLOCK_NOW
    if at < grant.starts_at - unblock_lead():
        return SessionState.UPCOMING
    if at < grant.starts_at:
        return SessionState.UNBLOCK_NOW
    if grant.is_winding_down_at(at):
        return SessionState.WIND_DOWN
    if at < grant.ends_at:
        return SessionState.LIVE
    if grant.is_in_goodbye_grace_at(at):
        return SessionState.GOODBYE
    return SessionState.BLOCK_NOW


def channel_links(number: str, channels: frozenset[str]) -> list[tuple[str, str]]:
    """Tap-to-open links for exactly the open channels, both on WhatsApp.

    Calls go through WhatsApp too: the talent unblocks the customer there, and a carrier call
    (tel:) would go around the block that the contact model relies on. WhatsApp has no public link
    that starts a call, so the call link opens the conversation, where the call button is.
    The talent never starts the conversation, so these links carry no text.
    """
    url = wa_link(number)
    return [(channel, url) for channel in (CHAT, CALL) if channel in channels]


@dataclass
class Session:
    grant: ContactGrant
    state: SessionState
    customer_name: str
    number: str | None = None
    links: list[tuple[str, str]] = field(default_factory=list)
    time_left: timedelta | None = None
    starts_in: timedelta | None = None
    report_status: str | None = None
    opener: str = ""  # what the customer's first message will say, to recognise the number
    goodbye_link: str = ""  # wa.me with the ready goodbye, in the grace
    block_overdue: bool = False  # staff see it on the admin landing now

    @property
    def booking_id(self) -> int:
        return self.grant.booking_id

    @property
    def channels(self) -> list[str]:
        return sorted(self.grant.channel_set)

    @property
    def call_only(self) -> bool:
        return self.grant.channel_set == {CALL}

    @property
    def unblock_at(self) -> datetime:
        return self.grant.starts_at - unblock_lead()

    @property
    def minutes_left(self) -> int | None:
        return None if self.time_left is None else -(-int(self.time_left.total_seconds()) // 60)

    @property
    def minutes_to_start(self) -> int | None:
        return None if self.starts_in is None else -(-int(self.starts_in.total_seconds()) // 60)

    @property
    def is_on(self) -> bool:
        return self.state in ON

    @property
    def may_end_early(self) -> bool:
        return self.is_on

    @property
    def may_tick_unblocked(self) -> bool:
        return may_tick_unblocked(self.state) and self.grant.unblocked_at is None

    @property
    def may_tick_wrote_first(self) -> bool:
        return may_tick_wrote_first(self.state) and self.grant.customer_wrote_first_at is None

    @property
    def may_tick_blocked(self) -> bool:
        return may_tick_blocked(self.state)



def may_tick_unblocked(state: SessionState) -> bool:
    return state in (SessionState.UNBLOCK_NOW, *ON)


def may_tick_wrote_first(state: SessionState) -> bool:
    return state in (*ON, SessionState.GOODBYE)


def may_tick_blocked(state: SessionState) -> bool:
    """From the goodbye on: the talent may block as soon as the customer has answered."""
    return state in (SessionState.GOODBYE, SessionState.BLOCK_NOW)


def night_bounds(talent: Talent, at: datetime) -> tuple[datetime, datetime]:
    """Tonight, noon to noon in the talent's zone."""
    night = night_of(at, talent.time_zone)
    start = datetime.combine(night, time(12), zone_info(talent.time_zone))
    return start, start + timedelta(days=1)


def _grants_between(talent_id: int, start: datetime, end: datetime, soon: datetime,
                    carried_from: datetime) -> QuerySet[ContactGrant]:
    latest_report = Report.objects.filter(booking=OuterRef("booking_id"), talent_id=talent_id).order_by("-created_at")
    return (
        ContactGrant.objects.filter(talent_id=talent_id)
        .filter(
            Q(starts_at__gte=start, starts_at__lt=end)
            # tomorrow's first session once its unblock time has come (one starting at noon)
            | Q(starts_at__gte=end, starts_at__lte=soon)
            | Q(blocked_at__isnull=True, starts_at__lt=start, ends_at__gte=carried_from)
        )
        # Values, not instances: a booking and a customer per row cost more to build than the page uses.
        .annotate(
            package_name=F("booking__package_name"),
            # as stored (E.164 text): parsed into a PhoneNumber only where the gate shows it
            customer_whatsapp=ExpressionWrapper(F("customer__whatsapp"), output_field=CharField()),
            customer_name=F("customer__display_name"),
            customer_language=F("customer__language"),
            report_status=Subquery(latest_report.values("status")[:1]),
        )
        .order_by("starts_at")
    )


# Today is refreshed every 20 seconds: Django compiles this read once per process, not per refresh.
_STAND_IN = datetime(1901, 1, 1, tzinfo=UTC)
_grants_read = CompiledRead(ContactGrant, _grants_between, (
    -7_000_000_001, _STAND_IN, _STAND_IN + timedelta(seconds=1), _STAND_IN + timedelta(seconds=2),
    _STAND_IN + timedelta(seconds=3),
))


def grants_for_today(talent: Talent, at: datetime) -> Iterable[ContactGrant]:
    """Tonight's grants, plus earlier ones still waiting for the 'blocked' tick; one query.

    Each comes with its booking's package name and its customer's number, name and language.
    """
    start, end = night_bounds(talent, at)
    return _grants_read(talent.pk, start, end, at + unblock_lead(), at - CARRY_OVER)


def sessions_for_today(*, talent: Talent, viewer: AbstractBaseUser, at: datetime | None = None) -> list[Session]:
    """One query whatever the number of sessions (grants with their customers) plus one insert for the log."""
    at = at or timezone.now()
    grants = list(grants_for_today(talent, at))
    numbers = customer_numbers_among(grants, viewer=viewer, at=at)
    tonight_start, _end = night_bounds(talent, at)
    sessions = []
    for grant in grants:
        state = session_state(grant, at)
        if grant.starts_at < tonight_start and state == SessionState.DONE:
            continue  # a carried-over session that needs nothing more
        # A name stored before the contact-handle check may carry one: the talent sees it masked.
        name = shown_text(grant.customer_name, fallback=_("Customer"))
        session = Session(grant=grant, state=state, customer_name=name, report_status=grant.report_status)
        number = numbers.get(grant.pk)
        if number is not None and state in (SessionState.UNBLOCK_NOW, *ON, SessionState.GOODBYE):
            session.number = number
            session.links = channel_links(number, open_channels(grant=grant, at=at))
        if state in (SessionState.UNBLOCK_NOW, *ON):
            session.opener = opener_text(
                talent_alias=talent.display_name, customer_name=name, booking_id=grant.booking_id,
                package_name=grant.package_name, language=grant.customer_language,
            )
        if number is not None and state == SessionState.GOODBYE:
            session.goodbye_link = wa_link(number, goodbye_text(
                talent_alias=talent.display_name, customer_name=name, language=grant.customer_language,
            ))
        if state in ON:
            session.time_left = grant.ends_at - at
        if state == SessionState.GOODBYE:
            session.time_left = grant.grace_ends_at - at
        if state == SessionState.BLOCK_NOW:
            session.block_overdue = at >= grant.stopped_at + BLOCK_OVERDUE
        if state in (SessionState.UPCOMING, SessionState.UNBLOCK_NOW):
            session.starts_in = grant.starts_at - at
        sessions.append(session)
    return sessions


def _pending_between(talent_id: int, start: datetime, end: datetime, at: datetime) -> QuerySet[Booking]:
    return (
        Booking.objects.filter(talent_id=talent_id, status=Status.PAYMENT_SUBMITTED)
        .filter(starts_at__gte=start, starts_at__lt=end, ends_at__gt=at)
        .annotate(customer_name=F("customer__display_name"))
        .order_by("starts_at")
    )


_pending_read = CompiledRead(Booking, _pending_between, (
    -7_000_000_001, _STAND_IN, _STAND_IN + timedelta(seconds=1), _STAND_IN + timedelta(seconds=2),
))


def pending_for_tonight(talent: Talent, at: datetime) -> Iterable[Booking]:
    """Tonight's bookings whose transfer staff are still checking: no grant yet, shown as on the week page."""
    start, end = night_bounds(talent, at)
    return _pending_read(talent.pk, start, end, at)
