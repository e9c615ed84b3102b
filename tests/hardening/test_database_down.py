"""With the database down, /healthz says so with a 503, pages show the site's own calm 503 page, and
the site recovers by itself when the database returns.

The database here is a throwaway PostgreSQL cluster of this test's own (initdb in a temporary folder,
its own port), stopped and started for real; the site runs in a subprocess against it, one
single-threaded WSGI server whose kept connection must survive the restart (CONN_HEALTH_CHECKS).
The machine's shared PostgreSQL is never touched.
"""

from __future__ import annotations

import glob
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.db import OperationalError
from django.test import RequestFactory

from sleepcall.errors import server_error

BASE = Path(settings.BASE_DIR)
INITDB = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _as_postgres(*command: str) -> list[str]:
    """initdb refuses to run as root; the machine's postgres user runs our own cluster."""
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return list(command)


class OwnPostgres:
    def __init__(self, folder: Path, port: int):
        self.folder, self.port = folder, port
        self.bin = Path(INITDB[-1]).parent
        self.data = folder / "data"

    def pg_ctl(self, *args: str) -> None:
        subprocess.run(_as_postgres(str(self.bin / "pg_ctl"), "-D", str(self.data), "-l", str(self.folder / "log"),
                                    *args), check=True, capture_output=True, timeout=60)

    def start(self) -> None:
        self.pg_ctl("-o", f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off", "-w", "start")

    def stop(self) -> None:
        self.pg_ctl("-m", "fast", "-w", "stop")


@pytest.fixture(scope="module")
def own_postgres():
    if not INITDB:
        pytest.skip("no PostgreSQL server binaries (/usr/lib/postgresql/*/bin/initdb) to start a cluster of our own")
    folder = Path(tempfile.mkdtemp(prefix="sc-dbdown-"))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
    server = OwnPostgres(folder, _free_port())
    subprocess.run(_as_postgres(INITDB[-1], "-D", str(server.data), "-A", "trust", "-U", "postgres"),
                   check=True, capture_output=True, timeout=120)
    server.start()
    try:
        yield server
    finally:
        try:
            server.stop()
        except subprocess.CalledProcessError:
            pass
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def site(own_postgres):
    """The site in a subprocess against our own cluster, in production mode (DEBUG off)."""
    url = f"postgres://postgres@127.0.0.1:{own_postgres.port}/sc_dbdown"
    subprocess.run(["createdb", "-h", "127.0.0.1", "-p", str(own_postgres.port), "-U", "postgres", "sc_dbdown"],
                   check=True, capture_output=True, timeout=60)
    env = {
        **os.environ, "DATABASE_URL": url, "DEBUG": "false", "TESTING": "true", "SECURE_SSL_REDIRECT": "false",
        "SECRET_KEY": "db-down-test-a-long-random-looking-secret-value-0123456789abcdef",
        "ALLOWED_HOSTS": "127.0.0.1", "DATABASE_CONNECT_TIMEOUT": "2", "CONN_MAX_AGE": "600",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0", "--noinput"], cwd=BASE, env=env, check=True,
                   capture_output=True, timeout=300)
    port = _free_port()
    serve = (
        "import sys, wsgiref.simple_server as s; from sleepcall.wsgi import application;"
        "s.WSGIRequestHandler.log_message = lambda *a: None;"
        f"s.make_server('127.0.0.1', {port}, application).serve_forever()"
    )
    process = subprocess.Popen([sys.executable, "-c", serve], cwd=BASE, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.1)  # waiting for a process to listen, not for time to pass
    try:
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


def _get(url: str) -> tuple[int, dict, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


def test_the_site_says_the_database_is_down_calmly_and_recovers_by_itself(own_postgres, site):
    assert _get(f"{site}/healthz")[0] == 200
    # The server now holds a kept connection. Not from the home page: once its cards and prices are
    # cached for the minute, home needs no query and is served from the cache through an outage.
    assert _get(f"{site}/talents/no-such-talent/")[0] == 404

    own_postgres.stop()
    status, _, body = _get(f"{site}/healthz")
    assert status == 503 and json.loads(body) == {"status": "error", "database": "unavailable"}
    for page in ("/", "/talents/"):  # pages that read the database
        status, headers, body = _get(f"{site}{page}")
        assert status == 503, page
        assert 'data-error="database-unavailable"' in body and "/static/css/site.css" in body
        assert headers.get("Retry-After") == "30"
        assert "Traceback" not in body

    own_postgres.start()  # no restart of the site
    assert _get(f"{site}/healthz")[0] == 200
    assert _get(f"{site}/")[0] == 200
    assert _get(f"{site}/talents/")[0] == 200


def test_a_bug_that_is_not_the_database_still_answers_the_ordinary_500():
    request = RequestFactory().get("/")
    try:
        raise ValueError("a bug")
    except ValueError:
        assert server_error(request).status_code == 500
    try:
        raise OperationalError("connection refused")
    except OperationalError:
        response = server_error(request)
    assert response.status_code == 503 and b"database-unavailable" in response.content
