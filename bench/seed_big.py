"""Seed the bench data set into the (throwaway) database named by DATABASE_URL, fast (bulk_create).

Demo data, then 200 talents offering every package with a nightly window, 500 customers, 50,000
past bookings, a week of confirmed bookings ahead for every talent, one talent ("busy") with 20
sessions tonight and 50 payments waiting. Prints a JSON line: session cookies for the logged-in pages.
"""

from __future__ import annotations

import json
import os
import sys
from datetime import time, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth.models import User  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import F  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from bookings.models import Booking, ContactGrant, Customer, Package, Payment, Status  # noqa: E402
from sleepcall.names import alias_key  # noqa: E402
from talents.models import ALIAS_KEY_LENGTH, AvailabilityRule, Talent  # noqa: E402

TALENTS = int(os.environ.get("BENCH_TALENTS", 200))
BOOKINGS = int(os.environ.get("BENCH_BOOKINGS", 50_000))
CUSTOMERS = 500
TONIGHT = 20
WAITING = 50


def talent(slug: str, name: str, user: User | None = None) -> Talent:
    return Talent(slug=slug, display_name=name, alias_key=alias_key(name)[:ALIAS_KEY_LENGTH], user=user,
                  bio="Teman ngobrol malam.", languages=["id"], contact_handle="+6281300000000")


def booking(t: Talent, c: Customer, p: Package, starts, status, code: int, minutes: int | None = None, **kw) -> Booking:
    minutes = minutes or p.duration_minutes
    return Booking(
        customer=c, talent=t, package=p, package_name=p.name, package_name_en=p.name_en, channels=p.channels,
        duration_minutes=minutes, price=p.price, unique_code=code, amount_due=p.price + code, starts_at=starts,
        ends_at=starts + timedelta(minutes=minutes), status=status, payment_deadline=starts - timedelta(hours=1),
        **kw,
    )


def main() -> None:
    call_command("migrate", verbosity=0)
    call_command("seed_demo", verbosity=0, stdout=open(os.devnull, "w"))
    now = timezone.now().replace(second=0, microsecond=0)
    packages = list(Package.objects.filter(is_active=True).order_by("price"))
    package = packages[0]
    staff = User.objects.get(username="admin@sleepcall.local")

    crowd = Talent.objects.bulk_create(talent(f"crowd-{i}", f"Crowd {i}") for i in range(TALENTS))
    busy_user = User.objects.create_user("busy@bench.local", "busy@bench.local", "bench-password-0123")
    busy = talent("busy", "Busy Bench", busy_user)
    busy.save()
    everyone = [*crowd, busy]
    AvailabilityRule.objects.bulk_create(
        AvailabilityRule(talent=t, weekday=d, start=time(20), end=time(4)) for t in everyone for d in range(7)
    )
    through = Package.talents.through
    through.objects.bulk_create(through(package_id=p.pk, talent_id=t.pk) for t in everyone for p in packages)

    users = User.objects.bulk_create(
        User(username=f"bench{i}@bench.local", email=f"bench{i}@bench.local", password="!") for i in range(CUSTOMERS)
    )
    customers = Customer.objects.bulk_create(
        Customer(user=u, display_name=f"Bench {i}", whatsapp=f"+62857{i:08d}") for i, u in enumerate(users)
    )

    # Past nights: one completed session a night per talent, going back as far as it takes.
    per_talent = BOOKINGS // len(crowd)
    night = now.replace(hour=15, minute=0)  # 22:00 WIB
    past = (
        booking(t, customers[(i * 7 + d) % CUSTOMERS], package, night - timedelta(days=d + 1), Status.COMPLETED, 1)
        for i, t in enumerate(crowd) for d in range(per_talent)
    )
    batch: list[Booking] = []
    for b in past:
        batch.append(b)
        if len(batch) == 5000:
            Booking.objects.bulk_create(batch)
            batch = []
    Booking.objects.bulk_create(batch)
    # A week ahead: two confirmed sessions a night per talent, so every next free start has work to do.
    ahead = [
        booking(t, customers[(i + d) % CUSTOMERS], package, night + timedelta(days=d, hours=h), Status.CONFIRMED, 1)
        for i, t in enumerate(crowd) for d in range(1, 8) for h in (0, 2)
    ]
    Booking.objects.bulk_create(ahead)

    # Tonight for "busy": 20 back-to-back confirmed 10-minute sessions starting soon, each with its grant.
    start = now + timedelta(minutes=30)
    tonight = Booking.objects.bulk_create(
        booking(busy, customers[k], package, start + timedelta(minutes=10 * k), Status.CONFIRMED, 1, minutes=10)
        for k in range(TONIGHT)
    )
    ContactGrant.objects.bulk_create(
        ContactGrant(booking=b, talent=busy, customer=b.customer, channels=b.channels, starts_at=b.starts_at,
                     ends_at=b.ends_at, issued_by=staff, issued_at=now)
        for b in tonight
    )

    # 50 transfers waiting for a decision: distinct amounts (an odd price the demo does not use).
    odd = Package.objects.create(name="Bench", channels=package.channels, duration_minutes=30, price=77_000)
    waiting = Booking.objects.bulk_create(
        booking(crowd[k % len(crowd)], customers[k], odd, night + timedelta(days=10 + k // len(crowd), hours=1),
                Status.PAYMENT_SUBMITTED, k + 1, rules_version="bench", rules_accepted_at=now)
        for k in range(WAITING)
    )
    Payment.objects.bulk_create(
        Payment(booking=b, bank="BCA", sender_name=b.customer.display_name, amount_claimed=b.amount_due,
                submitted_at=now - timedelta(minutes=5))
        for b in waiting
    )

    # auto_now_add stamped every booking "now": each was made two days before its session (the
    # landing's "booked today" and its chart then read a day's worth, as on a live database).
    Booking.objects.filter(starts_at__lt=now).update(created_at=F("starts_at") - timedelta(days=2))
    Booking.objects.filter(starts_at__gt=start + timedelta(hours=4)).update(created_at=now - timedelta(days=1))

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # planner statistics as a live database has them, not those of an empty one

    cookies = {}
    for role, username in (("customer", "rina@sleepcall.local"), ("talent", "busy@bench.local"),
                           ("staff", "admin@sleepcall.local")):
        client = Client()
        client.force_login(User.objects.get(username=username))
        cookies[role] = client.cookies["sessionid"].value
    print(json.dumps({"cookies": cookies, "talents": Talent.objects.count(), "bookings": Booking.objects.count(),
                      "payments_waiting": Payment.objects.filter(status="submitted").count()}))


if __name__ == "__main__":
    main()
