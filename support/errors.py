"""The desk's domain errors; views and the admin show their message as is."""

from django.utils.translation import gettext_lazy as _

from bookings.errors import BookingError


class DeskError(BookingError):
    message = _("This is not possible on this conversation right now.")


class TooManyMessages(DeskError):
    message = _("You have sent %(limit)s messages in the last 24 hours. Please wait for our answer.")


class NotYourBooking(DeskError):
    message = _("Please choose one of your own bookings.")


class EmptyMessage(DeskError):
    message = _("Please write a message.")


class AlreadyRated(DeskError):
    message = _("You have already rated this conversation. Thank you!")


class NotRateable(DeskError):
    message = _("This conversation cannot be rated.")


class IllegalStatus(DeskError):
    message = _("The conversation cannot go from “%(current)s” to “%(target)s”.")


class NotForCustomers(DeskError):
    message = _("Only customers and talents can write to the admin team here.")


class NoNextShift(DeskError):
    message = _("There is no other shift to hand over to.")


class NeedsWhatsApp(DeskError):
    message = _("This person has no WhatsApp number on file.")


class NotAwaitingPayment(DeskError):
    message = _("This booking is not waiting for payment, so there are no instructions to send.")
