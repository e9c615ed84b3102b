"""Today's two reads, compiled once per process, return what their QuerySets return."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import QuerySet
from django.db.models.query import RawQuerySet

from bookings import services
from bookings.models import Booking
from sleepcall.compiled import CompiledRead
from talents.workspace import tonight
from tests.workspace.conftest import END, GRACE, START

FIELDS = ["pk", "booking_id", "customer_id", "starts_at", "ends_at", "revoked_at", "blocked_at", "unblocked_at",
          "customer_wrote_first_at", "channels", "package_name", "customer_whatsapp", "customer_name",
          "customer_language", "report_status"]


def _same(compiled, queryset, fields) -> None:
    assert isinstance(compiled, RawQuerySet)
    got, want = list(compiled), list(queryset)
    assert [[(getattr(o, f), type(getattr(o, f))) for f in fields] for o in got] == [
        [(getattr(o, f), type(getattr(o, f))) for f in fields] for o in want]


def test_the_grants_read_matches_its_queryset_across_the_night(talent, other_talent, book):
    yesterday = book(START - timedelta(days=1))  # carried over: not yet ticked "blocked"
    services.mark_unblocked(grant=yesterday.grant, talent=talent, at=START - timedelta(days=1))
    tonight_sessions = [book(START), book(START + timedelta(minutes=75))]
    services.file_report(booking=tonight_sessions[0], talent=talent, category="spam", description="x",
                         at=END + GRACE)
    other_talent.packages.add(*talent.packages.all())
    book(START, talent=other_talent)  # someone else's: never in the read
    for at in (START - timedelta(hours=3), START + timedelta(minutes=5), END + GRACE + timedelta(minutes=1),
               START + timedelta(hours=13)):
        start, end = tonight.night_bounds(talent, at)
        queryset = tonight._grants_between(talent.pk, start, end, at + tonight.unblock_lead(),
                                           at - tonight.CARRY_OVER)
        assert queryset.exists() or at == START + timedelta(hours=13)
        _same(tonight.grants_for_today(talent, at), queryset, FIELDS)


def test_the_pending_read_matches_its_queryset(talent, book):
    book(START)
    at = START - timedelta(hours=2)
    start, end = tonight.night_bounds(talent, at)
    _same(tonight.pending_for_tonight(talent, at), tonight._pending_between(talent.pk, start, end, at),
          ["pk", "starts_at", "ends_at", "customer_name", "channels", "status"])


def test_a_value_that_does_not_reach_the_parameters_keeps_the_queryset(db):
    # the stand-in is used only in Python, so it cannot be found in the SQL's parameters
    read = CompiledRead(Booking, lambda talent_id: Booking.objects.filter(pk__gt=0 if talent_id else 1), (-7,))
    assert isinstance(read(5), QuerySet)


def test_the_bells_compiled_count_matches_its_queryset(customer, other_customer):
    from django.utils import timezone

    from notifications import context_processors
    from notifications.models import Channel, Notification
    from notifications.services import notify

    for key in ("a", "b", "c"):
        notify(to=customer.user, event="customer_banned", key=key, channels=[Channel.SITE, Channel.EMAIL],
               context={"customer": customer, "ban": None})
    notify(to=other_customer.user, event="customer_banned", key="x", channels=[Channel.SITE],
           context={"customer": other_customer, "ban": None})
    Notification.objects.filter(recipient=customer.user, key="a").update(read_at=timezone.now())
    for user in (customer.user, other_customer.user):
        assert context_processors._unread.count(user.pk) == Notification.objects.on_site_for(user).unread().count()
    assert context_processors._unread.count(customer.user.pk) == 2
