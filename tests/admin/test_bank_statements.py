"""Every bank's statement: Mandiri, BRI, BNI beside BCA, any other CSV by a saved column mapping,
the sender name breaking a tie, and staff assigning the rest by hand."""

from __future__ import annotations

import codecs
import csv
import io
from pathlib import Path

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bookings.models import BankAccount, Booking, StatementImport, StatementLine, StatementMapping, Status
from bookings.models.payment import PaymentStatus
from bookings.models.statement import LineStatus
from bookings.services import confirm_statement_matches, create_booking, import_statement
from tests.admin.conftest import waiting_payment
from tests.conftest import wib
from tests.factories import CustomerFactory, PackageFactory

SAMPLES = Path(__file__).resolve().parents[2] / "bookings" / "samples"
BANK_SAMPLES = ["mandiri-mcm.csv", "bri-ib.csv", "bni-ib.csv", "bca-mutasi.csv"]

# A bank this app has no layout for: semicolons, its own names, K/D in a column of its own.
OTHER_BANK = (
    b"Tgl Trx;Keterangan Transaksi;Nilai;Arah;Saldo\r\n"
    b"01/12/2026;TRF MASUK BUDI SANTOSO;100.123,00;K;1.100.123,00\r\n"
    b"01/12/2026;BIAYA ADM;5.000,00;D;1.095.123,00\r\n"
    b"01/12/2026;TRF MASUK ORANG LAIN;42.000,00;K;1.137.123,00\r\n"
)


def semicolons(data: bytes) -> bytes:
    """The same export saved again by Excel in an Indonesian locale: semicolon-separated."""
    out = io.StringIO()
    csv.writer(out, delimiter=";").writerows(csv.reader(io.StringIO(data.decode())))
    return out.getvalue().encode()


def booking_due(customer, talent, *, price: int, code: int, starts_at=None) -> Booking:
    """An open booking whose amount due is price + code (the unique code fixed for the test)."""
    package = PackageFactory(offered_by=[talent], price=price)
    booking = create_booking(customer=customer, talent=talent, package=package,
                             starts_at=starts_at or wib(2026, 12, 1, 22))
    Booking.objects.filter(pk=booking.pk).update(unique_code=code, amount_due=price + code)
    booking.refresh_from_db()
    return booking


def upload(client, name: str, data: bytes, account: BankAccount | None = None):
    form = {"file": SimpleUploadedFile(name, data)}
    if account is not None:
        form["account"] = account.pk
    return client.post(reverse("admin:bookings_statementimport_add"), form)


def said(response) -> str:
    return " ".join(str(m) for m in get_messages(response.wsgi_request))


@pytest.mark.parametrize("sample", BANK_SAMPLES)
def test_each_banks_sample_is_imported_end_to_end(verifier, customer, talent, sample):
    """Budi's transfer pays his booking; Siti and Andi fit none; the bank's fee (a debit) is skipped."""
    booking = booking_due(customer, talent, price=100_000, code=123)
    data = (SAMPLES / sample).read_bytes()

    result = import_statement(data=data, file_name=sample, staff=verifier)

    assert result.statement.layout == sample.split("-")[0]
    assert (result.created, result.debits) == (3, 1)
    lines = {line.amount: line for line in StatementLine.objects.all()}
    assert sorted(lines) == [75_000, 100_123, 150_045]
    assert (lines[100_123].status, lines[100_123].booking_id) == (LineStatus.PROPOSED, booking.pk)
    assert "BUDI SANTOSO" in lines[100_123].description
    assert lines[150_045].status == lines[75_000].status == LineStatus.UNMATCHED

    assert len(confirm_statement_matches(statement=result.statement, staff=verifier).confirmed) == 1
    booking.refresh_from_db()
    assert booking.status == Status.CONFIRMED

    again = import_statement(data=data, file_name=sample, staff=verifier)
    assert (again.created, again.already_imported) == (0, 3)
    assert StatementLine.objects.count() == 3


def test_bri_and_bni_read_the_account_number_from_the_header(verifier, db):
    bri = import_statement(data=(SAMPLES / "bri-ib.csv").read_bytes(), file_name="bri.csv", staff=verifier)
    bni = import_statement(data=(SAMPLES / "bni-ib.csv").read_bytes(), file_name="bni.csv", staff=verifier)
    assert bri.skipped == 2  # the Saldo Awal / Saldo Akhir footer
    assert (bri.statement.layout, bni.statement.layout) == ("bri", "bni")


def test_the_same_line_in_two_of_our_accounts_is_two_lines(verifier, db):
    one = BankAccount.objects.create(bank="Mandiri", account_number="1", holder="PT")
    two = BankAccount.objects.create(bank="Mandiri", account_number="2", holder="PT")
    data = (SAMPLES / "mandiri-mcm.csv").read_bytes()
    assert import_statement(data=data, file_name="a.csv", staff=verifier, account=one).created == 3
    assert import_statement(data=data, file_name="a.csv", staff=verifier, account=two).created == 3


def test_an_unknown_csv_asks_for_its_columns_once_and_the_next_import_reuses_them(client, verifier, customer,
                                                                                  talent):
    booking = booking_due(customer, talent, price=100_000, code=123)
    account = BankAccount.objects.create(bank="Bank Jago", account_number="5001", holder="PT")
    client.force_login(verifier)

    first = upload(client, "jago.csv", OTHER_BANK, account)

    assert first.status_code == 200 and not StatementImport.objects.exists()
    page = first.content.decode()
    assert "Choose the columns of jago.csv" in page and '<option value="Keterangan Transaksi">' in page
    token = first.context["form"].initial["token"]
    response = client.post(reverse("admin:bookings_statementimport_columns"), {
        "token": token, "date_column": "Tgl Trx", "description_column": "Keterangan Transaksi",
        "amount_column": "Nilai", "marker_column": "Arah", "date_format": "dd/mm/yyyy", "decimal_style": "comma",
    })

    assert response.status_code == 302, response.content.decode()[:2000]
    mapping = StatementMapping.objects.get()
    assert (mapping.account, mapping.amount_column, mapping.saved_by) == (account, "Nilai", verifier)
    statement = StatementImport.objects.get()
    assert statement.layout == "mapped"
    lines = list(StatementLine.objects.order_by("amount").values_list("amount", "status", "booking_id"))
    assert lines == [(42_000, LineStatus.UNMATCHED, None), (100_123, LineStatus.PROPOSED, booking.pk)]
    assert "1 debits ignored" in said(response)

    later = OTHER_BANK + b"02/12/2026;TRF MASUK SARI;77.000,00;K;1.214.123,00\r\n"
    again = upload(client, "jago-2.csv", later, account)

    assert again.status_code == 302  # straight to the result: the columns were not asked again
    assert StatementMapping.objects.count() == 1
    assert StatementLine.objects.count() == 3
    assert "2 already imported before" in said(again)


def test_columns_that_read_nothing_are_not_saved(client, verifier, db):
    account = BankAccount.objects.create(bank="Bank Jago", account_number="5001", holder="PT")
    client.force_login(verifier)
    token = upload(client, "jago.csv", OTHER_BANK, account).context["form"].initial["token"]
    response = client.post(reverse("admin:bookings_statementimport_columns"), {
        "token": token, "date_column": "Tgl Trx", "description_column": "Keterangan Transaksi",
        "amount_column": "Nilai", "date_format": "yyyy-mm-dd", "decimal_style": "comma",
    })
    assert response.status_code == 200
    assert "None of the 3 lines could be read" in response.content.decode()
    assert not StatementMapping.objects.exists() and not StatementImport.objects.exists()


def test_the_same_column_twice_is_refused(client, verifier, db):
    account = BankAccount.objects.create(bank="Bank Jago", account_number="5001", holder="PT")
    client.force_login(verifier)
    token = upload(client, "jago.csv", OTHER_BANK, account).context["form"].initial["token"]
    response = client.post(reverse("admin:bookings_statementimport_columns"), {
        "token": token, "date_column": "Tgl Trx", "description_column": "Nilai",
        "amount_column": "Nilai", "date_format": "dd/mm/yyyy", "decimal_style": "comma",
    })
    assert "three different columns" in response.content.decode()
    assert not StatementMapping.objects.exists()


def test_an_unknown_csv_without_an_account_asks_for_the_account(client, verifier, db):
    client.force_login(verifier)
    response = upload(client, "jago.csv", OTHER_BANK)
    assert response.status_code == 200
    assert "its columns are saved for that account" in response.content.decode()


def test_another_staff_members_upload_token_is_refused(client, verifier, other_verifier, db):
    account = BankAccount.objects.create(bank="Bank Jago", account_number="5001", holder="PT")
    client.force_login(verifier)
    token = upload(client, "jago.csv", OTHER_BANK, account).context["form"].initial["token"]
    client.force_login(other_verifier)
    response = client.post(reverse("admin:bookings_statementimport_columns"), {
        "token": token, "date_column": "Tgl Trx", "description_column": "Keterangan Transaksi",
        "amount_column": "Nilai", "date_format": "dd/mm/yyyy", "decimal_style": "comma",
    })
    assert response.status_code == 302 and not StatementMapping.objects.exists()


def test_a_cs_agent_cannot_choose_columns(client, cs_agent, db):
    client.force_login(cs_agent)
    assert client.post(reverse("admin:bookings_statementimport_columns"), {"token": "x"}).status_code == 403


def test_an_expired_upload_sends_staff_back_to_upload_again(client, verifier, db):
    client.force_login(verifier)
    response = client.post(reverse("admin:bookings_statementimport_columns"), {"token": "gone"})
    assert response["Location"] == reverse("admin:bookings_statementimport_add")
    assert "Upload the file again" in said(response)


def test_the_sender_name_breaks_a_tie_between_two_bookings_of_the_same_price(verifier, talent, db):
    """Both customers booked a Rp 100.000 package; Budi transferred the bare price without his code."""
    budi = CustomerFactory(display_name="Budi Santoso")
    sari = CustomerFactory(display_name="Sari Dewi")
    budis = booking_due(budi, talent, price=100_000, code=123)
    booking_due(sari, talent, price=100_000, code=456, starts_at=wib(2026, 12, 1, 23, 30))
    data = b"date,description,amount\r\n2026-12-01,TRSF E-BANKING CR BUDI SANTOSO,100000\r\n" \
           b"2026-12-01,TRSF E-BANKING CR SOMEONE ELSE,100000\r\n"

    import_statement(data=data, file_name="m.csv", staff=verifier)

    named, unnamed = StatementLine.objects.order_by("pk")
    assert (named.status, named.booking_id) == (LineStatus.PROPOSED, budis.pk)
    assert "sender name" in named.note
    assert unnamed.status == LineStatus.AMBIGUOUS  # Sari's booking is still open: staff decide


def test_the_sender_name_on_the_proof_counts_too(verifier, customer, talent, package):
    payment = waiting_payment(customer, talent, package)
    payment.sender_name = "Rina Marlina"
    payment.save(update_fields=["sender_name"])
    other = booking_due(CustomerFactory(), talent, price=payment.booking.price, code=900,
                        starts_at=wib(2026, 12, 1, 23, 30))
    data = f"date,description,amount\r\n2026-12-01,SWITCHING CR RINA MARLINA,{payment.booking.price}\r\n".encode()
    import_statement(data=data, file_name="m.csv", staff=verifier)
    line = StatementLine.objects.get()
    assert line.booking_id == payment.booking_id != other.pk


def test_a_bare_price_from_someone_else_is_not_matched(verifier, customer, talent):
    booking_due(customer, talent, price=100_000, code=123)
    import_statement(data=b"date,description,amount\r\n2026-12-01,TRSF ANON,100000\r\n", file_name="m.csv",
                     staff=verifier)
    line = StatementLine.objects.get()
    assert line.status == LineStatus.UNMATCHED and "without its unique code" in line.note


def _unmatched_line(verifier, amount: int) -> StatementLine:
    import_statement(data=f"date,description,amount\r\n2026-12-01,TRSF BUDI,{amount}\r\n".encode(),
                     file_name="m.csv", staff=verifier)
    return StatementLine.objects.get(status=LineStatus.UNMATCHED)


def test_staff_assign_an_unmatched_line_by_hand_and_the_payment_is_verified(client, verifier, customer, talent):
    booking = booking_due(customer, talent, price=100_000, code=123)
    line = _unmatched_line(verifier, 100_200)  # the customer sent a little more than due
    client.force_login(verifier)
    page = client.get(reverse("admin:bookings_statementimport_change", args=[line.statement_id])).content.decode()
    assert reverse("admin:bookings_statementline_assign", args=[line.pk]) in page

    response = client.post(reverse("admin:bookings_statementline_assign", args=[line.pk]),
                           {"booking": f"#{booking.pk}"})

    assert response["Location"] == reverse("admin:bookings_statementimport_change", args=[line.statement_id])
    line.refresh_from_db()
    booking.refresh_from_db()
    assert (line.status, line.booking_id) == (LineStatus.CONFIRMED, booking.pk)
    assert line.payment.status == PaymentStatus.VERIFIED and line.payment.decided_by == verifier
    assert booking.status == Status.CONFIRMED
    assert "Assigned by hand" in line.note


def test_assigning_needs_the_verify_permission(client, cs_agent, verifier, customer, talent):
    booking = booking_due(customer, talent, price=100_000, code=123)
    line = _unmatched_line(verifier, 100_200)
    client.force_login(cs_agent)
    response = client.post(reverse("admin:bookings_statementline_assign", args=[line.pk]), {"booking": booking.pk})
    assert response.status_code == 403
    line.refresh_from_db()
    assert line.status == LineStatus.UNMATCHED


@pytest.mark.parametrize("typed", ["", "abc", "999999", "1" * 40])
def test_a_wrong_booking_number_is_a_message(client, verifier, db, typed):
    line = _unmatched_line(verifier, 100_200)
    client.force_login(verifier)
    response = client.post(reverse("admin:bookings_statementline_assign", args=[line.pk]), {"booking": typed})
    assert response.status_code == 302 and "No booking #" in said(response)


def test_a_line_below_the_price_or_for_a_paid_booking_is_refused(client, verifier, customer, talent):
    booking = booking_due(customer, talent, price=100_000, code=123)
    small = _unmatched_line(verifier, 50_000)
    client.force_login(verifier)
    response = client.post(reverse("admin:bookings_statementline_assign", args=[small.pk]), {"booking": booking.pk})
    assert "cannot be that booking's payment" in said(response)
    Booking.objects.filter(pk=booking.pk).update(status=Status.CANCELLED)
    response = client.post(reverse("admin:bookings_statementline_assign", args=[small.pk]), {"booking": booking.pk})
    assert "is not waiting for a payment" in said(response)
    small.refresh_from_db()
    assert small.status == LineStatus.UNMATCHED


def _statement_with(verifier, lines: int) -> StatementImport:
    rows = "".join(f"01/12/26 09:00:00,TRANSFER DARI PENGIRIM {n:05d},8888888,0.00,\"{7_000_000 + n:,}.00\",0.00\r\n"
                   for n in range(lines))
    data = ("TANGGAL TRANSAKSI,URAIAN TRANSAKSI,TELLER,DEBET,KREDIT,SALDO\r\n" + rows).encode()
    return import_statement(data=data, file_name=f"bri-{lines}.csv", staff=verifier).statement


def test_the_statement_page_with_assign_forms_costs_the_same_queries_for_3_and_300_lines(client, verifier):
    client.force_login(verifier)
    small, big = _statement_with(verifier, 3), _statement_with(verifier, 300)
    client.get(reverse("admin:bookings_statementimport_change", args=[small.pk]))
    counts = []
    for statement in (small, big):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("admin:bookings_statementimport_change", args=[statement.pk]))
        assert response.status_code == 200 and "Assign and verify" in response.content.decode()
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_the_upload_and_column_pages_cost_a_few_queries(client, verifier, django_assert_max_num_queries):
    account = BankAccount.objects.create(bank="Bank Jago", account_number="5001", holder="PT")
    client.force_login(verifier)
    client.get(reverse("admin:bookings_statementimport_add"))
    with django_assert_max_num_queries(8):
        assert client.get(reverse("admin:bookings_statementimport_add")).status_code == 200
    with django_assert_max_num_queries(12):
        assert upload(client, "jago.csv", OTHER_BANK, account).status_code == 200


BAD_INPUT = {
    "empty": b"",
    "only blank lines": b"\r\n\r\n\r\n",
    "utf-16 with BOM": codecs.BOM_UTF16_LE + "Date,Description,Credit\r\n01/12/26,BUDI,100\r\n".encode("utf-16-le"),
    "utf-8 BOM on a Mandiri export": codecs.BOM_UTF8 + (SAMPLES / "mandiri-mcm.csv").read_bytes(),
    "cp1252 description": "date,description,amount\r\n2026-12-01,TRF JOSÉ,100123\r\n".encode("cp1252"),
    "semicolon BNI": semicolons((SAMPLES / "bni-ib.csv").read_bytes()),
    "binary": bytes(range(256)) * 40,
    "a header of 5000 columns": (",".join(f"c{n}" for n in range(5000)) + "\r\n").encode(),
    "BRI with a broken date": (SAMPLES / "bri-ib.csv").read_bytes().replace(b"01/12/26 09:15:22", b"99/99/99"),
    "Mandiri with sen": (SAMPLES / "mandiri-mcm.csv").read_bytes().replace(b'"100,123.00"', b'"100,123.45"'),
    "huge quoted field": b"Date,Description,Credit,Debit\r\n01/12/26,\"" + b"x" * 300_000 + b"\",100,0\r\n",
}


@pytest.mark.parametrize("content", BAD_INPUT.values(), ids=BAD_INPUT.keys())
def test_a_strange_file_gets_a_message_never_a_500(client, verifier, db, content):
    account = BankAccount.objects.create(bank="Bank Jago", account_number="5001", holder="PT")
    client.force_login(verifier)
    response = upload(client, "mutasi.csv", content, account)
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        body = response.content.decode()
        assert "errorlist" in body or "Choose the columns" in body
    assert not StatementLine.objects.filter(amount__gt=100_000_000).exists()


def test_a_utf16_file_from_excel_offers_its_real_column_names(client, verifier, db):
    account = BankAccount.objects.create(bank="Bank Jago", account_number="5001", holder="PT")
    client.force_login(verifier)
    response = upload(client, "mutasi.csv", BAD_INPUT["utf-16 with BOM"], account)
    assert '<option value="Date">' in response.content.decode()


def test_a_bom_and_semicolons_still_read_the_bank_layout(verifier, db):
    data = BAD_INPUT["utf-8 BOM on a Mandiri export"]
    assert import_statement(data=data, file_name="m.csv", staff=verifier).statement.layout == "mandiri"
    bni = import_statement(data=BAD_INPUT["semicolon BNI"], file_name="b.csv", staff=verifier)
    assert (bni.statement.layout, bni.created, bni.debits) == ("bni", 3, 1)


def test_the_unmatched_list_links_each_line_to_its_assign_form_in_constant_queries(client, verifier):
    client.force_login(verifier)
    small, big = _statement_with(verifier, 3), _statement_with(verifier, 300)
    url = reverse("admin:bookings_statementline_changelist") + "?status__exact=unmatched"
    client.get(url)
    counts = []
    for statement in (small, big):
        with CaptureQueriesContext(connection) as queries:
            body = client.get(url + f"&statement__id__exact={statement.pk}").content.decode()
        counts.append(len(queries))
    line = StatementLine.objects.filter(statement=big).first()
    assert reverse("admin:bookings_statementimport_change", args=[big.pk]) + f"#line-{line.pk}" in body
    assert counts[0] == counts[1]
