"""Walk-through in headless Chromium at 1280 px: a verifier imports a BRI export, assigns an unmatched
line by hand, then imports another bank's CSV by choosing its columns. Screenshots go to
artifacts/browser/statements/ (gitignored)."""

from __future__ import annotations

from django.utils import timezone

from bookings.models import Booking, StatementLine, StatementMapping, Status
from bookings.models.statement import LineStatus
from bookings.services import create_booking
from bookings.slots import next_free_start
from tests.browser.conftest import SHOTS as SHOTS_ROOT
from tests.browser.conftest import log_in
from tests.factories import PASSWORD, CustomerFactory, PackageFactory, TalentFactory, every_night
from tests.support.conftest import staff_in

SHOTS = SHOTS_ROOT / "statements"


def _booking(name: str, talent, price: int, code: int) -> Booking:
    package = PackageFactory(offered_by=[talent], price=price)
    booking = create_booking(customer=CustomerFactory(display_name=name), talent=talent, package=package,
                             starts_at=next_free_start(talent=talent, package=package))
    Booking.objects.filter(pk=booking.pk).update(unique_code=code, amount_due=price + code)
    return booking


def test_a_verifier_imports_a_bri_export_assigns_a_line_and_maps_another_banks_csv(live_server, browser, tmp_path,
                                                                                    settings):
    settings.LANGUAGE_CODE = "id"
    SHOTS.mkdir(parents=True, exist_ok=True)
    talent = TalentFactory(display_name="Nayla")
    every_night(talent)
    budi = _booking("Budi Santoso", talent, 100_000, 123)
    sari = _booking("Sari Dewi", talent, 120_000, 456)
    _booking("Andi Wijaya", talent, 150_000, 45)
    verifier = staff_in("Payment verifiers", first_name="Dewi")
    from bookings.models import BankAccount

    bri_account = BankAccount.objects.create(bank="BRI", account_number="012301000123301", holder="PT Sleep Call")
    jago = BankAccount.objects.create(bank="Bank Jago", account_number="5001", holder="PT Sleep Call")
    day = timezone.localdate().strftime("%d/%m/%y")
    bri = tmp_path / "bri-mutasi.csv"
    bri.write_text(
        "No. Rekening : 0123-01-000123-30-1\r\nPeriode : today\r\n\r\n"
        "TANGGAL TRANSAKSI,URAIAN TRANSAKSI,TELLER,DEBET,KREDIT,SALDO\r\n"
        f'{day} 09:15:22,TRANSFER DARI BUDI SANTOSO ESB:NBMB:1234567,8888888,0.00,"100,123.00","5,100,123.00"\r\n'
        f'{day} 10:02:41,NBMB S DEWI TO PT SLEEP CALL,8888888,0.00,"120,500.00","5,220,623.00"\r\n'
        f'{day} 10:30:00,TRANSFER DARI ORANG LAIN,8888888,0.00,"88,000.00","5,308,623.00"\r\n'
        f'{day} 23:59:00,BIAYA ADMIN,0000000,"10,000.00",0.00,"5,298,623.00"\r\n'
    )
    base = live_server.url
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="id-ID")
    page = context.new_page()
    log_in(page, base, verifier.email, PASSWORD)

    page.goto(f"{base}/admin/bookings/statementimport/add/")
    page.select_option("select[name=account]", str(bri_account.pk))
    page.set_input_files("input[name=file]", str(bri))
    page.screenshot(path=SHOTS / "1-import-1280.png", full_page=True)
    page.click("#content form button[type=submit]")
    page.wait_for_selector("form.sc-assign")
    page.screenshot(path=SHOTS / "2-import-result-unmatched-1280.png", full_page=True)
    assert StatementLine.objects.get(amount=100_123).booking_id == budi.pk

    sari_line = StatementLine.objects.get(amount=120_500)
    assert sari_line.status == LineStatus.UNMATCHED
    form = page.locator(f"form[action$='/line/{sari_line.pk}/assign/']")
    form.locator("input[name=booking]").fill(str(sari.pk))
    form.locator("button").click()
    page.wait_for_selector("ul.messagelist")
    page.screenshot(path=SHOTS / "3-assigned-by-hand-1280.png", full_page=True)
    sari.refresh_from_db()
    assert sari.status == Status.CONFIRMED

    other = tmp_path / "jago.csv"
    other.write_bytes(b"Tgl Trx;Keterangan Transaksi;Nilai;Arah;Saldo\r\n"
                      + f"{timezone.localdate():%d/%m/%Y};TRF MASUK ANDI WIJAYA;150.045,00;K;1.150.045,00\r\n".encode())
    page.goto(f"{base}/admin/bookings/statementimport/add/")
    page.select_option("select[name=account]", str(jago.pk))
    page.set_input_files("input[name=file]", str(other))
    page.click("#content form button[type=submit]")
    page.wait_for_selector("select[name=date_column]")
    page.select_option("select[name=date_column]", "Tgl Trx")
    page.select_option("select[name=description_column]", "Keterangan Transaksi")
    page.select_option("select[name=amount_column]", "Nilai")
    page.select_option("select[name=marker_column]", "Arah")
    page.select_option("select[name=decimal_style]", "comma")
    page.screenshot(path=SHOTS / "4-choose-columns-1280.png", full_page=True)
    page.click("#content form button[type=submit]")
    page.wait_for_selector("ul.messagelist")
    page.screenshot(path=SHOTS / "5-mapped-import-1280.png", full_page=True)
    assert StatementMapping.objects.get().account == jago
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
