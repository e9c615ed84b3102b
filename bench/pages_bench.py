"""Benchmark: server time and query count of the busiest pages, with the demo data plus a crowd.

Run: DATABASE_URL=postgres://postgres@127.0.0.1:5432/sleepcall_bench .venv/bin/python bench/pages_bench.py
It migrates and seeds the configured database (use a throwaway one), adds 40 talents and their
packages, then times each page through Django's test client (no network), 30 runs each.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sleepcall.settings")
os.environ.setdefault("AXES_ENABLED", "false")

import django  # noqa: E402

django.setup()

from django.contrib.auth.models import User  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from bookings.models import Package  # noqa: E402
from talents.models import Talent  # noqa: E402
from tests.factories import TalentFactory, every_night  # noqa: E402

RUNS = 30


def crowd(n: int = 40) -> None:
    have = Talent.objects.filter(slug__startswith="crowd-").count()
    packages = list(Package.objects.all())
    for i in range(have, n):
        talent = TalentFactory(slug=f"crowd-{i}", display_name=f"Crowd {i}", user=None)
        every_night(talent)
        for package in packages:
            package.talents.add(talent)


def measure(client: Client, url: str) -> tuple[int, float, float]:
    executed: list[str] = []

    def count(execute, sql, params, many, context):
        executed.append(sql)
        return execute(sql, params, many, context)

    # Each request resets Django's query log, so count at the cursor instead.
    with connection.execute_wrapper(count):
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    timings = []
    for _ in range(RUNS):
        t0 = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - t0) * 1000)
    timings.sort()
    return len(executed), statistics.median(timings), timings[int(RUNS * 0.95) - 1]


def main() -> None:
    setup_test_environment()
    call_command("migrate", verbosity=0)
    call_command("seed_demo", verbosity=0, stdout=open(os.devnull, "w"))
    crowd()
    anonymous, customer, talent, staff = Client(), Client(), Client(), Client()
    customer.force_login(User.objects.get(username="rina@sleepcall.local"))
    talent.force_login(User.objects.get(username="nayla@sleepcall.local"))
    staff.force_login(User.objects.get(username="admin@sleepcall.local"))
    pages = [
        ("home (47 talents)", anonymous, "/"),
        ("talent list (47)", anonymous, "/talents/"),
        ("talent profile", anonymous, "/talents/nayla/"),
        ("my bookings", customer, "/bookings/"),
        ("talent today", talent, "/workspace/"),
        ("admin landing", staff, "/admin/"),
        ("admin payments", staff, "/admin/bookings/payment/"),
    ]
    print(f"{'page':<22} {'queries':>7} {'median_ms':>9} {'p95_ms':>7}")
    for name, client, url in pages:
        queries, median, p95 = measure(client, url)
        print(f"{name:<22} {queries:>7} {median:>9.1f} {p95:>7.1f}")


if __name__ == "__main__":
    main()
