"""A conversation between a customer (or a talent) and the admin team, and its messages."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bookings.models.payment import private_storage


class Category(models.TextChoices):
    PAYMENT = "payment", _("Payment")
    SESSION = "session", _("My session")
    CANCEL_REFUND = "cancel_refund", _("Cancel or refund")
    RESCHEDULE = "reschedule", _("Change the time")
    BOOK_AGAIN = "book_again", _("Book the same talent again")
    TALENT_COMPLAINT = "talent_complaint", _("A complaint about a talent")
    OUTSIDE_CONTACT = "outside_contact", _("The talent contacted me outside a session")
    OTHER = "other", _("Other")


class ConversationStatus(models.TextChoices):
    OPEN = "open", _("Open")
    WAITING = "waiting", _("Waiting for the customer")
    SOLVED = "solved", _("Solved")


UNSOLVED = (ConversationStatus.OPEN, ConversationStatus.WAITING)


class ConversationQuerySet(models.QuerySet):
    def unsolved(self) -> ConversationQuerySet:
        return self.filter(status__in=UNSOLVED)

    def of_requester(self, user) -> ConversationQuerySet:
        return self.filter(requester=user)

    def overdue(self, *, at: datetime | None = None) -> ConversationQuerySet:
        """Open, never answered, and older than the first-reply target."""
        at = at or timezone.now()
        limit = at - timedelta(minutes=settings.SUPPORT_FIRST_REPLY_MINUTES)
        return self.filter(status=ConversationStatus.OPEN, first_reply_at__isnull=True, created_at__lte=limit)

    def inbox_order(self) -> ConversationQuerySet:
        """Oldest waiting first: the customer who has waited longest for us is answered first."""
        return self.order_by(models.F("waiting_since").asc(nulls_last=True), "created_at")


class Conversation(models.Model):
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="support_conversations",
        verbose_name=_("written by"),
    )
    customer = models.ForeignKey(
        "bookings.Customer", on_delete=models.PROTECT, null=True, blank=True, related_name="conversations",
        verbose_name=_("customer"),
    )
    talent = models.ForeignKey(
        "talents.Talent", on_delete=models.PROTECT, null=True, blank=True, related_name="conversations",
        verbose_name=_("talent"),
    )
    booking = models.ForeignKey(
        "bookings.Booking", on_delete=models.PROTECT, null=True, blank=True, related_name="conversations",
        verbose_name=_("booking"),
    )
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=ConversationStatus.choices, default=ConversationStatus.OPEN, db_index=True
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("assigned to"),
    )
    flagged = models.BooleanField(_("flagged"), default=False, help_text=_("A message in it was flagged as abusive."))
    preview = models.CharField(_("last message"), max_length=160, blank=True)
    created_at = models.DateTimeField(_("opened at"), default=timezone.now)
    waiting_since = models.DateTimeField(_("waiting since"), null=True, blank=True, db_index=True)
    first_reply_at = models.DateTimeField(_("first reply at"), null=True, blank=True)
    solved_at = models.DateTimeField(_("solved at"), null=True, blank=True)
    rating = models.PositiveSmallIntegerField(_("rating"), null=True, blank=True)
    rating_comment = models.TextField(_("rating comment"), blank=True)
    rated_at = models.DateTimeField(_("rated at"), null=True, blank=True)

    objects = ConversationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("conversation")
        verbose_name_plural = _("conversations")
        permissions = [
            ("answer_conversation", _("Can answer customer conversations")),
            ("hand_over_shift", _("Can hand a shift's conversations over")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5), name="conversation_rating_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.get_category_display()}"

    @property
    def may_be_rated(self) -> bool:
        return self.status == ConversationStatus.SOLVED and self.rating is None and not self.flagged

    @property
    def language(self) -> str:
        if self.customer_id:
            return self.customer.language
        if self.talent_id:
            return self.talent.language
        return "id"

    @property
    def time_zone(self) -> str:
        if self.customer_id:
            return self.customer.time_zone
        if self.talent_id:
            return self.talent.time_zone
        return settings.TIME_ZONE


class MessageKind(models.TextChoices):
    CUSTOMER = "customer", _("From the customer")
    STAFF = "staff", _("Reply")
    NOTE = "note", _("Internal note")
    WHATSAPP = "whatsapp", _("Replied on WhatsApp")
    SYSTEM = "system", _("Event")


SEEN_BY_CUSTOMER = (MessageKind.CUSTOMER, MessageKind.STAFF, MessageKind.WHATSAPP)


class Message(models.Model):
    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    kind = models.CharField(_("kind"), max_length=10, choices=MessageKind.choices)
    body = models.TextField(_("message"))
    image = models.FileField(_("image"), upload_to="support/%Y/%m/", storage=private_storage, blank=True)
    flagged = models.BooleanField(_("flagged as abusive"), default=False)
    flagged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        help_text=_("Empty: flagged by the lexicon."),
    )
    matched = models.JSONField(_("matched words"), default=list, blank=True)
    masked_body = models.TextField(_("masked message"), blank=True)
    # The agent the customer was writing to at the time: abuse received is counted per agent.
    recipient_agent = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    canned_reply = models.ForeignKey(
        "support.CannedReply", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("written at"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")

    def __str__(self) -> str:
        return self.safe_text[:60]

    @property
    def safe_text(self) -> str:
        """What lists, previews and agents' e-mails show: matched words masked."""
        return self.masked_body if self.flagged else self.body

    @property
    def seen_by_customer(self) -> bool:
        return self.kind in SEEN_BY_CUSTOMER
