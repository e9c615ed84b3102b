"""Package durations are bounded (15 minutes to 8 hours) by the database and by the forms."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from bookings.models import Package
from tests.factories import PackageFactory


@pytest.mark.parametrize("minutes", [0, 1, 14, 481, 600, 32767])
def test_the_database_refuses_a_duration_out_of_bounds(db, minutes):
    with pytest.raises(IntegrityError), transaction.atomic():
        PackageFactory(duration_minutes=minutes)


def test_the_database_refuses_an_update_past_the_bound(db):
    package = PackageFactory(duration_minutes=60)
    with pytest.raises(IntegrityError), transaction.atomic():
        Package.objects.filter(pk=package.pk).update(duration_minutes=9 * 60)


@pytest.mark.parametrize("minutes", [15, 60, 300, 480])
def test_durations_within_bounds_are_kept(db, minutes):
    assert PackageFactory(duration_minutes=minutes).duration_minutes == minutes


@pytest.mark.parametrize("minutes", [10, 481])
def test_the_model_says_clearly_what_the_bounds_are(db, minutes):
    package = PackageFactory.build(duration_minutes=minutes)
    with pytest.raises(ValidationError) as caught:
        package.full_clean()
    assert caught.value.message_dict["duration_minutes"] == ["A package lasts from 15 minutes to 8 hours."]


def test_the_package_admin_refuses_a_nine_hour_package_and_keeps_what_was_typed(admin_client, db):
    response = admin_client.post(reverse("admin:bookings_package_add"), {
        "name": "Semalam suntuk", "description": "", "channels": "call", "duration_minutes": "540",
        "price": "300000", "is_active": "on",
    })
    assert response.status_code == 200
    assert "15 minutes to 8 hours" in str(response.context["adminform"].form.errors["duration_minutes"])
    assert 'value="Semalam suntuk"' in response.content.decode()
    assert not Package.objects.exists()
