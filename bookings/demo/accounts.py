"""The demo logins. Passwords are fixed on purpose: this is throw-away demo data, never production."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import User

DOMAIN = "sleepcall.local"
STAFF_PASSWORD = "sleepcall-admin"
TALENT_PASSWORD = "sleepcall-talent"
CUSTOMER_PASSWORD = "sleepcall-customer"


@dataclass(frozen=True)
class Account:
    role: str
    email: str
    password: str
    where: str


def email(name: str) -> str:
    return f"{name}@{DOMAIN}"


def ensure_user(address: str, password: str, **fields: object) -> tuple[User, bool]:
    """Get or create a login; its password is reset to the demo one so the printed list is always true."""
    user, created = User.objects.get_or_create(username=address, defaults={"email": address, **fields})
    if created or not user.check_password(password):
        user.set_password(password)
        user.save(update_fields=["password"])
    return user, created
