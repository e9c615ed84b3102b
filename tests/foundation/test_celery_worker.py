"""A real Celery worker, consuming from Redis, runs our task: the broker path works end to end.

Everywhere else tasks run eagerly (settings do so under tests); this test alone switches the
project's app to Redis as broker and result backend, on a queue of its own so no other worker
on the same Redis can take the task, and puts everything back afterwards.
"""

from __future__ import annotations

import os
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
import redis
from celery.contrib.testing.worker import start_worker
from celery.result import EagerResult
from celery.signals import task_received

from bookings.tasks import ping
from sleepcall.celery import app

pytestmark = pytest.mark.worker


@pytest.fixture
def redis_url() -> str:
    url = os.environ.get("REDIS_URL", "")
    if not url:
        pytest.skip("REDIS_URL is not set: this test starts a real Celery worker against Redis")
    try:
        redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2).ping()
    except redis.RedisError as error:
        pytest.fail(f"REDIS_URL={url} is set but Redis does not answer: {error}")
    return url


def _forget_connections() -> None:
    """Drop the app's cached broker pool and result backend so the next use reads the new config."""
    app._pool = None
    if "amqp" in app.__dict__:
        app.amqp._producer_pool = None
    app._backend_cache = None
    app._local.__dict__.pop("backend", None)


@contextmanager
def _configured(**changes: object) -> Iterator[None]:
    saved = {key: app.conf[key] for key in changes}
    app.conf.update(changes)
    _forget_connections()
    try:
        yield
    finally:
        app.conf.update(saved)
        _forget_connections()


@contextmanager
def _own_queue(name: str) -> Iterator[None]:
    queues = app.amqp.queues
    consumed = queues._consume_from
    try:
        yield
    finally:
        queues._consume_from = consumed
        queues.pop(name, None)


def test_a_real_worker_on_redis_runs_the_ping_task(redis_url):
    queue = f"test-worker-{uuid.uuid4().hex[:8]}"
    received: dict[str, str] = {}

    def on_received(sender, request, **kwargs):  # sent by a worker's consumer only, never when eager
        received[request.id] = sender.hostname

    threads_before = set(threading.enumerate())
    task_received.connect(on_received, weak=False)
    try:
        with (
            _configured(
                broker_url=redis_url,
                result_backend=redis_url,
                result_expires=300,
                task_always_eager=False,
                worker_hijack_root_logger=False,
            ),
            _own_queue(queue),
            start_worker(
                app, pool="solo", queues=[queue], hostname=f"{queue}@sleepcall-test",
                perform_ping_check=False, shutdown_timeout=10,
            ) as worker,
        ):
            result = ping.apply_async((41,), queue=queue, ignore_result=False)
            value = result.get(timeout=10)
            result.forget()
    finally:
        task_received.disconnect(on_received)

    assert not isinstance(result, EagerResult)
    assert value == 42
    assert received == {result.id: worker.hostname}
    assert app.conf.task_always_eager is True  # the rest of the suite stays eager
    leftover = [t for t in set(threading.enumerate()) - threads_before if t.is_alive()]
    assert leftover == []
