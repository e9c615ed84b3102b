"""Benchmark: free slots for one talent over 14 days, as the booking count grows.

Run: DATABASE_URL=postgres://postgres@127.0.0.1:5432/sleepcall_bench .venv/bin/python bench/slots_bench.py
Creates its own data in the configured database (use a throwaway one) and prints a table.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from datetime import datetime, timedelta
from datetime import time as dtime
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sleepcall.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bookings.models import Booking, Customer, Package  # noqa: E402
from bookings.slots import free_starts  # noqa: E402
from talents.models import AvailabilityRule, Talent  # noqa: E402

WIB = ZoneInfo("Asia/Jakarta")


def main() -> None:
    call_command("migrate", verbosity=0)
    from django.contrib.auth.models import User

    Booking.objects.filter(talent__slug__startswith="bench-").delete()
    print("bookings_in_range  queries  median_ms  p95_ms")
    start = datetime(2030, 1, 7, tzinfo=WIB)
    for n in (0, 10, 100, 1000):
        talent, _ = Talent.objects.get_or_create(slug=f"bench-{n}", defaults={
            "display_name": f"Bench {n}", "contact_handle": "+6281300000000"})
        AvailabilityRule.objects.filter(talent=talent).delete()
        AvailabilityRule.objects.bulk_create(
            AvailabilityRule(talent=talent, weekday=d, start=dtime(20), end=dtime(4)) for d in range(7))
        package, _ = Package.objects.get_or_create(name="Bench", defaults={
            "channels": "call", "duration_minutes": 30, "price": 50_000})
        user, _ = User.objects.get_or_create(username="bench@example.com")
        customer, _ = Customer.objects.get_or_create(user=user, defaults={"display_name": "B", "whatsapp": "+6281299999999"})
        rows = []
        for i in range(n):  # 1-second confirmed bookings spread over the 14 nights (bulk)
            s = start + timedelta(days=i % 14, hours=20 + (i // 14) % 8, minutes=(i // 112) * 5 % 30)
            rows.append(Booking(customer=customer, talent=talent, package=package, package_name="B", channels="call",
                                duration_minutes=1, price=50_000, unique_code=1, amount_due=50_001,
                                starts_at=s + timedelta(seconds=i), ends_at=s + timedelta(seconds=i + 1),
                                status="confirmed", payment_deadline=s))
        Booking.objects.bulk_create(rows)
        timings = []
        now = start - timedelta(days=1)
        with CaptureQueriesContext(connection) as captured:
            free_starts(talent=talent, package=package, first=start.date(), last=start.date() + timedelta(days=13), now=now)
        queries = len(captured)
        for _ in range(30):
            t0 = time.perf_counter()
            free_starts(talent=talent, package=package, first=start.date(), last=start.date() + timedelta(days=13), now=now)
            timings.append((time.perf_counter() - t0) * 1000)
        timings.sort()
        print(f"{n:>17}  {queries:>7}  {statistics.median(timings):>9.1f}  {timings[int(len(timings) * .95) - 1]:>6.1f}")


if __name__ == "__main__":
    main()
