"""My bookings' reads (compiled once per process) give the bookings, their talents and their
transfers as the ORM does, one query each for any number of bookings."""

from __future__ import annotations

from datetime import timedelta

from bookings.models import Booking, Payment
from bookings.services import create_booking
from bookings.views.mine import bookings_with_talents, payments_by_booking
from tests.conftest import wib
from tests.factories import PackageFactory, TalentFactory, every_night


def test_the_read_matches_the_orm_and_reads_other_talent_fields_when_asked(
    customer, other_customer, evening, django_assert_num_queries
):
    for n, who in enumerate((customer, customer, other_customer)):
        talent = TalentFactory(bio=f"Bio {n}")
        every_night(talent)
        create_booking(customer=who, talent=talent, package=PackageFactory(offered_by=[talent]),
                       starts_at=wib(2026, 3, 3, 21 + n, 0))
    with django_assert_num_queries(1):  # the bookings with their talents' shown fields
        got = bookings_with_talents(customer)
        shown = [(b.pk, b.status, b.starts_at, b.talent_id, b.talent.display_name, b.talent.slug,
                  b.talent.public_alias) for b in got]
    want = Booking.objects.filter(customer=customer).select_related("talent")
    assert shown == [(b.pk, b.status, b.starts_at, b.talent_id, b.talent.display_name, b.talent.slug,
                      b.talent.public_alias) for b in want]
    assert len(got) == 2
    # a field the list does not show is read when asked, never made up
    assert got[0].talent.bio == want[0].talent.bio


def test_each_booking_gets_its_own_transfers_oldest_first_and_only_the_customers(
    customer, other_customer, evening, django_assert_num_queries
):
    talent = TalentFactory()
    every_night(talent)
    package = PackageFactory(offered_by=[talent])
    mine, theirs = (create_booking(customer=who, talent=talent, package=package, starts_at=wib(2026, 3, 3, h, 0))
                    for who, h in ((customer, 21), (other_customer, 23)))
    later, earlier = (Payment.objects.create(booking=mine, bank="BCA", sender_name="Rina", amount_claimed=10,
                                             submitted_at=wib(2026, 3, 2, 18, 0) + timedelta(minutes=m))
                      for m in (9, 1))
    Payment.objects.create(booking=theirs, bank="BCA", sender_name="X", amount_claimed=10,
                           submitted_at=wib(2026, 3, 2, 18, 30))
    with django_assert_num_queries(1):
        sent = payments_by_booking(customer)
    assert dict(sent) == {mine.pk: [earlier, later]}
    assert [p.submitted_at for p in sent[mine.pk]] == [p.submitted_at for p in mine.payments.order_by("submitted_at")]
