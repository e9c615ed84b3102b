"""The embedded default (SQLite) takes concurrent writers like PostgreSQL: one proof saved, the others told."""

from __future__ import annotations

import json

from tests.foundation.subprocess_env import run


def test_three_proofs_at_once_on_sqlite_save_one_and_answer_the_others_without_a_500(tmp_path):
    result = run(
        ["tests/foundation/sqlite_proof_race.py"],
        DATABASE_URL=f"sqlite:///{tmp_path / 'race.sqlite3'}",
        PRIVATE_MEDIA_ROOT=str(tmp_path / "private"), TESTING="true", PYTHONPATH=".",
    )
    assert result.returncode == 0, result.stderr[-3000:]
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome["payments"] == 1
    # One is saved (302 to the booking). Each other one is told, never a 500: on the form (400) when it
    # read the booking before the winner committed, or by a redirect to "we are verifying your transfer"
    # (302) when it read it after; which of the two depends on the scheduler.
    codes = outcome["codes"]
    assert len(codes) == 3 and set(codes) <= {302, 400} and 302 in codes


def test_sqlite_transactions_begin_immediate_with_a_busy_timeout():
    result = run(["-c", "import django; django.setup(); from django.conf import settings as s; "
                        "print(s.DATABASES['default']['OPTIONS'])"], DATABASE_URL="sqlite:////tmp/unused.sqlite3")
    assert "'transaction_mode': 'IMMEDIATE'" in result.stdout and "'timeout': 20" in result.stdout
