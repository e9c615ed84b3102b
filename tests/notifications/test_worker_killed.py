"""A worker killed while it sends loses nothing: the row stays claimed, and the sweep sends it once.

Runs a Redis and a Celery worker of its own, on their own ports (never the machine's shared Redis),
and a mail relay that accepts the connection and never answers, so the worker is caught mid-send.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
import redis
from django.core import mail
from django.db import connection
from django.utils import timezone

from notifications import delivery
from notifications.models import Delivery, Notification
from notifications.services import notify
from tests.factories import CustomerFactory

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait(predicate, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    pytest.fail(f"timed out waiting for {what}")


@pytest.fixture
def own_redis():
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server is not installed")
    port = _free_port()
    server = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    client = redis.Redis(port=port, socket_connect_timeout=1)

    def answers():
        try:
            return client.ping()
        except redis.RedisError:
            return False

    _wait(answers, 10, "our own redis-server")
    yield f"redis://127.0.0.1:{port}/0"
    server.terminate()
    server.wait(10)


@pytest.fixture
def silent_relay():
    """An SMTP port that accepts and never greets: a hung mail relay."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    listener.settimeout(0.2)
    yield listener
    listener.close()


def _database_url() -> str:
    db = connection.settings_dict
    if connection.vendor != "postgresql":
        pytest.skip("the worker process needs a database it can share with the test (PostgreSQL)")
    return f"postgres://{db['USER'] or 'postgres'}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def _children(pid: int) -> list[int]:
    found = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()
    return [int(child) for child in found]


def test_a_worker_killed_mid_send_loses_no_message_and_sends_it_once(own_redis, silent_relay, tmp_path):
    customer = CustomerFactory()
    notify(to=customer.user, event="customer_banned", key="k1", channels=["email"],
           context={"customer": customer, "ban": None})  # autocommit: the on-commit dispatch runs now (eager)
    row = Notification.objects.get(key="k1")
    Notification.objects.filter(pk=row.pk).update(status=Delivery.QUEUED, attempts=0, sent_at=None)

    env = {k: v for k, v in os.environ.items() if k in {"PATH", "HOME", "LANG", "TMPDIR"}} | {
        "DJANGO_SETTINGS_MODULE": "sleepcall.settings",
        "DATABASE_URL": _database_url(),
        "REDIS_URL": own_redis,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "EMAIL_URL": f"smtp://127.0.0.1:{silent_relay.getsockname()[1]}",
        "EMAIL_TIMEOUT": "60",
    }
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "sleepcall", "worker", "-P", "prefork", "-c", "1",
         "--without-heartbeat", "--without-gossip", "--without-mingle", "-l", "warning"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=(tmp_path / "worker.log").open("w"),
    )
    try:
        from sleepcall.celery import app

        with app.connection_for_write(own_redis) as conn:  # send_task never runs eagerly
            app.send_task("notifications.tasks.send_notification", args=[row.pk], connection=conn)

        def relay_reached():
            try:
                return silent_relay.accept()[0]
            except TimeoutError:
                return None

        held = _wait(relay_reached, 30, "the worker to connect to the mail relay")
        row.refresh_from_db()
        assert row.status == Delivery.SENDING  # claimed, mid-send
        for child in _children(worker.pid):
            os.kill(child, signal.SIGKILL)  # the pool process dies mid-send
        time.sleep(3)  # the task is given back (acks late, rejected on worker lost) and redelivered
        row.refresh_from_db()
        assert row.status == Delivery.SENDING and row.attempts == 1  # the redelivery did not send it again
        held.close()
    finally:
        worker.send_signal(signal.SIGTERM)
        try:
            worker.wait(15)
        except subprocess.TimeoutExpired:
            worker.kill()

    mail.outbox.clear()
    later = timezone.now() + delivery.claim_timeout() + timedelta(seconds=1)
    assert delivery.send_due(at=later) == 1  # the sweep gives the lost claim back and sends it
    assert delivery.send_due(at=later) == 0
    row.refresh_from_db()
    assert row.status == Delivery.SENT and row.attempts == 2
    assert len(mail.outbox) == 1
