"""The waiting time of a row, worked out once per language and minute, reads exactly as timesince."""

from datetime import timedelta

import pytest
from django.utils import translation
from django.utils.timesince import timesince

from bookings.admin import cells
from tests.admin.conftest import NOW


class Waiting:
    def __init__(self, submitted_at):
        self.submitted_at = submitted_at


@pytest.mark.parametrize("language", ["en", "id"])
def test_every_wait_under_a_day_reads_as_timesince(language):
    with translation.override(language):
        for seconds in [*range(0, 3 * 3600, 7), *range(3 * 3600, 25 * 3600, 293), 24 * 3600 - 1, 24 * 3600]:
            submitted = NOW - timedelta(seconds=seconds, microseconds=1234)
            shown = cells.waited(Waiting(submitted), NOW)
            assert f">{timesince(submitted, NOW, depth=1)}</span>" in shown, seconds


def test_a_wait_in_the_future_reads_as_timesince():
    assert ">0\xa0minutes</span>" in cells.waited(Waiting(NOW + timedelta(minutes=5)), NOW)
