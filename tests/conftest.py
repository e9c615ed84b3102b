"""Persona fixtures and helpers shared by every test."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import User

from tests.factories import CustomerFactory, PackageFactory, TalentFactory, UserFactory, every_night

WIB = ZoneInfo("Asia/Jakarta")


def wib(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=WIB)


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _fresh_catalogue_cache():
    """Every test starts with no cached free starts (the cache outlives a test's rolled-back data)."""
    from django.core.cache import cache

    from talents.freshness import VERSION_KEY

    cache.delete(VERSION_KEY)


@pytest.fixture
def customer(db):
    return CustomerFactory()


@pytest.fixture
def other_customer(db):
    return CustomerFactory()


@pytest.fixture
def talent(db):
    talent = TalentFactory()
    every_night(talent)
    return talent


@pytest.fixture
def other_talent(db):
    talent = TalentFactory()
    every_night(talent)
    return talent


@pytest.fixture
def package(talent):
    return PackageFactory(offered_by=[talent])


@pytest.fixture
def staff(db) -> User:
    return UserFactory(is_staff=True, is_superuser=True)


@pytest.fixture(params=["configured", "local memory"])
def cache_backend(request, settings):
    """Each test of a kept page twice: on the configured cache (Redis in CI) and on local memory (the
    embedded default), starting from a fresh catalogue version."""
    if request.param == "local memory":
        settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                       "LOCATION": "kept-pages"}}
    from django.core.cache import cache

    from talents.freshness import VERSION_KEY

    cache.delete(VERSION_KEY)
    return request.param
