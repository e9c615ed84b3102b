"""`manage.py seed_demo`: demo talents, packages, accounts and bookings. Safe to run again."""

from __future__ import annotations

import logging
from contextlib import contextmanager

from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from bookings.demo.accounts import CUSTOMER_PASSWORD, STAFF_PASSWORD, TALENT_PASSWORD, email
from bookings.demo.bookings import seed_bookings
from bookings.demo.catalogue import CUSTOMERS, TALENTS, seed_catalogue
from sleepcall.celery import app as celery_app


@contextmanager
def quiet_logs():
    """Warnings and errors still show; the INFO lines of tasks run in-process (celery's trace) do not."""
    root = logging.getLogger()
    level = root.level
    root.setLevel(max(level, logging.WARNING))
    try:
        yield
    finally:
        root.setLevel(level)


class Command(BaseCommand):
    help = "Create demo data (idempotent): talents, packages, bank accounts, accounts and bookings."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--address", default="", help="Where the site will be served, printed with the accounts.")

    def handle(self, *args, **options) -> None:
        now = timezone.now()
        # `make run` shows the accounts and the address, not one log line per task and e-mail of the
        # seeding; -v 2 lists every demo booking made.
        say = self.stdout.write if options["verbosity"] >= 2 else (lambda _line: None)
        # The demo addresses are fake: confirmation e-mails from the seeding go nowhere. Tasks run
        # here, not on a worker (which would send them for real, or fail the seed if Redis is down).
        eager = celery_app.conf.task_always_eager
        celery_app.conf.task_always_eager = True
        try:
            with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"), quiet_logs():
                with transaction.atomic():
                    catalogue = seed_catalogue(now=now)
                made = seed_bookings(catalogue, now=now, say=say)
        finally:
            celery_app.conf.task_always_eager = eager
        created = {k: v for k, v in catalogue.created.items() if v}
        summary = ", ".join(f"{v} {k}" for k, v in created.items()) if created else "catalogue already in place"
        self.stdout.write(f"Demo data: {summary}; {made} new bookings.")
        self.print_accounts()
        if options["address"]:
            self.stdout.write(self.style.SUCCESS(f"\nOpen {options['address']} (Ctrl+C stops the server)"))

    def print_accounts(self) -> None:
        talent = next(seed.slug for seed in TALENTS if seed.login)
        customers = ", ".join(email(name) for name, *_rest in CUSTOMERS)
        self.stdout.write(self.style.SUCCESS("\nDemo accounts (fixed demo passwords) — sign in at /accounts/login/"))
        self.stdout.write(f"  staff     {email('admin'):<24} {STAFF_PASSWORD:<20} → /admin/")
        self.stdout.write(f"  talent    {email(talent):<24} {TALENT_PASSWORD:<20} → /workspace/")
        self.stdout.write(f"  customer  {email(CUSTOMERS[0][0]):<24} {CUSTOMER_PASSWORD:<20} → /bookings/")
        self.stdout.write(f"  (every customer uses the customer password: {customers})")
