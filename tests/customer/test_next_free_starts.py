"""The batch next-free-slot agrees with the per-talent function, in a constant number of queries."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from bookings.services import create_booking
from bookings.slots import next_free_start, next_free_starts
from talents.models import TimeOff
from tests.conftest import wib
from tests.factories import PackageFactory, TalentFactory, every_night


def test_batch_matches_the_single_talent_function(customer, talent, other_talent, package, evening):
    package.talents.add(other_talent)
    create_booking(customer=customer, talent=talent, package=package, starts_at=wib(2026, 3, 2, 21, 0))
    TimeOff.objects.create(talent=other_talent, starts_at=wib(2026, 3, 2, 20), ends_at=wib(2026, 3, 3, 12))

    batch = next_free_starts(talents=[talent, other_talent], packages={talent.pk: package, other_talent.pk: package})

    assert batch[talent.pk] == next_free_start(talent=talent, package=package) == wib(2026, 3, 2, 22, 15)
    assert batch[other_talent.pk] == next_free_start(talent=other_talent, package=package) == wib(2026, 3, 3, 21)


def test_a_talent_without_a_package_has_no_next_slot(talent, evening):
    assert next_free_starts(talents=[talent], packages={}) == {talent.pk: None}


def _queries(talents, packages) -> int:
    with CaptureQueriesContext(connection) as ctx:
        next_free_starts(talents=talents, packages=packages)
    return len(ctx.captured_queries)


def test_queries_do_not_grow_with_the_number_of_talents(db, evening):
    package = PackageFactory()
    talents = [TalentFactory() for _ in range(10)]
    for t in talents:
        every_night(t)
    one = _queries(talents[:1], {talents[0].pk: package})
    ten = _queries(talents, {t.pk: package for t in talents})
    assert one == ten == 3
