"""The agents' roster: shifts in WIB (one may cross midnight) and the hand-overs between them."""

from __future__ import annotations

from datetime import datetime, time

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sleepcall.zones import zone_info


class Shift(models.Model):
    name = models.CharField(_("name"), max_length=60)
    starts = models.TimeField(_("starts (WIB)"))
    ends = models.TimeField(
        _("ends (WIB)"), help_text=_("Before the start: the shift crosses midnight. 00:00 = 24:00.")
    )
    agents = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="support_shifts",
                                    verbose_name=_("agents"))

    class Meta:
        ordering = ["starts"]
        verbose_name = _("shift")
        verbose_name_plural = _("shifts")

    def __str__(self) -> str:
        return f"{self.name} ({self.starts:%H:%M}–{self.ends:%H:%M} WIB)"

    @property
    def crosses_midnight(self) -> bool:
        return self.ends <= self.starts

    def covers(self, moment: datetime) -> bool:
        local: time = timezone.localtime(moment, zone_info("Asia/Jakarta")).time()
        if self.crosses_midnight:
            return local >= self.starts or local < self.ends
        return self.starts <= local < self.ends


class Handover(models.Model):
    shift = models.ForeignKey(Shift, on_delete=models.PROTECT, related_name="handovers", verbose_name=_("from shift"))
    next_shift = models.ForeignKey(Shift, on_delete=models.PROTECT, related_name="+", verbose_name=_("to shift"))
    note = models.TextField(_("hand-over note"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by"))
    at = models.DateTimeField(_("at"), default=timezone.now)
    conversations = models.PositiveIntegerField(_("conversations handed over"), default=0)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("hand-over")
        verbose_name_plural = _("hand-overs")

    def __str__(self) -> str:
        return f"{self.shift} → {self.next_shift} ({self.at:%Y-%m-%d %H:%M})"
