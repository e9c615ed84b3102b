"""Choosing what to book: a package, a night, then one of the free start times."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from django import forms
from django.conf import settings
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from bookings.models import Package


def tonight(now: datetime | None = None) -> date:
    """The night people mean by 'tonight': after 06:00 it is the coming evening, before it the current night."""
    local = timezone.localtime(now or timezone.now())
    return local.date() if local.hour >= 6 else local.date() - timedelta(days=1)


def nights_from(first: date, count: int = 7) -> list[tuple[str, str]]:
    choices = []
    for offset in range(count):
        night = first + timedelta(days=offset)
        label = formats.date_format(night, "l, j F")
        if offset == 0:
            label = _("Tonight (%(date)s)") % {"date": label}
        elif offset == 1:
            label = _("Tomorrow night (%(date)s)") % {"date": label}
        choices.append((night.isoformat(), label))
    return choices


class NightForm(forms.Form):
    """Step one (a GET form): which package and which night."""

    package = forms.ModelChoiceField(
        label=_("Package"), queryset=Package.objects.none(), widget=forms.RadioSelect, empty_label=None,
        error_messages={"invalid_choice": _("Please choose one of the packages shown.")},
    )
    night = forms.ChoiceField(label=_("Night"), error_messages={
        "invalid_choice": _("Please choose one of the nights shown."),
    })

    def __init__(self, *args, packages, first_night: date, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["package"].queryset = packages
        self.fields["night"].choices = nights_from(first_night)

    def cleaned_night(self) -> date:
        return date.fromisoformat(self.cleaned_data["night"])


class SlotForm(forms.Form):
    """Step two (a POST): the package and one free start time (UTC ISO)."""

    package = forms.IntegerField(widget=forms.HiddenInput)
    night = forms.CharField(widget=forms.HiddenInput, required=False, max_length=10)
    starts_at = forms.CharField(label=_("Start time"), error_messages={"required": _("Please choose a start time.")})

    def clean_starts_at(self) -> datetime:
        try:
            moment = datetime.fromisoformat(self.cleaned_data["starts_at"])
        except ValueError as error:
            raise forms.ValidationError(_("Please choose one of the start times shown."), code="invalid") from error
        if timezone.is_naive(moment) or not self._bookable(moment):
            raise forms.ValidationError(_("Please choose one of the start times shown."), code="invalid")
        return moment.astimezone(UTC)

    @staticmethod
    def _bookable(moment: datetime) -> bool:
        """Within the booking horizon; a crafted year 9999 or 0001 never reaches the session or the services."""
        now = timezone.now()
        horizon = timedelta(days=settings.SLEEPCALL_BOOKING_HORIZON_DAYS + 1)
        return now - timedelta(days=1) <= moment <= now + horizon
