"""The statement import asks which of the service's accounts the file is from, and says how many lines it skipped."""

from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from bookings.models import BankAccount, StatementImport
from tests.admin.test_statements import bca_csv, unpaid


def test_the_import_records_the_account_and_counts_skipped_lines(client, verifier, customer, talent, package):
    bca = BankAccount.objects.create(bank="BCA", account_number="8720441123", holder="PT")
    BankAccount.objects.create(bank="Mandiri", account_number="137", holder="PT")
    booking = unpaid(customer, talent, package)
    client.force_login(verifier)
    form = client.get(reverse("admin:bookings_statementimport_add")).content.decode()
    assert 'name="account"' in form and "Mandiri" in form
    data = bca_csv(("01/12", "TRSF", booking.amount_due, "CR")) + b"\nnot a line at all,,\n"
    response = client.post(reverse("admin:bookings_statementimport_add"),
                           {"file": SimpleUploadedFile("mutasi.csv", data), "account": bca.pk})
    statement = StatementImport.objects.get()
    assert statement.account == bca
    said = " ".join(str(m) for m in get_messages(response.wsgi_request))
    assert f"{statement.skipped_lines} " in said and ("skipped" in said or "dilewati" in said)


def test_the_account_must_be_chosen_when_the_service_has_accounts(client, verifier, db):
    BankAccount.objects.create(bank="BCA", account_number="1", holder="PT")
    client.force_login(verifier)
    response = client.post(reverse("admin:bookings_statementimport_add"),
                           {"file": SimpleUploadedFile("mutasi.csv", bca_csv(("01/12", "TRSF", 10_000, "CR")))})
    assert response.status_code == 200 and not StatementImport.objects.exists()
