"""The three Indonesian time zones people choose from, and how to name them."""

from zoneinfo import ZoneInfo

from django.db import models
from django.utils.translation import gettext_lazy as _


class Zone(models.TextChoices):
    WIB = "Asia/Jakarta", _("WIB (Waktu Indonesia Barat)")
    WITA = "Asia/Makassar", _("WITA (Waktu Indonesia Tengah)")
    WIT = "Asia/Jayapura", _("WIT (Waktu Indonesia Timur)")


ABBREVIATIONS = {Zone.WIB: "WIB", Zone.WITA: "WITA", Zone.WIT: "WIT"}


def zone_info(name: str) -> ZoneInfo:
    return ZoneInfo(name or Zone.WIB)


def abbreviation(name: str) -> str:
    return ABBREVIATIONS.get(name, "WIB")
