"""Where a page's time goes: cProfile of N requests through the test client, on the bench data.

    DATABASE_URL=... DJANGO_SETTINGS_MODULE=bench.settings .venv/bin/python bench/profile_pages.py COOKIES.json [page]

COOKIES.json is seed_big.py's last line. PROFILE=0 prints only the CPU ms per request, unprofiled. Prints, per page, total ms/request and the functions with the
largest cumulative share (the "where the time goes" lines in bench/README.md).
"""

from __future__ import annotations

import cProfile
import json
import os
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django  # noqa: E402

django.setup()

from django.test import Client  # noqa: E402

PAGES = {
    "home": (None, "/"),
    "list": (None, "/talents/"),
    "profile": (None, "/talents/nayla/"),
    "book": (None, "/book/nayla/"),
    "mine": ("customer", "/bookings/"),
    "today": ("talent", "/workspace/"),
    "admin": ("staff", "/admin/"),
    "waiting": ("staff", "/admin/bookings/payment/"),
}
RUNS = int(os.environ.get("PROFILE_RUNS", 40))


def main() -> None:
    cookies = json.loads(Path(sys.argv[1]).read_text().strip().splitlines()[-1])["cookies"]
    wanted = sys.argv[2:] or list(PAGES)
    for name in wanted:
        role, path = PAGES[name]
        client = Client(HTTP_HOST="127.0.0.1")
        if role:
            client.cookies["sessionid"] = cookies[role]
        for _ in range(5):
            assert client.get(path).status_code == 200, path
        if os.environ.get("PROFILE") == "0":  # CPU time only, no profiler: the figure to compare
            c0 = time.process_time()
            for _ in range(RUNS):
                client.get(path)
            print(f"=== {name} {path}: {(time.process_time() - c0) / RUNS * 1000:.2f} ms CPU/request")
            continue
        profile = cProfile.Profile()
        t0 = time.perf_counter()
        profile.enable()
        for _ in range(RUNS):
            client.get(path)
        profile.disable()
        elapsed = (time.perf_counter() - t0) / RUNS * 1000
        print(f"=== {name} {path}: {elapsed:.1f} ms/request (under cProfile)")
        stats = pstats.Stats(profile)
        stats.sort_stats("cumulative").print_stats(os.environ.get("PROFILE_FILTER", ""), 45)
        stats.sort_stats("tottime").print_stats(20)


if __name__ == "__main__":
    main()
