"""The workspace fixtures (confirmed sessions, signed-in talent) for the gate tests, in English."""

import pytest
from django.utils import translation

from tests.workspace.conftest import _fast_passwords, book, session, talent_client  # noqa: F401


@pytest.fixture(autouse=True)
def _english(settings):
    """Assertions read the English msgids; one test checks the Indonesian on purpose."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield
