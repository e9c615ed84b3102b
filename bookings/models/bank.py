"""The service's bank accounts that customers transfer to."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class BankAccountQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class BankAccount(models.Model):
    bank = models.CharField(_("bank"), max_length=60)
    account_number = models.CharField(_("account number"), max_length=30)
    holder = models.CharField(_("account holder"), max_length=100)
    is_active = models.BooleanField(_("active"), default=True)

    objects = BankAccountQuerySet.as_manager()

    class Meta:
        ordering = ["bank"]
        verbose_name = _("bank account")
        verbose_name_plural = _("bank accounts")

    def __str__(self) -> str:
        return f"{self.bank} {self.account_number} a.n. {self.holder}"
