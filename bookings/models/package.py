"""Packages: which channels, for how long, at what price (whole rupiah)."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from bookings.money import rupiah
from talents.models import Talent


class Channels(models.TextChoices):
    """A non-empty subset of {call, chat}, as one value so an empty set cannot be stored."""

    CALL = "call", _("Call only")
    CHAT = "chat", _("Chat only")
    CALL_CHAT = "call+chat", _("Call + chat")

    @classmethod
    def members(cls, value: str) -> frozenset[str]:
        return frozenset(value.split("+"))


CALL = "call"
CHAT = "chat"


def validate_price(value: int) -> None:
    low, high = settings.SLEEPCALL_PRICE_MIN, settings.SLEEPCALL_PRICE_MAX
    if not low <= value <= high:
        raise ValidationError(
            _("The price must be between %(low)s and %(high)s."),
            params={"low": rupiah(low), "high": rupiah(high)},
            code="price_out_of_bounds",
        )


class PackageQuerySet(models.QuerySet):
    def active(self) -> PackageQuerySet:
        return self.filter(is_active=True)


class Package(models.Model):
    name = models.CharField(_("name"), max_length=80, help_text=_("In Indonesian, as customers read it."))
    description = models.CharField(_("description"), max_length=200, blank=True)
    # Staff-made names cannot live in the translation catalogue: the English sits next to them.
    name_en = models.CharField(_("name in English"), max_length=80, blank=True)
    description_en = models.CharField(_("description in English"), max_length=200, blank=True)
    channels = models.CharField(_("channels"), max_length=10, choices=Channels.choices)
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"))
    price = models.PositiveIntegerField(_("price (Rp)"), validators=[validate_price])
    is_active = models.BooleanField(_("active"), default=True)
    talents = models.ManyToManyField(Talent, related_name="packages", blank=True, verbose_name=_("offered by"))

    objects = PackageQuerySet.as_manager()

    class Meta:
        ordering = ["price", "duration_minutes"]
        verbose_name = _("package")
        verbose_name_plural = _("packages")
        constraints = [
            models.CheckConstraint(condition=models.Q(duration_minutes__gt=0), name="package_duration_positive"),
            models.CheckConstraint(
                condition=models.Q(channels__in=["call", "chat", "call+chat"]), name="package_channels_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} — {rupiah(self.price)}"

    @property
    def duration(self) -> timedelta:
        return timedelta(minutes=self.duration_minutes)

    @property
    def channel_set(self) -> frozenset[str]:
        return Channels.members(self.channels)

    @property
    def display_name(self) -> str:
        """The name in the page's language (English when there is one, Indonesian otherwise)."""
        return in_language(self.name, self.name_en)

    @property
    def display_description(self) -> str:
        return in_language(self.description, self.description_en)


def in_language(indonesian: str, english: str) -> str:
    return english if english and get_language() == "en" else indonesian
