"""Reading bank-statement CSV exports ("mutasi rekening") into plain rows. No database here.

Two layouts are understood (see docs/bank-statements.md):
- "bca": the KlikBCA mutation export: a few header lines (No. rekening, Nama, Periode, Kode Mata Uang),
  then "Tanggal Transaksi,Keterangan,Cabang,Jumlah,,Saldo", rows dated 'DD/MM with CR/DB, and a
  footer (Saldo Awal, Mutasi Kredit, Mutasi Debet, Saldo Akhir). PEND rows are not final and skipped.
- "generic": a header "date,description,amount" (optional ",type" with CR/DB), comma- or
  semicolon-separated; dates YYYY-MM-DD or DD/MM/YYYY; a negative amount or type DB is a debit.
- "mandiri", "bri", "bni": the internet-banking CSV exports of those banks, read by `Columns` specs.
- "mapped": any other CSV with a header row, read by the columns staff chose once for the account.
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
    message = _(
        "This file is not a bank statement we can read. Use the CSV export of BCA, Mandiri, BRI or BNI, "
        "the generic layout, or choose its columns for the account."
    )


class StatementNeedsMapping(StatementUnreadable):
    """A CSV with a header row we do not know: staff choose its columns once for the account."""

    message = _("We do not know this file's layout. Choose which column holds the date, description and amount.")

    def __init__(self, columns: list[str], **kwargs) -> None:
        super().__init__(**kwargs)
        self.columns = columns


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


BANK_NAMES = {"bca": "BCA", "mandiri": "Mandiri", "bri": "BRI", "bni": "BNI", "generic": "Bank", "mapped": "Bank"}


# A credit line above this is not a session payment (and would not fit the amount column).
MAX_AMOUNT = 100_000_000


def decode(data: bytes) -> str:
    """Text without NUL characters, which PostgreSQL refuses in text columns.

    Excel's "Unicode text" saves UTF-16 with a byte-order mark; anything else is UTF-8 (with or without
    a BOM) or, failing that, Windows-1252 as older internet-banking exports write it.
    """
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return data.decode("utf-16").replace("\x00", "")
        except UnicodeDecodeError:
            pass
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


def parse(data: bytes, *, today: date, mapping: Columns | None = None) -> Statement:
    """Any file staff upload: a statement, or StatementUnreadable, never an exception of the csv module.

    `mapping` is the account's saved column choice, used when the file is none of the known layouts.
    """
    try:
        return _parse(data, today=today, mapping=mapping)
    except csv.Error as error:  # e.g. a field over the csv module's size limit
        raise StatementUnreadable() from error


def _parse(data: bytes, *, today: date, mapping: Columns | None = None) -> Statement:
    text = decode(data)
    lines = text.splitlines()
    if any(
        line.replace('"', "").lower().replace(" ", "").startswith("tanggaltransaksi,keterangan,") for line in lines
    ):
        return _parse_bca(lines, today=today)
    for delimiter in (",", ";"):  # Excel in an Indonesian locale saves CSV with semicolons
        if lines and [c.strip().lower() for c in next(csv.reader([lines[0]], delimiter=delimiter))][:3] == [
            "date", "description", "amount"
        ]:
            return _parse_generic(text, delimiter=delimiter)
    for spec in BANK_LAYOUTS:
        found = _find_header(lines, spec)
        if found is not None:
            return _parse_columns(lines, spec, *found)
    if mapping is not None:
        found = _find_header(lines, mapping)
        if found is not None:
            return _parse_columns(lines, mapping, *found)
    columns = header_columns(lines)
    if columns:
        raise StatementNeedsMapping(columns)
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
        elif line.replace('"', "").lower().replace(" ", "").startswith("tanggaltransaksi,keterangan,"):
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


# --- Column layouts: the three other big banks, and the mapping staff choose for any other CSV. ---

DATE_FORMATS = {
    "dd/mm/yyyy": "%d/%m/%Y",
    "dd/mm/yy": "%d/%m/%y",
    "dd-mm-yyyy": "%d-%m-%Y",
    "dd-mmm-yyyy": "%d-%b-%Y",
    "dd mmm yyyy": "%d %b %Y",
    "yyyy-mm-dd": "%Y-%m-%d",
    "mm/dd/yyyy": "%m/%d/%Y",
}
# Indonesian month abbreviations (BNI and many exports in an Indonesian locale) in English, for strptime.
ID_MONTHS = {"mei": "May", "agu": "Aug", "agt": "Aug", "okt": "Oct", "des": "Dec", "nop": "Nov"}
CREDIT_MARKS = {"CR", "C", "K", "KR", "KREDIT", "CREDIT"}
DEBIT_MARKS = {"DB", "D", "DR", "DEBET", "DEBIT"}
DELIMITERS = (",", ";", "\t", "|")
MAX_COLUMNS = 60  # a header wider than this is not a statement header


@dataclass(frozen=True)
class Columns:
    """Where a layout keeps each field, by the header's column names (compared without case or spaces).

    Money in is `credit` (with `debit` beside it), or one `amount` column that is negative for money out
    or carries a CR/DB `marker` (in its own column, or after the number: "1,000.00 CR").
    """

    layout: str
    date: str
    description: tuple[str, ...]
    date_formats: tuple[str, ...]
    amount: str = ""
    credit: str = ""
    debit: str = ""
    marker: str = ""
    decimal: str = "auto"  # "dot": 1,234,567.00; "comma": 1.234.567,00; "auto": guess per cell
    account_label: str = ""  # a header line "<label> : 123..." above the table names the account


MANDIRI = Columns(
    layout="mandiri", date="Date", description=("Description", "Reference No."), credit="Credit", debit="Debit",
    date_formats=("%d/%m/%y", "%d/%m/%Y"), decimal="dot",
)
BRI = Columns(
    layout="bri", date="Tanggal Transaksi", description=("Uraian Transaksi",), credit="Kredit", debit="Debet",
    date_formats=("%d/%m/%y", "%d/%m/%Y"), decimal="dot", account_label="No. Rekening",
)
BNI = Columns(
    layout="bni", date="Tanggal Transaksi", description=("Uraian Transaksi",), amount="Nominal", marker="Tipe",
    date_formats=("%d-%b-%Y", "%d/%m/%Y"), decimal="comma", account_label="Nomor Rekening",
)
BANK_LAYOUTS = (MANDIRI, BRI, BNI)


def _key(name: str) -> str:
    return re.sub(r"\s+", "", name.strip().strip("'\"\ufeff").lower())


def _cells(line: str, delimiter: str) -> list[str]:
    return next(csv.reader([line], delimiter=delimiter), [])


def _required(spec: Columns) -> set[str]:
    names = {spec.date, *spec.description, spec.amount, spec.credit, spec.debit, spec.marker}
    return {_key(name) for name in names if name}


def _find_header(lines: list[str], spec: Columns) -> tuple[int, str, list[str]] | None:
    """The first line (of the first 30) holding every column the spec names, with its delimiter."""
    wanted = _required(spec)
    for index, line in enumerate(lines[:30]):
        for delimiter in DELIMITERS:
            if delimiter not in line:
                continue
            names = [_key(cell) for cell in _cells(line, delimiter)]
            if wanted <= set(names):
                return index, delimiter, names
    return None


def header_columns(lines: list[str]) -> list[str]:
    """The column names of an unknown CSV: its first line of three or more named cells (for the mapping form)."""
    for line in lines[:30]:
        best: list[str] = []
        for delimiter in DELIMITERS:
            cells = [" ".join(cell.strip().strip("\ufeff").split()) for cell in _cells(line, delimiter)]
            if len(cells) > len(best):
                best = cells
        named = [cell for cell in best if cell]
        if 3 <= len(named) <= MAX_COLUMNS and len(set(map(_key, named))) == len(named) and all(
            len(cell) <= 100 for cell in named
        ):
            return named
    return []


def parse_amount_style(text: str, decimal: str) -> int:
    """An amount written the way the layout says: 'dot' 1,234,567.00 or 'comma' 1.234.567,00 → whole rupiah."""
    if decimal == "auto":
        return parse_amount(text)
    cleaned = re.sub(r"[^\d.,-]", "", text)
    thousands, point = (",", ".") if decimal == "dot" else (".", ",")
    whole, _sep, sen = cleaned.replace(thousands, "").partition(point)
    whole = whole if whole.strip("-") else whole + "0"  # Mandiri writes nothing as ".00"
    if not re.fullmatch(r"-?\d+", whole) or not re.fullmatch(r"\d*", sen):
        raise ValueError(text)
    if sen.strip("0"):
        raise ValueError(text)  # sen on a rupiah transfer: never a session payment
    return int(whole)


def parse_date(text: str, formats: tuple[str, ...]) -> date:
    """'01/12/26', '01-Des-2026' or '2026-12-01 09:15:01' by the layout's formats (a time after the date ignored)."""
    text = text.strip().lstrip("'")
    words = re.split(r"(\W)", text)
    text = "".join(ID_MONTHS.get(word.lower(), word) for word in words)
    for candidate in (text, text.split(" ")[0], " ".join(text.split(" ")[:3])):
        for pattern in formats:
            try:
                return datetime.strptime(candidate, pattern).date()
            except ValueError:
                continue
    raise ValueError(text)


def _parse_columns(lines: list[str], spec: Columns, header_at: int, delimiter: str, names: list[str]) -> Statement:
    statement = Statement(layout=spec.layout)
    for line in lines[:header_at]:
        label, _sep, value = line.partition(":")
        if spec.account_label and _key(label) == _key(spec.account_label):
            statement.account = re.sub(r"\D", "", value)[:30]
    at = {name: names.index(name) for name in names}
    column = {field_name: at.get(_key(getattr(spec, field_name)), -1) if getattr(spec, field_name) else -1
              for field_name in ("date", "amount", "credit", "debit", "marker")}
    described = [index for index, name in enumerate(names) if name in {_key(d) for d in spec.description}]
    for cells in csv.reader(lines[header_at + 1:], delimiter=delimiter):
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) < len(names) - 1:  # a footer such as "Saldo Awal,..." or a total line
            statement.skipped += 1
            continue
        cells = cells + [""] * (len(names) - len(cells))
        try:
            row = _read_row(cells, spec, column, described)
        except ValueError:
            statement.skipped += 1
            continue
        if not 0 < row.amount <= MAX_AMOUNT:
            statement.skipped += 1
            continue
        statement.rows.append(row)
    return statement


def _read_row(cells: list[str], spec: Columns, column: dict[str, int], described: list[int]) -> Row:
    row_date = parse_date(cells[column["date"]], spec.date_formats)
    description = " ".join(" ".join(cells[index] for index in described).split())
    if column["credit"] >= 0:
        credit = cells[column["credit"]].strip()
        debit = cells[column["debit"]].strip() if column["debit"] >= 0 else ""
        credit_amount = parse_amount_style(credit, spec.decimal) if re.search(r"\d", credit) else 0
        if credit_amount:
            return Row(row_date, description, credit_amount, True)
        return Row(row_date, description, abs(parse_amount_style(debit, spec.decimal)), False)
    raw = cells[column["amount"]].strip()
    mark = cells[column["marker"]] if column["marker"] >= 0 else ""
    if not mark:
        found = re.search(r"([A-Za-z]+)\.?\s*$", raw)
        mark = found[1] if found else ""
    mark = mark.strip().rstrip(".").upper()
    amount = parse_amount_style(re.sub(r"[A-Za-z.]+\s*$", "", raw) if mark else raw, spec.decimal)
    if mark and mark not in CREDIT_MARKS | DEBIT_MARKS:
        raise ValueError(mark)
    is_credit = amount > 0 and mark not in DEBIT_MARKS
    return Row(row_date, description, abs(amount), is_credit)
