from .bank import BankAccount
from .booking import Booking, BookingQuerySet, Refund, Status
from .cancellation import CancellationRequest, RequestStatus
from .customer import Ban, Customer, CustomerNumber
from .exclusion import TalentExclusion
from .grant import ContactDisclosure, ContactGrant
from .history import BookingEvent
from .package import Channels, Package
from .payment import Payment
from .report import Report
from .statement import StatementImport, StatementLine, StatementMapping

__all__ = [
    "BankAccount",
    "Ban",
    "Booking",
    "BookingEvent",
    "BookingQuerySet",
    "CancellationRequest",
    "Channels",
    "ContactDisclosure",
    "ContactGrant",
    "Customer",
    "CustomerNumber",
    "Package",
    "Payment",
    "Refund",
    "Report",
    "RequestStatus",
    "StatementImport",
    "StatementLine",
    "StatementMapping",
    "Status",
    "TalentExclusion",
]
