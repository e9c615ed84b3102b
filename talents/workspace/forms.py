"""Forms of the talent workspace. They only check input; the services decide."""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bookings.forms.account import IndonesianMobileField
from bookings.models import Package
from bookings.models.report import ReportCategory
from sleepcall.time_inputs import QuarterHourSelect, date_and_time_field
from talents.models import Language, Weekday


class EndEarlyForm(forms.Form):
    reason = forms.CharField(
        label=_("Why are you ending it? (optional)"), required=False, max_length=500, widget=forms.TextInput
    )


class ReportForm(forms.Form):
    category = forms.ChoiceField(label=_("What happened?"), choices=ReportCategory.choices, widget=forms.RadioSelect)
    description = forms.CharField(
        label=_("Describe it in a few words"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Please describe what happened.")},
    )
    end_now = forms.BooleanField(label=_("End the session now too"), required=False, initial=True)


class WindowForm(forms.Form):
    # A blank first choice, so the empty rows left for new windows stay unchanged and are skipped.
    weekday = forms.TypedChoiceField(label=_("Day"), choices=[("", "—"), *Weekday.choices], coerce=int)
    start = forms.TimeField(label=_("From"), widget=QuarterHourSelect)
    end = forms.TimeField(label=_("Until"), widget=QuarterHourSelect)

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start is not None and end is not None and start == end and start.hour + start.minute != 0:
            raise forms.ValidationError(_("A window needs a start and an end that differ."))
        return data


WindowFormSet = forms.formset_factory(WindowForm, extra=2, can_delete=True, max_num=28, absolute_max=28)


YEAR = timedelta(days=365)


class TimeOffForm(forms.Form):
    starts_at = date_and_time_field(label=_("From"))
    ends_at = date_and_time_field(label=_("Until"))
    reason = forms.CharField(label=_("Note (only you and the admin team see it)"), required=False, max_length=200)

    def clean(self):
        data = super().clean()
        start, end = data.get("starts_at"), data.get("ends_at")
        if start is not None and end is not None and end <= start:
            raise forms.ValidationError(_("Time off must end after it starts."))
        now = timezone.now()
        if start is not None and end is not None and not (now - YEAR <= start and end <= now + 3 * YEAR):
            raise forms.ValidationError(_("Please choose dates within the next three years."))
        return data


class ProfileForm(forms.Form):
    alias = forms.CharField(label=_("Alias"), max_length=60, help_text=_("Customers only ever see your alias."))
    bio = forms.CharField(label=_("Bio"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 5}))
    photo = forms.ImageField(label=_("Photo"), required=False, help_text=_("JPEG, PNG or WebP, at most 8 MB."))
    languages = forms.MultipleChoiceField(
        label=_("Languages"), choices=Language.choices, widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Pick at least one language.")},
    )
    packages = forms.ModelMultipleChoiceField(
        label=_("Packages you offer"), queryset=Package.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["packages"].queryset = Package.objects.active()


class NumberChangeForm(forms.Form):
    new_number = IndonesianMobileField(label=_("New work WhatsApp number"))
    reason = forms.CharField(
        label=_("What happened? (optional)"), required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )
