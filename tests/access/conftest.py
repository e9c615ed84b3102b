"""One world for the access matrix, built once per module: owners, strangers and every staff role."""

from __future__ import annotations

import importlib

import pytest
import time_machine
from django.apps import apps
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import override_settings
from django.utils import translation

from bookings.services import accept_rules, create_booking, submit_payment
from notifications.models import Notification
from support.services.conversations import open_conversation
from talents.models import TimeOff
from tests.admin.conftest import PNG
from tests.conftest import wib
from tests.factories import CustomerFactory, PackageFactory, TalentFactory, UserFactory, every_night

NOW = wib(2026, 12, 1, 12)
TONIGHT = wib(2026, 12, 1, 22)


def _roles_in_place() -> None:
    """The groups come from migrations; a transactional test elsewhere may have flushed them."""
    if not Group.objects.filter(name="Managers", permissions__isnull=False).exists():
        importlib.import_module("bookings.migrations.0005_staff_permissions").grant_permissions(apps, None)
        for later in ("bookings.migrations.0011_routine_exclusion_permissions",
                      "bookings.migrations.0013_hardening_number_permissions",
                      "bookings.migrations.0018_money_refund_permissions",
                      "payouts.migrations.0002_money_manager_permissions"):
            importlib.import_module(later).grant(apps, None)
        importlib.import_module("support.migrations.0002_desk_roles_shifts_replies").forwards(apps, None)


class World:
    """The owner's objects, and everyone who is not the owner."""


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    media = tmp_path_factory.mktemp("matrix")
    with override_settings(PRIVATE_MEDIA_ROOT=media / "private", MEDIA_ROOT=media / "media",
                           PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]), \
            django_db_blocker.unblock(), time_machine.travel(NOW, tick=False), translation.override("en"):
        with transaction.atomic():
            _roles_in_place()
            w = World()
            w.owner_talent = TalentFactory()
            every_night(w.owner_talent)
            w.owner = CustomerFactory()
            package = PackageFactory(offered_by=[w.owner_talent])
            w.booking = create_booking(customer=w.owner, talent=w.owner_talent, package=package, starts_at=TONIGHT)
            accept_rules(booking=w.booking, customer=w.owner)
            w.payment = submit_payment(
                booking=w.booking, customer=w.owner, bank="BCA", sender_name="Budi Santoso",
                amount_claimed=w.booking.amount_due, proof=ContentFile(PNG, name="bukti.png"),
            )
            w.time_off = TimeOff.objects.create(talent=w.owner_talent, starts_at=wib(2026, 12, 5, 21),
                                                ends_at=wib(2026, 12, 6, 2))
            w.notification = Notification.objects.filter(recipient=w.owner.user).first() or Notification.objects.create(
                recipient=w.owner.user, event="test", channel="email", key="matrix", subject="s")
            w.conversation, _ = open_conversation(user=w.owner.user, category="other", body="Halo",
                                                  booking=w.booking, image=ContentFile(PNG, name="layar.png"))
            w.message = w.conversation.messages.first()
            other_talent = TalentFactory()
            every_night(other_talent)
            w.actors = {"visitor": None, "other customer": CustomerFactory().user, "other talent": other_talent.user}
            for group in Group.objects.order_by("name"):
                staff = UserFactory(is_staff=True)
                staff.groups.add(group)
                w.actors[f"staff: {group.name}"] = staff
            w.superuser = UserFactory(is_staff=True, is_superuser=True)  # for wrong ids: past every permission
            yield w
            transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def _private_media():
    """The world's proofs live in the module's media folder; keep it (tests/conftest.py moves it per test)."""
