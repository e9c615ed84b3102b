"""Times typed by talents and staff: a select on the booking grid, 24-hour, so 21:00 never reads "09:00".

A phone's own time picker follows the phone's 12-hour setting and, at 360 px, cuts off the AM/PM;
a list of "21:00", "21:15", … cannot be misread and keeps every time on the slot grid.
"""

from __future__ import annotations

from datetime import datetime, time

from django import forms
from django.conf import settings
from django.db import models
from django.utils import timezone


def grid_choices() -> list[tuple[str, str]]:
    step = settings.SLEEPCALL_SLOT_GRID_MINUTES
    return [(f"{m // 60:02d}:{m % 60:02d}",) * 2 for m in range(0, 24 * 60, step)]


class QuarterHourSelect(forms.Select):
    """00:00 … 23:45 on the slot grid; a stored time off the grid stays listed so saving never moves it."""

    def __init__(self, attrs=None, blank: bool = False) -> None:
        self.blank = blank
        super().__init__(attrs)

    def format_value(self, value):
        if isinstance(value, time):
            value = value.strftime("%H:%M")
        elif isinstance(value, str):
            value = value[:5]
        return super().format_value(value)

    def get_context(self, name, value, attrs):
        choices = grid_choices()
        current = self.format_value(value)[0] if value not in (None, "") else ""
        if current and current not in dict(choices):
            choices = sorted([*choices, (current, current)])
        self.choices = [("", "—"), *choices] if self.blank or not current else choices
        return super().get_context(name, value, attrs)


class DateAndQuarterHour(forms.MultiWidget):
    """A date field and a 24-hour time select for a DateTimeField (read in the viewer's zone).

    The two parts are posted as name_0 and name_1 and handed to the field as "YYYY-MM-DDTHH:MM",
    which DateTimeField reads; a single ISO value under the plain name is accepted too.
    """

    def __init__(self, attrs=None) -> None:
        super().__init__([forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"), QuarterHourSelect()], attrs)

    def decompress(self, value):
        if isinstance(value, datetime):
            local = timezone.localtime(value) if timezone.is_aware(value) else value
            return [local.date(), local.time().replace(second=0, microsecond=0)]
        if isinstance(value, str) and value:
            day, _sep, clock = value.partition("T")
            return [day, clock[:5] or None]
        return [None, None]

    def value_from_datadict(self, data, files, name):
        if name in data:
            return data[name]
        day, clock = super().value_from_datadict(data, files, name)
        if not day and not clock:
            return ""
        return f"{day}T{clock}" if day and clock else (day or clock)

    def value_omitted_from_data(self, data, files, name) -> bool:
        return name not in data and super().value_omitted_from_data(data, files, name)


def date_and_time_field(**kwargs) -> forms.DateTimeField:
    return forms.DateTimeField(widget=DateAndQuarterHour, **kwargs)


# For ModelAdmin.formfield_overrides: every time and date-time staff type in the admin.
ADMIN_TIME_OVERRIDES = {
    models.TimeField: {"widget": QuarterHourSelect},
    models.DateTimeField: {"form_class": forms.DateTimeField, "widget": DateAndQuarterHour},
}
