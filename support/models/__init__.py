from .abuse import BanProposal, LexiconWord, ProposalStatus
from .canned import PLACEHOLDERS, CannedReply
from .conversation import Category, Conversation, ConversationStatus, Message, MessageKind
from .shift import Handover, Shift

__all__ = [
    "PLACEHOLDERS",
    "BanProposal",
    "CannedReply",
    "Category",
    "Conversation",
    "ConversationStatus",
    "Handover",
    "LexiconWord",
    "Message",
    "MessageKind",
    "ProposalStatus",
    "Shift",
]
