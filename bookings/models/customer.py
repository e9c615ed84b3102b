"""Customers, every number each has used, and bans. A ban follows the person and all their numbers."""

from __future__ import annotations

from functools import lru_cache

from django.conf import settings
from django.db import connections, models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField

from sleepcall.contact_handles import shown_text, validate_no_contact_handle
from sleepcall.names import validate_plain_name
from sleepcall.zones import Zone


class CustomerQuerySet(models.QuerySet):
    def banned(self) -> CustomerQuerySet:
        """Customers a ban in force reaches: the banned account, or any account sharing one of its numbers."""
        return self.filter(pk__in=banned_customer_ids())


class Customer(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="customer", verbose_name=_("account")
    )
    display_name = models.CharField(
        _("name"), max_length=80, validators=[validate_plain_name, validate_no_contact_handle]
    )
    whatsapp = PhoneNumberField(_("WhatsApp number"), region="ID", unique=True)
    time_zone = models.CharField(_("time zone"), max_length=32, choices=Zone.choices, default=Zone.WIB)
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES, default="id")
    reminders_enabled = models.BooleanField(
        _("reminders"), default=True,
        help_text=_("Reminders before a payment deadline and a session. Messages about money always come."),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))

    objects = CustomerQuerySet.as_manager()

    class Meta:
        ordering = ["display_name"]
        verbose_name = _("customer")
        verbose_name_plural = _("customers")
        permissions = [
            ("ban_customer", _("Can ban and unban customers")),
            ("view_customer_number", _("Can see customers' WhatsApp numbers (each view is logged)")),
        ]

    def __str__(self) -> str:
        return self.shown_name

    def save(self, *args, **kwargs) -> None:
        # Here, not in a service: whatever writes the number (sign-up, profile, factories, seeding),
        # the history a ban follows can never miss one.
        super().save(*args, **kwargs)
        fields = kwargs.get("update_fields")
        if fields is None or "whatsapp" in fields:
            CustomerNumber.objects.get_or_create(customer=self, whatsapp=self.whatsapp)

    @property
    def shown_name(self) -> str:
        """The name as a talent sees it: a stored name with a contact handle in it is masked."""
        return shown_text(self.display_name, fallback=_("Customer"))

    @property
    def is_banned(self) -> bool:
        """Asked on every list of bookings: the rule's SQL is built once per process, not per call."""
        sql = _is_banned_sql()
        if sql is None:
            return Customer.objects.banned().filter(pk=self.pk).exists()
        with connections[Customer.objects.db].cursor() as cursor:
            cursor.execute(sql, [self.pk])
            return bool(cursor.fetchone()[0])


class CustomerNumber(models.Model):
    """Every WhatsApp number a customer has used, kept after they move on: a ban reaches all of them."""

    customer = models.ForeignKey(
        Customer, on_delete=models.CASCADE, related_name="numbers", verbose_name=_("customer")
    )
    whatsapp = PhoneNumberField(_("WhatsApp number"), region="ID", db_index=True)
    first_used_at = models.DateTimeField(auto_now_add=True, verbose_name=_("first used at"))

    class Meta:
        ordering = ["first_used_at", "pk"]
        verbose_name = _("number used")
        verbose_name_plural = _("numbers used")
        constraints = [models.UniqueConstraint(fields=["customer", "whatsapp"], name="one_row_per_customer_number")]

    def __str__(self) -> str:
        return str(self.whatsapp)


class BanQuerySet(models.QuerySet):
    def in_force(self) -> BanQuerySet:
        return self.filter(lifted_at__isnull=True)

    def on_number(self, number) -> BanQuerySet:
        """Bans reaching this number: it is the banned number, or one the banned customer has used."""
        used_by_banned = CustomerNumber.objects.filter(customer_id=OuterRef("customer_id"), whatsapp=number)
        return self.filter(Q(whatsapp=number) | Q(Exists(used_by_banned)))

    def on_customer(self, customer: Customer) -> BanQuerySet:
        """Bans reaching this customer: on the account itself, or on any number it has ever used."""
        numbers = CustomerNumber.objects.filter(customer=customer).values("whatsapp")
        shared = CustomerNumber.objects.filter(customer_id=OuterRef("customer_id"), whatsapp__in=numbers)
        return self.filter(Q(customer=customer) | Q(whatsapp__in=numbers) | Q(Exists(shared)))


class Ban(models.Model):
    whatsapp = PhoneNumberField(_("WhatsApp number"), region="ID")
    customer = models.ForeignKey(
        Customer, on_delete=models.SET_NULL, null=True, blank=True, related_name="bans", verbose_name=_("customer")
    )
    reason = models.TextField(_("reason"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    lifted_at = models.DateTimeField(_("lifted at"), null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("lifted by"),
    )
    lift_reason = models.TextField(_("reason for lifting"), blank=True)

    objects = BanQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("ban")
        verbose_name_plural = _("bans")
        constraints = [
            models.UniqueConstraint(
                fields=["whatsapp"], condition=Q(lifted_at__isnull=True), name="one_ban_in_force_per_number"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.whatsapp} ({self.created_at:%Y-%m-%d})"


def banned_numbers() -> models.QuerySet:
    """Every number a ban in force reaches (values of `whatsapp`)."""
    in_force = Ban.objects.in_force()
    return CustomerNumber.objects.filter(
        Q(whatsapp__in=in_force.values("whatsapp"))
        | Q(customer_id__in=in_force.exclude(customer__isnull=True).values("customer_id"))
    ).values("whatsapp")


def banned_customer_ids() -> models.QuerySet:
    """Ids of the customers a ban in force reaches, as a subquery (no NULLs, so NOT IN stays safe)."""
    in_force = Ban.objects.in_force()
    return Customer.objects.filter(
        Q(pk__in=in_force.exclude(customer__isnull=True).values("customer_id"))
        | Q(numbers__whatsapp__in=banned_numbers())
        | Q(whatsapp__in=in_force.values("whatsapp"))
    ).values("pk")


@lru_cache(maxsize=1)
def _is_banned_sql() -> str | None:
    """`banned_customer_ids()` as Django compiles it (the one definition of who is banned), asked
    for one customer; its SQL has no parameters of its own (None, and the ORM is asked, if it ever has)."""
    sql, params = banned_customer_ids().order_by().query.sql_with_params()
    if params or "%" in sql:
        return None
    return f"SELECT EXISTS (SELECT 1 FROM ({sql}) AS banned WHERE banned.pk = %s)"
