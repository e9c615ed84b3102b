"""New passwords are hashed with Argon2id; an older hash is upgraded when its owner next logs in."""

from __future__ import annotations

import functools
import json

import pytest
from django.contrib.auth.hashers import make_password
from django.urls import reverse

from tests.factories import UserFactory
from tests.foundation.subprocess_env import run

PRODUCTION_ORDER = "import json, django; django.setup(); from django.conf import settings; " \
                   "print(json.dumps(settings.PASSWORD_HASHERS))"


@functools.cache
def _site_hashers() -> list[str]:
    """The hashers the site runs with (the test process puts a fast one first)."""
    result = run(["-c", PRODUCTION_ORDER])
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture
def site_hashers(settings):
    settings.PASSWORD_HASHERS = _site_hashers()


def test_the_site_hashes_with_argon2_first_and_still_reads_pbkdf2():
    hashers = _site_hashers()
    assert hashers[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    assert "django.contrib.auth.hashers.PBKDF2PasswordHasher" in hashers


def test_a_new_password_is_hashed_with_argon2id(site_hashers, db):
    user = UserFactory()
    user.set_password("malam-yang-tenang-42")
    user.save()
    assert user.password.startswith("argon2$argon2id$")


def test_an_old_pbkdf2_hash_is_upgraded_at_the_next_log_in(site_hashers, client, db):
    user = UserFactory()
    user.password = make_password("malam-yang-tenang-42", hasher="pbkdf2_sha256")
    user.save(update_fields=["password"])

    response = client.post(reverse("login"), {"username": user.username, "password": "malam-yang-tenang-42"})

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.password.startswith("argon2$argon2id$")
    assert user.check_password("malam-yang-tenang-42")
