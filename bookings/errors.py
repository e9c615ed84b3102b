"""Domain errors: each carries a translated message that a view or admin shows as is."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from sleepcall.contact_handles import validate_no_contact_handle
from sleepcall.names import validate_plain_name


class BookingError(Exception):
    message = _("This action is not possible right now.")

    def __init__(self, message: str | None = None, **params: object) -> None:
        self.params = params
        text = message if message is not None else self.message
        self.text = str(text) % params if params else str(text)
        super().__init__(self.text)

    def __str__(self) -> str:
        return self.text


class SlotTaken(BookingError):
    message = _("Sorry, this time has just been taken. Please choose another slot.")


class SlotUnavailable(BookingError):
    message = _("This time is not available for booking. Please choose one of the free slots.")


class IllegalTransition(BookingError):
    message = _("This booking cannot go from “%(current)s” to “%(target)s”.")


class TooManyUnpaidBookings(BookingError):
    message = _(
        "You already have %(limit)s bookings that are not verified yet (waiting for your payment or for our "
        "check). Pay, cancel one, or wait for our check first."
    )


class CustomerBanned(BookingError):
    message = _("This account cannot make bookings. Please contact the admin team.")


class TalentUnavailable(BookingError):
    message = _("This talent cannot be booked right now.")


class PackageUnavailable(BookingError):
    message = _("This package is not offered by this talent.")


class NoUniqueCodeFree(BookingError):
    message = _("Too many payments are open right now. Please try again in a few minutes.")


class RulesNotAccepted(BookingError):
    message = _("Please accept the session rules before paying.")


class PaymentDeadlinePassed(BookingError):
    message = _("The payment deadline has passed; this booking has expired.")


class PartialPayment(BookingError):
    message = _("The transfer is %(shortfall)s short of the amount due. Only a manager may verify it, with a reason.")


class ReusedProof(BookingError):
    message = _(
        "The proof matches the one sent for booking #%(booking)s. Only a manager may verify it, with a reason."
    )


class ClaimedByOther(BookingError):
    message = _("%(who)s is working on booking #%(booking)s until %(until)s; leave it to them or wait until then.")


class NotPermitted(BookingError):
    message = _("You are not allowed to do this.")


class SessionOver(BookingError):
    message = _("The session time has already passed.")


class SessionNotStarted(BookingError):
    message = _("The session has not begun yet, so it cannot be ended early. To call it off, the booking is cancelled.")


class ReferenceTooLong(BookingError):
    message = _("A refund reference has at most 100 characters.")


class ReasonRequired(BookingError):
    message = _("Please give a reason.")


class TextRefused(BookingError):
    """A text the other party or the public reads carries a contact handle or invisible characters."""

    def __init__(self, message: str, *, field: str = "") -> None:
        super().__init__(message)
        self.field = field


def check_shown_text(text: str, *, field: str = "", name: bool = False) -> None:
    """Refuse, as a domain error, what the field validators refuse: services are the last gate."""
    checks = [validate_plain_name, validate_no_contact_handle] if name else [validate_no_contact_handle]
    for check in checks:
        try:
            check(text or "")
        except ValidationError as error:
            raise TextRefused(error.messages[0], field=field) from error


class RescheduleWindowClosed(BookingError):
    message = _("A session can be moved only up to %(hours)s hours before it starts. Please contact the admin team.")


class AlreadyRescheduled(BookingError):
    message = _("This session has already been moved once. Please contact the admin team to change it again.")


class NotReschedulable(BookingError):
    message = _("Only a confirmed session that has not started can be moved.")


class CancellationPending(BookingError):
    message = _("You have already asked to cancel this session; the admin team will answer soon.")


class RefundAccountIncomplete(BookingError):
    message = _("Please give the bank, the account number and the account holder's name for the refund.")


class NothingToTopUp(BookingError):
    message = _("Your transfers already cover the amount due; there is nothing to top up.")
