"""A database that stops answering fails fast: /healthz says so within a second, requests in seconds.

The silent database is a socket of our own that accepts connections and never says a word (or a
port nothing listens on); the machine's PostgreSQL is never touched.
"""

from __future__ import annotations

import json
import os
import socket
import threading
import time

import pytest
from django.db import connection

from tests.foundation.subprocess_env import run, settings_with

ASK_HEALTHZ = """
import json, time, django
django.setup()
from django.test import Client
started = time.monotonic()
response = Client().get("/healthz")
print(json.dumps({"status": response.status_code, "body": response.json(),
                  "seconds": time.monotonic() - started}))
"""

CONNECT = """
import json, time, django
django.setup()
from django.db import connection, OperationalError
started = time.monotonic()
try:
    connection.ensure_connection()
    outcome = "connected"
except OperationalError:
    outcome = "refused"
print(json.dumps({"outcome": outcome, "seconds": time.monotonic() - started}))
"""


@pytest.fixture
def silent_database():
    """A PostgreSQL-protocol port that accepts and never replies."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept_and_say_nothing() -> None:
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(server.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept_and_say_nothing, daemon=True)
    thread.start()
    yield f"postgres://postgres@127.0.0.1:{server.getsockname()[1]}/nobody"
    stop.set()
    thread.join()
    for conn in held:
        conn.close()
    server.close()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _last_json(result) -> dict:
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_healthz_says_503_within_a_second_when_the_database_never_answers(silent_database):
    answer = _last_json(run(["-c", ASK_HEALTHZ], DATABASE_URL=silent_database))

    assert answer["status"] == 503
    assert answer["body"] == {"status": "error", "database": "timeout"}
    assert answer["seconds"] < 1.5


def test_healthz_says_503_when_nothing_listens_on_the_database_port():
    answer = _last_json(run(["-c", ASK_HEALTHZ], DATABASE_URL=f"postgres://postgres@127.0.0.1:{_free_port()}/x"))

    assert answer["status"] == 503
    assert answer["body"]["status"] == "error"
    assert answer["seconds"] < 1.5


def test_a_request_gives_up_on_a_silent_database_after_the_connect_timeout(silent_database):
    answer = _last_json(run(["-c", CONNECT], DATABASE_URL=silent_database, DATABASE_CONNECT_TIMEOUT="2"))

    assert answer["outcome"] == "refused"
    assert answer["seconds"] < 4


def test_postgresql_gets_connect_statement_and_lock_timeouts_and_sqlite_none():
    dump = ("import json, django; django.setup(); from django.conf import settings as s; "
            "print(json.dumps({'options': s.DATABASES['default'].get('OPTIONS', {}), 'email': s.EMAIL_TIMEOUT}))")
    postgres = _last_json(run(["-c", dump], DATABASE_URL="postgres://u@127.0.0.1:5432/x",
                              DATABASE_STATEMENT_TIMEOUT_MS="7000"))
    sqlite = _last_json(run(["-c", dump]))

    assert postgres["options"]["connect_timeout"] == 3
    assert "statement_timeout=7000" in postgres["options"]["options"]
    assert "lock_timeout=" in postgres["options"]["options"]
    assert "statement_timeout" not in json.dumps(sqlite["options"])
    assert sqlite["email"] == 20
    assert settings_with()["DATABASE_ENGINE"] == "django.db.backends.sqlite3"


@pytest.mark.django_db
def test_the_statement_timeout_is_in_force_on_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only (DATABASE_URL is not PostgreSQL)")
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        shown = cursor.fetchone()[0]
    expected = int(os.environ.get("DATABASE_STATEMENT_TIMEOUT_MS", "15000")) // 1000
    assert shown == f"{expected}s"


def test_healthz_answers_ok_quickly_when_the_database_does(client, db):
    started = time.monotonic()
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert time.monotonic() - started < 1
