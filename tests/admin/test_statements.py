"""Bank-statement import: exact matches proposed, ambiguous and unmatched listed, nothing matched twice."""

from datetime import date
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse

from bookings.models import Booking, BookingEvent, Payment, StatementLine, Status
from bookings.models.payment import PaymentStatus
from bookings.models.statement import LineStatus
from bookings.services import confirm_statement_matches, create_booking, import_statement
from bookings.statement_formats import parse
from tests.admin.conftest import waiting_payment
from tests.conftest import wib
from tests.factories import PackageFactory

SAMPLES = Path(__file__).resolve().parents[2] / "bookings" / "samples"


def bca_csv(*rows: tuple[str, str, int, str]) -> bytes:
    """A KlikBCA mutation export with these (dd/mm, description, amount, CR|DB) rows."""
    lines = ["No. rekening : 0123456789", "Nama : PT SLEEP CALL", "Periode : 01/12/2026 - 01/12/2026",
             "Kode Mata Uang : Rp", "", "Tanggal Transaksi,Keterangan,Cabang,Jumlah,,Saldo"]
    lines += [f"'{day},{text},'0000,{amount}.00,{kind},9000000.00" for day, text, amount, kind in rows]
    lines += ["", "Saldo Awal,1000000.00", "Saldo Akhir,9000000.00"]
    return "\r\n".join(lines).encode()


def unpaid(customer, talent, package, starts_at=None) -> Booking:
    starts_at = starts_at or wib(2026, 12, 1, 22)
    return create_booking(customer=customer, talent=talent, package=package, starts_at=starts_at)


def test_the_shipped_samples_are_read(db):
    bca = parse((SAMPLES / "bca-mutasi.csv").read_bytes(), today=date(2026, 12, 3))
    generic = parse((SAMPLES / "generic.csv").read_bytes(), today=date(2026, 12, 3))
    assert [(r.amount, r.is_credit) for r in bca.rows] == [(100123, True), (150045, True), (10000, False),
                                                           (75000, True)]
    assert bca.skipped == 1  # the PEND line is not final yet
    assert [(r.amount, r.is_credit) for r in generic.rows] == [(100123, True), (10000, False), (150045, True)]


def test_a_semicolon_csv_from_excel_is_read_and_sen_are_never_rounded_into_a_match(db):
    data = b"date;description;amount\r\n2026-12-01;TRSF BUDI;100.123,00\r\n2026-12-01;TRSF SARI;100.123,50\r\n"
    statement = parse(data, today=date(2026, 12, 3))
    assert [(r.amount, r.description) for r in statement.rows] == [(100123, "TRSF BUDI")]
    assert statement.skipped == 1


def test_an_exact_match_is_proposed_then_verified_through_verify_payment(verifier, customer, talent, package):
    booking = unpaid(customer, talent, package)
    result = import_statement(data=bca_csv(("01/12", "TRSF CR BUDI", booking.amount_due, "CR")), file_name="m.csv",
                              staff=verifier)
    line = StatementLine.objects.get()
    assert (result.created, line.status, line.booking_id) == (1, LineStatus.PROPOSED, booking.pk)

    outcome = confirm_statement_matches(statement=result.statement, staff=verifier)

    assert outcome.problems == [] and len(outcome.confirmed) == 1
    booking.refresh_from_db()
    line.refresh_from_db()
    assert booking.status == Status.CONFIRMED
    assert line.status == LineStatus.CONFIRMED
    assert line.payment.status == PaymentStatus.VERIFIED and line.payment.decided_by == verifier
    assert not line.payment.proof  # the statement line is the proof
    moves = list(BookingEvent.objects.filter(booking=booking).values_list("to_status", "actor_id"))
    assert moves[-2:] == [(Status.PAYMENT_SUBMITTED, verifier.pk), (Status.CONFIRMED, verifier.pk)]
    submitted = BookingEvent.objects.get(booking=booking, to_status=Status.PAYMENT_SUBMITTED)
    assert "bank statement m.csv" in submitted.reason


def test_a_match_reuses_the_customers_waiting_payment(verifier, customer, talent, package):
    payment = waiting_payment(customer, talent, package)
    result = import_statement(data=bca_csv(("01/12", "TRSF", payment.booking.amount_due, "CR")), file_name="m.csv",
                              staff=verifier)
    confirm_statement_matches(statement=result.statement, staff=verifier)
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.VERIFIED
    assert Payment.objects.count() == 1
    assert StatementLine.objects.get().payment == payment


def test_a_claim_that_differs_from_the_statement_is_left_for_a_person(verifier, customer, talent, package):
    payment = waiting_payment(customer, talent, package, claimed=90_000)
    result = import_statement(data=bca_csv(("01/12", "TRSF", payment.booking.amount_due, "CR")), file_name="m.csv",
                              staff=verifier)
    outcome = confirm_statement_matches(statement=result.statement, staff=verifier)
    assert len(outcome.problems) == 1 and "Check it by hand" in outcome.problems[0][1]
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.SUBMITTED
    assert StatementLine.objects.get().status == LineStatus.PROPOSED


def test_a_line_never_fits_two_open_bookings_because_their_amounts_differ(verifier, customer, other_customer,
                                                                          talent, package):
    """Two prices less than 1000 apart once could meet on one amount; the database now refuses it."""
    dearer = PackageFactory(offered_by=[talent], price=100_100)
    first = unpaid(customer, talent, package)
    second = unpaid(other_customer, talent, dearer, starts_at=wib(2026, 12, 1, 23, 30))
    Booking.objects.filter(pk=first.pk).update(unique_code=200, amount_due=100_200)
    with pytest.raises(IntegrityError), transaction.atomic():
        Booking.objects.filter(pk=second.pk).update(unique_code=100, amount_due=100_200)
    import_statement(data=bca_csv(("01/12", "TRSF", 100_200, "CR")), file_name="m.csv", staff=verifier)
    line = StatementLine.objects.get()
    assert line.status == LineStatus.PROPOSED and line.booking_id == first.pk


def test_unmatched_lines_and_debits(verifier, customer, talent, package):
    unpaid(customer, talent, package)
    result = import_statement(
        data=bca_csv(("01/12", "TRSF ORANG LAIN", 12_345, "CR"), ("01/12", "BIAYA ADM", 10_000, "DB")),
        file_name="m.csv", staff=verifier,
    )
    assert result.debits == 1
    assert list(StatementLine.objects.values_list("status", flat=True)) == [LineStatus.UNMATCHED]


def test_a_line_dated_after_the_session_does_not_match(verifier, customer, talent, package):
    booking = unpaid(customer, talent, package)
    import_statement(data=bca_csv(("05/12", "TRSF", booking.amount_due, "CR")), file_name="m.csv", staff=verifier)
    assert StatementLine.objects.get().status == LineStatus.UNMATCHED


def test_reimporting_the_same_file_matches_nothing_twice(verifier, customer, talent, package):
    booking = unpaid(customer, talent, package)
    data = bca_csv(("01/12", "TRSF", booking.amount_due, "CR"), ("01/12", "TRSF LAIN", 5_000, "CR"))
    first = import_statement(data=data, file_name="m.csv", staff=verifier)
    confirm_statement_matches(statement=first.statement, staff=verifier)

    again = import_statement(data=data, file_name="m.csv", staff=verifier)

    assert (again.created, again.already_imported) == (0, 2)
    assert StatementLine.objects.count() == 2
    assert confirm_statement_matches(statement=again.statement, staff=verifier).confirmed == []
    assert BookingEvent.objects.filter(booking=booking, to_status=Status.CONFIRMED).count() == 1


def test_a_different_line_for_an_already_matched_booking_is_not_proposed(verifier, customer, talent, package):
    booking = unpaid(customer, talent, package)
    import_statement(data=bca_csv(("01/12", "TRSF A", booking.amount_due, "CR")), file_name="a.csv", staff=verifier)
    import_statement(data=bca_csv(("01/12", "TRSF B", booking.amount_due, "CR")), file_name="b.csv", staff=verifier)
    assert list(StatementLine.objects.order_by("pk").values_list("status", flat=True)) == [
        LineStatus.PROPOSED, LineStatus.UNMATCHED
    ]


def test_two_identical_lines_in_one_file_are_two_lines(verifier, db):
    result = import_statement(data=bca_csv(("01/12", "TRSF", 5_000, "CR"), ("01/12", "TRSF", 5_000, "CR")),
                              file_name="m.csv", staff=verifier)
    assert result.created == 2


def test_staff_import_and_confirm_in_the_admin(client, verifier, customer, talent, package):
    booking = unpaid(customer, talent, package)
    client.force_login(verifier)
    upload = SimpleUploadedFile("mutasi.csv", bca_csv(("01/12", "TRSF", booking.amount_due, "CR")))
    response = client.post(reverse("admin:bookings_statementimport_add"), {"file": upload})
    statement = StatementLine.objects.get().statement
    assert response["Location"] == reverse("admin:bookings_statementimport_change", args=[statement.pk])
    page = client.get(response["Location"]).content.decode()
    assert reverse("admin:bookings_statementimport_confirm", args=[statement.pk]) in page

    client.post(reverse("admin:bookings_statementimport_confirm", args=[statement.pk]))

    booking.refresh_from_db()
    assert booking.status == Status.CONFIRMED


def test_an_unreadable_file_is_a_form_error_not_a_crash(client, verifier, db):
    client.force_login(verifier)
    upload = SimpleUploadedFile("foto.csv", b"\x89PNG not a statement")
    response = client.post(reverse("admin:bookings_statementimport_add"), {"file": upload})
    assert response.status_code == 200
    assert "not a bank statement we can read" in response.content.decode()


BAD_FILES = {
    "negative credit": bca_csv(("01/12", "TRSF", -5000, "CR")),
    "amount too large": bca_csv(("01/12", "TRSF", 99_999_999_999_999, "CR")),
    "NUL in a description": bca_csv(("01/12", "TRSF\x00BUDI", 100_123, "CR")),
    "impossible period": bca_csv(("01/12", "TRSF", 100_123, "CR")).replace(b"01/12/2026 - 01/12/2026",
                                                                          b"31/02/2026 - 31/02/2026"),
    "huge field": b"date,description,amount\r\n2026-12-01,\"" + b"x" * 200_000 + b"\",100123\r\n",
}


@pytest.mark.parametrize("content", BAD_FILES.values(), ids=BAD_FILES.keys())
def test_a_strange_file_never_crashes_the_upload(client, verifier, db, content):
    client.force_login(verifier)
    response = client.post(reverse("admin:bookings_statementimport_add"),
                           {"file": SimpleUploadedFile("mutasi.csv", content)})
    assert response.status_code in (200, 302)
    assert not StatementLine.objects.filter(amount__gt=100_000_000).exists()


def test_a_booking_matched_by_two_files_is_confirmed_once_and_the_second_line_explained(verifier, customer, talent,
                                                                                       package):
    """Two imports that each proposed the booking (uploaded at the same moment, before this lock existed)."""
    booking = unpaid(customer, talent, package)
    first = import_statement(data=bca_csv(("01/12", "TRSF A", booking.amount_due, "CR")), file_name="a.csv",
                             staff=verifier)
    second = import_statement(data=bca_csv(("01/12", "TRSF B", booking.amount_due, "CR")), file_name="b.csv",
                              staff=verifier)
    StatementLine.objects.filter(statement=second.statement).update(status=LineStatus.PROPOSED, booking=booking)
    confirm_statement_matches(statement=first.statement, staff=verifier)
    outcome = confirm_statement_matches(statement=second.statement, staff=verifier)
    assert outcome.confirmed == [] and "already paid by a line of a.csv" in outcome.problems[0][1]
    assert Payment.objects.filter(booking=booking, status=PaymentStatus.VERIFIED).count() == 1


def test_a_cs_agent_cannot_import_or_confirm(client, cs_agent, db):
    client.force_login(cs_agent)
    upload = SimpleUploadedFile("mutasi.csv", bca_csv(("01/12", "TRSF", 5_000, "CR")))
    assert client.post(reverse("admin:bookings_statementimport_add"), {"file": upload}).status_code == 403


def test_a_file_over_2_mb_is_refused_with_a_message(client, verifier, db):
    client.force_login(verifier)
    upload = SimpleUploadedFile("mutasi.csv", b"date,description,amount\r\n" + b"x" * (2 * 1024 * 1024))
    response = client.post(reverse("admin:bookings_statementimport_add"), {"file": upload})
    assert response.status_code == 200
    assert "2 MB" in response.content.decode()
    assert not StatementLine.objects.exists()
