"""Path converters: an id in a URL is a whole number a database row can have, or the route does not match."""

from __future__ import annotations

from django.urls import register_converter

BIGINT_MAX = 2**63 - 1


class IdConverter:
    """Like `int`, but bounded: an id beyond bigint is no row's (a 404), never an overflow (a 500) in the lookup."""

    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > BIGINT_MAX:
            raise ValueError("beyond bigint")  # Django takes this as "the route does not match"
        return number

    def to_url(self, value: int) -> str:
        return str(int(value))


def register_once() -> None:
    """Called by the root URLconf before it includes the apps' routes."""
    from django.urls.converters import get_converters

    if "id" not in get_converters():
        register_converter(IdConverter, "id")
