"""The workspace fixtures (confirmed sessions, signed-in talent) for the gate tests too."""

from tests.workspace.conftest import _fast_passwords, book, session, talent_client  # noqa: F401
