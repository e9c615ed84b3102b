from .bank import BankAccount
from .booking import Booking, BookingQuerySet, Status
from .customer import Ban, Customer, CustomerNumber
from .exclusion import TalentExclusion
from .grant import ContactDisclosure, ContactGrant
from .history import BookingEvent
from .package import Channels, Package
from .payment import Payment
from .report import Report
from .statement import StatementImport, StatementLine

__all__ = [
    "BankAccount",
    "Ban",
    "Booking",
    "BookingEvent",
    "BookingQuerySet",
    "Channels",
    "ContactDisclosure",
    "ContactGrant",
    "Customer",
    "CustomerNumber",
    "Package",
    "Payment",
    "Report",
    "StatementImport",
    "StatementLine",
    "Status",
    "TalentExclusion",
]
