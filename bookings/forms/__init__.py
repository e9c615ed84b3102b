from .account import ProfileForm, SignUpForm
from .booking import NightForm, SlotForm, nights_from
from .payment import PaymentForm, TopUpForm

__all__ = ["NightForm", "PaymentForm", "ProfileForm", "SignUpForm", "SlotForm", "TopUpForm", "nights_from"]
