"""Talents: who customers book, when they work, and the work number customers may see."""

from __future__ import annotations

from datetime import datetime, time

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField

from sleepcall.zones import Zone


class Language(models.TextChoices):
    INDONESIAN = "id", _("Bahasa Indonesia")
    ENGLISH = "en", _("English")
    JAVANESE = "jv", _("Basa Jawa")
    SUNDANESE = "su", _("Basa Sunda")


class TalentQuerySet(models.QuerySet):
    def active(self) -> TalentQuerySet:
        return self.filter(is_active=True)


class Talent(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="talent",
        verbose_name=_("account"),
    )
    display_name = models.CharField(_("alias"), max_length=60, help_text=_("Talents work under an alias."))
    slug = models.SlugField(_("slug"), max_length=70, unique=True)
    bio = models.TextField(_("bio"), blank=True)
    photo = models.ImageField(_("photo"), upload_to="talents/", blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    contact_handle = PhoneNumberField(
        _("work WhatsApp number"), region="ID", help_text=_("Only disclosed to customers inside a session.")
    )
    time_zone = models.CharField(_("time zone"), max_length=32, choices=Zone.choices, default=Zone.WIB)
    language = models.CharField(
        _("language of messages"), max_length=5, choices=settings.LANGUAGES, default="id",
        help_text=_("The language of the reminders and messages the talent gets."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    max_sessions_per_night = models.PositiveSmallIntegerField(
        _("max sessions a night"), null=True, blank=True, help_text=_("Empty: the service default.")
    )
    min_rest_minutes = models.PositiveSmallIntegerField(
        _("minimum rest between sessions (minutes)"), null=True, blank=True, help_text=_("Empty: the service default.")
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))

    objects = TalentQuerySet.as_manager()

    class Meta:
        ordering = ["display_name"]
        verbose_name = _("talent")
        verbose_name_plural = _("talents")
        permissions = [("view_talent_number", _("Can see talents' work numbers (each view is logged)"))]

    def __str__(self) -> str:
        return self.display_name

    def get_absolute_url(self) -> str:
        return reverse("talent_detail", kwargs={"slug": self.slug})

    @property
    def sessions_per_night_limit(self) -> int:
        if self.max_sessions_per_night is not None:
            return self.max_sessions_per_night
        return settings.SLEEPCALL_MAX_SESSIONS_PER_NIGHT

    @property
    def rest_minutes(self) -> int:
        if self.min_rest_minutes is not None:
            return self.min_rest_minutes
        return settings.SLEEPCALL_MIN_REST_MINUTES

    def language_labels(self) -> list[str]:
        labels = dict(Language.choices)
        return [str(labels.get(code, code)) for code in self.languages]


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class AvailabilityRule(models.Model):
    """A weekly window in the talent's own zone; an end at or before the start crosses midnight."""

    talent = models.ForeignKey(
        Talent, on_delete=models.CASCADE, related_name="availability_rules", verbose_name=_("talent")
    )
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    start = models.TimeField(_("from"))
    end = models.TimeField(_("until"))

    class Meta:
        ordering = ["weekday", "start"]
        verbose_name = _("weekly hours")
        verbose_name_plural = _("weekly hours")
        constraints = [
            models.CheckConstraint(condition=Q(weekday__gte=0, weekday__lte=6), name="availability_weekday_range"),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.start:%H:%M}–{self.end:%H:%M}"

    @property
    def crosses_midnight(self) -> bool:
        return self.end <= self.start

    def clean(self) -> None:
        if self.start == self.end and self.start != time(0):
            raise ValidationError(_("A window needs a start and an end that differ."))


class TimeOffQuerySet(models.QuerySet):
    def overlapping(self, start: datetime, end: datetime) -> TimeOffQuerySet:
        return self.filter(starts_at__lt=end, ends_at__gt=start)


class TimeOff(models.Model):
    talent = models.ForeignKey(Talent, on_delete=models.CASCADE, related_name="time_off", verbose_name=_("talent"))
    starts_at = models.DateTimeField(_("from"))
    ends_at = models.DateTimeField(_("until"))
    reason = models.CharField(_("reason"), max_length=200, blank=True)

    objects = TimeOffQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("time off")
        verbose_name_plural = _("time off")
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="time_off_ends_after_start"),
        ]

    def __str__(self) -> str:
        return f"{self.talent} {self.starts_at:%Y-%m-%d %H:%M}–{self.ends_at:%Y-%m-%d %H:%M}"

    def clean(self) -> None:
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError(_("Time off must end after it starts."))


class NumberChangeRequest(models.Model):
    """A talent's request to replace a leaked work number; staff approve before it takes effect."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    talent = models.ForeignKey(
        Talent, on_delete=models.CASCADE, related_name="number_change_requests", verbose_name=_("talent")
    )
    new_number = PhoneNumberField(_("new work WhatsApp number"), region="ID")
    reason = models.TextField(_("what happened"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    requested_at = models.DateTimeField(auto_now_add=True, verbose_name=_("requested at"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("number change request")
        verbose_name_plural = _("number change requests")

    def __str__(self) -> str:
        return f"{self.talent}: {self.new_number} ({self.get_status_display()})"
