"""Desk personas: agents by role, a customer's booking, and a roster with someone on shift."""

from __future__ import annotations

import base64
import importlib
from datetime import time

import pytest
import time_machine
from django.apps import apps
from django.contrib.auth.models import Group
from django.utils import translation

from bookings.services import create_booking
from support.models import Shift
from tests.conftest import wib
from tests.factories import UserFactory

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)
NOW = wib(2026, 12, 1, 12)
TONIGHT = wib(2026, 12, 1, 22)


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _noon():
    with time_machine.travel(NOW, tick=False):
        yield


def roles_in_place() -> None:
    """Groups come from data migrations; a transactional test's flush removes them, so restore."""
    if not Group.objects.filter(name="CS agents", permissions__content_type__app_label="support").exists():
        importlib.import_module("bookings.migrations.0005_staff_permissions").grant_permissions(apps, None)
        importlib.import_module("support.migrations.0002_desk_roles_shifts_replies").forwards(apps, None)


def staff_in(group: str, **fields):
    roles_in_place()
    user = UserFactory(is_staff=True, **fields)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def agent(db):
    return staff_in("CS agents", first_name="Ayu")


@pytest.fixture
def other_agent(db):
    return staff_in("CS agents", first_name="Bima")


@pytest.fixture
def manager(db):
    return staff_in("Managers")


@pytest.fixture
def verifier(db):
    return staff_in("Payment verifiers")


@pytest.fixture
def day_shift(db):
    roles_in_place()
    return Shift.objects.get(starts=time(8))


def on_shift(shift: Shift, *agents) -> Shift:
    shift.agents.add(*agents)
    return shift


@pytest.fixture
def booking(customer, talent, package):
    return create_booking(customer=customer, talent=talent, package=package, starts_at=TONIGHT)
