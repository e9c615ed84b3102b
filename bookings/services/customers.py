"""Customer accounts: signing up and changing one's own profile. A ban follows every number used."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _
from phonenumber_field.phonenumber import PhoneNumber, to_python

from bookings.errors import BookingError
from bookings.models import Ban, Customer
from sleepcall.zones import Zone


class NumberBanned(BookingError):
    message = _("This WhatsApp number cannot be used here. Please contact the admin team.")


class NumberTaken(BookingError):
    message = _("This WhatsApp number already has an account. Log in, or reset your password.")


class EmailTaken(BookingError):
    message = _("This e-mail address already has an account. Log in, or reset your password.")


class NumberLockedByBan(BookingError):
    message = _("The WhatsApp number of a suspended account cannot be changed. Please contact the admin team.")


class InvalidNumber(BookingError):
    message = _("Please enter a valid Indonesian mobile number, for example 0812 3456 7890.")


def _number(whatsapp: str | PhoneNumber) -> PhoneNumber:
    number = to_python(whatsapp, region="ID")
    if not isinstance(number, PhoneNumber) or not number.is_valid() or number.country_code != 62:
        raise InvalidNumber()
    return number


def _check_number_free(number: PhoneNumber, *, exclude: Customer | None = None) -> None:
    if Ban.objects.in_force().on_number(number).exists():
        raise NumberBanned()
    others = Customer.objects.filter(whatsapp=number)
    if exclude is not None:
        others = others.exclude(pk=exclude.pk)
    if others.exists():
        raise NumberTaken()


def register_customer(
    *, name: str, whatsapp: str | PhoneNumber, email: str, password: str, time_zone: str = Zone.WIB,
    language: str = "id",
) -> Customer:
    """Create the login (username = e-mail) and the customer profile, refusing banned or taken numbers."""
    number = _number(whatsapp)
    email = email.strip().lower()
    with transaction.atomic():
        _check_number_free(number)
        if User.objects.filter(username__iexact=email).exists() or User.objects.filter(email__iexact=email).exists():
            raise EmailTaken()
        try:
            with transaction.atomic():
                user = User.objects.create_user(username=email, email=email, password=password)
                return Customer.objects.create(
                    user=user, display_name=name.strip(), whatsapp=number,
                    time_zone=time_zone if time_zone in Zone.values else Zone.WIB, language=language,
                )
        except IntegrityError as error:  # two sign-ups with one number or e-mail at the same moment
            raise NumberTaken() if "whatsapp" in str(error) else EmailTaken() from error


def update_customer_profile(
    *, customer: Customer, name: str, whatsapp: str | PhoneNumber, time_zone: str, language: str
) -> Customer:
    """A customer edits their own name, number, zone and language; a banned or taken number is refused."""
    number = _number(whatsapp)
    with transaction.atomic():
        # The row lock makes a ban and a number change take turns (see services/bans.py): the check
        # below then sees a ban committed a moment ago, and a ban waiting for us sees the new number.
        current = Customer.objects.select_for_update().filter(pk=customer.pk).values_list("whatsapp", flat=True)
        if number != current.get():
            # Otherwise a banned customer would walk away from the ban by moving to a new number.
            if Customer.objects.banned().filter(pk=customer.pk).exists():
                raise NumberLockedByBan()
            _check_number_free(number, exclude=customer)
        customer.display_name = name.strip()
        customer.whatsapp = number
        customer.time_zone = time_zone if time_zone in Zone.values else customer.time_zone
        customer.language = language
        try:
            with transaction.atomic():
                customer.save(update_fields=["display_name", "whatsapp", "time_zone", "language"])
        except IntegrityError as error:
            raise NumberTaken() from error
    return customer


def set_customer_language(*, customer: Customer, language: str) -> Customer:
    """The language switch on any page, for a signed-in customer: their e-mails follow it."""
    if language in dict(settings.LANGUAGES) and customer.language != language:
        Customer.objects.filter(pk=customer.pk).update(language=language)
        customer.language = language
    return customer


def set_customer_reminders(*, customer: Customer, enabled: bool) -> Customer:
    """Reminders are a courtesy a customer may turn off; messages about money are not."""
    if customer.reminders_enabled != enabled:
        Customer.objects.filter(pk=customer.pk).update(reminders_enabled=enabled)
        customer.reminders_enabled = enabled
    return customer


def set_customer_zone(*, customer: Customer, time_zone: str) -> Customer:
    """The zone picker on any page, for a signed-in customer."""
    if time_zone in Zone.values and customer.time_zone != time_zone:
        Customer.objects.filter(pk=customer.pk).update(time_zone=time_zone)
        customer.time_zone = time_zone
    return customer
