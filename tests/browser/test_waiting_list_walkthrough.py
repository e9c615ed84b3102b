"""Walk-through in headless Chromium: the waiting list on a 50-payment night, at 1280 px and 360 px.

Soonest sessions first (the ones within two hours highlighted), another verifier's claims shown, a reused
proof flagged, and the list refreshing itself with a ticked checkbox kept ticked. Screenshots go to
artifacts/browser/waiting-list/ (not committed)."""

from __future__ import annotations

from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from bookings.models import Booking, Payment, Status
from bookings.models.payment import private_storage
from bookings.services.payment import perceptual_hash
from tests.admin.conftest import staff_in
from tests.browser.conftest import SHOTS as SHOTS_ROOT
from tests.factories import PASSWORD, CustomerFactory, PackageFactory, TalentFactory
from tests.receipts import receipt_png

SHOTS = SHOTS_ROOT / "waiting-list"


def busy_night(count: int, claimed_by) -> list[Payment]:
    """`count` waiting proofs on five talents' sessions, from 40 minutes from now onwards."""
    now = timezone.now()
    talents = [TalentFactory(display_name=name) for name in ("Nayla", "Sekar", "Dinda", "Ayu", "Kirana")]
    package = PackageFactory(offered_by=talents)
    customers = [CustomerFactory(display_name=f"Pelanggan {i + 1}") for i in range(count)]
    bookings = Booking.objects.bulk_create(
        Booking(
            customer=customers[i], talent=talents[i % 5], package=package, package_name=package.name,
            channels=package.channels, duration_minutes=60, price=100_000, unique_code=i + 1,
            amount_due=100_000 + i + 1, starts_at=now + timedelta(minutes=40 + 90 * (i // 5)),
            ends_at=now + timedelta(minutes=100 + 90 * (i // 5)), status=Status.PAYMENT_SUBMITTED,
            payment_deadline=now + timedelta(minutes=30),
        )
        for i in range(count)
    )
    storage, payments = private_storage(), []
    for i, booking in enumerate(bookings):
        image = receipt_png(seed=107 if i == count - 1 else 100 + i)  # the last one re-uses booking 8's picture
        name = storage.save(f"proofs/demo-{i}.png", ContentFile(image))
        payments.append(Payment(
            booking=booking, bank="BCA", sender_name=f"Pengirim {i + 1}", proof=name,
            amount_claimed=booking.amount_due - (5_000 if i % 11 == 3 else 0), proof_sha256=f"{i:064x}",
            proof_phash=perceptual_hash(ContentFile(image)), submitted_at=now - timedelta(minutes=3 * i),
        ))
    Payment.objects.bulk_create(payments)
    Payment.objects.filter(pk__in=[p.pk for p in payments[2:4]]).update(
        claimed_by=claimed_by, claimed_until=now + timedelta(minutes=4))
    return payments


def test_the_waiting_list_on_a_fifty_payment_night(live_server, browser, settings):
    settings.SLEEPCALL_WAITING_LIST_REFRESH_SECONDS = 2
    SHOTS.mkdir(parents=True, exist_ok=True)
    verifier = staff_in("Payment verifiers")
    payments = busy_night(50, claimed_by=staff_in("Payment verifiers"))
    base = live_server.url

    desk = browser.new_context(viewport={"width": 1280, "height": 900})
    page = desk.new_page()
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(f"{base}/admin/login/?next=/admin/bookings/payment/")
    page.fill("input[name=username]", verifier.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#result_list")
    assert page.title().endswith("Sleep Call staff")
    assert page.locator("#result_list tbody tr").count() == 50
    assert page.locator("tr:has(.sc-soon)").count() == 5  # the first five start in 40 minutes
    assert page.locator("text=is on it until").count() == 2
    assert page.locator("text=same receipt as booking").count() == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280  # no sideways scrolling
    page.screenshot(path=SHOTS / "waiting-list-50-1280.png", full_page=False)
    page.screenshot(path=SHOTS / "waiting-list-50-1280-full.png", full_page=True)

    # The list refreshes itself; the ticked row stays ticked.
    box = page.locator(f"input.action-select[value='{payments[5].pk}']")
    box.check()
    page.evaluate("document.querySelector('#result_list tbody').dataset.old = '1'")
    for _ in range(40):  # wait_for_function would need 'unsafe-eval', which the CSP refuses
        if not page.evaluate("document.querySelector('#result_list tbody').dataset.old"):
            break
        page.wait_for_timeout(250)
    assert not page.evaluate("document.querySelector('#result_list tbody').dataset.old"), "the rows never refreshed"
    assert page.locator(f"input.action-select[value='{payments[5].pk}']").is_checked()
    assert errors == []

    phone = browser.new_context(viewport={"width": 360, "height": 780}, storage_state=desk.storage_state())
    small = phone.new_page()
    small.goto(f"{base}/admin/bookings/payment/")
    small.wait_for_selector("#result_list")
    assert small.evaluate("document.documentElement.scrollWidth") <= 360 + 1
    small.screenshot(path=SHOTS / "waiting-list-50-360.png", full_page=False)
