"""Demo bookings in every state, made only through the services, as customers and staff would.

Past bookings (completed, expired) are made by passing the services an `at` in the past, which
they accept for exactly this kind of replay. Each story is keyed by its (customer, talent) pair:
when that pair already has a booking, the story is skipped, so a second run adds nothing.
"""

from __future__ import annotations

import io
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image, ImageDraw

from bookings import services
from bookings.errors import BookingError
from bookings.models import Booking, Payment
from bookings.models.payment import RejectionReason
from bookings.money import rupiah
from bookings.slots import free_starts
from sleepcall.zones import abbreviation, zone_info

from .catalogue import Catalogue

MINUTE = timedelta(minutes=1)


@dataclass(frozen=True)
class Story:
    customer: str
    talent: str
    package: str
    outcome: str
    tell: Callable[[Catalogue, Booking, datetime], None]
    days: int = 1  # which night, counted from today in the talent's zone; negative = past


def _local_day(cat: Catalogue, talent: str, now: datetime, days: int) -> date:
    return timezone.localtime(now, zone_info(cat.talents[talent].time_zone)).date() + timedelta(days=days)


def _noon(cat: Catalogue, talent: str, day: date) -> datetime:
    return datetime.combine(day, time(12), zone_info(cat.talents[talent].time_zone))


def proof_image(booking: Booking, amount: int) -> ContentFile:
    """A small PNG that looks like a mobile-banking receipt, unique per booking."""
    image = Image.new("RGB", (360, 480), "white")
    draw = ImageDraw.Draw(image)
    lines = ["m-Transfer BERHASIL", "", "Ke: BCA 8720441123", "PT Teman Malam Nusantara", "",
             f"Nominal: {rupiah(amount)}", f"Berita: booking #{booking.pk}"]
    for row, text in enumerate(lines):
        draw.text((24, 40 + row * 28), text, fill="black")
    # The transaction's QR code, different on every receipt: without it two demo receipts would look
    # the same to the perceptual hash and be flagged as one reused proof.
    rng = random.Random(booking.pk)
    for x in range(12):
        for y in range(12):
            if rng.random() < 0.5:
                draw.rectangle([90 + x * 15, 270 + y * 15, 104 + x * 15, 284 + y * 15], fill="black")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return ContentFile(buffer.getvalue(), name=f"bukti-transfer-{booking.pk}.png")


def _submit(cat: Catalogue, booking: Booking, at: datetime, amount: int | None = None) -> Payment:
    customer = booking.customer
    services.accept_rules(booking=booking, customer=customer, at=at)
    amount = booking.amount_due if amount is None else amount
    return services.submit_payment(
        booking=booking, customer=customer, bank="BCA", sender_name=customer.display_name.upper(),
        amount_claimed=amount, proof=proof_image(booking, amount), at=at + 2 * MINUTE,
    )


def _confirm(cat: Catalogue, booking: Booking, at: datetime) -> None:
    payment = _submit(cat, booking, at)
    services.verify_payment(payment=payment, staff=cat.staff, at=at + 10 * MINUTE)


def _leave_unpaid(cat: Catalogue, booking: Booking, at: datetime) -> None:
    """The customer never pays; the expiry sweep below closes it."""


def _accept_rules_only(cat: Catalogue, booking: Booking, at: datetime) -> None:
    services.accept_rules(booking=booking, customer=booking.customer, at=at)


def _submit_only(cat: Catalogue, booking: Booking, at: datetime) -> None:
    _submit(cat, booking, at)


def _reject_short_transfer(cat: Catalogue, booking: Booking, at: datetime) -> None:
    payment = _submit(cat, booking, at, amount=booking.price)  # forgot the unique code
    services.reject_payment(
        payment=payment, staff=cat.staff, reason=RejectionReason.WRONG_AMOUNT,
        note=f"Kurang {rupiah(booking.unique_code)} (kode unik). Transfer sisanya ya.", at=at + 10 * MINUTE,
    )


def _cancel_by_customer(cat: Catalogue, booking: Booking, at: datetime) -> None:
    services.cancel_booking_by_customer(booking=booking, customer=booking.customer, at=at + 5 * MINUTE)


def _cancel_by_staff_with_refund(cat: Catalogue, booking: Booking, at: datetime) -> None:
    _submit(cat, booking, at)
    services.cancel_booking_by_staff(
        booking=booking, staff=cat.staff, reason="Talent berhalangan; dana dikembalikan penuh.", at=at + 15 * MINUTE
    )


STORIES = [
    Story("rina", "kirana", "Chat 60 menit", "completed", _confirm, days=-3),
    Story("rina", "nayla", "Ngobrol 60 menit", "completed", _confirm, days=-2),
    Story("dimas", "raka", "Ngobrol 30 menit", "expired", _leave_unpaid, days=-2),
    Story("sari", "nayla", "Telepon + chat 120 menit", "confirmed (live now or next)", _confirm, days=0),
    Story("rina", "bima", "Telepon + chat 60 menit", "awaiting payment", _accept_rules_only),
    Story("dimas", "nayla", "Chat 30 menit", "payment submitted", _submit_only),
    Story("bayu", "arya", "Ngobrol 60 menit", "payment rejected, awaiting payment", _reject_short_transfer),
    Story("sari", "laras", "Chat 60 menit", "cancelled by the customer", _cancel_by_customer),
    Story("bayu", "citra", "Telepon + chat 30 menit", "cancelled by staff, refund due", _cancel_by_staff_with_refund),
]


def _when(cat: Catalogue, story: Story, now: datetime) -> tuple[datetime, datetime] | None:
    """(the moment the customer books, the start they pick), from the slots customers would see."""
    talent, package = cat.talents[story.talent], cat.packages[story.package]
    if story.days < 0:  # a past night the talent worked, booked at noon that day
        for back in range(7):
            day = _local_day(cat, story.talent, now, story.days - back)
            at = _noon(cat, story.talent, day)
            starts = free_starts(talent=talent, package=package, first=day, last=day, now=at)
            if starts:
                break
    elif story.days == 0:  # tonight: booked three hours ago, so the session may be on right now
        at = now - timedelta(hours=3)
        day = _local_day(cat, story.talent, now, 0)
        first, last = day - timedelta(days=1), day + timedelta(days=1)
        starts = free_starts(talent=talent, package=package, first=first, last=last, now=at)
        starts = [s for s in starts if s + package.duration > now + 15 * MINUTE]
    else:  # a coming night, booked now
        at = now
        day = _local_day(cat, story.talent, now, story.days)
        starts = free_starts(talent=talent, package=package, first=day, last=day + timedelta(days=3), now=at)
        evening = [s for s in starts if s >= _noon(cat, story.talent, day)]  # that night, not the one before
        starts = evening[1:2] or evening or starts
    return (at, starts[0]) if starts else None


def seed_bookings(cat: Catalogue, *, now: datetime, say: Callable[[str], None]) -> int:
    made = 0
    for story in STORIES:
        customer, talent = cat.customers[story.customer], cat.talents[story.talent]
        if Booking.objects.filter(customer=customer, talent=talent).exists():
            continue
        when = _when(cat, story, now)
        if when is None:
            say(f"  skipped {customer} → {talent}: no free slot")
            continue
        at, starts_at = when
        try:
            booking = services.create_booking(
                customer=customer, talent=talent, package=cat.packages[story.package], starts_at=starts_at, at=at
            )
            story.tell(cat, booking, at)
        except BookingError as error:
            say(f"  skipped {customer} → {talent}: {error}")
            continue
        made += 1
        local = timezone.localtime(starts_at, zone_info(talent.time_zone))
        when_text = f"{local:%a %d %b %H:%M} {abbreviation(talent.time_zone)}"
        say(f"  booking #{booking.pk}: {customer} → {talent}, {when_text}, {story.outcome}")
    # The beat sweeps, run once now, move the past stories to their final states.
    services.expire_overdue_bookings(at=now)
    services.complete_finished_sessions(at=now)
    return made
