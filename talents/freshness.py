"""What makes the cached free starts of the catalogue stale: any write to a booking, a weekly
window, a time off, a talent or a package (and which talents offer it). Bulk writes that send no
signal call `catalogue_changed` themselves (the expiry sweep, the weekly hours' replacement)."""

from uuid import uuid4

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

VERSION_KEY = "catalogue:version"


def catalogue_changed() -> None:
    """Forget every cached free start. Now, and again after the commit: a page computed between the
    two read the old rows and must not keep them under the new version."""
    cache.set(VERSION_KEY, uuid4().hex, None)
    transaction.on_commit(lambda: cache.set(VERSION_KEY, uuid4().hex, None))


def catalogue_version() -> str:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid4().hex, None)
        version = cache.get(VERSION_KEY) or "none"
    return version


def _changed(sender, **kwargs) -> None:
    catalogue_changed()


def _offered_changed(sender, action: str, **kwargs) -> None:
    if action in ("post_add", "post_remove", "post_clear"):
        catalogue_changed()


def connect() -> None:
    from bookings.models import Booking, Package
    from talents.models import AvailabilityRule, Talent, TimeOff

    for model in (Booking, AvailabilityRule, TimeOff, Talent, Package):
        post_save.connect(_changed, sender=model, dispatch_uid=f"catalogue-fresh-save-{model.__name__}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"catalogue-fresh-delete-{model.__name__}")
    m2m_changed.connect(_offered_changed, sender=Package.talents.through, dispatch_uid="catalogue-fresh-m2m")
