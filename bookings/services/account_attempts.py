"""Someone typed an e-mail or number that already belongs to an account: the page says nothing of it
(the same message either way), and the owner is told by e-mail instead."""

from __future__ import annotations

import logging

from django.contrib.auth.models import User
from django.core.exceptions import ImproperlyConfigured
from kombu.exceptions import OperationalError as BrokerError
from phonenumber_field.phonenumber import PhoneNumber, to_python

from bookings.models import Customer

log = logging.getLogger(__name__)


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
    for user_id, kind in owners.items():
        queue_task("send_account_attempt", user_id, kind, login_url)
    return len(owners)


def queue_task(name: str, *args, **kwargs) -> None:
    """Queue an e-mail task for the worker; with the broker unreachable, send it here rather than fail.

    (Until the notification outbox takes these messages over.)
    """
    from bookings import tasks

    task = getattr(tasks, name)
    try:
        task.delay(*args, **kwargs)
    except (BrokerError, ConnectionError, ImproperlyConfigured):
        log.warning("broker unreachable: %s sent from the request", name)
        task.run(*args, **kwargs)
