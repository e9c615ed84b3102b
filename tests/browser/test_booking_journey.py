"""The booking journey as people meet it, in headless Chromium against a live server on PostgreSQL.

A customer on a 360 px phone signs up inside the booking flow, books a call + chat package, accepts
the rules and uploads a proof; a verifier at 1280 px verifies it in the admin; the talent's Today
shows the customer's number only from the unblock lead time to the end of the goodbye grace, and the
customer's page shows the talent's contact only during the session. Time moves with time-machine in
this process, where the live server's thread runs too; nothing sleeps. Screenshots: artifacts/browser/.
"""

from __future__ import annotations

import re
import time
from datetime import UTC, datetime

import pytest
import time_machine

from bookings.models import BankAccount, Booking, Payment, Status
from bookings.models.payment import PaymentStatus
from tests.admin.conftest import staff_in
from tests.browser.conftest import log_in
from tests.conftest import wib
from tests.customer.conftest import png_bytes
from tests.factories import PASSWORD, PackageFactory, TalentFactory, every_night

EVENING = wib(2026, 3, 2, 18, 0)  # Monday; the 21:00 slot is ahead tonight
START = wib(2026, 3, 2, 21, 0)


def _context(browser, width: int, height: int, problems: list[str]):
    """A person's browser, whose own clock (countdowns in the page's script) reads the server's time.
    Every console error or uncaught script error (a CSP refusal among them) is kept in `problems`."""
    context = browser.new_context(viewport={"width": width, "height": height}, locale="id-ID",
                                  timezone_id="Asia/Jakarta")
    context.clock.install(time=datetime.now(UTC))
    context.on("console", lambda message: message.type == "error" and problems.append(message.text))
    context.on("weberror", lambda error: problems.append(str(error.error)))
    return context


def _move_to(clock, at: datetime, *contexts) -> None:
    clock.move_to(at)
    for context in contexts:
        context.clock.set_system_time(at)


def _fits_the_phone(page) -> None:
    wide = page.evaluate(
        "[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > 361)"
        ".map(e => e.tagName + '.' + e.className)"
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, wide


@pytest.mark.django_db(transaction=True)
def test_a_customer_books_on_a_phone_staff_verify_and_the_numbers_show_only_in_their_windows(
    live_server, browser, settings, shots
):
    from playwright.sync_api import expect

    settings.LANGUAGE_CODE = "id"
    began = time.monotonic()
    problems: list[str] = []
    talent = TalentFactory(display_name="Nayla")
    every_night(talent)
    package = PackageFactory(offered_by=[talent], name="Telepon + chat", channels="call+chat", duration_minutes=60)
    BankAccount.objects.create(bank="BCA", account_number="123-456-7890", holder="PT Sleep Call")
    verifier = staff_in("Payment verifiers")
    base = live_server.url
    talent_handle = str(talent.contact_handle).lstrip("+")

    with time_machine.travel(EVENING, tick=True) as clock:
        phone = _context(browser, 360, 780, problems)
        page = phone.new_page()

        # 1. A visitor picks tonight's 21:00 slot of a call + chat package.
        page.goto(f"{base}/book/{talent.slug}/?package={package.pk}&night=2026-03-02")
        page.check(f"input[name=starts_at][value='{START.astimezone(UTC).isoformat()}']")
        page.screenshot(path=shots / "journey-01-slot-360.png", full_page=True)
        _fits_the_phone(page)
        page.click("#slots form button[type=submit]")

        # 2. Signs up inside the flow; the choice is waiting on the confirm page.
        page.wait_for_selector("input[name=name]")
        page.fill("input[name=name]", "Dewi")
        page.fill("input[name=whatsapp]", "0813 9999 0000")
        page.fill("input[name=email]", "dewi@example.com")
        page.fill("input[name=password]", "tidur-nyenyak-2026")
        page.select_option("select[name=time_zone]", "Asia/Jakarta")
        page.screenshot(path=shots / "journey-02-signup-360.png", full_page=True)
        _fits_the_phone(page)
        page.click("form.card button[type=submit]")
        page.wait_for_url("**/book/confirm/")
        page.screenshot(path=shots / "journey-03-confirm-360.png", full_page=True)
        _fits_the_phone(page)
        page.click("main form button[type=submit]")

        # 3. The rules first, then the payment page.
        page.wait_for_selector("#accept-rules")
        booking = Booking.objects.get()
        assert booking.status == Status.AWAITING_PAYMENT and booking.package_id == package.pk
        page.screenshot(path=shots / "journey-04-rules-360.png", full_page=True)
        _fits_the_phone(page)
        page.check("#accept-rules")
        page.click(f"form[action$='/bookings/{booking.pk}/rules/'] button[type=submit]")

        # 4. Uploads a proof (a real PNG).
        page.wait_for_selector("#upload")
        expect(page.locator(".countdown")).to_have_text(re.compile(r"^\d+:\d\d"))  # not "time is up"
        page.fill("input[name=bank]", "BRI")
        page.fill("input[name=sender_name]", "Dewi")
        page.fill("input[name=amount_claimed]", str(booking.amount_due))
        page.set_input_files("input[name=proof]", files=[
            {"name": "bukti.png", "mimeType": "image/png", "buffer": png_bytes("lightblue")},
        ])
        page.screenshot(path=shots / "journey-05-pay-360.png", full_page=True)
        _fits_the_phone(page)
        page.click("#upload button[type=submit]")
        page.wait_for_load_state()
        payment = Payment.objects.get()
        assert payment.status == PaymentStatus.SUBMITTED
        page.screenshot(path=shots / "journey-06-sent-360.png", full_page=True)
        _fits_the_phone(page)

        # 5. A verifier at 1280 px verifies it in the admin.
        desk = _context(browser, 1280, 900, problems)
        admin = desk.new_page()
        log_in(admin, base, verifier.email, PASSWORD)
        admin.goto(f"{base}/admin/bookings/payment/{payment.pk}/change/")
        admin.screenshot(path=shots / "journey-07-verify-1280.png", full_page=True)
        admin.click("button.sc-verify")
        admin.wait_for_selector(".messagelist")
        admin.screenshot(path=shots / "journey-08-verified-1280.png", full_page=True)
        booking.refresh_from_db()
        assert booking.status == Status.CONFIRMED

        # 6. The talent's Today and the customer's page, as the night goes on.
        workspace = _context(browser, 360, 780, problems)
        today = workspace.new_page()
        log_in(today, base, talent.user.email, PASSWORD)
        session_url = f"{base}/bookings/{booking.pk}/"

        def talent_sees_number(step: str) -> bool:
            today.goto(f"{base}/workspace/")
            today.screenshot(path=shots / f"journey-{step}-talent-today-360.png", full_page=True)
            _fits_the_phone(today)
            shown = today.locator("[data-number]").count() > 0
            assert shown == ("9999" in today.inner_text("main"))
            return shown

        def customer_sees_contact(step: str) -> bool:
            page.goto(session_url)
            page.screenshot(path=shots / f"journey-{step}-customer-booking-360.png", full_page=True)
            _fits_the_phone(page)
            shown = page.locator("section.session-on").count() > 0
            assert shown == (talent_handle in page.content())
            return shown

        _move_to(clock, wib(2026, 3, 2, 20, 45), phone, workspace)  # before the 10-minute lead time
        assert not talent_sees_number("09-before-lead")
        assert not customer_sees_contact("09-before-lead")

        _move_to(clock, wib(2026, 3, 2, 20, 52), phone, workspace)  # inside the lead time, before the session
        assert talent_sees_number("10-lead")
        assert not customer_sees_contact("10-lead")

        _move_to(clock, wib(2026, 3, 2, 21, 1), phone, workspace)  # the session
        assert talent_sees_number("11-session")
        assert customer_sees_contact("11-session")
        assert page.get_attribute("a[data-link=message]", "href").startswith(f"https://wa.me/{talent_handle}")

        _move_to(clock, wib(2026, 3, 2, 22, 2), phone, workspace)  # after the end, inside the goodbye grace
        assert talent_sees_number("12-grace")
        assert not customer_sees_contact("12-grace")

        _move_to(clock, wib(2026, 3, 2, 22, 6), phone, workspace)  # after the grace
        assert not talent_sees_number("13-after-grace")
        assert not customer_sees_contact("13-after-grace")

        assert problems == []  # no CSP refusal, no script error on any page walked (admin included)
        phone.close()
        desk.close()
        workspace.close()
    print(f"\nbooking journey in the browser: {time.monotonic() - began:.1f} s")
