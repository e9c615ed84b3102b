"""Sign-up and profile forms: what the customer types, checked and normalised before any service runs."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.utils.translation import gettext_lazy as _
from phonenumber_field.formfields import PhoneNumberField
from phonenumber_field.phonenumber import PhoneNumber
from phonenumbers import PhoneNumberType, number_type

from sleepcall.zones import Zone


class IndonesianMobileField(PhoneNumberField):
    """Accepts 0812…, 62812… or +62 812…; returns +62… or a clear message."""

    default_error_messages = {
        "invalid": _("Please enter a valid Indonesian mobile number, for example 0812 3456 7890."),
    }

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("region", "ID")
        kwargs.setdefault("widget", forms.TextInput(attrs={
            "inputmode": "tel", "autocomplete": "tel", "placeholder": "0812 3456 7890",
        }))
        super().__init__(**kwargs)

    def to_python(self, value):
        value = (value or "").strip()
        if value.startswith("62"):
            value = "+" + value
        return super().to_python(value)

    def validate(self, value) -> None:
        super().validate(value)
        if isinstance(value, PhoneNumber) and value.is_valid():
            if value.country_code != 62 or number_type(value) not in (
                PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE
            ):
                raise forms.ValidationError(self.error_messages["invalid"], code="invalid")


class LoginForm(AuthenticationForm):
    """Log in with the e-mail as typed: phones capitalise the first letter, sign-up stored it in lower case."""

    # Django's own Indonesian wording names the field twice ("nama pengguna nama pengguna"); ours names it once.
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("The e-mail or the password is not right. Check both and try again; capitals count."),
    }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("E-mail")

    def clean_username(self) -> str:
        username = self.cleaned_data["username"].strip()
        if not User.objects.filter(username=username).exists():
            matches = list(User.objects.filter(username__iexact=username).values_list("username", flat=True)[:2])
            if len(matches) == 1:
                return matches[0]
        return username


class SignUpForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=80, widget=forms.TextInput(attrs={"autocomplete": "name"}))
    whatsapp = IndonesianMobileField(
        label=_("WhatsApp number"),
        help_text=_("The number you will use for the session. Shown to the talent only during it."),
    )
    # 150: the e-mail is also the login name, and Django's username column holds 150 characters.
    email = forms.EmailField(label=_("E-mail"), max_length=150,
                             widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    password = forms.CharField(
        label=_("Password"), strip=False,
        # Never echoed back: a page sent again after an error must not carry the typed password.
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}, render_value=False),
        help_text=_("At least 8 characters; not only numbers."),
    )
    time_zone = forms.ChoiceField(label=_("Your time zone"), choices=Zone.choices)

    def clean_email(self) -> str:
        """Lower case; whether it is taken is the service's question (and never said on the page)."""
        return self.cleaned_data["email"].strip().lower()

    def clean(self):
        data = super().clean()
        password = data.get("password")
        if password:
            email = data.get("email") or ""
            probe = User(username=email, email=email, first_name=data.get("name", ""))
            try:
                validate_password(password, probe)
            except forms.ValidationError as error:
                self.add_error("password", error)
        return data


class ProfileForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=80)
    whatsapp = IndonesianMobileField(label=_("WhatsApp number"))
    time_zone = forms.ChoiceField(
        label=_("Show times in"), choices=Zone.choices,
        help_text=_("All times on the site are shown in this zone."),
    )
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    reminders = forms.BooleanField(
        label=_("Remind me before a payment deadline and before a session"), required=False,
        help_text=_("Messages about your money (payments, refunds) always come."),
    )
