"""My bookings' read (compiled once per process) gives the bookings, their talents and payments as the ORM does."""

from __future__ import annotations

from django.db.models import Prefetch

from bookings.models import Booking, Payment
from bookings.services import create_booking
from bookings.views.mine import bookings_with_talents
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
    with django_assert_num_queries(2):  # the bookings with their talents' shown fields, the payments
        got = bookings_with_talents(customer)
        shown = [(b.pk, b.status, b.starts_at, b.talent_id, b.talent.display_name, b.talent.slug,
                  b.talent.public_alias, list(b.payments.all())) for b in got]
    want = (Booking.objects.filter(customer=customer).select_related("talent")
            .prefetch_related(Prefetch("payments", queryset=Payment.objects.order_by("submitted_at"))))
    assert shown == [(b.pk, b.status, b.starts_at, b.talent_id, b.talent.display_name, b.talent.slug,
                      b.talent.public_alias, list(b.payments.all())) for b in want]
    assert len(got) == 2
    # a field the list does not show is read when asked, never made up
    assert got[0].talent.bio == want[0].talent.bio
