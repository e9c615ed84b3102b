"""Password reset through the outbox: the e-mail leaves from the worker, in the person's own language."""

from __future__ import annotations

from django.contrib.auth.forms import PasswordResetForm
from django.urls import reverse

from notifications.models import Channel
from notifications.services import notify


class OutboxPasswordResetForm(PasswordResetForm):
    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email,
                  html_email_template_name=None) -> None:
        """Queue instead of sending inside the request: a hung mail relay never holds a web worker."""
        path = reverse("password_reset_confirm", kwargs={"uidb64": context["uid"], "token": context["token"]})
        url = f"{context['protocol']}://{context['domain']}{path}"
        user = context["user"]
        notify(
            to=user, event="password_reset", key=f"password_reset:{user.pk}:{context['token']}", url=url,
            secret=True, channels=[Channel.EMAIL], context={"email": to_email},
        )
