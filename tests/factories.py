"""Factories for the domain. Times default to a fixed night so tests read plainly."""

from __future__ import annotations

from datetime import time

import factory
from django.contrib.auth.models import User

from bookings.models import Customer, Package
from talents.models import AvailabilityRule, Talent

PASSWORD = "correct horse battery staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}@example.com")
    email = factory.LazyAttribute(lambda u: u.username)
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            obj.save()


class CustomerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Customer

    user = factory.SubFactory(UserFactory)
    display_name = factory.Sequence(lambda n: f"Customer {n}")
    whatsapp = factory.Sequence(lambda n: f"+62812{n:07d}")


class TalentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Talent

    user = factory.SubFactory(UserFactory)
    display_name = factory.Sequence(lambda n: f"Talent {n}")
    slug = factory.Sequence(lambda n: f"talent-{n}")
    bio = "Teman ngobrol malam."
    languages = ["id"]
    contact_handle = factory.Sequence(lambda n: f"+62813{n:07d}")


class PackageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Package
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Package {n}")
    channels = "call+chat"
    duration_minutes = 60
    price = 100_000

    @factory.post_generation
    def offered_by(obj, create, extracted, **kwargs):  # noqa: N805
        if create and extracted:
            obj.talents.add(*extracted)


def every_night(talent: Talent, start: time = time(21), end: time = time(2)) -> None:
    """Give a talent the same window every day of the week (21:00–02:00 by default)."""
    AvailabilityRule.objects.bulk_create(
        AvailabilityRule(talent=talent, weekday=day, start=start, end=end) for day in range(7)
    )
