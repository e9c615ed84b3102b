"""Run jobs in threads released at the same moment, each on its own database connection."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from django.db import close_old_connections, connection, connections


def at_once(jobs: dict[object, Callable[[], object]]) -> dict[object, object]:
    """Each job's result, or the exception it raised, by its key (for the test's assertion to report)."""
    barrier = threading.Barrier(len(jobs))
    outcomes: dict[object, object] = {}

    def run(key, job) -> None:
        close_old_connections()
        try:
            barrier.wait(timeout=10)
            outcomes[key] = job()
        except Exception as error:  # noqa: BLE001 (reported by the caller's assertion)
            outcomes[key] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=item) for item in jobs.items()]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


def needs_a_real_race() -> None:
    """Skip on SQLite: it serialises every writer, so there is no real race to test."""
    if connection.vendor != "postgresql":
        pytest.skip("Needs PostgreSQL: SQLite serialises every writer, so there is no real race to test.")
