"""`make bench`: every busy page under gunicorn and wrk, side by side with two floors, in one run.

Creates a throwaway PostgreSQL database, seeds it (bench/seed_big.py), serves the site with
production settings (DEBUG off, persistent connections) plus the floor views (bench/settings.py),
drives each page with wrk for a bounded time and prints, per page: queries, req/s, p50/p99, the
gunicorn workers' CPU ms per request (from /proc) and the ratio of req/s to each floor. Drops the
database at the end. Environment: BENCH_PG (server URL without a database name), BENCH_PORT,
BENCH_SECONDS (per page), BENCH_CONNECTIONS, BENCH_WORKERS, REDIS_URL (optional: the cache).
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
PORT = int(os.environ.get("BENCH_PORT", 8103))
SECONDS = int(os.environ.get("BENCH_SECONDS", 8))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", 8))
WORKERS = int(os.environ.get("BENCH_WORKERS", 2))
TICK = os.sysconf("SC_CLK_TCK")

PAGES = [
    # (name, role or None, path, target ratio to the one-query floor)
    ("floor: no query", None, "/__bench__/floor-none/", None),
    ("floor: one query", None, "/__bench__/floor-one/", None),
    ("home", None, "/", 0.25),
    ("talent list", None, "/talents/", 0.25),
    ("talent profile", None, "/talents/nayla/", 0.25),
    ("booking page", None, "/book/nayla/", 0.25),
    ("my bookings", "customer", "/bookings/", 0.20),
    ("talent Today", "talent", "/workspace/", 0.20),
    ("admin landing", "staff", "/admin/", 0.10),
    ("admin waiting list", "staff", "/admin/bookings/payment/", 0.10),
]


def admin_sql(sql: str) -> None:
    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(sql)


def cpu_ticks(master: int) -> int:
    """User + system ticks of the gunicorn workers (the master's children)."""
    total = 0
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    for pid in children:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total


def ms(text: str) -> float:
    match = re.match(r"([\d.]+)(us|ms|s|m)$", text)
    if match is None:
        raise SystemExit(f"wrk printed a latency this script does not read: {text!r}")
    value, unit = match.groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}[unit]


def drive(url: str, cookie: str | None, master: int) -> dict:
    headers = ["-H", f"Cookie: sessionid={cookie}"] if cookie else []
    before, t0 = cpu_ticks(master), time.monotonic()
    out = subprocess.run(
        [shutil.which("wrk") or "/usr/bin/wrk", "-t2", f"-c{CONNECTIONS}", f"-d{SECONDS}s", "--latency", *headers, url],
        capture_output=True, text=True, check=True,
    ).stdout
    cpu = (cpu_ticks(master) - before) / TICK * 1000
    if re.search(r"^\s+99%\s+\S+", out, re.M) is None:
        raise SystemExit(f"{url}: wrk gave no latency distribution:\n{out}")
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": ms(re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1)),  # the distribution, not a stdev column
        "p99": ms(re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1)),
        "cpu_ms": cpu / max(requests, 1),
        "errors": int(non_2xx.group(1)) if non_2xx else 0,
        "wall": time.monotonic() - t0,
    }


def probe(url: str, cookie: str | None) -> int:
    request = urllib.request.Request(url, headers={"Cookie": f"sessionid={cookie}"} if cookie else {})
    with urllib.request.urlopen(request, timeout=30) as response:
        if response.status != 200:
            raise SystemExit(f"{url}: HTTP {response.status}")
        return int(response.headers["X-Bench-Queries"])


def main() -> None:
    started = time.monotonic()
    database = f"sleepcall_bench_{os.getpid()}"
    static = tempfile.mkdtemp(prefix="sleepcall-bench-static-")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": f"{PG}/{database}",
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "CONN_MAX_AGE": "600",
        "SECURE_SSL_REDIRECT": "false",
        "SESSION_COOKIE_SECURE": "false",
        "CSRF_COOKIE_SECURE": "false",
        "BENCH_STATIC_ROOT": static,
        "PYTHONPATH": str(ROOT),
    }
    admin_sql(f'CREATE DATABASE "{database}"')
    server = None
    try:
        t0 = time.monotonic()
        seeded = json.loads(subprocess.run(
            [PY, "bench/seed_big.py"], cwd=ROOT, env=env, capture_output=True, text=True, check=True,
        ).stdout.strip().splitlines()[-1])
        print(f"seeded {seeded['talents']} talents, {seeded['bookings']} bookings, "
              f"{seeded['payments_waiting']} payments waiting in {time.monotonic() - t0:.0f} s", flush=True)
        subprocess.run([PY, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
        server = subprocess.Popen(
            [GUNICORN, "sleepcall.wsgi", "-w", str(WORKERS), "-b", f"127.0.0.1:{PORT}",
             "--error-logfile", "-", "--log-level", "warning"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{PORT}"
        for _ in range(100):
            try:
                probe(base + "/__bench__/floor-none/", None)
                break
            except OSError:
                if server.poll() is not None:
                    raise SystemExit("gunicorn did not start (see its log above)") from None
                time.sleep(0.2)
        cookies = seeded["cookies"]
        rows = []
        for name, role, path, target in PAGES:
            cookie = cookies.get(role) if role else None
            for _ in range(3 * WORKERS):  # warm every worker's connection and caches
                probe(base + path, cookie)
            queries = probe(base + path, cookie)
            rows.append((name, queries, target, drive(base + path, cookie, server.pid)))
            print(f"  measured {name}", file=sys.stderr, flush=True)
        none_rps, one_rps = rows[0][3]["rps"], rows[1][3]["rps"]
        print(f"\n{'page':<20} {'queries':>7} {'req/s':>7} {'p50 ms':>7} {'p99 ms':>7} {'CPU ms/req':>10} "
              f"{'÷1-query':>8} {'÷no-query':>9} {'target':>6}  met")
        for name, queries, target, r in rows:
            ratio = r["rps"] / one_rps
            met = "" if target is None else ("yes" if ratio >= target and r["p99"] <= 100 else "NO")
            print(f"{name:<20} {queries:>7} {r['rps']:>7.0f} {r['p50']:>7.1f} {r['p99']:>7.1f} {r['cpu_ms']:>10.1f} "
                  f"{ratio:>8.3f} {r['rps'] / none_rps:>9.3f} {target or '':>6}  {met}"
                  + (f"  ({r['errors']} non-2xx!)" if r["errors"] else ""))
        print(f"\n{WORKERS} gunicorn sync workers, wrk -t2 -c{CONNECTIONS} -d{SECONDS}s per page; "
              f"met = ratio ≥ target and p99 ≤ 100 ms; whole run {time.monotonic() - started:.0f} s")
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        admin_sql(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


if __name__ == "__main__":
    main()
