"""CI proves the suite really ran on PostgreSQL, not on the SQLite default."""

import os

import pytest
from django.db import connection

requires_postgres = pytest.mark.skipif(
    os.environ.get("REQUIRE_POSTGRES") != "1", reason="REQUIRE_POSTGRES=1 is not set (.ci/run sets it)"
)


@requires_postgres
def test_the_suite_runs_on_postgresql_when_required(db):
    assert connection.vendor == "postgresql"


@requires_postgres
def test_the_no_overlap_exclusion_constraint_is_installed(db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_constraint WHERE conname = 'booking_no_overlap_per_talent'")
        assert cursor.fetchone() == (1,)
