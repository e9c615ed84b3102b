"""Agents work the desk in the Django admin: the inbox, the conversation page, canned replies, shifts."""

from . import abuse, canned, inbox, shifts  # noqa: F401 (registers)
