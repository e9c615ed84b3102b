"""Shifts: who is on now, who gets a new conversation, and the hand-over at a shift's end."""

from __future__ import annotations

from datetime import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from bookings import permissions
from bookings.errors import ReasonRequired
from support import permissions as desk
from support.errors import NoNextShift
from support.models import Conversation, Handover, Message, MessageKind, Shift
from support.models.conversation import UNSOLVED


def shifts_on(at: datetime) -> list[Shift]:
    return [shift for shift in Shift.objects.all() if shift.covers(at)]


def agents_by_load(shifts: list[Shift]):
    """Active staff on these shifts, fewest unsolved conversations first (then the longest-serving)."""
    return (
        get_user_model().objects.filter(support_shifts__in=shifts, is_active=True, is_staff=True)
        .distinct()
        .annotate(open_n=_open_count())
        .order_by("open_n", "pk")
    )


def _open_count():
    counts = (
        Conversation.objects.unsolved().filter(assigned_to=OuterRef("pk"))
        .order_by().values("assigned_to").annotate(n=Count("id")).values("n")
    )
    return Coalesce(Subquery(counts), 0)


def pick_agent(*, at: datetime | None = None) -> AbstractBaseUser | None:
    """The on-shift agent with the fewest open conversations; None when nobody is on shift."""
    at = at or timezone.now()
    shifts = shifts_on(at)
    if not shifts:
        return None
    return agents_by_load(shifts).first()


def next_shift(shift: Shift) -> Shift | None:
    """The shift that starts when this one ends (else the next to start after it)."""
    others = [s for s in Shift.objects.exclude(pk=shift.pk)]
    if not others:
        return None
    exact = [s for s in others if s.starts == shift.ends]
    if exact:
        return exact[0]
    end = shift.ends.hour * 60 + shift.ends.minute
    return min(others, key=lambda s: ((s.starts.hour * 60 + s.starts.minute) - end) % (24 * 60))


def hand_over_shift(*, shift: Shift, by: AbstractBaseUser, note: str, at: datetime | None = None) -> Handover:
    """Give every unsolved conversation of this shift's agents (and the unassigned ones) to the next shift.

    Each goes to the next shift's agent with the fewest at that moment, and carries the note in its
    thread (an internal note the customer never sees). With nobody on the next shift they wait unassigned.
    """
    permissions.require(by, desk.HAND_OVER)
    if not note.strip():
        raise ReasonRequired(_("Please write a hand-over note for the next shift."))
    at = at or timezone.now()
    following = next_shift(shift)
    if following is None:
        raise NoNextShift()
    with transaction.atomic():
        leaving = list(shift.agents.values_list("pk", flat=True))
        conversations = list(
            Conversation.objects.select_for_update()
            .filter(status__in=UNSOLVED)
            .filter(Q(assigned_to__in=leaving) | Q(assigned_to__isnull=True))
            .order_by("waiting_since", "created_at")
        )
        loads = {agent.pk: agent.open_n for agent in agents_by_load([following])}
        for conversation in conversations:
            if conversation.assigned_to_id in loads:
                continue  # an agent on both shifts keeps theirs
            agent_id = min(loads, key=lambda pk: (loads[pk], pk)) if loads else None
            if agent_id is not None:
                loads[agent_id] += 1
            conversation.assigned_to_id = agent_id
            conversation.save(update_fields=["assigned_to"])
            Message.objects.create(
                conversation=conversation, author=by, kind=MessageKind.NOTE, created_at=at,
                body=_("Hand-over from %(shift)s: %(note)s") % {"shift": shift.name, "note": note.strip()},
            )
        return Handover.objects.create(
            shift=shift, next_shift=following, note=note.strip(), by=by, at=at, conversations=len(conversations)
        )
