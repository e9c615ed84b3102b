"""How a queued row reaches its person. A new channel (a WhatsApp Business gateway) is one more class."""

from __future__ import annotations

import smtplib
import socket
from email.utils import make_msgid

from django.conf import settings
from django.core.mail import EmailMessage

from .models import Channel, Notification

# Errors worth another try later; anything else is a bug or a bad address and fails the row.
TRANSIENT_ERRORS = (smtplib.SMTPServerDisconnected, smtplib.SMTPConnectError, smtplib.SMTPDataError,
                    smtplib.SMTPHeloError, socket.timeout, TimeoutError, ConnectionError, OSError)


class EmailChannel:
    def send(self, notification: Notification) -> None:
        message = EmailMessage(
            subject=notification.subject,
            body=notification.body,
            to=[notification.address],
            # One Message-ID per row: a resend after a crash mid-send is recognisable as the same mail.
            headers={"Message-ID": make_msgid(idstring=f"n{notification.pk}", domain=_domain())},
        )
        message.send(fail_silently=False)


class SiteChannel:
    """The in-site list is the row itself: written means delivered."""

    def send(self, notification: Notification) -> None:
        return None


CHANNELS = {Channel.EMAIL: EmailChannel(), Channel.SITE: SiteChannel()}


def _domain() -> str:
    return settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].strip("> ") or "sleepcall.local"
