"""Someone typed an e-mail or number that already belongs to an account: the page says nothing of it
(the same message either way), and the owner is told by e-mail instead."""

from __future__ import annotations

import time

from django.contrib.auth.models import User
from django.db import transaction
from phonenumber_field.phonenumber import PhoneNumber, to_python

from bookings.models import Customer
from notifications.models import Channel
from notifications.services import notify

# One notice per owner and kind in this many seconds: a flood of attempts is not a flood of e-mails.
NOTICE_EVERY_SECONDS = 600


def tell_owners_of_attempt(
    *, email: str = "", whatsapp: str | PhoneNumber = "", login_url: str, exclude: User | None = None
) -> int:
    """E-mail each owner of this e-mail address or number (not `exclude`, the person asking)."""
    owners: dict[int, str] = {}
    if email:
        for pk in User.objects.filter(username__iexact=email.strip()).values_list("pk", flat=True):
            owners[pk] = "email"
    number = to_python(whatsapp, region="ID") if whatsapp else None
    if isinstance(number, PhoneNumber) and number.is_valid():
        for pk in Customer.objects.filter(whatsapp=number).values_list("user_id", flat=True):
            owners.setdefault(pk, "number")
    if exclude is not None:
        owners.pop(exclude.pk, None)
    window = int(time.time()) // NOTICE_EVERY_SECONDS
    with transaction.atomic():
        for user in User.objects.filter(pk__in=owners, is_active=True).select_related("customer"):
            customer = getattr(user, "customer", None)
            notify(to=user, event="account_attempt", key=f"account_attempt:{user.pk}:{owners[user.pk]}:{window}",
                   url=login_url, channels=[Channel.EMAIL],
                   context={"kind": owners[user.pk], "name": customer.display_name if customer else ""})
    return len(owners)
