"""Bank-statement import: propose matches by the unique amount, then confirm them with verify_payment.

A statement line is proof that money arrived. Confirming a match goes through the very same
`verify_payment` as the staff button. If the customer never uploaded a proof, the line itself
becomes the payment (no proof file; `StatementLine.payment` records where it came from) and the
booking moves awaiting_payment → payment_submitted first, with a history row naming the statement.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import connection, transaction
from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bookings import permissions
from bookings.errors import BookingError, IllegalTransition
from bookings.models import BankAccount, Booking, Payment, StatementImport, StatementLine, StatementMapping, Status
from bookings.models.payment import PaymentStatus
from bookings.models.statement import LineStatus
from bookings.money import rupiah
from bookings.statement_formats import BANK_NAMES, DATE_FORMATS, Columns, Row, Statement, parse
from talents.models import Talent

from .payment import verify_payment
from .transitions import lock_booking, move

MAX_FILE_BYTES = 2 * 1024 * 1024
CLAIMED = (LineStatus.PROPOSED, LineStatus.CONFIRMED)
IMPORT_LOCK_KEY = 0x5C1A_0001  # any fixed number: names the advisory lock of statement imports


class StatementMismatch(BookingError):
    message = gettext_lazy(
        "The customer says they sent %(claimed)s but the statement shows %(amount)s. Check it by hand."
    )


class TransferAlreadyMatched(BookingError):
    message = gettext_lazy(
        "Booking #%(booking)s is already paid by a line of %(file)s. If money came in twice, record a refund."
    )


class StatementTooLarge(BookingError):
    message = gettext_lazy("This file is too large for a bank statement (at most 2 MB).")


class MappingNeedsAccount(BookingError):
    message = gettext_lazy("Choose which of our accounts the file is from: its columns are saved for that account.")


class MappingColumnsRepeat(BookingError):
    message = gettext_lazy("The date, description and amount must be three different columns.")


class MappingReadsNothing(BookingError):
    message = gettext_lazy(
        "None of the %(count)s lines could be read with these columns. Check the date format and the amount column."
    )


class LineNotOpen(BookingError):
    message = gettext_lazy("This line is already matched to booking #%(booking)s.")


class LineBelowPrice(BookingError):
    message = gettext_lazy(
        "The line shows %(amount)s but booking #%(booking)s costs %(price)s: it cannot be that booking's payment."
    )


class BookingNotOpen(BookingError):
    message = gettext_lazy("Booking #%(booking)s is not waiting for a payment (%(status)s).")


@dataclass
class ImportResult:
    statement: StatementImport
    created: int = 0
    already_imported: int = 0
    debits: int = 0
    skipped: int = 0
    by_status: Counter = field(default_factory=Counter)


@dataclass
class ConfirmResult:
    confirmed: list[StatementLine] = field(default_factory=list)
    problems: list[tuple[StatementLine, str]] = field(default_factory=list)


def _fingerprints(statement: Statement, rows: list[Row]) -> list[str]:
    """Same line, same fingerprint, in any later file; two identical lines in one file stay two."""
    seen: Counter = Counter()
    prints = []
    for row in rows:
        key = f"{statement.layout}|{statement.account}|{row.date.isoformat()}|{row.description}|{row.amount}"
        seen[key] += 1
        prints.append(hashlib.sha256(f"{key}|{seen[key]}".encode()).hexdigest())
    return prints


def mapping_columns(mapping: StatementMapping) -> Columns:
    """The saved choice as a layout the reader understands."""
    return Columns(
        layout="mapped", date=mapping.date_column, description=(mapping.description_column,),
        amount=mapping.amount_column, marker=mapping.marker_column,
        date_formats=(DATE_FORMATS[mapping.date_format],), decimal=mapping.decimal_style,
    )


def save_mapping(
    *, account: BankAccount | None, staff: AbstractBaseUser, date_column: str, description_column: str,
    amount_column: str, marker_column: str = "", date_format: str, decimal_style: str,
) -> StatementMapping:
    """Remember an account's columns; choosing again replaces the old choice (one mapping per account)."""
    permissions.require(staff, permissions.IMPORT_STATEMENT)
    if account is None:
        raise MappingNeedsAccount()
    chosen = [date_column, description_column, amount_column] + ([marker_column] if marker_column else [])
    if len(set(chosen)) != len(chosen):
        raise MappingColumnsRepeat()
    mapping, _created = StatementMapping.objects.update_or_create(
        account=account,
        defaults={
            "date_column": date_column, "description_column": description_column, "amount_column": amount_column,
            "marker_column": marker_column, "date_format": date_format, "decimal_style": decimal_style,
            "saved_by": staff,
        },
    )
    return mapping


def import_with_mapping(
    *, data: bytes, file_name: str, staff: AbstractBaseUser, account: BankAccount, **columns: str,
) -> ImportResult:
    """Save an account's columns and import the file with them, or neither: a mapping that reads none of
    the file's lines is refused (`MappingReadsNothing`) and not kept."""
    with transaction.atomic():
        save_mapping(account=account, staff=staff, **columns)
        return import_statement(data=data, file_name=file_name, staff=staff, account=account)


def import_statement(
    *, data: bytes, file_name: str, staff: AbstractBaseUser, account: BankAccount | None = None,
    at: datetime | None = None,
) -> ImportResult:
    """Store the statement's new credit lines and propose a booking for each one that fits exactly one.

    A file in none of the known layouts is read with the account's saved column mapping, if it has one;
    otherwise `StatementNeedsMapping` tells the admin to ask for the columns.
    """
    permissions.require(staff, permissions.IMPORT_STATEMENT)
    if len(data) > MAX_FILE_BYTES:
        raise StatementTooLarge()
    at = at or timezone.now()
    saved = StatementMapping.objects.filter(account=account).first() if account is not None else None
    parsed = parse(data, today=timezone.localdate(at), mapping=mapping_columns(saved) if saved else None)
    if parsed.layout == "mapped" and not parsed.rows and parsed.skipped:
        raise MappingReadsNothing(count=parsed.skipped)
    if parsed.layout not in ("bca", "generic") and account is not None:
        parsed.account = parsed.account or f"account-{account.pk}"  # the same line in two accounts is two lines
    credits = [row for row in parsed.rows if row.is_credit]
    prints = _fingerprints(parsed, credits)
    with transaction.atomic():
        _one_import_at_a_time()
        statement = StatementImport.objects.create(
            file_name=file_name[:200], layout=parsed.layout, uploaded_by=staff, account=account,
            skipped_lines=parsed.skipped,
        )
        result = ImportResult(statement, debits=len(parsed.rows) - len(credits), skipped=parsed.skipped)
        known = set(StatementLine.objects.filter(fingerprint__in=prints).values_list("fingerprint", flat=True))
        fresh = [(row, fp) for row, fp in zip(credits, prints, strict=True) if fp not in known]
        result.already_imported = len(credits) - len(fresh)
        lines = _match([row for row, _fp in fresh], statement)
        for line, (_row, fp) in zip(lines, fresh, strict=True):
            line.fingerprint = fp
        StatementLine.objects.bulk_create(lines)
        result.created = len(lines)
        result.by_status = Counter(line.status for line in lines)
    return result


def _one_import_at_a_time() -> None:
    """Two imports at once would both propose the same booking; on PostgreSQL they take turns.

    A transaction-level advisory lock, released at commit; SQLite runs one writer at a time anyway.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [IMPORT_LOCK_KEY])


def _words(text: str) -> str:
    """'Budi  Santoso,' → ' BUDI SANTOSO ': names compared as whole words, without case or punctuation."""
    return " " + " ".join(re.sub(r"[^A-Z0-9]+", " ", text.upper()).split()) + " "


def _sender_names(booking: Booking) -> set[str]:
    names = {booking.customer.display_name, *(p.sender_name for p in booking.waiting_payments)}
    return {_words(name) for name in names if len(_words(name).strip()) >= 3}


def _named(description: str, bookings: list[Booking]) -> list[Booking]:
    """The bookings whose customer's (or proof's sender) name appears in the line's description."""
    text = _words(description)
    return [b for b in bookings if any(name in text for name in _sender_names(b))]


def _match(rows: list[Row], statement: StatementImport) -> list[StatementLine]:
    """Two queries for every open booking whose amount due, or price alone, is one of these amounts.

    The amount due (price + unique code) is unique among open bookings. A transfer of the bare price (the
    customer left the code off) can fit several; the sender name in the description then picks one.
    """
    amounts = {row.amount for row in rows}
    exact: dict[int, list[Booking]] = defaultdict(list)
    by_price: dict[int, list[Booking]] = defaultdict(list)
    open_bookings = (
        Booking.objects.open()
        .filter(Q(amount_due__in=amounts) | Q(price__in=amounts))
        .exclude(statement_lines__status__in=CLAIMED)
        .select_related("customer")
        .only("pk", "amount_due", "price", "created_at", "starts_at", "customer__display_name")
        .prefetch_related(Prefetch(
            "payments", to_attr="waiting_payments",
            queryset=Payment.objects.filter(status=PaymentStatus.SUBMITTED).only("booking_id", "sender_name"),
        ))
    )
    for booking in open_bookings:
        exact[booking.amount_due].append(booking)
        by_price[booking.price].append(booking)
    claimed_here: dict[int, int] = {}
    lines = []
    for index, row in enumerate(rows):
        line = StatementLine(statement=statement, date=row.date, description=row.description[:300], amount=row.amount)

        def in_window(bookings: list[Booking], row: Row = row) -> list[Booking]:
            return [b for b in bookings
                    if timezone.localdate(b.created_at) <= row.date <= timezone.localdate(b.starts_at)]

        fits, without_code = in_window(exact[row.amount]), False
        if not fits:
            fits, without_code = in_window(by_price[row.amount]), True
        if len(fits) > 1 or without_code:
            named = _named(row.description, fits)
            if len(named) == 1:
                fits = named
                line.note = _("Picked by the sender name in the description.")
                if without_code:
                    line.note = _("Paid without the unique code; picked by the sender name.")
            elif len(fits) == 1:
                line.status = LineStatus.UNMATCHED
                line.note = _("The price of booking #%(id)s without its unique code; the sender name differs.") % {
                    "id": fits[0].pk}
                lines.append(line)
                continue
            elif fits:
                line.status = LineStatus.AMBIGUOUS
                line.note = _("Fits bookings %(ids)s") % {"ids": ", ".join(f"#{b.pk}" for b in fits)}
                lines.append(line)
                continue
        if len(fits) == 1 and fits[0].pk in claimed_here:
            line.status = LineStatus.UNMATCHED
            line.note = _("Same amount as line %(n)s of this file, already proposed for booking #%(id)s") % {
                "n": claimed_here[fits[0].pk] + 1, "id": fits[0].pk,
            }
        elif len(fits) == 1:
            line.status, line.booking = LineStatus.PROPOSED, fits[0]
            claimed_here[fits[0].pk] = index
        else:
            line.status = LineStatus.UNMATCHED
        lines.append(line)
    return lines


def assign_statement_line(
    *, line: StatementLine, booking: Booking, staff: AbstractBaseUser, at: datetime | None = None
) -> Payment:
    """Staff say which booking an unmatched or ambiguous line paid: the line is matched and the payment verified.

    Everything of `confirm_statement_line` holds (same verify_payment, a claim that differs is refused);
    a line below the booking's price cannot be its payment.
    """
    permissions.require(staff, permissions.VERIFY_PAYMENT)
    with transaction.atomic():
        line = StatementLine.objects.select_for_update().get(pk=line.pk)
        if line.status not in (LineStatus.UNMATCHED, LineStatus.AMBIGUOUS):
            raise LineNotOpen(booking=line.booking_id)
        booking = Booking.objects.get(pk=booking.pk)
        if booking.status not in (Status.AWAITING_PAYMENT, Status.PAYMENT_SUBMITTED):
            raise BookingNotOpen(booking=booking.pk, status=Status(booking.status).label)
        if line.amount < booking.price:
            raise LineBelowPrice(amount=rupiah(line.amount), booking=booking.pk, price=rupiah(booking.price))
        taken = StatementLine.objects.filter(booking=booking, status__in=CLAIMED).exclude(pk=line.pk).first()
        if taken is not None:
            raise LineNotOpen(booking=booking.pk)
        line.status, line.booking = LineStatus.PROPOSED, booking
        line.note = _("Assigned by hand by %(staff)s.") % {"staff": staff.get_username()}
        line.save(update_fields=["status", "booking", "note"])
        return confirm_statement_line(line=line, staff=staff, at=at)


def confirm_statement_matches(
    *, statement: StatementImport, staff: AbstractBaseUser, at: datetime | None = None
) -> ConfirmResult:
    """Confirm every proposed line of the import; each one on its own, so one problem stops no other."""
    permissions.require(staff, permissions.VERIFY_PAYMENT)
    result = ConfirmResult()
    for line in statement.lines.filter(status=LineStatus.PROPOSED).order_by("pk"):
        try:
            confirm_statement_line(line=line, staff=staff, at=at)
        except BookingError as error:
            result.problems.append((line, str(error)))
        else:
            result.confirmed.append(line)
    return result


def confirm_statement_line(*, line: StatementLine, staff: AbstractBaseUser, at: datetime | None = None) -> Payment:
    """Turn one proposed line into a verified payment; confirming it twice changes nothing."""
    permissions.require(staff, permissions.VERIFY_PAYMENT)
    at = at or timezone.now()
    with transaction.atomic():
        line = StatementLine.objects.select_for_update().select_related("statement").get(pk=line.pk)
        if line.status == LineStatus.CONFIRMED:
            return line.payment
        if line.status != LineStatus.PROPOSED or line.booking_id is None:
            raise IllegalTransition(current=line.get_status_display(), target=LineStatus.CONFIRMED.label)
        payment = _payment_for_line(line, staff, at)
        other = StatementLine.objects.filter(payment=payment).exclude(pk=line.pk).select_related("statement").first()
        if other is not None:
            raise TransferAlreadyMatched(booking=line.booking_id, file=other.statement.file_name)
        payment = verify_payment(payment=payment, staff=staff, at=at)
        line.status, line.payment = LineStatus.CONFIRMED, payment
        line.save(update_fields=["status", "payment"])
    return payment


def _payment_for_line(line: StatementLine, staff: AbstractBaseUser, at: datetime) -> Payment:
    """The customer's waiting payment if the amounts agree, else a new payment whose proof is the line."""
    talent_id = Booking.objects.filter(pk=line.booking_id).values_list("talent_id", flat=True).get()
    Talent.objects.select_for_update().filter(pk=talent_id).first()  # same lock order as verify_payment
    booking = lock_booking(line.booking_id)
    if booking.status == Status.PAYMENT_SUBMITTED:
        waiting = booking.payments.filter(status=PaymentStatus.SUBMITTED).order_by("-submitted_at").first()
        if waiting is not None and waiting.amount_claimed != line.amount:
            raise StatementMismatch(claimed=rupiah(waiting.amount_claimed), amount=rupiah(line.amount))
        if waiting is not None:
            return waiting
    if booking.status == Status.CONFIRMED:
        verified = booking.payments.filter(status=PaymentStatus.VERIFIED).first()
        if verified is not None:
            return verified  # someone verified it from the list meanwhile: verify_payment is a no-op
    if booking.status != Status.AWAITING_PAYMENT:
        raise IllegalTransition(current=Status(booking.status).label, target=Status.CONFIRMED.label)
    payment = Payment.objects.create(
        booking=booking,
        bank=BANK_NAMES.get(line.statement.layout, "Bank"),
        sender_name=line.description[:100],
        amount_claimed=line.amount,
        submitted_at=at,
    )
    reason = _("Transfer found on bank statement %(file)s (%(date)s).") % {
        "file": line.statement.file_name, "date": line.date.isoformat(),
    }
    move(booking, Status.PAYMENT_SUBMITTED, actor=staff, at=at, reason=reason)
    return payment
