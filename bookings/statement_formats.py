"""Reading bank-statement CSV exports ("mutasi rekening") into plain rows. No database here.

Two layouts are understood (see docs/bank-statements.md):
- "bca": the KlikBCA mutation export: a few header lines (No. rekening, Nama, Periode, Kode Mata Uang),
  then "Tanggal Transaksi,Keterangan,Cabang,Jumlah,,Saldo", rows dated 'DD/MM with CR/DB, and a
  footer (Saldo Awal, Mutasi Kredit, Mutasi Debet, Saldo Akhir). PEND rows are not final and skipped.
- "generic": a header "date,description,amount" (optional ",type" with CR/DB), comma- or
  semicolon-separated; dates YYYY-MM-DD or DD/MM/YYYY; a negative amount or type DB is a debit.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext_lazy as _

from bookings.errors import BookingError


class StatementUnreadable(BookingError):
    message = _("This file is not a bank statement we can read. Use the BCA mutation export or the generic layout.")


@dataclass(frozen=True)
class Row:
    date: date
    description: str
    amount: int
    is_credit: bool


@dataclass
class Statement:
    layout: str
    account: str = ""
    rows: list[Row] = field(default_factory=list)
    skipped: int = 0  # pending rows and lines we could not read


BANK_NAMES = {"bca": "BCA", "generic": "Bank"}


# A credit line above this is not a session payment (and would not fit the amount column).
MAX_AMOUNT = 100_000_000


def decode(data: bytes) -> str:
    """Text without NUL characters, which PostgreSQL refuses in text columns."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding).replace("\x00", "")
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1").replace("\x00", "")


def parse_amount(text: str) -> int:
    """'100,123.00', '100.123,00', 'Rp 100.123' or '100123' → 100123 (whole rupiah)."""
    cleaned = re.sub(r"[^\d.,-]", "", text)
    if not cleaned:
        raise ValueError(text)
    if re.search(r"[.,]\d{2}$", cleaned) and not re.search(r"[.,]\d{3}$", cleaned):
        if cleaned[-2:] != "00":
            raise ValueError(text)  # sen on a rupiah transfer: never a session payment, never rounded into one
        cleaned = cleaned[:-3]
    cleaned = cleaned.replace(".", "").replace(",", "")
    try:
        return int(Decimal(cleaned))
    except InvalidOperation as error:
        raise ValueError(text) from error


def parse(data: bytes, *, today: date) -> Statement:
    """Any file staff upload: a statement, or StatementUnreadable, never an exception of the csv module."""
    try:
        return _parse(data, today=today)
    except csv.Error as error:  # e.g. a field over the csv module's size limit
        raise StatementUnreadable() from error


def _parse(data: bytes, *, today: date) -> Statement:
    text = decode(data)
    lines = text.splitlines()
    first_cells = [line.split(",")[0].strip().strip('"').lower() for line in lines]
    if any(cell == "tanggal transaksi" for cell in first_cells):
        return _parse_bca(lines, today=today)
    for delimiter in (",", ";"):  # Excel in an Indonesian locale saves CSV with semicolons
        if lines and [c.strip().lower() for c in next(csv.reader([lines[0]], delimiter=delimiter))][:3] == [
            "date", "description", "amount"
        ]:
            return _parse_generic(text, delimiter=delimiter)
    raise StatementUnreadable()


def _parse_bca(lines: list[str], *, today: date) -> Statement:
    statement = Statement(layout="bca")
    period_end = today
    header_at = 0
    for index, line in enumerate(lines):
        label, _sep, value = line.partition(":")
        key = label.strip().strip('"').lower()
        if key.startswith("no. rekening"):
            statement.account = re.sub(r"\D", "", value)
        elif key.startswith("periode"):
            found = re.findall(r"(\d{2})/(\d{2})/(\d{4})", value)
            if found:
                d, m, y = found[-1]
                try:
                    period_end = date(int(y), int(m), int(d))
                except ValueError:
                    pass  # an impossible date such as 31/02: keep today
        elif line.split(",")[0].strip().strip('"').lower() == "tanggal transaksi":
            header_at = index
            break
    for cells in csv.reader(lines[header_at + 1 :]):
        if len(cells) < 5:
            continue  # blank lines and the footer (Saldo Awal, Mutasi Kredit, ...)
        day = cells[0].strip().lstrip("'")
        if day.upper() == "PEND":
            statement.skipped += 1
            continue
        match = re.fullmatch(r"(\d{2})/(\d{2})", day)
        if not match:
            statement.skipped += 1
            continue
        d, m = int(match[1]), int(match[2])
        year = period_end.year - 1 if m > period_end.month else period_end.year
        try:
            amount = parse_amount(cells[3])
            row_date = date(year, m, d)
        except ValueError:
            statement.skipped += 1
            continue
        if not 0 < amount <= MAX_AMOUNT:
            statement.skipped += 1
            continue
        direction = cells[4].strip().upper()
        statement.rows.append(Row(row_date, " ".join(cells[1].split()), amount, direction == "CR"))
    return statement


def _parse_generic(text: str, *, delimiter: str = ",") -> Statement:
    statement = Statement(layout="generic")
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    reader.fieldnames = [name.strip().lower() for name in reader.fieldnames or []]
    for record in reader:
        try:
            row_date = _parse_date(record["date"] or "")
            raw = (record["amount"] or "").strip()
            amount = parse_amount(raw)
        except (ValueError, KeyError):
            statement.skipped += 1
            continue
        if not 0 < abs(amount) <= MAX_AMOUNT:
            statement.skipped += 1
            continue
        kind = (record.get("type") or "").strip().upper()
        is_credit = not raw.startswith("-") and kind != "DB"
        statement.rows.append(Row(row_date, " ".join((record["description"] or "").split()), abs(amount), is_credit))
    return statement


def _parse_date(text: str) -> date:
    text = text.strip()
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(text)
