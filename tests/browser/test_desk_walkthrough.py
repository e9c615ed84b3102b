"""Walk-through in headless Chromium: a customer at 360 px writes about a booking, an agent at
1280 px answers with a canned reply, the customer reads it and rates it. Screenshots go to
artifacts/browser/ (gitignored; CI keeps them)."""

from __future__ import annotations

from bookings.services import create_booking
from bookings.slots import next_free_start
from support.models import Conversation, ConversationStatus
from tests.browser.conftest import log_in as _log_in
from tests.factories import PASSWORD, CustomerFactory, PackageFactory, TalentFactory, every_night
from tests.support.conftest import staff_in


def test_a_customer_asks_about_a_booking_an_agent_answers_with_a_canned_reply_and_it_is_rated(
    live_server, browser, settings, shots
):
    settings.LANGUAGE_CODE = "id"
    customer = CustomerFactory(display_name="Rina")
    talent = TalentFactory(display_name="Nayla")
    every_night(talent)
    package = PackageFactory(offered_by=[talent])
    booking = create_booking(customer=customer, talent=talent, package=package,
                             starts_at=next_free_start(talent=talent, package=package))
    agent = staff_in("CS agents", first_name="Ayu")
    base = live_server.url

    phone = browser.new_context(viewport={"width": 360, "height": 780}, locale="id-ID")
    page = phone.new_page()
    _log_in(page, base, customer.user.email, PASSWORD)
    page.goto(f"{base}/bookings/{booking.pk}/")
    page.click("a[data-help=booking]")
    page.select_option("select[name=category]", "payment")
    assert page.input_value("select[name=booking]") == str(booking.pk)
    page.fill("textarea[name=body]", "Kak, transfer saya belum diverifikasi ya?")
    page.screenshot(path=shots / "desk-1-customer-new-360.png", full_page=True)
    page.click("form.card button[type=submit]")
    page.wait_for_selector("ol.thread")
    conversation = Conversation.objects.get()
    assert conversation.booking_id == booking.pk
    page.screenshot(path=shots / "desk-1b-customer-thread-360.png", full_page=True)
    wide = page.evaluate(
        "[...document.querySelectorAll('*')].filter(e => e.getBoundingClientRect().right > 361)"
        ".map(e => e.tagName + '.' + e.className)"
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, wide

    desk = browser.new_context(viewport={"width": 1280, "height": 900}, locale="id-ID")
    admin = desk.new_page()
    _log_in(admin, base, agent.email, PASSWORD)
    admin.goto(f"{base}/admin/support/conversation/")
    admin.click(f"a[href$='/admin/support/conversation/{conversation.pk}/change/']")
    admin.click("a[data-shortcut=belum-verifikasi]")
    draft = admin.input_value("#reply-body")
    assert draft.startswith("Halo kak Rina") and f"#{booking.pk}" in draft
    admin.screenshot(path=shots / "desk-2-agent-canned-1280.png", full_page=True)
    admin.click("#reply button[name=solve]")
    admin.wait_for_selector(".messagelist")
    conversation.refresh_from_db()
    assert conversation.status == ConversationStatus.SOLVED

    page.goto(f"{base}/help/{conversation.pk}/")
    assert "Halo kak Rina" in page.inner_text("ol.thread")
    page.check("input[name=score][value='5']")
    page.fill("#rate textarea[name=comment]", "Cepat dan ramah 🙏")
    page.screenshot(path=shots / "desk-3-customer-rate-360.png", full_page=True)
    page.click("#rate button[type=submit]")
    page.wait_for_selector(".messages")
    page.screenshot(path=shots / "desk-4-customer-rated-360.png", full_page=True)
    conversation.refresh_from_db()
    assert (conversation.rating, conversation.rating_comment) == (5, "Cepat dan ramah 🙏")
    phone.close()
    desk.close()
