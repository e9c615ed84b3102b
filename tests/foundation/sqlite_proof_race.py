"""Run as a child process on a fresh SQLite file: three proofs for one booking POSTed at once.

Prints one JSON line: the status codes and how many payments were saved. Used by
test_sqlite_concurrency.py; a script of its own because the settings must see a SQLite DATABASE_URL.
"""

import io
import json
import threading
from datetime import timedelta

import django

django.setup()

from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402
from PIL import Image  # noqa: E402

from bookings.models import BankAccount, Payment  # noqa: E402
from bookings.services import accept_rules, create_booking  # noqa: E402
from bookings.slots import free_starts  # noqa: E402
from tests.factories import CustomerFactory, PackageFactory, TalentFactory, every_night  # noqa: E402

setup_test_environment()
call_command("migrate", verbosity=0)
customer, talent = CustomerFactory(), TalentFactory()
every_night(talent)
package = PackageFactory(offered_by=[talent])
account = BankAccount.objects.create(bank="BCA", account_number="1", holder="PT")
today = timezone.localdate()
start = free_starts(talent=talent, package=package, first=today, last=today + timedelta(days=2))[0]
booking = create_booking(customer=customer, talent=talent, package=package, starts_at=start)
accept_rules(booking=booking, customer=customer)
connection.close()


def png(color: str) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (30, 30), color).save(buffer, "PNG")
    return SimpleUploadedFile("bukti.png", buffer.getvalue(), content_type="image/png")


clients = []
for _ in range(3):
    client = Client(raise_request_exception=False)
    client.force_login(customer.user)
    clients.append(client)
connection.close()
barrier = threading.Barrier(3)
codes: list[int] = []


def send(client: Client, color: str) -> None:
    data = {"account": account.pk, "bank": "BCA", "sender_name": "S", "amount_claimed": str(booking.amount_due),
            "proof": png(color)}
    barrier.wait()
    codes.append(client.post(f"/bookings/{booking.pk}/pay/", data).status_code)
    connection.close()


colors = ("red", "green", "blue")
threads = [threading.Thread(target=send, args=(c, color)) for c, color in zip(clients, colors, strict=True)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print(json.dumps({"codes": sorted(codes), "payments": Payment.objects.count()}))
